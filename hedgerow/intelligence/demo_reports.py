"""The demo partnership's reports: realistic concerns a West Yorkshire CSP receives.

Every one is invented. Places are described the way residents describe them, with
no house numbers or names of real people; points fall inside real LSOAs of the
local authority named, so routing, the places register and the maps behave as
they would with real reports.
"""

from dataclasses import dataclass

LEEDS, BRADFORD, CALDERDALE, KIRKLEES, WAKEFIELD = (
    "E08000035",
    "E08000032",
    "E08000033",
    "E08000034",
    "E08000036",
)


@dataclass(frozen=True)
class DemoReport:
    """One demo report and the triage state it should be left in.

    `state` is one of: new, overdue, graded, assigned, asked, answered, shared,
    duplicate, closed. `signs` is how many of the threat's signs were ticked.
    """

    threat: str | None
    signs: int
    local_authority: str
    location: str
    description: str
    days_ago: int
    state: str
    online: bool = False
    contact: bool = False


DEMO_REPORTS: tuple[DemoReport, ...] = (
    DemoReport(
        "county-lines",
        4,
        LEEDS,
        "Ground-floor flat in the low-rise block behind the parade of shops",
        "Lots of different young lads going in and out of the flat at all hours, "
        "some on bikes, only staying a few minutes. The man who lives there used to "
        "chat to everyone but we have not seen him for about three weeks.",
        1,
        "new",
    ),
    DemoReport(
        "county-lines",
        5,
        BRADFORD,
        "Bus station, the benches by the toilets",
        "Two boys who look about 14 have been here every afternoon this week in "
        "school hours. One had two phones and kept answering them. An older man in "
        "a grey car picks them up around 6pm.",
        5,
        "overdue",
    ),
    DemoReport(
        "county-lines",
        3,
        WAKEFIELD,
        "Maisonette on the estate near the community centre",
        "Since the new visitors started coming there is needles and little bags "
        "in the stairwell and a strong smell of cannabis. The lady who lives there "
        "looks frightened and keeps her curtains shut all day.",
        9,
        "graded",
    ),
    DemoReport(
        "county-lines",
        6,
        LEEDS,
        "Flats off the main road, second block",
        "Same flat as I reported before. Now there are taxis dropping people off "
        "late at night and money being handed over at the door.",
        3,
        "duplicate",
    ),
    DemoReport(
        "county-lines",
        4,
        KIRKLEES,
        "Terraced house near the railway bridge",
        "A young woman with a learning disability lives there on her own. Since "
        "the summer a group of men from out of town have been staying and she "
        "looks thin and scared. Her carer has stopped coming.",
        12,
        "shared",
        contact=True,
    ),
    DemoReport(
        "modern-slavery",
        5,
        LEEDS,
        "Hand car wash on the ring road, by the old petrol station",
        "Six or seven men working in the rain with no gloves or boots. The same man "
        "takes all the money. There is a caravan at the back and I think they "
        "sleep there. Never see them arrive or leave.",
        2,
        "new",
    ),
    DemoReport(
        "modern-slavery",
        4,
        BRADFORD,
        "Nail bar on the high street",
        "The girls working there barely speak and look exhausted. An older woman "
        "does all the talking and takes payment. Lights are on very late and I "
        "think some of them live upstairs.",
        8,
        "assigned",
    ),
    DemoReport(
        "modern-slavery",
        3,
        WAKEFIELD,
        "Farm shop and packing sheds outside the village",
        "Minibus drops a group of workers at 5am and collects them after dark, "
        "seven days a week. They never come into the village shop. One of them "
        "asked me for food.",
        20,
        "asked",
    ),
    DemoReport(
        "modern-slavery",
        4,
        CALDERDALE,
        "House converted into flats on the hill above the town centre",
        "Up to a dozen men living in one house, mattresses visible through the "
        "windows, windows covered with foil. A van takes them to work every day.",
        26,
        "answered",
    ),
    DemoReport(
        "child-sexual-exploitation",
        4,
        CALDERDALE,
        "Hotel near the motorway junction",
        "A girl in school uniform went up to a room with two older men. Staff said "
        "it happens most weekends and the room is always booked in cash.",
        1,
        "new",
    ),
    DemoReport(
        "child-sexual-exploitation",
        3,
        LEEDS,
        "Takeaway on the corner by the park",
        "Young girls hanging around the back of the takeaway late at night. Men in "
        "cars give them alcohol and lifts. One girl had a new phone and lots of "
        "cash.",
        6,
        "graded",
    ),
    DemoReport(
        "child-criminal-exploitation",
        4,
        BRADFORD,
        "Outside the secondary school gates",
        "Older lads in a car waiting for a group of Year 9 boys every day. The boys "
        "have new trainers and designer coats and one has a knife, his friends say.",
        4,
        "shared",
    ),
    DemoReport(
        "child-criminal-exploitation",
        3,
        KIRKLEES,
        "Park with the skate ramp",
        "Boy about 13 who goes missing from home for days. He came back with "
        "train tickets to the coast and was very scared when his phone rang.",
        30,
        "closed",
    ),
    DemoReport(
        "fraud-and-scams",
        3,
        WAKEFIELD,
        "My elderly neighbour's bungalow",
        "Men knocking on her door saying her roof needs urgent work, then driving "
        "her to the bank to take out cash. They have been three times now.",
        2,
        "assigned",
        contact=True,
    ),
    DemoReport(
        "fraud-and-scams",
        2,
        LEEDS,
        "",
        "Text messages pretending to be from the council saying I have a council "
        "tax refund and need to enter my card details on a website.",
        14,
        "closed",
        online=True,
    ),
    DemoReport(
        "illicit-goods",
        4,
        BRADFORD,
        "Convenience store opposite the mosque",
        "Selling cigarettes for £5 a packet from under the counter. The packets "
        "have foreign writing and no picture warnings. Kids buy single cigarettes.",
        3,
        "graded",
    ),
    DemoReport(
        "illicit-goods",
        3,
        KIRKLEES,
        "Mini market on the main road",
        "Vodka at half the price of the supermarket, labels look wrong and spelt "
        "badly. Delivery comes in an unmarked van at night.",
        18,
        "shared",
    ),
    DemoReport(
        "firearms-and-weapons",
        2,
        LEEDS,
        "Alley behind the shops",
        "Saw a young man hide something heavy wrapped in a cloth behind the bins, "
        "then come back for it an hour later with two others.",
        0,
        "new",
    ),
    DemoReport(
        "firearms-and-weapons",
        3,
        BRADFORD,
        "Flat above the barbers",
        "Heard what sounded like a gunshot at 2am and men shouting. A car with no "
        "number plates drove off fast.",
        7,
        "graded",
    ),
    DemoReport(
        "cyber-crime",
        3,
        CALDERDALE,
        "",
        "Someone is messaging teenagers in a local gaming group, offering money to "
        "let him use their bank accounts.",
        5,
        "asked",
        online=True,
    ),
    DemoReport(
        "organised-theft-and-rural-crime",
        3,
        WAKEFIELD,
        "Farm tracks off the lane towards the reservoir",
        "Same white pickup driving slowly past farms at night with its lights off. "
        "Two quad bikes and a trailer were stolen from the next farm last month.",
        4,
        "new",
    ),
    DemoReport(
        "organised-theft-and-rural-crime",
        4,
        KIRKLEES,
        "Industrial units by the canal",
        "Vans coming and going at night loading catalytic converters and car parts. "
        "Number plates changed on the same vans.",
        22,
        "closed",
    ),
    DemoReport(
        "money-laundering",
        4,
        LEEDS,
        "New barber shop on the high street",
        "Third barbers on the same street, never any customers, but open long hours "
        "and very expensive cars parked outside. Paid the shop's year's rent in "
        "cash, the landlord says.",
        10,
        "assigned",
    ),
    DemoReport(
        "money-laundering",
        3,
        BRADFORD,
        "Car wash and tyre shop by the retail park",
        "Hardly any cars washed but the owners have bought two more units this year "
        "and pay everything in cash.",
        40,
        "closed",
    ),
    DemoReport(
        None,
        0,
        LEEDS,
        "Derelict pub on the corner",
        "Not sure what is going on. People climbing in through the back at night "
        "carrying bags and there is a light on inside. Could be nothing.",
        2,
        "new",
    ),
    DemoReport(
        None,
        0,
        CALDERDALE,
        "Bridge over the river by the mill",
        "A man asked my son (15) to carry a bag across town for £50. My son said no "
        "but the man has been back twice.",
        6,
        "overdue",
        contact=True,
    ),
    DemoReport(
        "county-lines",
        2,
        BRADFORD,
        "Block of flats by the ring road",
        "Lads dealing from the stairwell, people queueing. Has been going on for "
        "months.",
        35,
        "closed",
    ),
    DemoReport(
        "modern-slavery",
        2,
        KIRKLEES,
        "Takeaway kitchen on the parade",
        "Kitchen staff sleep in the storeroom; the owner holds their passports, one "
        "of them told my daughter.",
        1,
        "new",
    ),
    DemoReport(
        "fraud-and-scams",
        2,
        CALDERDALE,
        "",
        "Fake online shop selling parcels of 'cheap' designer trainers, advertised "
        "on a local selling group; my friend paid and got nothing.",
        9,
        "graded",
        online=True,
    ),
    DemoReport(
        "child-sexual-exploitation",
        2,
        WAKEFIELD,
        "Car park behind the leisure centre",
        "Car parks up every evening, young girls get in and out, the driver is a "
        "much older man.",
        3,
        "overdue",
    ),
)
