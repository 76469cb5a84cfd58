"""Need to know: every triage and routing page × every role × own or other agency.

The table is written out, not derived from roles.py, so that any change in who can
open what makes this test fail until it is agreed. "Own" means the record belongs
to the signed-in person's agency (the report was routed to it, the copy was shared
with it); "other" means it belongs only to another agency. A record someone may not
see answers 404, so its existence is not revealed; a page their role may not open
at all answers 403.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import AgencyFactory, UserFactory
from hedgerow.intelligence.models import LawfulBasis, SharedReport
from hedgerow.intelligence.tests.factories import ReportFactory, RoutingRuleFactory
from hedgerow.intelligence.tests.triage_factories import (
    ReportPhotoFactory,
    routed_report,
)

pytestmark = pytest.mark.django_db

OFFICER, ANALYST = Role.OFFICER, Role.ANALYST
COORDINATOR, ADMINISTRATOR = Role.COORDINATOR, Role.ADMINISTRATOR

# Status for (officer, analyst, coordinator, administrator).
TRIAGE_OWN = (200, 403, 200, 403)
TRIAGE_OTHER = (404, 403, 404, 403)
# roles.py gives administrators ROUTING_MANAGE with every other non-report
# permission: they run the partnership's set-up. The unrouted list shows them a
# report's threat, area and age only, never what was reported.
ROUTING_MANAGERS = (403, 403, 200, 200)

# URL name, the record it takes, expected statuses for own agency, for other agency.
EXPECTED: list[tuple[str, str | None, tuple[int, ...], tuple[int, ...]]] = [
    ("triage:queue", None, TRIAGE_OWN, TRIAGE_OWN),
    ("triage:shared_list", None, TRIAGE_OWN, TRIAGE_OWN),
    ("triage:report_detail", "report", TRIAGE_OWN, TRIAGE_OTHER),
    ("triage:report_photo", "report_photo", TRIAGE_OWN, TRIAGE_OTHER),
    ("triage:report_grade", "report", TRIAGE_OWN, TRIAGE_OTHER),
    ("triage:report_assign", "report", TRIAGE_OWN, TRIAGE_OTHER),
    ("triage:report_place", "report", TRIAGE_OWN, TRIAGE_OTHER),
    ("triage:report_place_new", "report", TRIAGE_OWN, TRIAGE_OTHER),
    ("triage:report_duplicate", "report", TRIAGE_OWN, TRIAGE_OTHER),
    ("triage:report_question", "report", TRIAGE_OWN, TRIAGE_OTHER),
    ("triage:report_note", "report", TRIAGE_OWN, TRIAGE_OTHER),
    ("triage:report_close", "report", TRIAGE_OWN, TRIAGE_OTHER),
    ("triage:report_reopen", "report", TRIAGE_OWN, TRIAGE_OTHER),
    ("triage:share", "report", TRIAGE_OWN, TRIAGE_OTHER),
    ("triage:shared_detail", "shared", TRIAGE_OWN, TRIAGE_OTHER),
    ("triage:shared_photo", "shared_photo", TRIAGE_OWN, TRIAGE_OTHER),
    # Routing is partnership-wide: the agency makes no difference.
    ("triage:unrouted", None, ROUTING_MANAGERS, ROUTING_MANAGERS),
    ("triage:route_manually", "unrouted", ROUTING_MANAGERS, ROUTING_MANAGERS),
    ("routing:rule_list", None, ROUTING_MANAGERS, ROUTING_MANAGERS),
    ("routing:rule_create", None, ROUTING_MANAGERS, ROUTING_MANAGERS),
    ("routing:rule_test", None, ROUTING_MANAGERS, ROUTING_MANAGERS),
    ("routing:rule_edit", "rule", ROUTING_MANAGERS, ROUTING_MANAGERS),
    ("routing:rule_deactivate", "rule", ROUTING_MANAGERS, ROUTING_MANAGERS),
]
ROLES = (OFFICER, ANALYST, COORDINATOR, ADMINISTRATOR)


def _shared_with(agency, photo=True):
    """A copy shared with `agency` by another agency, with a photo."""
    sender = AgencyFactory()
    report = routed_report(sender)
    copy = SharedReport.objects.create(
        report=report,
        from_agency=sender,
        to_agency=agency,
        shared_by=UserFactory(agency=sender),
        shared_at=timezone.now(),
        purpose="Joint visit",
        lawful_basis=LawfulBasis.CDA_S115,
        location="Elm Street",
        when="Ongoing",
        summary="Busy at night",
        reference=f"SH-TEST-{copy_number()}",
    )
    if photo:
        copy.photos.add(ReportPhotoFactory(report=report))
    return copy


_counter = iter(range(1000, 10000))


def copy_number():
    return next(_counter)


def url_for(name, record, agency):
    """Build the URL, creating a record that belongs to `agency`."""
    builders = {
        None: list,
        "report": lambda: [routed_report(agency).reference],
        "report_photo": lambda: _photo_args(
            ReportPhotoFactory(report=routed_report(agency))
        ),
        "shared": lambda: [_shared_with(agency).reference],
        "shared_photo": lambda: _shared_photo_args(_shared_with(agency)),
        "unrouted": lambda: [ReportFactory().reference],
        "rule": lambda: [RoutingRuleFactory(agencies=[agency]).pk],
    }
    return reverse(name, args=builders[record]())


def _photo_args(photo):
    return [photo.report.reference, photo.pk]


def _shared_photo_args(copy):
    return [copy.reference, copy.photos.get().pk]


CASES = [
    pytest.param(
        (name, record, whose),
        role,
        statuses[ROLES.index(role)],
        id=f"{name}-{role}-{whose}",
    )
    for name, record, own, other in EXPECTED
    for whose, statuses in (("own", own), ("other", other))
    for role in ROLES
]


@pytest.mark.parametrize(("page", "role", "expected"), CASES)
def test_page_answers_each_role_by_need_to_know(staff_client, page, role, expected):
    name, record, whose = page
    client = staff_client(role)
    agency = client.user.agency if whose == "own" else AgencyFactory()

    response = client.get(url_for(name, record, agency))

    assert response.status_code == expected


@pytest.mark.parametrize(
    ("name", "record"), [row[:2] for row in EXPECTED], ids=[row[0] for row in EXPECTED]
)
def test_page_sends_anonymous_visitors_to_sign_in(client, name, record):
    response = client.get(url_for(name, record, AgencyFactory()))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize(
    ("role", "expected"), list(zip(ROLES, ROUTING_MANAGERS, strict=True))
)
def test_rule_reactivate_is_for_routing_managers_only(staff_client, role, expected):
    client = staff_client(role)
    rule = RoutingRuleFactory(agencies=[AgencyFactory()], is_active=False)

    response = client.post(reverse("routing:rule_reactivate", args=[rule.pk]))

    assert response.status_code == (302 if expected == 200 else 403)


def test_receiving_agency_sees_the_copy_but_never_the_report(staff_client):
    receiver = AgencyFactory()
    copy = _shared_with(receiver)
    partner = staff_client(OFFICER, agency=receiver)

    copy_page = partner.get(reverse("triage:shared_detail", args=[copy.reference]))
    original = partner.get(
        reverse("triage:report_detail", args=[copy.report.reference])
    )

    assert copy_page.status_code == 200
    assert original.status_code == 404
