"""Participatory budgeting's records: rounds, bids, voting codes, ballots, results
and delivery. Ballots carry nothing that could lead back to a voter (ADR 0022)."""

from hedgerow.budgeting.models.ballots import Ballot, BallotChannel, BallotChoice
from hedgerow.budgeting.models.bids import Bid, BidDocument, BidStatus
from hedgerow.budgeting.models.codes import CodeChannel, VotingCode, VotingCodeBatch
from hedgerow.budgeting.models.delivery import (
    Delivery,
    DeliveryPhoto,
    DeliveryStatus,
)
from hedgerow.budgeting.models.rounds import (
    AllocationRule,
    Completion,
    Phase,
    Round,
    RoundPublicFile,
    RoundResult,
    Satisfaction,
    VotingMethod,
)

__all__ = [
    "AllocationRule",
    "Ballot",
    "BallotChannel",
    "BallotChoice",
    "Bid",
    "BidDocument",
    "BidStatus",
    "CodeChannel",
    "Completion",
    "Delivery",
    "DeliveryPhoto",
    "DeliveryStatus",
    "Phase",
    "Round",
    "RoundPublicFile",
    "RoundResult",
    "Satisfaction",
    "VotingCode",
    "VotingCodeBatch",
    "VotingMethod",
]
