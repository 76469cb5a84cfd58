"""A round as a `.pb` file: for coordinators (audited) and, once published, anyone."""

import hashlib
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Q

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.budgeting.models import BidStatus, Round, RoundPublicFile, RoundResult
from hedgerow.budgeting.services.election import round_election
from hedgerow.budgeting.tally.pabulib import write_pabulib

PURPOSE_EXPORT = "Participatory budgeting: downloading a round as a Pabulib file"


def round_export_pb(round: Round) -> str:
    """The round as `.pb` text: bids, confirmed ballots, and `selected`.

    `selected` is the count's result once counted; before that, an imported round
    passes on its file's own result, where the file gave one for every project.
    """
    result = RoundResult.objects.filter(round=round).first()
    selected = None
    if result is not None:
        selected = {row["project"] for row in result.projects if row.get("funded")}
    else:
        official = dict(
            round.bids.filter(status=BidStatus.ELIGIBLE).values_list(
                "pabulib_id", "officially_funded"
            )
        )
        if official and None not in official.values():
            selected = {project for project, funded in official.items() if funded}
    return write_pabulib(round_election(round), selected=selected)


def round_public_pb(round: Round) -> tuple[str, str]:
    """A published round's file and its version, built again only when what it is
    built from has changed since it was last built."""
    version = _file_version(round)
    stored = RoundPublicFile.objects.filter(round=round, version=version).first()
    if stored is not None:
        return stored.text, version
    text = round_export_pb(round)
    RoundPublicFile.objects.update_or_create(
        round=round, defaults={"version": version, "text": text}
    )
    return text, version


def _file_version(round: Round) -> str:
    """A hash of when the round, its bids and its result last changed, and of how
    many ballots count: every input of `round_export_pb`."""
    bids = round.bids.aggregate(changed=Max("updated_at"), count=Count("pk"))
    ballots = round.ballots.aggregate(counted=Count("pk", filter=Q(is_confirmed=True)))
    result = RoundResult.objects.filter(round=round).values("computed_at").first()
    parts = (
        round.pk,
        round.updated_at,
        bids["changed"],
        bids["count"],
        ballots["counted"],
        result and result["computed_at"],
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()


@transaction.atomic
def round_download_pb(*, round: Round, by: Any, actor_label: str = "") -> str:
    """`round_export_pb`, recorded in the audit trail as an export by `by`."""
    text = round_export_pb(round)
    audit_record(
        actor=by,
        actor_label=actor_label,
        action=Action.EXPORT,
        target=round,
        purpose=PURPOSE_EXPORT,
        detail={"format": "pabulib", "bytes": len(text.encode())},
    )
    return text
