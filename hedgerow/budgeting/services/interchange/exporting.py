"""A round as a `.pb` file: for coordinators (audited) and, once published, anyone."""

from typing import Any

from django.db import transaction

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.budgeting.models import Round, RoundResult
from hedgerow.budgeting.services.election import round_election
from hedgerow.budgeting.tally.pabulib import write_pabulib

PURPOSE_EXPORT = "Participatory budgeting: downloading a round as a Pabulib file"


def round_export_pb(round: Round) -> str:
    """The round as `.pb` text: bids, confirmed ballots, and `selected` once counted."""
    result = RoundResult.objects.filter(round=round).first()
    selected = None
    if result is not None:
        selected = {row["project"] for row in result.projects if row.get("funded")}
    return write_pabulib(round_election(round), selected=selected)


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
