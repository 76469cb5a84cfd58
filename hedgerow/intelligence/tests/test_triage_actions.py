"""What officers do to a report: grade, assign, place, duplicate, ask, note, close."""

import pytest
from django.urls import reverse

from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import AgencyFactory, UserFactory
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.intelligence.models import (
    Message,
    MessageKind,
    Outcome,
    Priority,
    Risk,
    Status,
)
from hedgerow.intelligence.services.triage import (
    DUPLICATE_CYCLE,
    DUPLICATE_NOT_FOUND,
    DUPLICATE_OF_ITSELF,
)
from hedgerow.intelligence.tests.triage_factories import PlaceFactory, routed_report
from hedgerow.places.models import Place, Visibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return AgencyFactory()


@pytest.fixture
def officer(staff_client, agency):
    return staff_client(Role.OFFICER, agency=agency)


@pytest.fixture
def report(agency):
    return routed_report(agency)


def act(client, report, action, data=None):
    url = reverse(f"triage:report_{action}", args=[report.reference])
    return client.post(url, data or {})


def updates(report):
    return AuditEvent.objects.filter(
        action=Action.UPDATE,
        target_type="intelligence.report",
        target_id=str(report.pk),
    )


# --- Grade ---------------------------------------------------------------------


def test_grade_sets_priority_risk_and_moves_to_in_progress(officer, report):
    response = act(officer, report, "grade", {"priority": "P2", "risk": "amber"})

    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.priority, report.risk) == (Priority.P2, Risk.AMBER)
    assert report.status == Status.IN_PROGRESS
    assert report.triaged_at is not None
    changes = updates(report).get().detail["changes"]
    assert changes["priority"] == ["", "P2"]
    assert changes["status"] == ["new", "in_progress"]


def test_grade_keeps_first_triage_time_when_regraded(officer, report):
    act(officer, report, "grade", {"priority": "P3", "risk": "green"})
    report.refresh_from_db()
    first = report.triaged_at

    act(officer, report, "grade", {"priority": "P1", "risk": "red"})

    report.refresh_from_db()
    assert report.triaged_at == first
    assert report.priority == Priority.P1


def test_grade_with_risk_to_life_shows_escalation_guidance(officer, report):
    response = act(
        officer,
        report,
        "grade",
        {"priority": "P1", "risk": "red", "risk_to_life": "on"},
    )

    page = officer.get(response["Location"]).content.decode()
    assert "Immediate risk to life" in page
    assert "Call 999, or your police force control room, now" in page


def test_grade_without_answers_shows_error_summary(officer, report):
    response = act(officer, report, "grade", {"risk": "red"})

    page = response.content.decode()
    assert "There is a problem" in page
    assert "Choose a priority" in page
    report.refresh_from_db()
    assert report.status == Status.NEW


def test_grade_refused_on_closed_report(officer, agency):
    closed = routed_report(agency, status=Status.CLOSED, outcome=Outcome.ACTIONED)

    response = act(officer, closed, "grade", {"priority": "P1", "risk": "red"})

    assert "This report is closed. Reopen it first" in response.content.decode()


# --- Assign --------------------------------------------------------------------


def test_assign_to_officer_of_same_agency(officer, agency, report):
    colleague = UserFactory(agency=agency, role=Role.COORDINATOR)

    act(officer, report, "assign", {"officer": colleague.pk})

    report.refresh_from_db()
    assert report.assigned_to == colleague
    assert updates(report).get().detail["changes"] == {
        "assigned_to_id": [None, colleague.pk]
    }


@pytest.mark.parametrize(
    "person",
    [
        pytest.param(lambda agency: UserFactory(), id="other-agency"),
        pytest.param(
            lambda agency: UserFactory(agency=agency, role=Role.ANALYST), id="analyst"
        ),
    ],
)
def test_assign_refuses_people_who_cannot_triage_here(officer, agency, report, person):
    response = act(officer, report, "assign", {"officer": person(agency).pk})

    assert "There is a problem" in response.content.decode()
    report.refresh_from_db()
    assert report.assigned_to is None


def test_assign_to_me_button(officer, report):
    page = officer.get(reverse("triage:report_detail", args=[report.reference]))
    assert "Assign to me" in page.content.decode()

    act(officer, report, "assign", {"officer": officer.user.pk})

    report.refresh_from_db()
    assert report.assigned_to == officer.user


# --- Place ---------------------------------------------------------------------


def test_place_search_finds_visible_places_only(officer, agency, report):
    PlaceFactory(address="12 Roundhay Road, Leeds", agency=agency)
    PlaceFactory(
        address="14 Roundhay Road, Leeds",
        agency=AgencyFactory(),
        visibility=Visibility.AGENCY,
    )

    response = officer.get(
        reverse("triage:report_place", args=[report.reference]), {"q": "roundhay"}
    )

    page = response.content.decode()
    assert "12 Roundhay Road" in page
    assert "14 Roundhay Road" not in page
    assert AuditEvent.objects.filter(
        action=Action.SEARCH, target_type="places.place"
    ).exists()


def test_place_link_links_report(officer, agency, report):
    place = PlaceFactory(agency=agency)

    response = act(officer, report, "place", {"place": place.pk})

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.place == place


def test_place_link_refuses_place_hidden_from_agency(officer, report):
    hidden = PlaceFactory(agency=AgencyFactory(), visibility=Visibility.AGENCY)

    response = act(officer, report, "place", {"place": hidden.pk})

    assert response.status_code == 404
    report.refresh_from_db()
    assert report.place is None


def test_place_new_creates_place_and_links_report(officer, agency, report):
    response = act(
        officer,
        report,
        "place_new",
        {
            "address": "Sparkle Hand Car Wash, Roundhay Road, Leeds",
            "postcode": "ls8 5an",
            "kind": "car_wash",
        },
    )

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.place.address == "Sparkle Hand Car Wash, Roundhay Road, Leeds"
    assert report.place.postcode == "LS8 5AN"
    assert report.place.agency == agency


def test_place_new_reuses_matching_place(officer, agency, report):
    existing = PlaceFactory(agency=agency, address="1 Main Street", postcode="LS8 5AN")

    act(
        officer,
        report,
        "place_new",
        {"address": "1 main street", "postcode": "LS8 5AN", "kind": "shop"},
    )

    report.refresh_from_db()
    assert report.place == existing
    assert Place.objects.count() == 1


def test_place_new_shows_errors(officer, report):
    response = act(officer, report, "place_new", {"address": "", "postcode": "nope"})

    page = response.content.decode()
    assert "Enter the address or a description" in page
    assert "Enter a real postcode" in page


# --- Duplicate -----------------------------------------------------------------


def test_duplicate_closes_report_and_keeps_receipt(officer, agency, report):
    original = routed_report(agency)
    reference, secret_hash = report.reference, report.secret_hash

    response = act(officer, report, "duplicate", {"original": original.reference})

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.duplicate_of == original
    assert (report.status, report.outcome) == (Status.CLOSED, Outcome.DUPLICATE)
    # The reporter's receipt still finds this report.
    assert (report.reference, report.secret_hash) == (reference, secret_hash)
    page = officer.get(reverse("triage:report_detail", args=[original.reference]))
    assert reference in page.content.decode()


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("itself", DUPLICATE_OF_ITSELF),
        ("cycle", DUPLICATE_CYCLE),
        ("other-agency", DUPLICATE_NOT_FOUND),
        ("unknown", DUPLICATE_NOT_FOUND),
    ],
)
def test_duplicate_refusals(officer, agency, report, target, message):
    references = {
        "itself": lambda: report.reference,
        "cycle": lambda: (
            routed_report(
                agency, duplicate_of=report, status=Status.CLOSED, outcome="duplicate"
            ).reference
        ),
        "other-agency": lambda: routed_report(AgencyFactory()).reference,
        "unknown": lambda: "HR-NOPE-NOPE",
    }

    response = act(officer, report, "duplicate", {"original": references[target]()})

    assert str(message) in response.content.decode()
    report.refresh_from_db()
    assert report.duplicate_of is None
    assert report.status == Status.NEW


# --- Question and note -----------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "kind"), [("question", MessageKind.QUESTION), ("note", MessageKind.NOTE)]
)
def test_message_is_added_with_author_and_agency(officer, agency, report, action, kind):
    act(officer, report, action, {"text": "Which floor of the building?"})

    message = Message.objects.get(report=report)
    assert (message.kind, message.text) == (kind, "Which floor of the building?")
    assert (message.author, message.agency) == (officer.user, agency)
    assert AuditEvent.objects.filter(
        action=Action.CREATE, target_type="intelligence.message"
    ).exists()


def test_question_needs_text(officer, report):
    response = act(officer, report, "question", {"text": "  "})

    assert "Enter your question" in response.content.decode()
    assert not Message.objects.exists()


# --- Close and reopen ------------------------------------------------------------


def test_close_with_outcome_and_note(officer, report):
    response = act(
        officer, report, "close", {"outcome": "safeguarding_referral", "note": "MASH"}
    )

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.CLOSED
    assert report.outcome == Outcome.SAFEGUARDING_REFERRAL
    assert report.outcome_note == "MASH"
    assert report.closed_at is not None


def test_close_does_not_offer_duplicate(officer, report):
    response = act(officer, report, "close", {"outcome": "duplicate"})

    assert "Select a valid choice" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Status.NEW


def test_close_needs_an_outcome(officer, report):
    response = act(officer, report, "close", {})

    assert "Choose an outcome" in response.content.decode()


def test_reopen_restores_status_and_clears_duplicate(officer, agency):
    original = routed_report(agency)
    duplicate = routed_report(agency)
    act(officer, duplicate, "grade", {"priority": "P4", "risk": "green"})
    act(officer, duplicate, "duplicate", {"original": original.reference})

    act(officer, duplicate, "reopen", {"reason": "Different premises after all"})

    duplicate.refresh_from_db()
    assert duplicate.status == Status.IN_PROGRESS
    assert duplicate.duplicate_of is None
    assert duplicate.outcome == ""
    assert (
        updates(duplicate).order_by("seq").last().purpose
        == "Different premises after all"
    )


def test_actions_on_another_agencys_report_are_not_found(officer):
    theirs = routed_report(AgencyFactory())

    for action in ("grade", "assign", "place", "duplicate", "question", "close"):
        assert act(officer, theirs, action, {}).status_code == 404
