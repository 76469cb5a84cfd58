"""The outcome pabutools gives for a `.pb` file, rule, satisfaction and completion.

The tally engine's outcomes are checked against these (tests) and timed beside them
(bench/pb). pabutools is the field's reference implementation (GPL-3.0); it is a
development dependency only and Hedgerow's own code never imports it.
"""

from __future__ import annotations

from pathlib import Path

from pabutools.election import Cardinality_Sat, Cost_Sat, parse_pabulib
from pabutools.election.profile import AbstractApprovalProfile
from pabutools.rules import (
    completion_by_rule_combination,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
    sequential_phragmen,
)

SATISFACTIONS = {"cost": Cost_Sat, "cardinality": Cardinality_Sat}


def parse(path: Path):
    """pabutools' (instance, multiprofile) for a file: identical ballots merged."""
    instance, profile = parse_pabulib(str(path))
    return instance, profile.as_multiprofile()


def is_approval(profile) -> bool:
    return isinstance(profile, AbstractApprovalProfile)


def outcome(
    instance, profile, rule: str, sat: str = "cost", completion: str = "none"
) -> list[str]:
    """The selected project ids, sorted, as pabutools computes them."""
    sat_class = SATISFACTIONS[sat]
    if rule == "greedy":
        result = greedy_utilitarian_welfare(
            instance, profile, sat_class=sat_class, is_sat_additive=True
        )
    elif rule == "phragmen":
        result = sequential_phragmen(instance, profile)
    elif rule == "mes":
        increment = 1 if completion.startswith("budget-increase") else None
        mes_params = {"sat_class": sat_class, "voter_budget_increment": increment}
        if completion.endswith("greedy"):
            result = completion_by_rule_combination(
                instance,
                profile,
                [method_of_equal_shares, greedy_utilitarian_welfare],
                [mes_params, {"sat_class": sat_class, "is_sat_additive": True}],
            )
        else:
            result = method_of_equal_shares(instance, profile, **mes_params)
    else:
        raise ValueError(rule)
    return sorted(p.name for p in result)
