"""Choose a rule, a satisfaction measure and a completion; get the outcome."""

from __future__ import annotations

from fractions import Fraction

from hedgerow.budgeting.tally import equal_shares as mes
from hedgerow.budgeting.tally.election import Election
from hedgerow.budgeting.tally.greedy import greedy
from hedgerow.budgeting.tally.outcome import Outcome, Step
from hedgerow.budgeting.tally.phragmen import phragmen

RULES = ("greedy", "mes", "phragmen")
SATISFACTIONS = ("cost", "cardinality")
# add1: the cities' "add one" (equalshares.net); budget-increase: pabutools'
# voter_budget_increment=1; "-greedy": then fill what is left by greedy.
COMPLETIONS = (
    "none",
    "add1",
    "add1-greedy",
    "budget-increase",
    "budget-increase-greedy",
    "greedy",
)


class TallyError(ValueError):
    """A rule asked of ballots it cannot count, in words a coordinator understands."""


def tally(
    election: Election,
    rule: str,
    satisfaction: str = "cost",
    completion: str = "none",
) -> Outcome:
    """Count the election by `rule`; ties go to the first project id in order."""
    _check(election, rule, satisfaction, completion)
    outcome = Outcome(rule, satisfaction if rule != "phragmen" else None, completion)
    if rule == "greedy":
        outcome.steps = greedy(election, satisfaction)
    elif rule == "phragmen":
        outcome.steps = phragmen(election)
    else:
        outcome.steps, outcome.budget_per_voter = _equal_shares(
            election, satisfaction, completion
        )
        if completion.endswith("greedy"):
            outcome.steps += greedy(election, satisfaction, outcome.steps, "greedy")
    return outcome


def _equal_shares(
    election: Election, satisfaction: str, completion: str
) -> tuple[list[Step], Fraction | None]:
    if election.num_voters == 0:
        return [], None
    if completion.startswith("add1"):
        return mes.add_one(election, satisfaction)
    if completion.startswith("budget-increase"):
        return mes.budget_increase(election, satisfaction)
    share = election.budget / election.num_voters
    return mes.equal_shares(election, satisfaction, share), share


def _check(election: Election, rule: str, satisfaction: str, completion: str) -> None:
    if rule not in RULES:
        raise TallyError(f"There is no rule {rule!r}; choose {', '.join(RULES)}.")
    if satisfaction not in SATISFACTIONS:
        raise TallyError(
            f"There is no satisfaction {satisfaction!r}; "
            f"choose {', '.join(SATISFACTIONS)}."
        )
    if completion not in COMPLETIONS:
        raise TallyError(
            f"There is no completion {completion!r}; choose {', '.join(COMPLETIONS)}."
        )
    if completion != "none" and rule != "mes":
        raise TallyError("Only Equal Shares (mes) takes a completion.")
    if rule == "phragmen" and not election.is_approval:
        raise TallyError(
            f"Phragmén counts approval ballots; these are {election.vote_type} ballots."
        )
