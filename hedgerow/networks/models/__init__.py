"""Models of the networks app: subjects and links, groups, and entity resolution."""

from hedgerow.networks.models.groups import (
    GroupStatus,
    HarmAssessment,
    MemberRole,
    Membership,
    OrganisedCrimeGroup,
    PanelSeat,
    ScoringMatrix,
)
from hedgerow.networks.models.resolution import (
    CandidatePair,
    Decision,
    JobStatus,
    RecordKind,
    ResolutionJob,
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
    "CandidatePair",
    "Decision",
    "GroupStatus",
    "HandlingCode",
    "HarmAssessment",
    "IntelligenceAssessment",
    "JobStatus",
    "Link",
    "LinkKind",
    "MemberRole",
    "Membership",
    "OrganisedCrimeGroup",
    "PanelSeat",
    "RecordKind",
    "ResolutionJob",
    "ScoringMatrix",
    "SourceEvaluation",
    "SourceRecord",
    "Subject",
    "SubjectKind",
    "SubjectShare",
    "Vulnerability",
]
