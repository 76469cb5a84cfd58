"""A whole round through the pages: set up, bids by emailed link, review, codes,
voting, counting and publication, as coordinators, groups and residents see it."""

import datetime
import re
from html import unescape

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from hedgerow.accounts.roles import Role
from hedgerow.audit.models import AuditEvent
from hedgerow.budgeting.models import (
    Ballot,
    BallotChoice,
    Bid,
    BidStatus,
    Phase,
    Round,
    VotingCode,
)
from hedgerow.budgeting.tests.factories import BidFactory, RoundFactory, ballot_cast

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return unescape(response.content.decode())


def round_form(**overrides):
    today = timezone.localdate()

    def day(n):
        return (today + datetime.timedelta(days=n)).isoformat()

    data = {
        "name": "Harehills Safer Streets Fund",
        "slug": "harehills-2027",
        "description": "Small grants for projects that keep young people safe.",
        "area_description": "Harehills and Gipton",
        "budget": "10000",
        "min_bid": "500",
        "max_bid": "5000",
        "eligibility_rules": "Constituted community groups working in the area.",
        "bids_open_on": day(0),
        "bids_close_at": f"{day(20)}T17:00",
        "review_ends_on": day(27),
        "voting_opens_on": day(28),
        "voting_closes_at": f"{day(42)}T20:00",
        "results_on": day(45),
        "delivery_ends_on": day(365),
        "voting_method": "approval",
        "max_choices": "2",
        "rule": "mes",
        "satisfaction": "cost",
        "completion": "add1-greedy",
    }
    return data | overrides


def test_coordinator_sets_up_a_round_and_refuses_a_timetable_out_of_order(
    staff_client,
):
    client = staff_client(Role.COORDINATOR)
    response = client.post(
        reverse("budgeting:round_create"),
        round_form(review_ends_on=timezone.localdate().isoformat()),
    )
    assert response.status_code == 200
    assert "The timetable must run in order" in text_of(response)
    assert not Round.objects.exists()

    response = client.post(reverse("budgeting:round_create"), round_form())
    assert response.status_code == 302
    round = Round.objects.get(slug="harehills-2027")
    assert round.phase == Phase.DRAFT
    assert AuditEvent.objects.filter(target_type="budgeting.round").exists()


def test_an_officer_cannot_run_rounds(staff_client):
    client = staff_client(Role.OFFICER)
    assert client.get(reverse("budgeting:round_list")).status_code == 403


def test_a_group_bids_through_its_emailed_link_and_edits_until_the_deadline(
    client, staff_client, django_capture_on_commit_callbacks
):
    round = RoundFactory(
        phase=Phase.BIDS_OPEN, bids_close_at=timezone.now() + datetime.timedelta(days=5)
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("pb:bid_start", args=[round.slug]),
            {"group_name": "Gipton Youth Boxing", "email": "coach@gipton.example"},
        )
    assert "Check your email" in text_of(response)
    (email,) = mail.outbox
    link = re.search(r"https?://\S+/pb/bids/\S+/", email.body).group(0)
    path = link.split("testserver", 1)[1]

    # An amount outside the limits is refused and nothing is submitted.
    response = client.post(
        path,
        {
            "action": "submit",
            "title": "Friday boxing",
            "summary": "Sessions",
            "amount": "9000",
            "outcomes": "Thirty young people a week",
        },
    )
    assert "Ask for between £500 and £5,000" in text_of(response)
    bid = Bid.objects.get(group_name="Gipton Youth Boxing")
    assert bid.status == BidStatus.DRAFT

    response = client.post(
        path,
        {
            "action": "submit",
            "title": "Friday boxing",
            "summary": "Sessions",
            "amount": "3000",
            "outcomes": "Thirty young people a week",
        },
    )
    assert "Your bid is submitted" in text_of(response)
    bid.refresh_from_db()
    assert (bid.status, bid.amount) == (BidStatus.SUBMITTED, 3000)

    # After the deadline the link shows the bid but no longer changes it.
    Round.objects.filter(pk=round.pk).update(bids_close_at=timezone.now())
    response = client.post(
        path, {"action": "submit", "title": "Changed", "amount": "3000"}
    )
    bid.refresh_from_db()
    assert bid.title == "Friday boxing"
    assert "Friday boxing" in text_of(response)

    # The coordinator reviews it; the group sees the decision and its reason.
    coordinator = staff_client(Role.COORDINATOR)
    Round.objects.filter(pk=round.pk).update(phase=Phase.REVIEW)
    response = coordinator.post(
        reverse("budgeting:bid_review", args=[round.slug, bid.reference]),
        {"decision": "eligible", "reason": "A constituted club working in Gipton."},
    )
    assert response.status_code == 302
    coordinator.logout()
    assert "A constituted club working in Gipton." in text_of(client.get(path))


def test_a_wrong_link_opens_nothing(client):
    assert (
        client.get(reverse("pb:bid_edit", args=["not-a-real-secret"])).status_code
        == 404
    )


def _codes_from_sheet(response) -> list[str]:
    return re.findall(
        r"data-code>([0-9A-Z]{5}-[0-9A-Z]{5})<", response.content.decode()
    )


def test_codes_are_printed_once_and_vote_once(client, staff_client):
    round = RoundFactory(phase=Phase.VOTING, max_choices=2)
    bids = [BidFactory(round=round, title=f"Project {n}") for n in range(3)]
    coordinator = staff_client(Role.COORDINATOR)
    response = coordinator.post(
        reverse("budgeting:codes_issue", args=[round.slug]),
        {
            "label": "Vote event",
            "channel": "event",
            "size": "3",
            "expires_at": (timezone.now() + datetime.timedelta(days=3)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
        },
    )
    codes = _codes_from_sheet(response)
    assert len(codes) == 3
    assert response.headers["Cache-Control"] == "no-store"
    assert "<svg" in response.content.decode()
    # Only keyed hashes are kept.
    assert not VotingCode.objects.filter(code_hash__in=codes).exists()
    coordinator.logout()

    start = reverse("pb:vote_start", args=[round.slug])
    response = client.post(start, {"code": "ZZZZZ-ZZZZZ"})
    assert "We do not recognise that code" in text_of(response)

    response = client.post(start, {"code": codes[0].lower()})
    assert "Choose up to 2 projects" in text_of(response)

    check = reverse("pb:vote_check", args=[round.slug])
    too_many = {"code": codes[0], "projects": [str(b.pk) for b in bids]}
    response = client.post(check, too_many)
    assert "You chose 3 projects. You can choose up to 2." in text_of(response)

    chosen = {"code": codes[0], "projects": [str(bids[0].pk), str(bids[2].pk)]}
    response = client.post(check, chosen)
    assert "Check your vote" in text_of(response)
    assert not Ballot.objects.exists()

    response = client.post(reverse("pb:vote_cast", args=[round.slug]), chosen)
    assert "Your vote has been cast" in text_of(response)
    ballot = Ballot.objects.get()
    assert sorted(BallotChoice.objects.values_list("bid_id", flat=True)) == sorted(
        [bids[0].pk, bids[2].pk]
    )
    assert ballot.pending_code is None

    response = client.post(start, {"code": codes[0]})
    assert "That code has already been used to vote" in text_of(response)
    assert Ballot.objects.count() == 1


def test_the_round_is_counted_published_and_explained(client, staff_client):
    round = RoundFactory(
        phase=Phase.VOTING, budget=5000, max_choices=2, completion="add1-greedy"
    )
    library = BidFactory(round=round, title="Library homework club", amount=3000)
    boxing = BidFactory(round=round, title="Friday boxing", amount=2000)
    murals = BidFactory(round=round, title="Murals", amount=4000)
    for _ in range(6):
        ballot_cast(round, [library, boxing])
    for _ in range(3):
        ballot_cast(round, [murals])
    coordinator = staff_client(Role.COORDINATOR)
    advance = reverse("budgeting:round_advance", args=[round.slug])
    assert coordinator.post(advance, {"phase": "results"}).status_code == 302
    round.refresh_from_db()
    assert round.phase == Phase.RESULTS
    assert client.get(reverse("pb:results", args=[round.slug])).status_code == 404

    preview = coordinator.get(reverse("budgeting:result_preview", args=[round.slug]))
    assert "Library homework club" in text_of(preview)
    coordinator.post(reverse("budgeting:round_publish", args=[round.slug]))
    coordinator.logout()

    page = text_of(client.get(reverse("pb:results", args=[round.slug])))
    assert "9 people voted" in page
    funded, unfunded = page.split("Projects not funded", 1)
    assert "Library homework club" in funded
    assert "Friday boxing" in funded
    assert "Murals" in unfunded
    assert "Murals" not in funded
    assert "more supporters" in unfunded
    assert "Under other rules" in page
