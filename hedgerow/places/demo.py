"""The demo's places register: invented West Yorkshire premises partners worry about.

Every name and address is fictional. Each point is inside a real LSOA of the
shipped West Yorkshire geography (the LSOA code beside it is checked by a
test), so each place shows its neighbourhood and local authority.
"""

from dataclasses import dataclass
from typing import Any, Protocol

from django.db import transaction

from hedgerow.accounts.demo import CSP_TEAM, LICENSING, POLICE
from hedgerow.accounts.models import Agency, User
from hedgerow.geography.demo import demo_geography_loaded, load_demo_geography
from hedgerow.places.models import FlagKind, Place, PlaceKind, Visibility
from hedgerow.places.services import place_create, place_flag_raise

DEMO_LABEL = "hedgerow load_demo"
TRADING_STANDARDS = "West Yorkshire Trading Standards"
ENV_HEALTH = "Bradford Council Environmental Health"
PLANNING = "Kirklees Council Planning Enforcement"
HOUSING = "Wakefield District Housing"
# Who raises the demo flags: the published demo accounts, by agency.
FLAG_RAISERS = {
    POLICE: "officer@demo.hedgerow.test",
    LICENSING: "licensing@demo.hedgerow.test",
    CSP_TEAM: "coordinator@demo.hedgerow.test",
}


class Writer(Protocol):
    def write(self, msg: str) -> Any: ...


@dataclass(frozen=True)
class DemoPlace:
    """One demo place, the agency that recorded it, and its flags."""

    name: str
    address: str
    postcode: str
    kind: PlaceKind
    latitude: float
    longitude: float
    lsoa: str  # the LSOA the point falls in (checked by a test)
    agency: str
    # (kind, agency raising it, note, who can see it)
    flags: tuple[tuple[FlagKind, str, str, Visibility], ...] = ()
    visibility: Visibility = Visibility.PARTNERSHIP


P, A = Visibility.PARTNERSHIP, Visibility.AGENCY
DEMO_PLACES: tuple[DemoPlace, ...] = (
    DemoPlace(
        "Glamour Nails & Beauty",
        "Unit 3, Park Row Arcade\nLeeds",
        "LS1 5HN",
        PlaceKind.NAIL_BAR,
        53.80081,
        -1.55241,
        "E01033008",
        LICENSING,
        (
            (
                FlagKind.SUSPECTED_MODERN_SLAVERY,
                LICENSING,
                "Same four young women work every day 9am to 9pm; a man collects "
                "them in a van. Licensing visit found no employment records.",
                P,
            ),
        ),
    ),
    DemoPlace(
        "Eastside Hand Car Wash",
        "Former filling station, York Road\nLeeds",
        "LS14 6UF",
        PlaceKind.CAR_WASH,
        53.81181,
        -1.4853,
        "E01011339",
        POLICE,
        (
            (
                FlagKind.SUSPECTED_MODERN_SLAVERY,
                POLICE,
                "Workers without protective gear; some appear to live on site.",
                P,
            ),
            (FlagKind.STAFF_SAFETY, POLICE, "Dogs loose on the forecourt.", A),
        ),
    ),
    DemoPlace(
        "",
        "Flat 12, Moorview Court, Halton Moor Avenue\nLeeds",
        "LS9 0DW",
        PlaceKind.HOUSE_OR_FLAT,
        53.79701,
        -1.48013,
        "E01011616",
        POLICE,
        (
            (
                FlagKind.SUSPECTED_CUCKOOING,
                POLICE,
                "Tenant known to adult social care; constant visitors since March.",
                A,
            ),
            (FlagKind.VULNERABLE_OCCUPANT, POLICE, "", P),
        ),
    ),
    DemoPlace(
        "Golden Fry",
        "142 Town Street, Middleton\nLeeds",
        "LS10 3TJ",
        PlaceKind.TAKEAWAY,
        53.71953,
        -1.54238,
        "E01011537",
        LICENSING,
    ),
    DemoPlace(
        "Low Ings Farm",
        "Boston Road\nWetherby",
        "LS22 5HA",
        PlaceKind.FARM,
        53.90485,
        -1.36838,
        "E01011707",
        CSP_TEAM,
        (
            (
                FlagKind.SUSPECTED_EXPLOITATION,
                CSP_TEAM,
                "Seasonal pickers housed in caravans; gangmaster licence unclear.",
                P,
            ),
        ),
    ),
    DemoPlace(
        "",
        "27 Whetley Grove, Girlington\nBradford",
        "BD8 9HU",
        PlaceKind.HMO,
        53.79421,
        -1.80514,
        "E01010628",
        ENV_HEALTH,
    ),
    DemoPlace(
        "Pizza Palace",
        "318 Legrams Lane\nBradford",
        "BD7 2HB",
        PlaceKind.TAKEAWAY,
        53.78879,
        -1.81228,
        "E01010633",
        ENV_HEALTH,
    ),
    DemoPlace(
        "Idle Valet Centre",
        "Unit 7, Thackley Old Road\nBradford",
        "BD10 0TF",
        PlaceKind.CAR_WASH,
        53.82053,
        -1.72216,
        "E01010652",
        TRADING_STANDARDS,
    ),
    DemoPlace(
        "Hollin Top Farm",
        "Moor Lane, Addingham\nIlkley",
        "LS29 0QP",
        PlaceKind.FARM,
        53.93712,
        -1.90312,
        "E01010646",
        POLICE,
        (
            (
                FlagKind.WEAPONS,
                POLICE,
                "Shotgun certificate revoked; intelligence of unlicensed firearms.",
                A,
            ),
        ),
    ),
    DemoPlace(
        "Calder Trade Supplies",
        "Unit 14, Armytage Road Industrial Estate\nBrighouse",
        "HD6 1QF",
        PlaceKind.INDUSTRIAL,
        53.70633,
        -1.77748,
        "E01010878",
        TRADING_STANDARDS,
        (
            (
                FlagKind.ILLICIT_GOODS,
                CSP_TEAM,
                "Trading Standards seized counterfeit tobacco here in January.",
                P,
            ),
        ),
    ),
    DemoPlace(
        "The Fleece Inn",
        "Gibbet Street\nHalifax",
        "HX1 5BA",
        PlaceKind.LICENSED_PREMISES,
        53.73072,
        -1.88657,
        "E01010929",
        CSP_TEAM,
    ),
    DemoPlace(
        "Lindley Lodge Hotel",
        "Occupation Road, Lindley\nHuddersfield",
        "HD3 3EE",
        PlaceKind.HOTEL,
        53.64325,
        -1.85706,
        "E01011146",
        PLANNING,
        (
            (
                FlagKind.SUSPECTED_EXPLOITATION,
                POLICE,
                "Rooms booked by the hour by older men with teenage girls.",
                A,
            ),
        ),
    ),
    DemoPlace(
        "Meltham Mini Market",
        "9 Huddersfield Road, Meltham\nHolmfirth",
        "HD9 4AE",
        PlaceKind.SHOP,
        53.61065,
        -1.88347,
        "E01011071",
        TRADING_STANDARDS,
    ),
    DemoPlace(
        "Perfect Nails",
        "41 Station Road\nOssett",
        "WF5 8AY",
        PlaceKind.NAIL_BAR,
        53.66694,
        -1.58812,
        "E01011829",
        HOUSING,
    ),
    DemoPlace(
        "",
        "Recreation ground behind the community centre, Sharlston\nWakefield",
        "",
        PlaceKind.OPEN_SPACE,
        53.65537,
        -1.43034,
        "E01011765",
        HOUSING,
        (
            (
                FlagKind.SUSPECTED_DRUG_SUPPLY,
                POLICE,
                "Regular handovers by the pavilion after school hours.",
                P,
            ),
        ),
    ),
    DemoPlace(
        "",
        "5 Wakefield Road, Hemsworth\nPontefract",
        "WF9 4AB",
        PlaceKind.HOUSE_OR_FLAT,
        53.59423,
        -1.34356,
        "E01011864",
        HOUSING,
        visibility=Visibility.AGENCY,
    ),
)


def load_demo_places(stdout: Writer) -> None:
    """Create the demo places and their flags; places already there are left alone."""
    agencies = {a.name: a for a in Agency.objects.all()}
    missing = {spec.agency for spec in DEMO_PLACES} - agencies.keys()
    if missing:
        stdout.write(
            "Demo places skipped: load the demo partnership first "
            f"(missing {', '.join(sorted(missing))}).\n"
        )
        return
    if not demo_geography_loaded():
        load_demo_geography(stdout)
    raisers = {
        agency: User.objects.filter(email__iexact=email).first()
        for agency, email in FLAG_RAISERS.items()
    }
    created = sum(_place_ensure(spec, agencies, raisers) for spec in DEMO_PLACES)
    stdout.write(
        f"Demo places: {created} created, {len(DEMO_PLACES) - created} already there.\n"
    )


@transaction.atomic
def _place_ensure(
    spec: DemoPlace, agencies: dict[str, Agency], raisers: dict[str, User | None]
) -> bool:
    agency = agencies[spec.agency]
    if Place.objects.filter(agency=agency, address=spec.address).exists():
        return False
    place = place_create(
        user=None,
        agency=agency,
        actor_label=DEMO_LABEL,
        name=spec.name,
        address=spec.address,
        postcode=spec.postcode,
        kind=spec.kind,
        latitude=spec.latitude,
        longitude=spec.longitude,
        visibility=spec.visibility,
    )
    for kind, by, note, visibility in spec.flags:
        raiser = raisers.get(by)
        if raiser is not None:
            place_flag_raise(
                place=place, user=raiser, kind=kind, note=note, visibility=visibility
            )
    return True
