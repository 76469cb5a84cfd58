"""Need-to-know for disruptions, following the groups and subjects they are about."""

from typing import TYPE_CHECKING, Any

from django.db import models

from hedgerow.networks.querysets import viewer_scope

if TYPE_CHECKING:
    from hedgerow.disruptions.models import Disruption  # noqa: F401 (in the bases)


class DisruptionQuerySet(models.QuerySet["Disruption"]):
    def visible_to(self, user: Any) -> "DisruptionQuerySet":
        """The police see all; another agency sees what it did or recorded, and
        what was done to a group whose panel it sits on or a subject it may see."""
        scope = viewer_scope(user)
        if scope is None:
            return self.none()
        agency_id, police = scope
        if police:
            return self.all()
        from hedgerow.networks.models import Subject  # noqa: PLC0415 (import cycle)

        return self.filter(
            models.Q(agency_id=agency_id)
            | models.Q(recording_agency_id=agency_id)
            | models.Q(group__seats__agency_id=agency_id)
            | models.Q(
                group__isnull=True,
                subject__in=Subject.objects.visible_to_agency(agency_id),
            )
        ).distinct()
