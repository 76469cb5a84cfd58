"""A counted result as residents read it: every project's fate, in plain words, and
who would have won under the other rules."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from hedgerow.budgeting.models import Round

# What each reason key from hedgerow.budgeting.tally.explain means to a resident.
REASONS = {
    "funded": _("Funded."),
    "no_votes": _("Nobody voted for it."),
    "over_budget": _("It cost more than the whole budget."),
    "no_value": _(
        "It asked for no money, and Equal Shares by money counts a free project as "
        "worth nothing to its supporters."
    ),
    "over_budget_left": _("When its turn came, it cost more than the money left."),
    "too_few_supporters": _(
        "Its supporters’ equal shares of the budget were not enough to pay for it."
    ),
    "not_reached": _("Other projects had more support and used the budget first."),
}
RULE_LABELS = {
    "greedy-cost": _("Most votes first"),
    "mes-cost": _("Equal Shares, no completion"),
    "mes-cost-add1": _("Equal Shares (money), add one"),
    "mes-cardinality-add1": _("Equal Shares (projects), add one"),
    "phragmen": _("Phragmén"),
}


def result_page(round: Round) -> dict[str, Any]:
    """Everything the results page shows, from the stored result."""
    result = round.result
    projects = [
        {**row, "reason_text": REASONS.get(row["reason"], "")}
        for row in result.projects
    ]
    funded = sorted((p for p in projects if p["funded"]), key=lambda p: p["order"])
    unfunded = sorted(
        (p for p in projects if not p["funded"]), key=lambda p: -p["votes"]
    )
    comparison = [
        {**c, "label_text": RULE_LABELS.get(c["label"], c["label"])}
        for c in result.comparison
    ]
    rows = [
        {
            "title": p["title"],
            "cost": p["cost"],
            "funded_by": [p["project"] in c["selected"] for c in comparison],
        }
        for p in funded + unfunded
    ]
    return {
        "round": round,
        "result": result,
        "funded": funded,
        "unfunded": unfunded,
        "comparison": comparison,
        "comparison_rows": rows,
        "is_equal_shares": result.rule == "mes",
        "official": official_result(round, funded + unfunded),
    }


def official_result(
    round: Round, projects: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """How the count compares with the result an imported file gives for itself.

    None when no bid has one (rounds run in Hedgerow, files without `selected`).
    Only projects the file gives a result for are compared.
    """
    official = dict(
        round.bids.filter(officially_funded__isnull=False).values_list(
            "pabulib_id", "officially_funded"
        )
    )
    if not official:
        return None
    known = [p for p in projects if p["project"] in official]
    funded = [p for p in known if official[p["project"]]]
    only_official = [p["title"] for p in funded if not p["funded"]]
    only_counted = [
        p["title"] for p in known if p["funded"] and not official[p["project"]]
    ]
    return {
        "funded": len(funded),
        "cost": sum(p["cost"] for p in funded),
        "agrees": not only_official and not only_counted,
        "only_official": only_official,
        "only_counted": only_counted,
    }
