"""A MoRiLE-style harm and risk matrix, and scoring a group with it (ADR 0020).

Hedgerow does not implement MoRiLE or OCG Mapping (their scoring sheets are police
restricted). It offers the same shape, which partners calibrate: harm scored on
several dimensions, weighted and summed; multiplied by likelihood for the risk
score; confidence and organisational position recorded beside it, not folded in, so
a low-confidence high-harm group still reads as high harm; bands cut from the risk.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEFAULT_MATRIX_NAME = "Hedgerow MoRiLE-style matrix, version 1"

# Harm on each dimension is one of these points, as in MoRiLE's fixed scales.
DEFAULT_MATRIX: dict[str, Any] = {
    "harm_points": [
        {"value": 0, "label": "None"},
        {"value": 1, "label": "Low"},
        {"value": 3, "label": "Moderate"},
        {"value": 5, "label": "Significant"},
        {"value": 8, "label": "Severe"},
    ],
    "harm_dimensions": [
        {"slug": "physical", "label": "Physical harm", "weight": 1.5},
        {"slug": "psychological", "label": "Psychological harm", "weight": 1.0},
        {"slug": "financial", "label": "Financial harm", "weight": 1.0},
        {"slug": "community", "label": "Community and environment", "weight": 1.0},
        {"slug": "vulnerability", "label": "Victim vulnerability", "weight": 1.5},
        {"slug": "geography", "label": "Geographic scope", "weight": 0.5},
    ],
    "likelihood": [
        {"slug": "rare", "label": "Rare: once a year or less", "multiplier": 1},
        {
            "slug": "occasional",
            "label": "Occasional: every few months",
            "multiplier": 2,
        },
        {"slug": "frequent", "label": "Frequent: monthly", "multiplier": 3},
        {"slug": "constant", "label": "Constant: weekly or more", "multiplier": 4},
    ],
    "confidence": [
        {"slug": "low", "label": "Low: single untested source"},
        {"slug": "medium", "label": "Medium: some corroboration"},
        {"slug": "high", "label": "High: corroborated by several sources"},
    ],
    "organisational_position": [
        {"slug": "limited", "label": "Limited: little capacity or capability to act"},
        {"slug": "partial", "label": "Partial: some partners can act"},
        {"slug": "strong", "label": "Strong: partners have the powers and capacity"},
    ],
    # Highest first: a group takes the first band whose minimum its risk reaches.
    "bands": [
        {"slug": "high", "label": "High", "min_risk": 120},
        {"slug": "medium", "label": "Medium", "min_risk": 50},
        {"slug": "low", "label": "Low", "min_risk": 0},
    ],
}


@dataclass(frozen=True)
class Score:
    harm_total: float
    risk_score: float
    band: str


def validate_definition(definition: Any) -> None:
    """Refuse a matrix that cannot score: every part present, named and in order."""
    problems: list[str] = []
    if not isinstance(definition, dict):
        raise ValidationError(_("The matrix must be a JSON object."))
    for part, keys in (
        ("harm_points", ("value", "label")),
        ("harm_dimensions", ("slug", "label", "weight")),
        ("likelihood", ("slug", "label", "multiplier")),
        ("confidence", ("slug", "label")),
        ("organisational_position", ("slug", "label")),
        ("bands", ("slug", "label", "min_risk")),
    ):
        entries = definition.get(part)
        if not isinstance(entries, list) or not entries:
            problems.append(_("“%(part)s” must be a non-empty list.") % {"part": part})
            continue
        for number, entry in enumerate(entries, 1):
            missing = [
                key for key in keys if not isinstance(entry, dict) or key not in entry
            ]
            if missing:
                problems.append(
                    _("“%(part)s” entry %(n)d lacks %(keys)s.")
                    % {"part": part, "n": number, "keys": ", ".join(missing)}
                )
    if not problems:
        minimums = [band["min_risk"] for band in definition["bands"]]
        if minimums != sorted(minimums, reverse=True) or minimums[-1] != 0:
            problems.append(_("Bands must run from highest to lowest, ending at 0."))
    if problems:
        raise ValidationError(problems)


def score(
    definition: dict[str, Any], harm_scores: dict[str, int], likelihood: str
) -> Score:
    """Weighted harm, times likelihood, banded. Every dimension must be scored."""
    points = {entry["value"] for entry in definition["harm_points"]}
    errors: list[str] = []
    harm_total = 0.0
    for dimension in definition["harm_dimensions"]:
        value = harm_scores.get(dimension["slug"])
        if value is None or value not in points:
            errors.append(_("Score “%(label)s”.") % {"label": dimension["label"]})
            continue
        harm_total += float(dimension["weight"]) * float(value)
    multipliers = {
        entry["slug"]: entry["multiplier"] for entry in definition["likelihood"]
    }
    if likelihood not in multipliers:
        errors.append(_("Choose how likely the harm is."))
    if errors:
        raise ValidationError(errors)
    risk = harm_total * float(multipliers[likelihood])
    band = next(b["slug"] for b in definition["bands"] if risk >= b["min_risk"])
    return Score(harm_total=harm_total, risk_score=risk, band=band)


def label_of(definition: dict[str, Any], part: str, slug: str) -> str:
    """The label a matrix gives one of its entries (the slug if it has none)."""
    for entry in definition.get(part, []):
        if entry.get("slug") == slug:
            return str(entry["label"])
    return slug
