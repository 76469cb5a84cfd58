"""The demo partnership's routing rules and a living report queue.

Reports go in through the same service as a resident's (`report_submit`), then the
demo police officer works them through triage with the real services, so every state
a newcomer meets (new, overdue, graded, assigned, asked, answered, shared, duplicate,
closed) was reached the way a partner would reach it. Submission times are then set
back to the scenario's day, so ages and overdue flags look as they would.
"""

from datetime import timedelta
from functools import partial
from typing import Protocol

from django.db import transaction
from django.utils import timezone
from django_otp.middleware import is_verified
from django_otp.plugins.otp_totp.models import TOTPDevice
from shapely.geometry import shape

from hedgerow.accounts.demo import CSP_TEAM, LICENSING, POLICE
from hedgerow.accounts.models import Agency, User
from hedgerow.geography.models import Lsoa
from hedgerow.intelligence.demo_reports import (
    CALDERDALE,
    DEMO_REPORTS,
    LEEDS,
    DemoReport,
)
from hedgerow.intelligence.models import (
    AreaKind,
    Outcome,
    Report,
    RoutingRule,
    Threat,
)
from hedgerow.intelligence.models.reports import LawfulBasis, LocationKind, WhenKind
from hedgerow.intelligence.services.follow_up import question_answer
from hedgerow.intelligence.services.sharing import report_share, sanitised_draft
from hedgerow.intelligence.services.submission import ReportAnswers, report_submit
from hedgerow.intelligence.services.triage import (
    report_assign,
    report_close,
    report_grade,
    report_mark_duplicate,
    report_place_link,
    report_question_ask,
)
from hedgerow.places.models import Place, PlaceKind

CHILDREN = "Calderdale Children's Safeguarding"
ADULTS = "Leeds Adult Social Care Safeguarding"
TRADING_STANDARDS = "West Yorkshire Trading Standards"

# (name, threat slug or None for any, area kind, area codes, agencies, fallback)
DEMO_RULES: tuple[tuple[str, str | None, str, list[str], list[str], bool], ...] = (
    (
        "County lines and cuckooing: police and the CSP team",
        "county-lines",
        AreaKind.ANYWHERE,
        [],
        [POLICE, CSP_TEAM],
        False,
    ),
    (
        "Modern slavery: police",
        "modern-slavery",
        AreaKind.ANYWHERE,
        [],
        [POLICE],
        False,
    ),
    (
        "Modern slavery in Leeds: adult safeguarding",
        "modern-slavery",
        AreaKind.LOCAL_AUTHORITY,
        [LEEDS],
        [ADULTS],
        False,
    ),
    (
        "Child sexual exploitation in Calderdale: police and children's safeguarding",
        "child-sexual-exploitation",
        AreaKind.LOCAL_AUTHORITY,
        [CALDERDALE],
        [POLICE, CHILDREN],
        False,
    ),
    (
        "Child criminal exploitation in Calderdale: police and children's safeguarding",
        "child-criminal-exploitation",
        AreaKind.LOCAL_AUTHORITY,
        [CALDERDALE],
        [POLICE, CHILDREN],
        False,
    ),
    (
        "Illicit goods: trading standards and police",
        "illicit-goods",
        AreaKind.ANYWHERE,
        [],
        [TRADING_STANDARDS, POLICE],
        False,
    ),
    (
        "Fraud and scams: police and trading standards",
        "fraud-and-scams",
        AreaKind.ANYWHERE,
        [],
        [POLICE, TRADING_STANDARDS],
        False,
    ),
    (
        "Everything else: police and the CSP team",
        None,
        AreaKind.ANYWHERE,
        [],
        [POLICE, CSP_TEAM],
        True,
    ),
)
DEMO_OFFICER = "officer@demo.hedgerow.test"
DEMO_MARKER = DEMO_REPORTS[0].description
CLOSING_OUTCOMES = (
    Outcome.ACTIONED,
    Outcome.INTELLIGENCE_RECORDED,
    Outcome.SAFEGUARDING_REFERRAL,
    Outcome.NO_FURTHER_ACTION,
)
PLACE_WORDS = {
    "car wash": PlaceKind.CAR_WASH,
    "nail bar": PlaceKind.NAIL_BAR,
    "takeaway": PlaceKind.TAKEAWAY,
    "farm": PlaceKind.FARM,
    "hotel": PlaceKind.HOTEL,
}


class Writer(Protocol):
    def write(self, msg: str) -> object: ...


@transaction.atomic  # all the demo reports or none, so a rerun can finish the job
def load_demo_intelligence(stdout: Writer) -> None:
    """Create the demo routing rules and reports, unless they are already there."""
    agencies = {agency.name: agency for agency in Agency.objects.all()}
    officer = User.objects.filter(email__iexact=DEMO_OFFICER).first()
    if officer is None or POLICE not in agencies or not Lsoa.objects.exists():
        stdout.write(
            "Demo reports skipped: load the partnership and geography first.\n"
        )
        return
    # Act as the officer signed in with both factors, as the triage pages would.
    officer.otp_device = TOTPDevice.objects.filter(user=officer).first()  # type: ignore[attr-defined]
    officer.is_verified = partial(is_verified, officer)  # type: ignore[attr-defined]
    rules = _rules_ensure(agencies)
    if Report.objects.filter(description=DEMO_MARKER).exists():
        stdout.write(f"Demo reports: already there; {rules} routing rules.\n")
        return
    first_of_threat: dict[str | None, Report] = {}
    for index, spec in enumerate(DEMO_REPORTS):
        report = _report_submit(spec, index)
        _work(
            report=report,
            spec=spec,
            index=index,
            officer=officer,
            agencies=agencies,
            first_of_threat=first_of_threat,
        )
        first_of_threat.setdefault(spec.threat, report)
    stdout.write(
        f"Demo reports: {len(DEMO_REPORTS)} in every state of triage; "
        f"{rules} routing rules.\n"
    )


def _rules_ensure(agencies: dict[str, Agency]) -> int:
    for name, slug, area_kind, codes, agency_names, fallback in DEMO_RULES:
        if RoutingRule.objects.filter(name=name).exists():
            continue
        rule = RoutingRule.objects.create(
            name=name,
            threat=Threat.objects.filter(slug=slug).first() if slug else None,
            area_kind=area_kind,
            area_codes=codes,
            is_fallback=fallback,
        )
        rule.agencies.set([agencies[n] for n in agency_names if n in agencies])
    return RoutingRule.objects.count()


def _report_submit(spec: DemoReport, index: int) -> Report:
    threat = Threat.objects.filter(slug=spec.threat).first() if spec.threat else None
    signs = list(threat.signs.filter(is_published=True)[: spec.signs]) if threat else []
    latitude = longitude = None
    if not spec.online:
        lsoas = Lsoa.objects.filter(local_authority_code=spec.local_authority)
        lsoa = lsoas.order_by("code")[(index * 37) % max(lsoas.count(), 1)]
        point = shape(lsoa.boundary).representative_point()
        longitude, latitude = round(point.x, 5), round(point.y, 5)
    answers = ReportAnswers(
        threat=threat,
        signs=signs,
        location_kind=LocationKind.ONLINE if spec.online else LocationKind.PLACE,
        location_description=spec.location,
        latitude=latitude,
        longitude=longitude,
        when_kind=WhenKind.ONGOING if index % 3 else WhenKind.DATE,
        occurred_on=(timezone.localdate() - timedelta(days=spec.days_ago + 1))
        if not index % 3
        else None,
        description=spec.description,
        contact_consent=spec.contact,
        contact_name="Demo resident" if spec.contact else "",
        contact_phone="07700 900123" if spec.contact else "",  # Ofcom drama range
    )
    report = report_submit(answers=answers).report
    submitted = timezone.now() - timedelta(days=spec.days_ago, hours=index % 7 + 2)
    Report.objects.filter(pk=report.pk).update(submitted_at=submitted)
    report.submitted_at = submitted
    return report


@transaction.atomic
def _work(
    *,
    report: Report,
    spec: DemoReport,
    index: int,
    officer: User,
    agencies: dict[str, Agency],
    first_of_threat: dict[str | None, Report],
) -> None:
    """Take the report through triage to the scenario's state, as the officer."""
    if spec.state in {"new", "overdue"}:
        return
    if spec.state == "duplicate" and spec.threat in first_of_threat:
        original = first_of_threat[spec.threat]
        report_mark_duplicate(
            report=report, by=officer, original_reference=original.reference
        )
        return
    report_grade(
        report=report,
        by=officer,
        priority=("P1", "P2", "P3", "P4")[index % 4],
        risk=("red", "amber", "amber", "green")[index % 4],
        risk_to_life=False,
    )
    Report.objects.filter(pk=report.pk).update(
        triaged_at=report.submitted_at + timedelta(hours=20)
    )
    place = _matching_place(spec)
    if place is not None:
        report_place_link(report=report, place=place, by=officer)
    if spec.state == "assigned":
        report_assign(report=report, by=officer, officer=officer)
    elif spec.state in {"asked", "answered"}:
        question = report_question_ask(
            report=report,
            by=officer,
            text="Thank you. Roughly what time of day do you see this happening?",
        )
        if spec.state == "answered":
            question_answer(
                question=question,
                text="Mostly after 10pm, and again early in the morning around 6.",
            )
    elif spec.state == "shared" and LICENSING in agencies:
        draft = sanitised_draft(report)
        report_share(
            report=report,
            by=officer,
            to_agency=agencies[LICENSING],
            purpose="Premises licence review: possible exploitation linked to the "
            "premises",
            lawful_basis=LawfulBasis.CDA_S115,
            location=draft.location,
            when=draft.when,
            summary=draft.summary,
        )
    elif spec.state == "closed":
        report_close(
            report=report,
            by=officer,
            outcome=CLOSING_OUTCOMES[index % len(CLOSING_OUTCOMES)],
            note="Demo: closed after review.",
        )


def _matching_place(spec: DemoReport) -> Place | None:
    """A demo place of the kind the report describes, in the same district."""
    text = spec.location.lower()
    for word, kind in PLACE_WORDS.items():
        if word in text:
            return (
                Place.objects.filter(
                    kind=kind, lsoa__local_authority_code=spec.local_authority
                )
                .order_by("pk")
                .first()
            )
    return None
