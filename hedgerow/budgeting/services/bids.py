"""Bids: a group starts one from an emailed link, works on it until the deadline,
submits it; coordinators enter paper bids and review eligibility with reasons."""

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hedgerow.accounts.models import User
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.budgeting.models import Bid, BidStatus, Phase, Round
from hedgerow.budgeting.services.secrets import CODE_ALPHABET, link_hash, link_new
from hedgerow.budgeting.templatetags.pb import money

BIDS_CLOSED = _("This round is not taking bids.")
PAST_DEADLINE = _("The deadline for bids has passed, so this bid can no longer change.")
AMOUNT_RANGE = _("Ask for between %(least)s and %(most)s.")
AREA_OUTSIDE = _("Choose a neighbourhood in this round’s area.")
NEEDED_TO_SUBMIT = _("Before you submit, give the bid %(missing)s.")
REASON_NEEDED = _("Give the reason for the decision: the group will see it.")
NOT_REVIEWABLE = _("Only submitted bids can be reviewed, before voting opens.")
LINK_SUBJECT = _("Your bid to %(round)s")
EDITABLE = (BidStatus.DRAFT, BidStatus.SUBMITTED)
REQUIRED = {
    "title": _("a title"),
    "summary": _("a summary"),
    "amount": _("the amount"),
    "outcomes": _("what it will achieve"),
}
BID_FIELDS = ("title", "summary", "amount", "area", "outcomes", "contact_name")


@dataclass(frozen=True)
class BidDraft:
    """What a group or a coordinator wrote on the bid form."""

    title: str = ""
    summary: str = ""
    amount: int | None = None
    area: Any = None
    outcomes: str = ""
    contact_name: str = ""
    themes: Any = ()


def _reference() -> str:
    while True:
        reference = "PB-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
        if not Bid.objects.filter(reference=reference).exists():
            return reference


def bid_takes_changes(bid: Bid) -> bool:
    """Whether the group may still change the bid: bids open, before the deadline."""
    round = bid.round
    return (
        bid.status in EDITABLE
        and round.phase == Phase.BIDS_OPEN
        and timezone.now() < round.bids_close_at
    )


@transaction.atomic
def bid_link_request(
    *, round: Round, group_name: str, email: str, link_url: Callable[[str], str]
) -> Bid:
    """Start a draft bid and email its link; earlier bids by this email get new links.

    Only a hash of each link's secret is kept, so a lost email means a new link.
    """
    if round.phase != Phase.BIDS_OPEN or timezone.now() >= round.bids_close_at:
        raise ValidationError(BIDS_CLOSED)
    earlier = list(round.bids.filter(contact_email__iexact=email, status__in=EDITABLE))
    links = []
    for bid in earlier:
        secret = link_new()
        bid.link_hash = link_hash(secret)
        bid.save(update_fields=["link_hash", "updated_at"])
        links.append((bid, link_url(secret)))
    secret = link_new()
    bid = Bid.objects.create(
        round=round,
        reference=_reference(),
        group_name=group_name,
        contact_email=email,
        link_hash=link_hash(secret),
    )
    _email_links(round, email, link_url(secret), links)
    return bid


def _email_links(
    round: Round, email: str, new_link: str, earlier: list[tuple[Bid, str]]
) -> None:
    """Send the links once the transaction commits (never for a rolled-back one)."""
    body = render_to_string(
        "budgeting/email/bid_link.txt",
        {
            "round": round,
            "link": new_link,
            "earlier": earlier,
            "partnership": settings.HEDGEROW_PARTNERSHIP_NAME,
        },
    )
    subject = str(LINK_SUBJECT % {"round": round.name})
    transaction.on_commit(partial(send_mail, subject, body, None, [email]))


def bid_from_link(secret: str) -> Bid | None:
    """The bid a link opens, or None for a wrong or replaced link."""
    if not secret:
        return None
    return (
        Bid.objects.select_related("round").filter(link_hash=link_hash(secret)).first()
    )


def bid_problems(bid: Bid, draft: BidDraft, *, submitting: bool) -> list[str]:
    """What stops this draft being saved (or submitted), in plain words."""
    problems = []
    round = bid.round
    if draft.amount is not None and not round.min_bid <= draft.amount <= round.max_bid:
        problems.append(
            AMOUNT_RANGE
            % {
                "least": money(round.min_bid, round.currency),
                "most": money(round.max_bid, round.currency),
            }
        )
    areas = round.areas
    if draft.area is not None and not areas.filter(pk=draft.area.pk).exists():
        problems.append(str(AREA_OUTSIDE))
    if submitting:
        missing = [str(label) for f, label in REQUIRED.items() if not getattr(draft, f)]
        if missing:
            problems.append(NEEDED_TO_SUBMIT % {"missing": ", ".join(missing)})
    return problems


def _apply(bid: Bid, draft: BidDraft) -> None:
    for field in BID_FIELDS:
        setattr(bid, field, getattr(draft, field))


@transaction.atomic
def bid_save(*, bid: Bid, draft: BidDraft, submit: bool) -> Bid:
    """The group saves its bid, and submits it when ready; both until the deadline."""
    bid = Bid.objects.select_for_update().select_related("round").get(pk=bid.pk)
    if not bid_takes_changes(bid):
        raise ValidationError(PAST_DEADLINE)
    submitting = submit or bid.status == BidStatus.SUBMITTED
    problems = bid_problems(bid, draft, submitting=submitting)
    if problems:
        raise ValidationError(problems)
    _apply(bid, draft)
    if submitting and bid.status == BidStatus.DRAFT:
        bid.status = BidStatus.SUBMITTED
        bid.submitted_at = timezone.now()
    bid.save()
    bid.themes.set(draft.themes)
    return bid


@transaction.atomic
def bid_withdraw(*, bid: Bid) -> None:
    """The group withdraws its bid before the deadline."""
    bid = Bid.objects.select_for_update().select_related("round").get(pk=bid.pk)
    if not bid_takes_changes(bid):
        raise ValidationError(PAST_DEADLINE)
    bid.status = BidStatus.WITHDRAWN
    bid.save(update_fields=["status", "updated_at"])


@transaction.atomic
def bid_enter_on_paper(
    *, round: Round, by: User, group_name: str, email: str, draft: BidDraft
) -> Bid:
    """A coordinator types in a bid that arrived on paper; it is submitted at once."""
    if round.phase not in (Phase.BIDS_OPEN, Phase.REVIEW):
        raise ValidationError(BIDS_CLOSED)
    bid = Bid(round=round, reference=_reference(), group_name=group_name)
    bid.contact_email = email
    problems = bid_problems(bid, draft, submitting=True)
    if problems:
        raise ValidationError(problems)
    _apply(bid, draft)
    bid.status, bid.submitted_at, bid.entered_by = (
        BidStatus.SUBMITTED,
        timezone.now(),
        by,
    )
    bid.save()
    bid.themes.set(draft.themes)
    audit_record(
        actor=by,
        action=Action.CREATE,
        target=bid,
        purpose="Participatory budgeting: entering a paper bid",
    )
    return bid


@transaction.atomic
def bid_review(*, bid: Bid, by: User, eligible: bool, reason: str) -> Bid:
    """Record the eligibility decision and its reason; the group sees both."""
    bid = Bid.objects.select_for_update().select_related("round").get(pk=bid.pk)
    reviewable = (BidStatus.SUBMITTED, BidStatus.ELIGIBLE, BidStatus.INELIGIBLE)
    if bid.status not in reviewable or bid.round.phase not in (
        Phase.BIDS_OPEN,
        Phase.REVIEW,
    ):
        raise ValidationError(NOT_REVIEWABLE)
    if not reason.strip():
        raise ValidationError(REASON_NEEDED)
    bid.status = BidStatus.ELIGIBLE if eligible else BidStatus.INELIGIBLE
    bid.review_reason = reason.strip()
    bid.reviewed_by, bid.reviewed_at = by, timezone.now()
    bid.save()
    audit_record(
        actor=by,
        action=Action.UPDATE,
        target=bid,
        purpose="Participatory budgeting: reviewing a bid's eligibility",
        detail={"decision": bid.status},
    )
    return bid
