"""A coordinator runs a participatory-budgeting round from set-up to published results.

A community group bids through its emailed link, the coordinator approves the bid and
prints voting codes, a resident votes in Welsh with one of them, and the coordinator
closes voting and publishes the count. Headless Chromium against a live server with
the real CSP; axe-core on every page, staff and public, English and Welsh.
"""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import (
    TEST_PASSWORD,
    AgencyFactory,
    TOTPDeviceFactory,
    UserFactory,
)
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.budgeting.models import Ballot, Bid, BidStatus, Phase, Round
from tests.functional.test_partnership_setup_journey import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "harehills-2027"
ROUND_NAME = "Harehills Safer Streets Fund"
PROJECT = "Friday night boxing"
GROUP = "Gipton Youth Boxing"


@pytest.fixture
def own_browser(browser):
    """Opens a group's or resident's own browser (no cookies, its own locale).

    Each is closed at the end, failing the test on any CSP violation it met.
    """
    pages = []

    def open_page(locale):
        page = browser.new_context(locale=locale).new_page()
        page.csp_violations = []
        page.on(
            "console",
            lambda message: (
                page.csp_violations.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        page.context.close()
    for page in pages:
        assert not page.csp_violations, page.csp_violations


def day(n: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=n)).isoformat()


def set_up_round(page, assert_accessible, base):
    """The coordinator fills in the round form and opens the round for bids."""
    page.goto(f"{base}/budgeting/")
    assert_accessible(page)
    page.get_by_role("link", name="Set up a round").click()
    assert_accessible(page)
    for name, value in {
        "name": ROUND_NAME,
        "slug": SLUG,
        "description": "Small grants for projects that keep young people safe.",
        "area_description": "Harehills and Gipton",
        "budget": "10000",
        "min_bid": "500",
        "max_bid": "5000",
        "eligibility_rules": "Constituted community groups working in the area.",
        "max_choices": "2",
        # Dates as the browser's date pickers take them.
        "bids_open_on": day(0),
        "bids_close_at": f"{day(20)}T17:00",
        "review_ends_on": day(27),
        "voting_opens_on": day(28),
        "voting_closes_at": f"{day(42)}T20:00",
        "results_on": day(45),
        "delivery_ends_on": day(365),
    }.items():
        page.locator(f"#id_{name}").fill(value)
    page.get_by_label("Choose up to a number of projects").check()
    page.get_by_label("Method of Equal Shares").check()
    page.get_by_label("The money spent on projects they chose").check()
    page.get_by_label("Add one, then most votes first").check()
    page.get_by_role("button", name="Save round").click()
    assert_accessible(page)
    assert page.get_by_role("heading", level=1).inner_text() == ROUND_NAME
    assert Round.objects.get(slug=SLUG).phase == Phase.DRAFT

    page.get_by_role("button", name="Open for bids").click()
    assert_accessible(page)
    assert Round.objects.get(slug=SLUG).phase == Phase.BIDS_OPEN


def group_bids(group, assert_accessible, base):
    """A group asks for a link, opens it from the email and submits its bid."""
    group.goto(f"{base}/pb/{SLUG}/")
    assert_accessible(group)
    group.get_by_role("link", name="Start a bid").click()
    assert_accessible(group)
    group.get_by_label("Name of your group or organisation").fill(GROUP)
    group.get_by_label("Email address").fill("coach@gipton.example")
    group.get_by_role("button", name="Email me the link").click()
    assert_accessible(group)
    assert group.get_by_role("heading", level=1).inner_text() == "Check your email"

    # The live server runs in this process, so its locmem outbox is this one.
    (email,) = mail.outbox
    assert email.to == ["coach@gipton.example"]
    link = re.search(r"https?://\S+/pb/bids/\S+/", email.body).group(0)
    group.goto(link)
    assert_accessible(group)
    group.get_by_label("Project title").fill(PROJECT)
    group.get_by_label("Summary").fill("Weekly sessions with a qualified coach.")
    group.get_by_label("Amount you are asking for, in whole pounds").fill("3000")
    group.get_by_label("What will it achieve?").fill("Thirty young people a week.")
    group.get_by_label("Contact name").fill("Dee Coach")
    group.get_by_role("button", name="Submit the bid").click()
    assert_accessible(group)
    assert "Your bid is submitted" in group.get_by_role("alert").inner_text()
    bid = Bid.objects.get(group_name=GROUP)
    assert (bid.status, bid.amount, bid.title) == (BidStatus.SUBMITTED, 3000, PROJECT)
    return bid, link


def approve_bid_and_print_codes(page, assert_accessible, bid) -> str:
    """Review, approval, voting opened, and one code printed; returns the code."""
    page.reload()  # the round page, now listing the bid
    assert_accessible(page)
    page.get_by_role("button", name="Close bids and review eligibility").click()
    assert_accessible(page)
    page.get_by_role("link", name=bid.reference).click()
    assert_accessible(page)
    assert page.get_by_role("heading", level=1).inner_text() == PROJECT
    page.get_by_label("Yes: put it on the ballot").check()
    page.get_by_label("Reason").fill("A constituted club working in Gipton.")
    page.get_by_role("button", name="Record the decision").click()
    assert_accessible(page)
    bid.refresh_from_db()
    assert bid.status == BidStatus.ELIGIBLE
    # Reading the group's contact details is on the record.
    assert AuditEvent.objects.filter(
        action=Action.VIEW, target_type="budgeting.bid", target_id=str(bid.pk)
    ).exists()

    page.get_by_role("button", name="Open voting").click()
    assert_accessible(page)
    assert Round.objects.get(slug=SLUG).phase == Phase.VOTING
    page.get_by_role("link", name="Print voting codes").click()
    assert_accessible(page)
    page.get_by_label("What the codes are for").fill("Harehills vote event")
    page.get_by_label("Handed out at an event").check()
    page.get_by_label("Number of codes").fill("1")
    # "Codes expire" starts filled in with the close of voting.
    page.get_by_role("button", name="Make the codes").click()
    assert_accessible(page)
    codes = page.locator("[data-code]").all_inner_texts()
    assert len(codes) == 1
    return codes[0].strip()


def resident_votes_in_welsh(resident, assert_accessible, base, code):
    """From the English round page, switch to Cymraeg and vote with the code.

    Welsh translations may not be in yet, so this part finds things by name and
    role, and checks the language by the page's lang and address.
    """
    resident.goto(f"{base}/pb/{SLUG}/")
    assert_accessible(resident)
    resident.locator(".govuk-language-navigation a[hreflang=cy]").click()
    assert_accessible(resident)

    def in_welsh():
        assert resident.locator("html").get_attribute("lang") == "cy"
        assert resident.url.startswith(f"{base}/cy/pb/{SLUG}/")

    in_welsh()
    resident.locator(f"main a[href='/cy/pb/{SLUG}/vote/']").click()
    assert_accessible(resident)
    in_welsh()
    resident.locator("input[name=code]").fill(code)
    resident.locator("main button[type=submit]").click()
    assert_accessible(resident)
    in_welsh()
    resident.locator("input[name=projects]").check()
    resident.locator("main button[type=submit]").click()
    assert_accessible(resident)
    in_welsh()
    assert Ballot.objects.count() == 0  # only checked so far, not cast
    resident.locator(f"form[action='/cy/pb/{SLUG}/vote/cast/'] button").click()
    assert_accessible(resident)
    in_welsh()
    assert Ballot.objects.count() == 1


def count_and_publish(page, assert_accessible, base):
    """The coordinator closes voting, checks the result and publishes it."""
    page.goto(f"{base}/budgeting/{SLUG}/")
    assert_accessible(page)
    assert "1 ballot counted." in page.get_by_role("main").inner_text()
    page.get_by_role("button", name="Close voting and count the ballots").click()
    assert_accessible(page)
    assert Round.objects.get(slug=SLUG).phase == Phase.RESULTS
    page.get_by_role("link", name="Check the result before publishing it").click()
    assert_accessible(page)
    assert PROJECT in page.get_by_role("main").inner_text()
    page.get_by_role("link", name="Back to the round").click()
    assert_accessible(page)
    page.get_by_role("button", name="Publish the results").click()
    assert_accessible(page)
    assert Round.objects.get(slug=SLUG).is_published


def test_a_round_runs_from_set_up_to_published_results(
    page, own_browser, live_server, assert_accessible
):
    coordinator = UserFactory(
        role=Role.COORDINATOR,
        agency=AgencyFactory(name="Leeds Community Safety Partnership"),
        email="coordinator@leeds.example",
    )
    device = TOTPDeviceFactory(user=coordinator)
    base = live_server.url
    sign_in(
        page,
        assert_accessible,
        base_url=base,
        email=coordinator.email,
        password=TEST_PASSWORD,
        device=device,
    )
    assert_accessible(page)

    set_up_round(page, assert_accessible, base)

    group = own_browser("en-GB")
    bid, bid_link = group_bids(group, assert_accessible, base)

    code = approve_bid_and_print_codes(page, assert_accessible, bid)
    page.get_by_role("link", name="Back to the round").click()
    assert_accessible(page)

    resident = own_browser("cy-GB")
    resident_votes_in_welsh(resident, assert_accessible, base, code)

    count_and_publish(page, assert_accessible, base)

    # The public results page lists the funded project, and nothing left unfunded.
    page.get_by_role("link", name="The public results page").click()
    assert_accessible(page)
    assert "1 person voted" in page.get_by_role("main").inner_text()
    funded = page.get_by_role("table", name=re.compile("^Funded projects"))
    assert funded.get_by_role("cell", name=re.compile(PROJECT)).count() == 1
    unfunded = page.get_by_role("table", name=re.compile("^Projects not funded"))
    assert PROJECT not in unfunded.inner_text()

    # The resident reads the results in Welsh; the group sees its decision.
    resident.goto(f"{base}/cy/pb/{SLUG}/results/")
    assert_accessible(resident)
    assert resident.locator("html").get_attribute("lang") == "cy"
    assert PROJECT in resident.get_by_role("main").inner_text()
    group.goto(bid_link)
    assert_accessible(group)
    assert "A constituted club working in Gipton." in group.content()
