"""What a round's pages show: its bids by status, codes, ballots and phase."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from hedgerow.budgeting.models import (
    Ballot,
    Bid,
    BidStatus,
    Phase,
    Round,
)
from hedgerow.budgeting.models.rounds import PHASE_ORDER

PUBLIC_PHASES = [p for p in PHASE_ORDER if p != Phase.DRAFT]


@dataclass(frozen=True)
class RoundOverview:
    """The counts a coordinator needs to run the round."""

    bids_by_status: dict[str, int]
    ballots_counted: int
    paper_waiting: int
    batches: list[Any]  # VotingCodeBatch, annotated with `used`
    next_phase: str | None


def round_get(slug: str) -> Round:
    """The round with this web address name, or 404."""
    return get_object_or_404(Round, slug=slug)


def round_public_get(slug: str) -> Round:
    """A round residents may see: any round past being set up."""
    return get_object_or_404(Round, slug=slug, phase__in=PUBLIC_PHASES)


def round_list() -> QuerySet[Round]:
    return Round.objects.annotate(
        bid_count=Count("bids", filter=~Q(bids__status=BidStatus.DRAFT))
    )


def round_public_list() -> QuerySet[Round]:
    return Round.objects.filter(phase__in=PUBLIC_PHASES)


def round_overview(round: Round) -> RoundOverview:
    counts = dict(
        round.bids.values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    ballots = Ballot.objects.filter(round=round).aggregate(
        counted=Count("pk", filter=Q(is_confirmed=True)),
        waiting=Count("pk", filter=Q(is_confirmed=False)),
    )
    batches = list(
        round.code_batches.annotate(
            used=Count("codes", filter=Q(codes__used_on__isnull=False))
        ).select_related("created_by")
    )
    position = PHASE_ORDER.index(round.phase)
    return RoundOverview(
        bids_by_status={s: counts.get(s, 0) for s in BidStatus.values},
        ballots_counted=ballots["counted"],
        paper_waiting=ballots["waiting"],
        batches=batches,
        next_phase=PHASE_ORDER[position + 1]
        if position + 1 < len(PHASE_ORDER)
        else None,
    )


def round_bids(round: Round) -> QuerySet[Bid]:
    """Every bid a coordinator sees: all but drafts never submitted."""
    return (
        round.bids.exclude(status=BidStatus.DRAFT)
        .select_related("area")
        .order_by("status", "reference")
    )


def paper_ballots_waiting(round: Round) -> QuerySet[Ballot]:
    return (
        Ballot.objects.filter(round=round, is_confirmed=False)
        .select_related("entered_by")
        .prefetch_related("choices__bid")
        .order_by("paper_number")
    )
