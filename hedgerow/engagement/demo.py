"""The demo partnership's community events, recorded as its coordinator would.

Each event in `demo_events.DEMO_EVENTS` goes in through the real services (so it
is validated and audited) unless an event of its title is already there; running
the demo again adds only what is missing. Agencies, staff, LSOAs and threats are
looked up by name, email, code and slug; any that are missing are left off.
"""

import datetime
from typing import Protocol

from django.db import transaction
from django.utils import timezone

from hedgerow.accounts.models import Agency, User
from hedgerow.engagement import services
from hedgerow.engagement.demo_events import COORDINATOR, DEMO_EVENTS, DemoEvent
from hedgerow.engagement.models import Event
from hedgerow.geography.models import Lsoa
from hedgerow.intelligence.models import Threat


class Writer(Protocol):
    def write(self, msg: str) -> object: ...


def load_demo_engagement(stdout: Writer) -> None:
    """Create the demo World Cafés and faith-group training, unless already there."""
    coordinator = User.objects.filter(email__iexact=COORDINATOR).first()
    if coordinator is None:
        stdout.write("Demo events skipped: load the demo partnership first.\n")
        return
    created = 0
    for spec in DEMO_EVENTS:
        if not Event.objects.filter(title=spec.title).exists():
            _event_record(spec, coordinator)
            created += 1
    insights = sum(len(spec.insights) for spec in DEMO_EVENTS)
    stdout.write(
        f"Demo events: {created} created, {len(DEMO_EVENTS) - created} already "
        f"there (two World Cafés and a faith-group training, {insights} insights; "
        "invented for the demo).\n"
    )


def _lsoas(spec: DemoEvent) -> dict[str, Lsoa]:
    codes = {spec.lsoa} | {i.lsoa for i in spec.insights if i.lsoa}
    return {lsoa.code: lsoa for lsoa in Lsoa.objects.filter(code__in=codes)}


@transaction.atomic  # the whole event or none of it, so a rerun can finish the job
def _event_record(spec: DemoEvent, coordinator: User) -> Event:
    lsoas = _lsoas(spec)
    event = services.event_create(
        user=coordinator,
        kind=spec.kind,
        title=spec.title,
        held_on=timezone.localdate() - datetime.timedelta(days=spec.days_ago),
        venue=spec.venue,
        lsoa=lsoas.get(spec.lsoa),
        agencies=list(Agency.objects.filter(name__in=spec.agencies)),
        facilitators=list(User.objects.filter(email__in=spec.facilitators)),
        other_facilitators=spec.other_facilitators,
        attendance=spec.attendance,
        summary=spec.summary,
    )
    services.event_attendance_set(event=event, user=coordinator, counts=spec.age_bands)
    threats = {threat.slug: threat for threat in Threat.objects.all()}
    for insight in spec.insights:
        services.insight_create(
            event=event,
            user=coordinator,
            table_label=insight.table,
            text=insight.text,
            themes=[threats[slug] for slug in insight.themes if slug in threats],
            lsoa=lsoas.get(insight.lsoa or ""),
            is_quotable=insight.quotable,
        )
    for name, text in spec.documents:
        services.event_document_add(
            event=event, user=coordinator, name=name, content=text.encode("utf-8")
        )
    return event
