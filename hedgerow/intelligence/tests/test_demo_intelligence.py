"""The demo partnership's living queue: reports in every state, routed by real rules."""

from io import StringIO

import pytest
from django.core.management import call_command

from hedgerow.intelligence.demo_reports import DEMO_REPORTS
from hedgerow.intelligence.models import Message, Report, RoutingRule, SharedReport
from hedgerow.intelligence.models.reports import MessageKind, Status

pytestmark = pytest.mark.django_db


def test_demo_loads_a_living_queue_once():
    out = StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=out)

    assert Report.objects.count() == len(DEMO_REPORTS)
    statuses = set(Report.objects.values_list("status", flat=True))
    assert statuses == {Status.NEW, Status.IN_PROGRESS, Status.CLOSED}
    assert Report.objects.filter(duplicate_of__isnull=False).exists()
    assert Report.objects.filter(assigned_to__isnull=False).exists()
    assert Message.objects.filter(kind=MessageKind.ANSWER).exists()
    assert SharedReport.objects.filter(to_agency__name__contains="Licensing").exists()
    # Every report reached an agency, and those with a map pin have their LSOA.
    assert not Report.objects.filter(routings=None).exists()
    assert not Report.objects.filter(latitude__isnull=False, lsoa=None).exists()
    assert RoutingRule.objects.filter(is_fallback=True, is_active=True).exists()
    assert "Demo reports: already there" in out.getvalue()
