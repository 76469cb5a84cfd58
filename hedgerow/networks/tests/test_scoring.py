"""The MoRiLE-style matrix: scores, bands, history, and refusing what cannot score."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hedgerow.accounts.roles import Role
from hedgerow.networks.models import HarmAssessment, ScoringMatrix
from hedgerow.networks.scoring import DEFAULT_MATRIX, score, validate_definition
from hedgerow.networks.services.groups import group_assess
from hedgerow.networks.tests.factories import GroupFactory, staff

SEVERE_EVERYWHERE = {d["slug"]: 8 for d in DEFAULT_MATRIX["harm_dimensions"]}


def test_harm_is_weighted_and_multiplied_by_likelihood():
    harm = {d["slug"]: 0 for d in DEFAULT_MATRIX["harm_dimensions"]}
    harm.update(physical=5, vulnerability=8)  # weights 1.5 and 1.5
    result = score(DEFAULT_MATRIX, harm, "frequent")  # multiplier 3
    assert result.harm_total == 1.5 * 5 + 1.5 * 8
    assert result.risk_score == 3 * 19.5
    assert result.band == "medium"  # 58.5: at least 50, below 120
    assert score(DEFAULT_MATRIX, SEVERE_EVERYWHERE, "constant").band == "high"


def test_every_dimension_must_be_scored_on_the_scale():
    harm = dict(SEVERE_EVERYWHERE, physical=4)
    del harm["financial"]
    with pytest.raises(ValidationError) as error:
        score(DEFAULT_MATRIX, harm, "sometimes")
    assert error.value.messages == [
        "Score “Physical harm”.",
        "Score “Financial harm”.",
        "Choose how likely the harm is.",
    ]


def test_a_matrix_that_cannot_score_is_refused():
    validate_definition(DEFAULT_MATRIX)
    broken = dict(DEFAULT_MATRIX, bands=[{"slug": "x", "label": "X", "min_risk": 5}])
    with pytest.raises(ValidationError, match="ending at 0"):
        validate_definition(broken)
    with pytest.raises(ValidationError, match="“likelihood” must be a non-empty list"):
        validate_definition(dict(DEFAULT_MATRIX, likelihood=[]))


@pytest.mark.django_db
def test_assessments_keep_their_history_and_the_matrix_they_used():
    analyst = staff(Role.ANALYST)
    group = GroupFactory()
    matrix = ScoringMatrix.objects.get(is_current=True)
    common = {
        "group": group,
        "user": analyst,
        "harm_scores": SEVERE_EVERYWHERE,
        "confidence": "medium",
        "organisational_position": "partial",
        "rationale": "Two corroborated closure orders; children exploited.",
    }
    group_assess(assessed_on=datetime.date(2026, 6, 1), likelihood="rare", **common)
    matrix.definition = dict(
        matrix.definition,
        bands=[dict(b, min_risk=0) for b in matrix.definition["bands"][-1:]],
    )
    matrix.save()
    group_assess(assessed_on=datetime.date(2026, 9, 1), likelihood="constant", **common)
    first, second = HarmAssessment.objects.order_by("assessed_on")
    assert (first.band, second.band) == ("medium", "low")
    assert len(first.matrix_definition["bands"]) == 3
    assert group.assessments.first() == second


@pytest.mark.django_db
def test_an_assessment_without_rationale_or_from_the_future_is_refused():
    with pytest.raises(ValidationError) as error:
        group_assess(
            group=GroupFactory(),
            user=staff(Role.ANALYST),
            assessed_on=timezone.localdate() + datetime.timedelta(days=2),
            harm_scores=SEVERE_EVERYWHERE,
            likelihood="rare",
            confidence="certain",
            organisational_position="partial",
            rationale=" ",
        )
    assert set(error.value.message_dict) == {"rationale", "assessed_on", "confidence"}
    assert not HarmAssessment.objects.exists()
