"""Rounds in and out as Pabulib `.pb` files, the field's format (pabulib.org/format).

An export is the round's eligible bids and confirmed ballots, with voters numbered
1..n in the order of the ballots' random ids, so nothing links a line to anyone. An
import turns a past election into a round in its results phase, ready to count and
compare; voters' details in the file (age, sex, district) are never kept.
"""

from hedgerow.budgeting.services.interchange.exporting import (
    round_download_pb,
    round_export_pb,
    round_public_pb,
)
from hedgerow.budgeting.services.interchange.importing import (
    MAX_BYTES,
    round_import_pb,
)

__all__ = [
    "MAX_BYTES",
    "round_download_pb",
    "round_export_pb",
    "round_import_pb",
    "round_public_pb",
]
