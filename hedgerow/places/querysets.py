"""Need-to-know filters for the places register."""

from typing import TYPE_CHECKING, Any

from django.db import models

from hedgerow.core.permissions import Permission, has_permission

if TYPE_CHECKING:
    from hedgerow.places.models import Place, PlaceFlag  # noqa: F401 (in the bases)


def _agency_id(user: Any, permission: Permission) -> int | None:
    """The user's agency when they hold `permission`, else None (they see nothing)."""
    if not has_permission(user, permission):
        return None
    agency_id: int | None = getattr(user, "agency_id", None)
    return agency_id


class PlaceQuerySet(models.QuerySet["Place"]):
    """Places, scoped to what a member of staff may see."""

    def visible_to(self, user: Any) -> "PlaceQuerySet":
        """Places shared with the partnership, plus those the user's agency recorded."""
        agency_id = _agency_id(user, Permission.PLACE_VIEW)
        if agency_id is None:
            return self.none()
        return self.visible_to_agency(agency_id)

    def visible_to_agency(self, agency_id: int) -> "PlaceQuerySet":
        """What any member of the agency may see; callers check permissions first."""
        return self.filter(
            models.Q(visibility="partnership") | models.Q(agency_id=agency_id)
        )


class PlaceFlagQuerySet(models.QuerySet["PlaceFlag"]):
    """Flags, scoped the same way: an agency's own flags and partnership-wide ones."""

    def visible_to(self, user: Any) -> "PlaceFlagQuerySet":
        """Flags on places the user may see, raised by their agency or shared widely."""
        agency_id = _agency_id(user, Permission.PLACE_VIEW)
        if agency_id is None:
            return self.none()
        return self.filter(
            models.Q(visibility="partnership") | models.Q(agency_id=agency_id),
            models.Q(place__visibility="partnership")
            | models.Q(place__agency_id=agency_id),
        )

    def active(self) -> "PlaceFlagQuerySet":
        return self.filter(cleared_at__isnull=True)
