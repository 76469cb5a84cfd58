"""Participatory budgeting's public pages, in each of the four languages, pass
axe-core and set no cookies: the rounds, a round, the code page, the ballot, the
results explained, and what the money did."""

import datetime

import pytest
from django.utils import timezone

from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import UserFactory
from hedgerow.budgeting.models import Phase, VotingMethod
from hedgerow.budgeting.services import codes, results, rounds
from hedgerow.budgeting.tests.factories import BidFactory, RoundFactory, ballot_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def rounds_to_see():
    coordinator = UserFactory(role=Role.COORDINATOR)
    voting = RoundFactory(
        slug="voting-now",
        voting_method=VotingMethod.CUMULATIVE,
        max_choices=None,
        points=10,
    )
    for title in ("Friday boxing", "Street pastors"):
        BidFactory(round=voting, title=title)
    code = codes.codes_issue(
        round=voting,
        by=coordinator,
        label="Event",
        channel="event",
        size=1,
        expires_at=timezone.now() + datetime.timedelta(days=2),
    ).codes[0]
    counted = RoundFactory(slug="counted", completion="add1-greedy", budget=5000)
    bids = [BidFactory(round=counted, amount=a) for a in (3000, 2000, 4000)]
    for picks in ([0, 1], [0, 1], [2], [0]):
        ballot_cast(counted, [bids[i] for i in picks])
    counted = rounds.round_advance(round=counted, by=coordinator, phase=Phase.RESULTS)
    results.round_publish(round=counted, by=coordinator)
    counted.refresh_from_db()
    rounds.round_advance(round=counted, by=coordinator, phase=Phase.DELIVERY)
    return code


@pytest.mark.parametrize("language", ["en", "cy", "pl", "ro"])
def test_pb_public_pages_are_accessible_in_every_language(
    page, live_server, assert_accessible, rounds_to_see, language
):
    prefix = "" if language == "en" else f"/{language}"
    base = f"{live_server.url}{prefix}/pb"

    def check() -> None:
        assert page.locator("html").get_attribute("lang") == language
        assert_accessible(page)

    for path in (
        "/",
        "/voting-now/",
        "/counted/",
        "/counted/results/",
        "/counted/delivered/",
    ):
        response = page.goto(f"{base}{path}")
        assert response.status == 200, path
        check()
    page.goto(f"{base}/voting-now/vote/")
    check()
    page.locator("input[name=code]").fill(rounds_to_see)
    page.locator("form button[type=submit]").click()
    check()
    assert page.locator("input[type=number]").count() == 2
    page.locator("input[type=number]").first.fill("6")
    page.locator("form button[type=submit]").click()
    check()  # the check-your-vote page
    assert page.locator("form[action$='/vote/cast/']").count() == 1
    assert len(assert_accessible.visited) == 8
    assert page.context.cookies() == []
