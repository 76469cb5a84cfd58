"""Models of the intelligence app, one module per part of the path a report takes."""

from hedgerow.intelligence.models.catalogue import (
    Contact,
    Threat,
    WarningSign,
)
from hedgerow.intelligence.models.drafts import DraftPhoto, ReportDraft
from hedgerow.intelligence.models.reports import (
    LawfulBasis,
    Message,
    MessageKind,
    Outcome,
    Priority,
    Report,
    ReportPhoto,
    Risk,
    Routing,
    SharedReport,
    Status,
)
from hedgerow.intelligence.models.routing import AreaKind, RoutingRule

__all__ = [
    "AreaKind",
    "Contact",
    "DraftPhoto",
    "LawfulBasis",
    "Message",
    "MessageKind",
    "Outcome",
    "Priority",
    "Report",
    "ReportDraft",
    "ReportPhoto",
    "Risk",
    "Routing",
    "RoutingRule",
    "SharedReport",
    "Status",
    "Threat",
    "WarningSign",
]
