"""The demo's participatory budgeting: a live round in its voting phase, and a real
Equal Shares election (Świecie 2023, from Pabulib) imported, counted and published.

The live round's bids are written in the seed programme's spirit (youth diversion,
awareness training, safe spaces); they are examples, not real groups. Five unused
voting codes are printed, as the demo passwords are, so anyone trying the demo can
vote.
"""

import datetime
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hedgerow.accounts.models import User
from hedgerow.budgeting.models import (
    AllocationRule,
    Completion,
    Phase,
    Round,
    VotingMethod,
)
from hedgerow.budgeting.services import bids as bid_services
from hedgerow.budgeting.services import codes as code_services
from hedgerow.budgeting.services import results as result_services
from hedgerow.budgeting.services import rounds as round_services
from hedgerow.budgeting.services import voting
from hedgerow.budgeting.services.bids import BidDraft
from hedgerow.budgeting.services.interchange import round_import_pb
from hedgerow.geography.models import Lsoa

DEMO_COORDINATOR = "coordinator@demo.hedgerow.test"
LIVE_SLUG = "safer-streets-2027"
IMPORTED_SLUG = "swiecie-2023"
SWIECIE = Path(settings.BASE_DIR) / "data" / "pabulib" / "Poland_Swiecie_2023.pb"
CODES_SHOWN = 5
PAPER_NUMBER = "Gipton-001"
DEMO_CHECKER = "checker@demo.hedgerow.test"

# (group, title, amount, summary, outcome, eligible)
DEMO_BIDS = (
    (
        "Harehills Amateur Boxing Club",
        "Friday night boxing",
        4_500,
        "Free Friday-evening sessions with qualified coaches and a hot meal.",
        "Forty young people a week in a safe place on the riskiest night.",
        True,
    ),
    (
        "Gipton Faith Forum",
        "Spotting exploitation: faith-group training",
        2_800,
        "Six sessions for mosque, church and gurdwara volunteers on the signs of "
        "county lines and cuckooing, and where to report.",
        "Sixty trusted volunteers able to spot and report exploitation.",
        True,
    ),
    (
        "Chapeltown Youth Project",
        "Detached youth work on the estates",
        6_000,
        "Two youth workers out on the estates on three evenings a week.",
        "Regular contact with young people drug lines try to recruit.",
        True,
    ),
    (
        "Harehills Traders Group",
        "Safe Places scheme",
        1_900,
        "Shops display a sticker and train staff to help anyone who feels unsafe.",
        "Twenty shops along Harehills Road offering help.",
        True,
    ),
    (
        "Leeds Street Pastors",
        "Late-night street pastors",
        3_200,
        "Volunteer patrols around the bus station on Friday and Saturday nights.",
        "People at risk helped home; fewer late-night incidents.",
        True,
    ),
    (
        "Roundhay Road Allotments",
        "Allotment shed security",
        2_200,
        "New locks and lighting for the allotment sheds.",
        "Fewer break-ins at the allotments.",
        False,
    ),
)
INELIGIBLE_REASON = (
    "Security for the group's own property is not within the fund's purpose of "
    "preventing exploitation and serious violence."
)
ELIGIBLE_REASON = "A community group working in the area on the fund's purpose."
# Which bids the demo's 18 cast ballots choose, by position in DEMO_BIDS.
DEMO_BALLOTS = (
    (0, 2),
    (0, 1),
    (0, 2, 3),
    (1, 3),
    (2,),
    (0, 4),
    (1, 2, 4),
    (3, 4),
    (0,),
    (2, 3),
    (0, 1, 4),
    (1,),
    (2, 4),
    (0, 3),
    (4,),
    (0, 2),
    (1, 3, 4),
    (2,),
)


class Writer(Protocol):
    def write(self, msg: str) -> Any: ...


def load_demo_budgeting(stdout: Writer) -> None:
    """The live round and the imported election, unless they are already there."""
    coordinator = User.objects.filter(email__iexact=DEMO_COORDINATOR).first()
    if coordinator is None:
        stdout.write("Demo budgeting skipped: load the partnership first.\n")
        return
    if Round.objects.filter(slug=LIVE_SLUG).exists():
        stdout.write("Demo budgeting: already there.\n")
        return
    with transaction.atomic():
        codes = _live_round(coordinator)
    stdout.write(
        "Demo budgeting: a round open for voting at /pb/safer-streets-2027/. "
        "Unused voting codes to try: " + ", ".join(codes) + "\n"
        f"Demo budgeting: paper ballot {PAPER_NUMBER} waits for a second person; "
        f"sign in as {DEMO_CHECKER} to confirm it.\n"
    )
    if not Round.objects.filter(slug=IMPORTED_SLUG).exists():
        _imported_round(coordinator)
        stdout.write(
            "Demo budgeting: Świecie 2023's real Equal Shares election (Pabulib), "
            "counted and published at /pb/swiecie-2023/results/.\n"
        )


def _day(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def _live_round(coordinator: User) -> list[str]:
    now = timezone.now()
    round = Round(
        name="Safer Streets Community Fund 2027",
        slug=LIVE_SLUG,
        description=(
            "Residents of Harehills, Gipton and Chapeltown decide how £15,000 is "
            "spent on projects that keep young people safe from exploitation."
        ),
        area_description="Harehills, Gipton and Chapeltown, Leeds",
        budget=15_000,
        min_bid=500,
        max_bid=6_000,
        eligibility_rules=(
            "Community, voluntary and faith groups working in the area, for projects "
            "that prevent exploitation, serious violence or organised crime."
        ),
        bids_open_on=_day(-60),
        bids_close_at=now - datetime.timedelta(days=40),
        review_ends_on=_day(-30),
        voting_opens_on=_day(-7),
        voting_closes_at=now + datetime.timedelta(days=14),
        results_on=_day(16),
        delivery_ends_on=_day(380),
        voting_method=VotingMethod.APPROVAL,
        max_choices=3,
        rule=AllocationRule.EQUAL_SHARES,
        completion=Completion.ADD1_GREEDY,
    )
    areas = Lsoa.objects.filter(local_authority_name="Leeds").order_by("code")[:12]
    round_services.round_save(round=round, by=coordinator, areas=list(areas))
    advance = partial(round_services.round_advance, by=coordinator)
    round = advance(round=round, phase=Phase.BIDS_OPEN)
    bids = [_bid(round, coordinator, spec) for spec in DEMO_BIDS]
    round = advance(round=round, phase=Phase.REVIEW)
    for bid, spec in zip(bids, DEMO_BIDS, strict=True):
        eligible = spec[5]
        reason = ELIGIBLE_REASON if eligible else INELIGIBLE_REASON
        bid_services.bid_review(
            bid=bid, by=coordinator, eligible=eligible, reason=reason
        )
    round = advance(round=round, phase=Phase.VOTING)
    issued = code_services.codes_issue(
        round=round,
        by=coordinator,
        label="Demo: Harehills vote event",
        channel="event",
        size=len(DEMO_BALLOTS) + CODES_SHOWN,
        expires_at=round.voting_closes_at,
    )
    for code, picks in zip(issued.codes, DEMO_BALLOTS, strict=False):
        voting.ballot_cast(
            round=round, code=code, choices={bids[i].pk: 1 for i in picks}
        )
    # One paper ballot entered by the coordinator, for a second person to confirm.
    paper = code_services.codes_issue(
        round=round,
        by=coordinator,
        label="Demo: paper ballots at Gipton library",
        channel="paper",
        size=1,
        expires_at=round.voting_closes_at,
    )
    voting.paper_ballot_enter(
        round=round,
        by=coordinator,
        code=paper.codes[0],
        choices={bids[0].pk: 1, bids[2].pk: 1},
        number=PAPER_NUMBER,
    )
    return issued.codes[len(DEMO_BALLOTS) :]


def _imported_round(coordinator: User) -> None:
    """Świecie's 2,553 real ballots, counted by the add-one rule the town used."""
    round = round_import_pb(
        data=SWIECIE.read_bytes(),
        filename=SWIECIE.name,
        slug=IMPORTED_SLUG,
        by=coordinator,
    )
    result_services.round_recount(round=round, by=coordinator)
    result_services.round_publish(round=round, by=coordinator)


def _bid(round: Round, coordinator: User, spec: tuple[Any, ...]) -> Any:
    group, title, amount, summary, outcomes, _eligible = spec
    draft = BidDraft(title=title, summary=summary, amount=amount, outcomes=outcomes)
    return bid_services.bid_enter_on_paper(
        round=round, by=coordinator, group_name=group, email="", draft=draft
    )
