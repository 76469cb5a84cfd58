"""Need-to-know for groups, subjects and links (ADR 0020).

The police see every group and subject. Any other agency sees a group only while it
sits on that group's partnership panel, and a subject only when it recorded the
subject or the subject was shared with it. A link is seen when both its ends are.
"""

from typing import TYPE_CHECKING, Any

from django.db import models

from hedgerow.core.permissions import Permission, has_permission

if TYPE_CHECKING:
    from hedgerow.networks.models import (  # noqa: F401 (in the bases)
        Link,
        OrganisedCrimeGroup,
        Subject,
    )

POLICE = "police"  # AgencyKind.POLICE, named here so querysets need not import accounts


def viewer_scope(user: Any) -> tuple[int, bool] | None:
    """(agency id, is police) for a user who may see groups; None if they see none."""
    if not has_permission(user, Permission.GROUP_VIEW):
        return None
    agency = getattr(user, "agency", None)
    if agency is None:
        return None
    return agency.pk, agency.kind == POLICE


class GroupQuerySet(models.QuerySet["OrganisedCrimeGroup"]):
    def visible_to(self, user: Any) -> "GroupQuerySet":
        scope = viewer_scope(user)
        if scope is None:
            return self.none()
        agency_id, police = scope
        if police:
            return self.all()
        return self.filter(seats__agency_id=agency_id)


class SubjectQuerySet(models.QuerySet["Subject"]):
    def current(self) -> "SubjectQuerySet":
        """Subjects not merged into another."""
        return self.filter(merged_into__isnull=True)

    def visible_to(self, user: Any) -> "SubjectQuerySet":
        scope = viewer_scope(user)
        if scope is None:
            return self.none()
        agency_id, police = scope
        if police:
            return self.all()
        return self.visible_to_agency(agency_id)

    def visible_to_agency(self, agency_id: int) -> "SubjectQuerySet":
        return self.filter(
            models.Q(agency_id=agency_id) | models.Q(pk__in=_shared_with(agency_id))
        )


def _shared_with(agency_id: int) -> Any:
    from hedgerow.networks.models import SubjectShare  # noqa: PLC0415 (models import us)

    return SubjectShare.objects.filter(agency_id=agency_id).values("subject_id")


class LinkQuerySet(models.QuerySet["Link"]):
    def visible_to(self, user: Any) -> "LinkQuerySet":
        scope = viewer_scope(user)
        if scope is None:
            return self.none()
        agency_id, police = scope
        if police:
            return self.all()
        from hedgerow.networks.models import Subject  # noqa: PLC0415

        visible = Subject.objects.visible_to_agency(agency_id).values("pk")
        return self.filter(source_id__in=visible, target_id__in=visible)
