"""What the round's money did: each funded project's delivery, and the totals.

A bid is funded when its round has a result and the result lists the bid's
project id with `"funded": true`. A funded project whose tracking has not started
yet still appears, as not started with nothing spent, so the public page is
complete from the day results are published.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from hedgerow.budgeting.models import (
    Bid,
    Delivery,
    DeliveryPhoto,
    DeliveryStatus,
    Round,
    RoundResult,
)
from hedgerow.geography.models import Lsoa

# GOV.UK tag colours, so a status reads the same on every page.
STATUS_TAG_CLASSES = {
    DeliveryStatus.NOT_STARTED: "govuk-tag--grey",
    DeliveryStatus.IN_PROGRESS: "govuk-tag--blue",
    DeliveryStatus.COMPLETE: "govuk-tag--green",
    DeliveryStatus.STOPPED: "govuk-tag--red",
}


@dataclass(frozen=True)
class PhotoCard:
    """A photo as a page lists it: never its bytes, which are served on their own."""

    id: int
    caption: str
    width: int
    height: int


@dataclass(frozen=True)
class ProjectDelivery:
    """One funded project: what it was awarded, and what it has done so far."""

    bid: Bid
    delivery: Delivery | None
    status: str
    status_label: str
    awarded: int
    spent: int
    outcomes: str
    areas: list[Lsoa]
    photos: list[PhotoCard]

    @property
    def photo_ids(self) -> list[int]:
        """The ids of the project's photos, oldest first."""
        return [photo.id for photo in self.photos]

    @property
    def tag_class(self) -> str:
        """The GOV.UK tag modifier for the project's status."""
        return STATUS_TAG_CLASSES.get(DeliveryStatus(self.status), "")


@dataclass(frozen=True)
class RoundDeliverySummary:
    """Every funded project of a round, with the round's totals."""

    round: Round
    has_result: bool
    projects: list[ProjectDelivery] = field(default_factory=list)

    @property
    def awarded(self) -> int:
        """Pounds awarded to the funded projects."""
        return sum(project.awarded for project in self.projects)

    @property
    def spent(self) -> int:
        """Pounds the funded projects have spent so far."""
        return sum(project.spent for project in self.projects)

    @property
    def complete(self) -> int:
        """How many funded projects are complete."""
        return sum(p.status == DeliveryStatus.COMPLETE for p in self.projects)

    @property
    def untracked(self) -> int:
        """How many funded projects have no delivery record yet."""
        return sum(project.delivery is None for project in self.projects)


def round_result_get(round: Round) -> RoundResult | None:
    """The round's counted result, or None before the votes are counted."""
    return RoundResult.objects.filter(round=round).first()


def result_funded_ids(result: RoundResult) -> set[str]:
    """The project ids the result funds; entries of any other shape are skipped."""
    entries = result.projects if isinstance(result.projects, list) else []
    return {
        str(entry["project"])
        for entry in entries
        if isinstance(entry, dict)
        and entry.get("funded") is True
        and "project" in entry
    }


def round_funded_bids(round: Round) -> list[Bid]:
    """The round's funded bids in the order the tally knows them; [] with no result."""
    result = round_result_get(round)
    if result is None:
        return []
    funded = result_funded_ids(result)
    bids = [
        bid for bid in round.bids.select_related("area") if bid.project_id in funded
    ]
    return sorted(bids, key=lambda bid: bid.project_id)


def _deliveries(bids: list[Bid]) -> dict[int, Delivery]:
    """The bids' delivery records, with their areas and photos (not photo bytes)."""
    photos = DeliveryPhoto.objects.defer("content")
    deliveries = Delivery.objects.filter(bid__in=bids).prefetch_related(
        Prefetch("areas", queryset=Lsoa.objects.order_by("name")),
        Prefetch("photos", queryset=photos),
    )
    return {delivery.bid_id: delivery for delivery in deliveries}


def _project(bid: Bid, delivery: Delivery | None) -> ProjectDelivery:
    """One funded project, from its bid and delivery record (if there is one)."""
    status = delivery.status if delivery else DeliveryStatus.NOT_STARTED
    return ProjectDelivery(
        bid=bid,
        delivery=delivery,
        status=str(status),
        status_label=str(DeliveryStatus(status).label),
        awarded=bid.amount or 0,
        spent=delivery.spent if delivery else 0,
        outcomes=delivery.outcomes if delivery else "",
        areas=list(delivery.areas.all()) if delivery else [],
        photos=[
            PhotoCard(p.pk, p.caption, p.width, p.height)
            for p in (delivery.photos.all() if delivery else [])
        ],
    )


def round_delivery_summary(round: Round) -> RoundDeliverySummary:
    """Per funded project: status, awarded, spent, outcomes, areas and photos."""
    if round_result_get(round) is None:
        return RoundDeliverySummary(round=round, has_result=False)
    bids = round_funded_bids(round)
    deliveries = _deliveries(bids)
    projects = [_project(bid, deliveries.get(bid.pk)) for bid in bids]
    return RoundDeliverySummary(round=round, has_result=True, projects=projects)


def delivery_area_choices(delivery: Delivery) -> QuerySet[Lsoa]:
    """The areas a project may say it reached: the round's, and the bid's own."""
    bid = delivery.bid
    area_ids = set(bid.round.areas.values_list("pk", flat=True))
    if bid.area_id is not None:
        area_ids.add(bid.area_id)
    return Lsoa.objects.filter(pk__in=area_ids).order_by("name")


def round_published_photo(round: Round, photo_id: int) -> DeliveryPhoto | None:
    """A photo of one of the round's funded projects, once results are published."""
    if not round.is_published:
        return None
    photo = (
        DeliveryPhoto.objects.select_related("delivery__bid")
        .filter(pk=photo_id, delivery__bid__round=round)
        .first()
    )
    if photo is None:
        return None
    result = round_result_get(round)
    if result is None or photo.delivery.bid.project_id not in result_funded_ids(result):
        return None
    return photo
