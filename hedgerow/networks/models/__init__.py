"""Models of the networks app: subjects and links, and organised crime groups."""

from hedgerow.networks.models.groups import (
    GroupStatus,
    HarmAssessment,
    MemberRole,
    Membership,
    OrganisedCrimeGroup,
    PanelSeat,
    ScoringMatrix,
)
from hedgerow.networks.models.subjects import (
    LINK_ENDS,
    HandlingCode,
    IntelligenceAssessment,
    Link,
    LinkKind,
    SourceEvaluation,
    SourceRecord,
    Subject,
    SubjectKind,
    SubjectShare,
    Vulnerability,
)

__all__ = [
    "LINK_ENDS",
    "GroupStatus",
    "HandlingCode",
    "HarmAssessment",
    "IntelligenceAssessment",
    "Link",
    "LinkKind",
    "MemberRole",
    "Membership",
    "OrganisedCrimeGroup",
    "PanelSeat",
    "ScoringMatrix",
    "SourceEvaluation",
    "SourceRecord",
    "Subject",
    "SubjectKind",
    "SubjectShare",
    "Vulnerability",
]
