"""The demo partnership's community events: two World Cafés and a faith-group session.

Every event, count and insight here is invented for the demo; the summaries say
so. Their shape follows the strengths-based World Cafés and participatory
budgeting that MutualGain ran with neighbourhood policing teams in Gwent and
Merseyside (2018–19): residents move between tables, talk about what worries
them and what is already good, and hosts write down what was said. LSOAs are real
West Yorkshire ones; venues are described, never named, and no insight names a
person or an address.
"""

from dataclasses import dataclass, field

from hedgerow.accounts.demo import CSP_TEAM, POLICE
from hedgerow.engagement.models import EventKind

COORDINATOR = "coordinator@demo.hedgerow.test"
ANALYST = "analyst@demo.hedgerow.test"
OFFICER = "officer@demo.hedgerow.test"
DEMO_NOTE = (
    "Demonstration data, invented for the Hedgerow demo: the attendance, age bands "
    "and insights are not from a real event."
)


@dataclass(frozen=True)
class DemoInsight:
    """What one table said: threat slugs, the LSOA it concerns, whether to quote."""

    table: str
    text: str
    themes: tuple[str, ...]
    lsoa: str | None
    quotable: bool = True


@dataclass(frozen=True)
class DemoEvent:
    """One demo event, `days_ago` days before the demo is loaded."""

    kind: str
    title: str
    days_ago: int
    venue: str
    lsoa: str
    agencies: tuple[str, ...]
    facilitators: tuple[str, ...]
    other_facilitators: str
    attendance: int
    age_bands: dict[str, int]
    summary: str
    insights: tuple[DemoInsight, ...]
    documents: tuple[tuple[str, str], ...] = field(default=())


TABLE_HOST_BRIEFING = """Table host briefing (demonstration document)

1. Welcome people to your table and explain that what they say is written down
   without their names.
2. Ask the round's question, listen, and write what is said in people's own words.
3. Ask before the end whether the table is happy for a comment to be quoted.
4. Never write the name of a resident, or of anyone they talk about.
5. If someone tells you about a child or adult at risk, speak to the police
   officer in the room before they leave.
"""

LEEDS_CAFE = DemoEvent(
    kind=EventKind.WORLD_CAFE,
    title="Community World Café: keeping our estate safe (Leeds)",
    days_ago=75,
    venue="Community centre on the estate (demo venue)",
    lsoa="E01011264",
    agencies=(CSP_TEAM, POLICE, "Leeds Adult Social Care Safeguarding"),
    facilitators=(COORDINATOR, OFFICER),
    other_facilitators="Four table hosts from the residents' association",
    attendance=48,
    age_bands={"16_24": 7, "25_44": 15, "45_64": 14, "65_plus": 9, "unknown": 3},
    summary=(
        f"{DEMO_NOTE} Three rounds: what worries you about crime here, what is "
        "already good about the estate, and what we could do together."
    ),
    insights=(
        DemoInsight(
            "Table 1",
            "Young lads on bikes going in and out of the flats behind the shops at "
            "all hours. People know what it is, but nobody wants to be the one who "
            "says.",
            ("county-lines", "child-criminal-exploitation"),
            "E01011264",
        ),
        DemoInsight(
            "Table 1",
            "An older neighbour has had new friends staying for weeks and she looks "
            "frightened. We think they have taken over her flat.",
            ("county-lines",),
            "E01011269",
            quotable=False,
        ),
        DemoInsight(
            "Table 2",
            "The hand car wash on the main road: the same men are there from seven "
            "in the morning until late at night, and they never seem to go home.",
            ("modern-slavery",),
            "E01011276",
        ),
        DemoInsight(
            "Table 2",
            "If the police came to our coffee morning and not just the public "
            "meeting, more of us would talk to them.",
            (),
            "E01011264",
        ),
        DemoInsight(
            "Table 3",
            "Cheap cigarettes and vodka are sold from the back of a shop, and the "
            "kids can get them too.",
            ("illicit-goods",),
            "E01011269",
        ),
        DemoInsight(
            "Table 3",
            "Parents do not know the signs. A session at the school gate would reach "
            "more of us than a leaflet.",
            ("child-criminal-exploitation",),
            "E01011264",
        ),
        DemoInsight(
            "Table 4",
            "My mum nearly paid a man who said he was from the bank. Older people "
            "need to hear about scams from someone they trust.",
            ("fraud-and-scams",),
            None,
        ),
    ),
    documents=(("Table host briefing.txt", TABLE_HOST_BRIEFING),),
)

WAKEFIELD_CAFE = DemoEvent(
    kind=EventKind.WORLD_CAFE,
    title="Community World Café: our neighbourhood, our say (Wakefield)",
    days_ago=40,
    venue="Church hall near the shops (demo venue)",
    lsoa="E01011765",
    agencies=(CSP_TEAM, POLICE, "Wakefield District Housing"),
    facilitators=(COORDINATOR, ANALYST),
    other_facilitators="Three volunteers from the tenants' panel",
    attendance=37,
    age_bands={"16_24": 4, "25_44": 11, "45_64": 12, "65_plus": 6},
    summary=(
        f"{DEMO_NOTE} Planned with the housing provider's tenants' panel, who "
        "hosted tables and want to run the next one."
    ),
    insights=(
        DemoInsight(
            "Table 1",
            "Since new people moved into the maisonettes there are needles in the "
            "stairwell and a smell of cannabis. The housing officer is the one we "
            "would tell.",
            ("county-lines",),
            "E01011765",
        ),
        DemoInsight(
            "Table 1",
            "Kids as young as twelve are given new trainers and phones by older "
            "lads. Then they owe them.",
            ("child-criminal-exploitation", "county-lines"),
            "E01011766",
        ),
        DemoInsight(
            "Table 2",
            "A van picks up a group of men from a house on the corner every morning "
            "at five. They look exhausted.",
            ("modern-slavery",),
            "E01011767",
        ),
        DemoInsight(
            "Table 2",
            "People are scared of reprisals. A way to tell someone anonymously, that "
            "still tells you what happened next, would make a difference.",
            (),
            None,
        ),
        DemoInsight(
            "Table 3",
            "Someone was showing off a knife in a video on the estate group chat. "
            "The young ones think you need one to be safe.",
            ("firearms-and-weapons",),
            "E01011765",
        ),
        DemoInsight(
            "Table 3",
            "The tenants' panel could run the next one of these. We know who to "
            "invite.",
            (),
            "E01011765",
        ),
    ),
)

FAITH_TRAINING = DemoEvent(
    kind=EventKind.AWARENESS_TRAINING,
    title="Faith-group awareness training: spotting exploitation (Bradford)",
    days_ago=20,
    venue="Community room of a faith centre (demo venue)",
    lsoa="E01010568",
    agencies=(CSP_TEAM, POLICE, "West Yorkshire Trading Standards"),
    facilitators=(COORDINATOR,),
    other_facilitators="Two volunteers from the faith centre's welfare committee",
    attendance=24,
    age_bands={"25_44": 9, "45_64": 10, "65_plus": 5},
    summary=(
        f"{DEMO_NOTE} A session for members of a faith community on the warning "
        "signs of exploitation, modern slavery and scams, and where to take a "
        "worry."
    ),
    insights=(
        DemoInsight(
            "Group discussion",
            "People who come to us are offered jobs that come with a room. Some "
            "have no papers and will never go to the police.",
            ("modern-slavery",),
            "E01010568",
        ),
        DemoInsight(
            "Group discussion",
            "Families have lost savings to callers claiming to be from the tax "
            "office. Our elders are ashamed to say so.",
            ("fraud-and-scams",),
            "E01010569",
        ),
        DemoInsight(
            "Group discussion",
            "Young men are being asked to let their bank accounts be used, as a "
            "favour.",
            ("money-laundering",),
            "E01010568",
        ),
        DemoInsight(
            "Questions at the end",
            "Knowing the welfare committee can pass a worry on without giving names "
            "would help people come forward.",
            (),
            None,
        ),
    ),
)

DEMO_EVENTS: tuple[DemoEvent, ...] = (LEEDS_CAFE, WAKEFIELD_CAFE, FAITH_TRAINING)
