"""What a `.pb` file's META says about the round: name, money, timetable, ballot, rule.

Pabulib files carry less than a Hedgerow round, so an imported round is filled in
sensibly: the stages before voting all fall on voting's first day, a file without a
currency is in złoty if Polish and pounds otherwise, and a rule Hedgerow does not run
(greedy with a threshold, "unknown") is counted by greedy.
"""

import datetime
import time
from fractions import Fraction
from typing import Any

import numpy as np
from django.utils import timezone

from hedgerow.budgeting.models import (
    AllocationRule,
    Completion,
    Phase,
    VotingMethod,
)
from hedgerow.budgeting.tally.election import Election

NAME_LENGTH = 200
AREA_LENGTH = 300
SMALL_LIMIT = 32_767  # what max_choices and points hold on every database
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y")


def round_fields(
    election: Election, costs: list[int], filename: str, slug: str
) -> dict[str, Any]:
    """The fields of a new round, in its results phase, for an imported election."""
    meta = election.meta
    described = meta.get("description") or filename
    instance = meta.get("instance", "")
    name = described if instance in described else f"{described} ({instance})"
    place = ", ".join(v for v in (meta.get("unit"), meta.get("subunit")) if v)
    return {
        "name": name[:NAME_LENGTH],
        "slug": slug,
        "description": meta.get("comment") or described,
        "area_description": (place or meta.get("country", ""))[:AREA_LENGTH],
        "currency": currency_of(meta),
        "budget": int(election.budget),
        "min_bid": min(costs, default=0),
        "max_bid": max(costs, default=0),
        "eligibility_rules": "",
        **timetable(meta),
        "phase": Phase.RESULTS,
        **voting(election),
        "imported_from": filename[:255],
    }


def currency_of(meta: dict[str, str]) -> str:
    """META currency; without one, złoty for a Polish election, else pounds."""
    currency = meta.get("currency", "").strip().upper()
    if len(currency) == 3 and currency.isalpha():
        return currency
    return "PLN" if meta.get("country", "").strip().lower() == "poland" else "GBP"


def date_of(value: str | None, *, end: bool) -> datetime.date | None:
    """A META date: 2023-03-01, 01.03.2023 or a year alone (1 January, 31 December)."""
    value = (value or "").strip()
    if value.isdigit() and len(value) == 4:
        return (
            datetime.date(int(value), 12, 31)
            if end
            else datetime.date(int(value), 1, 1)
        )
    for pattern in DATE_FORMATS:
        try:
            parsed = time.strptime(value, pattern)
        except ValueError:
            continue
        return datetime.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def timetable(meta: dict[str, str]) -> dict[str, Any]:
    """Voting from date_begin to date_end (else today); earlier stages on day one."""
    today = timezone.localdate()
    begin = date_of(meta.get("date_begin"), end=False) or today
    end = max(date_of(meta.get("date_end"), end=True) or today, begin)
    # Noon, and a minute to midnight, fall on the same date in UTC as here.
    noon = timezone.make_aware(datetime.datetime.combine(begin, datetime.time(12)))
    last = timezone.make_aware(datetime.datetime.combine(end, datetime.time(23, 59)))
    return {
        "bids_open_on": begin,
        "bids_close_at": noon,
        "review_ends_on": begin,
        "voting_opens_on": begin,
        "voting_closes_at": last,
        "results_on": end,
        "delivery_ends_on": end,
    }


def voting(election: Election) -> dict[str, Any]:
    """The ballot and rule: choose-one is choose up to 1; max_sum_cost is knapsack."""
    meta = election.meta
    fields: dict[str, Any] = {"max_choices": None, "points": None}
    if election.vote_type == "cumulative":
        method = VotingMethod.CUMULATIVE
        fields["points"] = _whole(meta.get("max_sum_points")) or _most_points(election)
    elif _whole(meta.get("max_sum_cost"), limit=None):
        method = VotingMethod.KNAPSACK
    else:
        method = VotingMethod.APPROVAL
        most = 1 if election.vote_type == "choose-1" else _whole(meta.get("max_length"))
        # No limit in the file: a voter may choose every project.
        fields["max_choices"] = most or min(max(len(election.projects), 1), SMALL_LIMIT)
    return {"voting_method": method, **fields, **rule_of(meta.get("rule", ""), method)}


def _most_points(election: Election) -> int:
    """The most points any ballot shares out, for a file that does not say."""
    voters = np.repeat(np.arange(election.num_voters), np.diff(election.ballot_ptr))
    totals = np.bincount(voters, weights=election.ballot_points, minlength=1)
    return min(max(int(totals.max()), 1), SMALL_LIMIT)


def _whole(value: str | None, limit: int | None = SMALL_LIMIT) -> int | None:
    """A positive whole number from META, up to `limit`; else None."""
    try:
        number = Fraction((value or "").strip())
    except ValueError:
        return None
    fits = limit is None or number <= limit
    return int(number) if number.denominator == 1 and number > 0 and fits else None


def rule_of(name: str, method: str) -> dict[str, str]:
    """Pabulib's rule name (equalshares/add1, greedy…) or Hedgerow's; else greedy."""
    base, _slash, variant = name.strip().lower().partition("/")
    if base in ("equalshares", "mes"):
        completions = {c.value for c in Completion}
        completion = variant if variant in completions else Completion.NONE
        if completion == Completion.NONE and variant.startswith("add1"):
            completion = Completion.ADD1
        return {"rule": AllocationRule.EQUAL_SHARES, "completion": completion}
    if "phragmen" in base and method != VotingMethod.CUMULATIVE:
        return {"rule": AllocationRule.PHRAGMEN, "completion": Completion.NONE}
    return {"rule": AllocationRule.GREEDY, "completion": Completion.NONE}
