"""Documents supporting a bid: kept with it in the database, checked by their bytes
(hedgerow.core.documents), added and removed by the group until the deadline."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hedgerow.budgeting.models import Bid, BidDocument
from hedgerow.budgeting.services.bids import PAST_DEADLINE, bid_takes_changes
from hedgerow.core.documents import document_check, document_name_clean

MAX_DOCUMENTS = 5
TOO_MANY_DOCUMENTS = _("A bid can have up to 5 documents. Remove one to add another.")


@transaction.atomic
def bid_document_add(*, bid: Bid, name: str, content: bytes) -> BidDocument:
    """Keep a document with the bid; errors are given against the `document` field."""
    bid = Bid.objects.select_for_update().select_related("round").get(pk=bid.pk)
    if not bid_takes_changes(bid):
        raise ValidationError(PAST_DEADLINE)
    if bid.documents.count() >= MAX_DOCUMENTS:
        raise ValidationError({"document": TOO_MANY_DOCUMENTS})
    name = document_name_clean(name)
    try:
        kind = document_check(name=name, content=content)
    except ValidationError as error:
        raise ValidationError({"document": error}) from error
    return BidDocument.objects.create(
        bid=bid,
        name=name,
        content=content,
        content_type=kind.content_type,
        size=len(content),
        added_at=timezone.now(),
    )


@transaction.atomic
def bid_document_remove(*, bid: Bid, document_id: int) -> None:
    """The group takes a document off its bid, before the deadline."""
    bid = Bid.objects.select_for_update().select_related("round").get(pk=bid.pk)
    if not bid_takes_changes(bid):
        raise ValidationError(PAST_DEADLINE)
    bid.documents.filter(pk=document_id).delete()
