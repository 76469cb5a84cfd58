"""A round as a `.pb` file: for coordinators (audited) and, once published, anyone."""

from typing import Any

from django.db import transaction

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.budgeting.models import BidStatus, Round, RoundResult
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
