"""The tally engine gives exactly pabutools' outcome on every shared Pabulib election.

Each rule, satisfaction and completion is counted by both on the same file, with
pabutools' default tie-breaking (the first project id in alphabetical order). The
large elections are marked slow: CI runs them once, not once per database.
"""

from pathlib import Path

import pytest

from hedgerow.budgeting.tally import read_pabulib, tally
from hedgerow.budgeting.tests import pabutools_reference as reference
from hedgerow.budgeting.tests.elections import SMALL_FILE_BYTES, pabulib_files

COUNTS = [
    ("greedy", "cost", "none"),
    ("greedy", "cardinality", "none"),
    ("mes", "cost", "none"),
    ("mes", "cardinality", "none"),
    ("mes", "cost", "greedy"),
    ("phragmen", "cost", "none"),
]
# pabutools raises every Equal Shares share one unit at a time: on some files that is
# millions of runs, so this completion is compared on the files listed here.
BUDGET_INCREASE = Path(__file__).parent / "data" / "budget_increase_files.txt"


def _budget_increase_files() -> set[str]:
    lines = BUDGET_INCREASE.read_text().splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def _cases():
    increases = [("mes", "cost", "budget-increase")]
    quick = _budget_increase_files()
    for path in pabulib_files():
        slow = path.stat().st_size > SMALL_FILE_BYTES
        marks = [pytest.mark.slow] if slow else []
        yield pytest.param(path, COUNTS, id=path.stem, marks=marks)
        if path.stem in quick:
            yield pytest.param(path, increases, id=f"{path.stem}-budget-increase")


@pytest.mark.parametrize(("path", "counts"), list(_cases()))
def test_tally_matches_pabutools(path, counts):
    election = read_pabulib(path)
    instance, profile = reference.parse(path)
    for rule, sat, completion in counts:
        if rule == "phragmen" and not reference.is_approval(profile):
            continue
        ours = sorted(tally(election, rule, sat, completion).selected)
        theirs = reference.outcome(instance, profile, rule, sat, completion)
        assert ours == theirs, (rule, sat, completion)
