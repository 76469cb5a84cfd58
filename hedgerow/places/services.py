"""Writes to the places register: places and their flags, each one audited.

Views check permissions; these services trust their caller on that, but always
record the acting person's agency as the place's or flag's owner, assign the
LSOA from the point, normalise the postcode and validate everything before a
single row is written (a ValidationError keyed by field name, for the form).
"""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.geography.selectors import lsoa_at
from hedgerow.places.models import (
    FlagKind,
    Place,
    PlaceFlag,
    PlaceKind,
    Visibility,
    normalise_postcode,
)

# England and Wales fit inside this box (longitude, latitude); a point outside it
# cannot fall in any LSOA, whatever geography is loaded.
ENGLAND_AND_WALES = (-6.45, 49.85, 1.8, 55.82)

POINT_OUTSIDE = _("The point must be in England or Wales")
POINT_NEEDS_BOTH = _("Enter both a latitude and a longitude, or neither")
ADDRESS_REQUIRED = _("Enter the address or a description of the place")
FLAG_ALREADY_CLEARED = _("This flag has already been cleared")
CLEAR_REASON_REQUIRED = _("Enter why the flag is being cleared")

PLACE_FIELDS = ("name", "address", "postcode", "uprn", "kind", "latitude", "longitude")


def point_check(latitude: float | None, longitude: float | None) -> None:
    """Raise a ValidationError unless the point is complete and in England or Wales."""
    if (latitude is None) != (longitude is None):
        field = "longitude" if longitude is None else "latitude"
        raise ValidationError({field: POINT_NEEDS_BOTH})
    if latitude is None or longitude is None:
        return
    west, south, east, north = ENGLAND_AND_WALES
    if not (west <= longitude <= east and south <= latitude <= north):
        raise ValidationError({"latitude": POINT_OUTSIDE})


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Trimmed text, normalised postcode; the point checked."""
    cleaned = dict(fields)
    for key in ("name", "address", "postcode", "uprn"):
        cleaned[key] = (cleaned.get(key) or "").strip()
    if not cleaned["address"]:
        raise ValidationError({"address": ADDRESS_REQUIRED})
    if cleaned["postcode"]:
        cleaned["postcode"] = normalise_postcode(cleaned["postcode"])
    point_check(cleaned.get("latitude"), cleaned.get("longitude"))
    return cleaned


def _locate(place: Place) -> None:
    """Assign the LSOA that contains the place's point (None without a point)."""
    if place.latitude is None or place.longitude is None:
        place.lsoa = None
    else:
        place.lsoa = lsoa_at(longitude=place.longitude, latitude=place.latitude)


def _validated_save(place: Place) -> None:
    place.full_clean(exclude=["created_by"])  # None when the system records it
    place.save()


def _audit_detail(place: Place) -> dict[str, Any]:
    return {
        "kind": place.kind,
        "postcode": place.postcode,
        "lsoa": place.lsoa.code if place.lsoa else "",
        "visibility": place.visibility,
    }


@transaction.atomic
def place_create(
    *,
    user: Any,
    address: str,
    kind: str,
    postcode: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    name: str = "",
    uprn: str = "",
    visibility: str = Visibility.PARTNERSHIP,
    agency: Any = None,
    actor_label: str = "",
) -> Place:
    """Record a place for the user's agency, located to its LSOA.

    `user` may be None only for the system (the demo loader), which then names
    the recording `agency` and an `actor_label` for the audit trail.
    """
    fields = _clean_fields(
        {
            "name": name,
            "address": address,
            "postcode": postcode,
            "uprn": uprn,
            "kind": kind,
            "latitude": latitude,
            "longitude": longitude,
        }
    )
    agency_id = agency.pk if agency is not None else user.agency_id
    place = Place(**fields, visibility=visibility, agency_id=agency_id, created_by=user)
    _locate(place)
    _validated_save(place)
    audit_record(
        actor=user,
        actor_label=actor_label,
        action=Action.CREATE,
        target=place,
        purpose="Place recorded in the places register",
        detail=_audit_detail(place),
    )
    return place


@transaction.atomic
def place_update(
    *,
    place: Place,
    user: Any,
    address: str,
    kind: str,
    postcode: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    name: str = "",
    uprn: str = "",
    visibility: str | None = None,
) -> Place:
    """Change a place's details; the LSOA follows the point."""
    fields = _clean_fields(
        {
            "name": name,
            "address": address,
            "postcode": postcode,
            "uprn": uprn,
            "kind": kind,
            "latitude": latitude,
            "longitude": longitude,
        }
    )
    if visibility is not None:
        fields["visibility"] = visibility
    changed = sorted(k for k, v in fields.items() if getattr(place, k) != v)
    for key, value in fields.items():
        setattr(place, key, value)
    _locate(place)
    _validated_save(place)
    audit_record(
        actor=user,
        action=Action.UPDATE,
        target=place,
        purpose="Place details changed",
        detail={**_audit_detail(place), "changed": changed},
    )
    return place


def _match_key(text: str) -> str:
    """An address compared loosely: lower case, punctuation and spacing ignored."""
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def place_find_or_create(
    *,
    user: Any,
    address: str,
    postcode: str,
    kind: str,
    latitude: float | None,
    longitude: float | None,
    name: str = "",
    uprn: str = "",
) -> Place:
    """The place the user's agency can see that matches, or a new one it records.

    A match is the same UPRN, or else the same postcode and address (ignoring
    case, punctuation and spacing). Used when an officer links a report to a
    place that may already be in the register.
    """
    visible = Place.objects.visible_to_agency(user.agency_id)
    uprn = (uprn or "").strip()
    if uprn:
        found = visible.filter(uprn=uprn).order_by("pk").first()
        if found is not None:
            return found
    wanted = _match_key(address)
    code = normalise_postcode(postcode) if postcode.strip() else ""
    if wanted:
        for candidate in visible.filter(postcode=code).order_by("pk"):
            if _match_key(candidate.address) == wanted:
                return candidate
    return place_create(
        user=user,
        address=address,
        postcode=postcode,
        kind=kind or PlaceKind.OTHER,
        latitude=latitude,
        longitude=longitude,
        name=name,
        uprn=uprn,
    )


@transaction.atomic
def place_flag_raise(
    *,
    place: Place,
    user: Any,
    kind: str,
    note: str = "",
    visibility: str = Visibility.AGENCY,
) -> PlaceFlag:
    """Raise a flag on a place on behalf of the user's agency."""
    if kind not in FlagKind.values:
        raise ValidationError({"kind": _("Choose a flag")})
    flag = PlaceFlag(
        place=place,
        kind=kind,
        note=note.strip(),
        agency_id=user.agency_id,
        visibility=visibility,
        raised_by=user,
    )
    flag.full_clean()
    flag.save()
    audit_record(
        actor=user,
        action=Action.CREATE,
        target=flag,
        purpose="Flag raised on a place",
        detail={"place": place.pk, "kind": kind, "visibility": visibility},
    )
    return flag


@transaction.atomic
def place_flag_clear(*, flag: PlaceFlag, user: Any, reason: str) -> PlaceFlag:
    """Clear an active flag, saying why."""
    flag = PlaceFlag.objects.select_for_update().get(pk=flag.pk)
    if not flag.is_active:
        raise ValidationError(FLAG_ALREADY_CLEARED)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": CLEAR_REASON_REQUIRED})
    flag.cleared_by = user
    flag.cleared_at = timezone.now()
    flag.cleared_reason = reason
    flag.save(update_fields=["cleared_by", "cleared_at", "cleared_reason"])
    audit_record(
        actor=user,
        action=Action.UPDATE,
        target=flag,
        purpose="Flag cleared on a place",
        detail={"place": flag.place_id, "kind": flag.kind, "reason": reason},
    )
    return flag
