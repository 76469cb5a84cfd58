"""What a partnership has before its first report: geography, catalogue, rules.

Import only after django.setup(). West Yorkshire's LSOAs are loaded from the
copy shipped in the repository, so every report is placed in its neighbourhood
as in a real installation. The shipped catalogue arrives with the migrations;
where it has not, a threat with signs is made here. Reports are routed by a rule
for Leeds and, everywhere else, by a fallback rule.
"""

import io

from bench.intake.load import CatalogueThreat
from hedgerow.accounts.models import Agency, AgencyKind
from hedgerow.geography.models import Lsoa
from hedgerow.intelligence.models import AreaKind, RoutingRule, Threat, WarningSign
from hedgerow.intelligence.models.reports import Channel, Report


def catalogue_seed() -> list[CatalogueThreat]:
    """Make sure there is something to report and somewhere for it to go."""
    if not _published_threats():
        threat = Threat.objects.create(
            slug="county-lines",
            texts={"en": {"name": "County lines and cuckooing", "summary": "…"}},
        )
        for n, text in enumerate(
            [
                "Young people coming and going at all hours",
                "A vulnerable neighbour with new 'friends' staying",
                "Different cars stopping briefly outside",
                "Windows covered or curtains always closed",
            ]
        ):
            WarningSign.objects.create(
                threat=threat, slug=f"sign-{n}", texts={"en": text}, order=n
            )
    police, _created = Agency.objects.get_or_create(
        name="West Yorkshire Police (benchmark)", defaults={"kind": AgencyKind.POLICE}
    )
    if not RoutingRule.objects.filter(is_fallback=True, is_active=True).exists():
        rule = RoutingRule.objects.create(name="Everything else", is_fallback=True)
        rule.agencies.set([police])
    council, _created = Agency.objects.get_or_create(
        name="Leeds City Council (benchmark)",
        defaults={"kind": AgencyKind.TRADING_STANDARDS},
    )
    leeds = RoutingRule.objects.create(
        name="Leeds", area_kind=AreaKind.LOCAL_AUTHORITY, area_codes=["E08000035"]
    )
    leeds.agencies.set([police, council])
    return _published_threats()


def geography_seed() -> int:
    """Load West Yorkshire's LSOAs, if this tree ships them; how many there are."""
    try:
        from hedgerow.geography.demo import load_demo_geography  # noqa: PLC0415
    except ImportError:
        return 0
    load_demo_geography(io.StringIO())
    return Lsoa.objects.count()


def _published_threats() -> list[CatalogueThreat]:
    threats = Threat.objects.filter(is_published=True).prefetch_related("signs")
    return [
        CatalogueThreat(
            slug=threat.slug,
            signs=tuple(s.slug for s in threat.signs.all() if s.is_published),
        )
        for threat in threats
        if any(s.is_published for s in threat.signs.all())
    ]


def open311_references() -> set[str]:
    """The references of every report stored through Open311."""
    return set(
        Report.objects.filter(channel=Channel.OPEN311).values_list(
            "reference", flat=True
        )
    )
