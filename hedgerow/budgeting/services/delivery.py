"""Tracking funded projects to completion: status, spend, outcomes, areas, photos.

What is recorded here is shown to residents once the round's results are
published, so the partnership can say what the money did. `spent` is the round's
own money: it may not be more than the amount awarded. A group that adds money of
its own says so in the outcomes; the partnership's figures then always add up.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.budgeting.models import (
    Delivery,
    DeliveryPhoto,
    DeliveryStatus,
    Round,
)
from hedgerow.budgeting.selectors.delivery import (
    delivery_area_choices,
    round_funded_bids,
    round_result_get,
)
from hedgerow.geography.models import Lsoa
from hedgerow.intelligence.services.photos import PhotoError, photo_sanitise

MAX_DELIVERY_PHOTOS = 6
OUTCOMES_MAX_LENGTH = 4000
CAPTION_MAX_LENGTH = 300

NO_RESULT = _(
    "The votes have not been counted yet. Delivery can be tracked once the round "
    "has a result."
)
STATUS_UNKNOWN = _("Choose the project’s status")
SPENT_NEGATIVE = _("Amount spent must be £0 or more")
SPENT_OVER_AWARD = _(
    "Amount spent must be no more than the £%(awarded)s awarded. Do not include "
    "money from elsewhere"
)
OUTCOMES_REQUIRED = _("Describe what the project achieved before marking it complete")
OUTCOMES_TOO_LONG = _("What the project achieved must be 4,000 characters or fewer")
AREA_OUTSIDE = _("Choose only areas in this round")
CAPTION_REQUIRED = _("Enter what the photo shows")
CAPTION_TOO_LONG = _("What the photo shows must be 300 characters or fewer")
PHOTO_LIMIT = _(
    "A project can have at most %(max)s photos. Remove a photo to add a different one"
)

PURPOSE = "Participatory budgeting: tracking what a funded project did"


@transaction.atomic
def delivery_start(*, round: Round, by: Any) -> list[Delivery]:
    """Start tracking every funded project not yet tracked; returns the new records.

    Safe to run again: projects already tracked are left as they are.
    """
    # Locking the round makes two coordinators pressing the button at once safe.
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round_result_get(round) is None:
        raise ValidationError(NO_RESULT)
    tracked = set(
        Delivery.objects.filter(bid__round=round).values_list("bid_id", flat=True)
    )
    created = []
    for bid in round_funded_bids(round):
        if bid.pk in tracked:
            continue
        delivery = Delivery.objects.create(bid=bid, updated_by=by)
        audit_record(
            actor=by,
            action=Action.CREATE,
            target=delivery,
            purpose=PURPOSE,
            detail={"round": round.slug, "bid": bid.reference},
        )
        created.append(delivery)
    return created


def _check_update(
    delivery: Delivery,
    *,
    status: str,
    spent: int,
    outcomes: str,
    areas: list[Lsoa],
) -> None:
    """Raise a ValidationError, by field, for everything wrong with an update."""
    errors: dict[str, Any] = {}
    awarded = delivery.bid.amount or 0
    if status not in DeliveryStatus.values:
        errors["status"] = STATUS_UNKNOWN
    if spent < 0:
        errors["spent"] = SPENT_NEGATIVE
    elif spent > awarded:
        errors["spent"] = ValidationError(
            SPENT_OVER_AWARD, params={"awarded": f"{awarded:,}"}
        )
    if len(outcomes) > OUTCOMES_MAX_LENGTH:
        errors["outcomes"] = OUTCOMES_TOO_LONG
    elif status == DeliveryStatus.COMPLETE and not outcomes:
        errors["outcomes"] = OUTCOMES_REQUIRED
    allowed = set(delivery_area_choices(delivery).values_list("pk", flat=True))
    if any(area.pk not in allowed for area in areas):
        errors["areas"] = AREA_OUTSIDE
    if errors:
        raise ValidationError(errors)


def _snapshot(delivery: Delivery) -> dict[str, Any]:
    """What the audit trail keeps of a delivery: choices and figures, no free text."""
    return {
        "status": delivery.status,
        "spent": delivery.spent,
        "areas": sorted(delivery.areas.values_list("code", flat=True)),
    }


@transaction.atomic
def delivery_update(
    *,
    delivery: Delivery,
    by: Any,
    status: str,
    spent: int,
    outcomes: str,
    areas: Iterable[Lsoa],
) -> Delivery:
    """Record a project's status, spend, outcomes and the areas it reached."""
    # A fresh, locked copy: a refused change leaves the caller's object as it was.
    current = (
        Delivery.objects.select_for_update().select_related("bid").get(pk=delivery.pk)
    )
    outcomes, areas = outcomes.strip(), list(areas)
    _check_update(current, status=status, spent=spent, outcomes=outcomes, areas=areas)
    before, outcomes_before = _snapshot(current), current.outcomes
    current.status, current.spent, current.outcomes = status, spent, outcomes
    current.updated_by = by
    current.save()
    current.areas.set(areas)
    after = _snapshot(current)
    changed = sorted(name for name in after if before[name] != after[name])
    if outcomes_before != outcomes:
        changed.append("outcomes")
    audit_record(
        actor=by,
        action=Action.UPDATE,
        target=current,
        purpose=PURPOSE,
        detail={
            "bid": current.bid.reference,
            "changed": changed,
            "before": before,
            "after": after,
        },
    )
    return current


def _check_photo(delivery: Delivery, caption: str) -> dict[str, Any]:
    """The problems with a caption, and with adding one more photo to the project."""
    errors: dict[str, Any] = {}
    if not caption:
        errors["caption"] = CAPTION_REQUIRED
    elif len(caption) > CAPTION_MAX_LENGTH:
        errors["caption"] = CAPTION_TOO_LONG
    if delivery.photos.count() >= MAX_DELIVERY_PHOTOS:
        errors["photo"] = ValidationError(
            PHOTO_LIMIT, params={"max": MAX_DELIVERY_PHOTOS}
        )
    return errors


@transaction.atomic
def delivery_photo_add(
    *, delivery: Delivery, by: Any, data: bytes, caption: str
) -> DeliveryPhoto:
    """Keep a photo of the project's work, re-encoded with no location or metadata."""
    # Locked so two uploads at once cannot take a project past its limit.
    delivery = (
        Delivery.objects.select_for_update().select_related("bid").get(pk=delivery.pk)
    )
    caption = caption.strip()
    errors = _check_photo(delivery, caption)
    if "photo" not in errors:
        try:
            clean = photo_sanitise(data)
        except PhotoError as error:
            errors["photo"] = error.message
    if errors:
        raise ValidationError(errors)
    photo = DeliveryPhoto.objects.create(
        delivery=delivery,
        caption=caption,
        content=clean.content,
        content_type=clean.content_type,
        width=clean.width,
        height=clean.height,
        added_at=timezone.now(),
    )
    audit_record(
        actor=by,
        action=Action.CREATE,
        target=photo,
        purpose=PURPOSE,
        detail={"bid": delivery.bid.reference, "delivery": delivery.pk},
    )
    return photo


@transaction.atomic
def delivery_photo_remove(*, photo: DeliveryPhoto, by: Any) -> None:
    """Delete a project's photo, from the staff page and the public one alike."""
    detail = {"bid": photo.delivery.bid.reference, "delivery": photo.delivery_id}
    audit_record(
        actor=by, action=Action.DELETE, target=photo, purpose=PURPOSE, detail=detail
    )
    photo.delete()
