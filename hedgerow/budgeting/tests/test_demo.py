"""The demo's budgeting: a round to vote in with printed codes, and Świecie's real
election counted exactly as the town's official result."""

import io
import re

import pytest
from django.core.exceptions import ValidationError

from hedgerow.accounts.demo import load_demo_partnership
from hedgerow.accounts.models import User
from hedgerow.budgeting.demo import (
    DEMO_CHECKER,
    DEMO_COORDINATOR,
    IMPORTED_SLUG,
    LIVE_SLUG,
    SWIECIE,
    load_demo_budgeting,
)
from hedgerow.budgeting.models import Ballot, Phase, Round
from hedgerow.budgeting.services.voting import code_problem, paper_ballot_confirm
from hedgerow.budgeting.tally.pabulib import read_pabulib

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_round_to_vote_in_and_swiecies_published_result():
    load_demo_partnership(io.StringIO())
    out = io.StringIO()
    load_demo_budgeting(out)

    live = Round.objects.get(slug=LIVE_SLUG)
    assert live.phase == Phase.VOTING
    assert Ballot.objects.filter(round=live, is_confirmed=True).count() == 18
    waiting = Ballot.objects.get(round=live, is_confirmed=False)
    assert waiting.entered_by.email == DEMO_COORDINATOR
    assert f"sign in as {DEMO_CHECKER} to confirm it" in out.getvalue()
    with pytest.raises(ValidationError):
        paper_ballot_confirm(ballot=waiting, by=waiting.entered_by)
    paper_ballot_confirm(ballot=waiting, by=User.objects.get(email=DEMO_CHECKER))
    assert Ballot.objects.filter(round=live, is_confirmed=True).count() == 19
    codes = re.findall(r"[0-9A-Z]{5}-[0-9A-Z]{5}", out.getvalue())
    assert len(codes) == 5
    assert all(code_problem(round=live, code=code) is None for code in codes)

    swiecie = Round.objects.get(slug=IMPORTED_SLUG)
    assert swiecie.is_published
    official = {
        p.id for p in read_pabulib(SWIECIE).projects if p.meta.get("selected") == "1"
    }
    funded = {row["project"] for row in swiecie.result.projects if row["funded"]}
    assert funded == official
    assert len(funded) == 17

    again = io.StringIO()
    load_demo_budgeting(again)
    assert "already there" in again.getvalue()
    assert Round.objects.count() == 2
