"""The demo events: two World Cafés and a faith-group training, loaded once."""

import io

import pytest

from hedgerow.accounts.demo import load_demo_partnership
from hedgerow.accounts.models import User
from hedgerow.audit.models import AuditEvent
from hedgerow.engagement.demo import load_demo_engagement
from hedgerow.engagement.demo_events import COORDINATOR, DEMO_EVENTS
from hedgerow.engagement.models import Event, EventKind, Insight
from hedgerow.geography.tests.factories import LsoaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_lsoas():
    """The real LSOAs the demo names, as small squares (the full load is slow)."""
    codes = {spec.lsoa for spec in DEMO_EVENTS} | {
        insight.lsoa for spec in DEMO_EVENTS for insight in spec.insights
    }
    return [LsoaFactory(code=code) for code in sorted(c for c in codes if c)]


def test_demo_events_load_once_with_insights(demo_lsoas):
    load_demo_partnership(io.StringIO())
    out = io.StringIO()

    load_demo_engagement(out)
    load_demo_engagement(out)

    assert "Demo events: 3 created, 0 already there" in out.getvalue()
    assert "Demo events: 0 created, 3 already there" in out.getvalue()
    kinds = sorted(Event.objects.values_list("kind", flat=True))
    assert kinds == [
        EventKind.AWARENESS_TRAINING,
        EventKind.WORLD_CAFE,
        EventKind.WORLD_CAFE,
    ]
    assert Insight.objects.count() == sum(len(spec.insights) for spec in DEMO_EVENTS)
    for event in Event.objects.all():
        assert event.lsoa is not None
        assert event.agencies.exists()
        assert event.facilitators.exists()
        counted = sum(event.age_bands.values_list("count", flat=True))
        assert 0 < counted <= event.attendance
        assert "Demonstration data" in event.summary
    # Every theme the demo names is in the catalogue, and some insights are not
    # to be quoted, so the quotable rule shows.
    themed = sum(1 for spec in DEMO_EVENTS for i in spec.insights if i.themes)
    assert Insight.objects.filter(themes__isnull=False).distinct().count() == themed
    assert Insight.objects.filter(is_quotable=False).exists()
    assert Insight.objects.filter(lsoa__isnull=False).exists()
    assert Event.objects.get(title__contains="Leeds").documents.count() == 1
    # Recorded through the services, so the trail shows the coordinator did it.
    coordinator = User.objects.get(email=COORDINATOR)
    assert (
        AuditEvent.objects.filter(
            target_type="engagement.insight", actor_id=coordinator.pk
        ).count()
        == Insight.objects.count()
    )


def test_demo_events_wait_for_the_partnership():
    out = io.StringIO()

    load_demo_engagement(out)

    assert "load the demo partnership first" in out.getvalue()
    assert not Event.objects.exists()


def test_demo_events_load_without_geography():
    load_demo_partnership(io.StringIO())

    load_demo_engagement(io.StringIO())

    assert Event.objects.count() == len(DEMO_EVENTS)
    assert not Event.objects.filter(lsoa__isnull=False).exists()
