"""A past election from a `.pb` file, as a round in its results phase.

Everything is checked before anything is written, and the writes share one
transaction, so a refused or failed import leaves nothing behind. Each voter becomes
one confirmed ballot (an empty one too: it still counts as a voter), written in
batches; the voter's id and details (age, sex, district) are not kept.
"""

import secrets
import uuid
from fractions import Fraction
from typing import Any, cast

import numpy as np
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Field, Model
from django.utils.translation import gettext_lazy as _

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.budgeting.models import (
    Ballot,
    BallotChannel,
    BallotChoice,
    Bid,
    BidStatus,
    Round,
)
from hedgerow.budgeting.services.interchange.file_lines import meta_line, row_lines
from hedgerow.budgeting.services.interchange.round_settings import round_fields
from hedgerow.budgeting.services.secrets import CODE_ALPHABET
from hedgerow.budgeting.tally.election import Election
from hedgerow.budgeting.tally.pabulib import PabulibError, read_pabulib

MAX_BYTES = 50 * 1024 * 1024
BATCH = 5_000
LARGEST = 2**31 - 1  # what an integer column holds on every database
TITLE_LENGTH = 200
IMPORTED_GROUP = "Imported"
VOTE_TYPES = ("approval", "choose-1", "cumulative")
PURPOSE_IMPORT = "Participatory budgeting: importing a round from a Pabulib file"

FILE_TOO_LARGE = _("The file must be smaller than 50 MB.")
FILE_EMPTY = _("The file is empty. Choose a Pabulib .pb file.")
SLUG_TAKEN = _("A round already uses the web address name “%(slug)s”. Choose another.")
BUDGET_NOT_WHOLE = _(
    "The budget is %(value)s. Hedgerow keeps budgets in whole units of currency, so "
    "it cannot import this file."
)
COST_NOT_WHOLE = _(
    "The cost of project %(project)s is %(value)s. Hedgerow keeps costs in whole "
    "units of currency, so it cannot import this file."
)
NUMBER_TOO_LARGE = _("%(what)s is %(value)s, more than Hedgerow can hold.")
VOTE_TYPE_REFUSED = _(
    "The ballots are %(vote_type)s ballots. Hedgerow imports choose-up-to "
    "(approval), choose-one and share-out-points (cumulative) ballots only."
)
POINTS_NOT_WHOLE = _(
    "A ballot gives project %(project)s %(points)s points. Hedgerow records whole "
    "points of at least 1 for each project chosen."
)
PROJECT_REPEATED = _("A ballot gives points to project %(project)s twice.")
SELECTED_NOT_0_OR_1 = _(
    "Project %(project)s has “%(value)s” in the selected column. It must be 1 "
    "(funded) or 0 (not funded)."
)
LINE = _("Line %(line)s: %(message)s")

Choices = tuple[np.ndarray, np.ndarray, list[int]]


@transaction.atomic
def round_import_pb(
    *, data: bytes, filename: str, slug: str, by: Any, actor_label: str = ""
) -> Round:
    """A round in its results phase from a `.pb` file: all of it, or nothing."""
    election, text = _read(data)
    taken = ValidationError({"slug": SLUG_TAKEN % {"slug": slug}})
    if Round.objects.filter(slug=slug).exists():
        raise taken
    costs = _costs(election, text)
    official = _official_results(election, text)
    choices = _choices(election, text)
    try:
        with transaction.atomic():  # another import may take the slug meanwhile
            round = Round.objects.create(
                **round_fields(election, costs, filename, slug), created_by=by
            )
    except IntegrityError:
        if Round.objects.filter(slug=slug).exists():
            raise taken from None
        raise
    bid_pks = _create_bids(round, election, costs, official)
    ballots = _create_ballots(round, election.num_voters, bid_pks, choices)
    audit_record(
        actor=by,
        actor_label=actor_label,
        action=Action.CREATE,
        target=round,
        purpose=PURPOSE_IMPORT,
        detail={
            "file": filename,
            "projects": len(bid_pks),
            "ballots": ballots,
            "choices": len(choices[1]),
            "warnings": election.warnings,
        },
    )
    return round


def _read(data: bytes) -> tuple[Election, str]:
    """The parsed election and its text, or the reader's reason with its line."""
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": FILE_TOO_LARGE})
    if not data.strip():
        raise ValidationError({"file": FILE_EMPTY})
    try:
        election = read_pabulib(data)
    except PabulibError as error:
        raise ValidationError({"file": str(error)}) from None
    if election.vote_type not in VOTE_TYPES:
        message = VOTE_TYPE_REFUSED % {"vote_type": election.vote_type}
        raise ValidationError({"file": message})
    return election, data.decode("utf-8-sig")


def _refusal(message: Any, line: int | None) -> ValidationError:
    text = LINE % {"line": line, "message": message} if line else message
    return ValidationError({"file": text})


def _number(value: Fraction | float) -> str:
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else str(float(value))
    return f"{value:g}"


def _whole(value: Fraction, message: Any, what: Any, line: int | None) -> int:
    """A budget or cost as a whole number, or a refusal that names its line."""
    if value.denominator != 1:
        raise _refusal(message, line)
    if value > LARGEST:
        raise _refusal(NUMBER_TOO_LARGE % {"what": what, "value": value}, line)
    return int(value)


def _costs(election: Election, text: str) -> list[int]:
    """Each project's cost in whole units, after the budget is checked the same way."""
    message = BUDGET_NOT_WHOLE % {"value": _number(election.budget)}
    _whole(election.budget, message, _("The budget"), meta_line(text, "budget"))
    lines = row_lines(text, "projects")
    costs = []
    for i, project in enumerate(election.projects):
        values = {"project": project.id, "value": _number(project.cost)}
        what = _("The cost of project %(project)s") % values
        line = lines[i] if i < len(lines) else None
        costs.append(_whole(project.cost, COST_NOT_WHOLE % values, what, line))
    return costs


def _official_results(election: Election, text: str) -> list[bool | None]:
    """Whether the file says each project was funded; None where it does not say."""
    official: list[bool | None] = []
    for i, project in enumerate(election.projects):
        value = project.meta.get("selected")
        if value is None or value == "":
            official.append(None)
        elif value in ("0", "1"):
            official.append(value == "1")
        else:
            lines = row_lines(text, "projects")
            message = SELECTED_NOT_0_OR_1 % {"project": project.id, "value": value}
            raise _refusal(message, lines[i] if i < len(lines) else None)
    return official


def _choices(election: Election, text: str) -> Choices:
    """(voter, project, points) of every choice; an approval named twice counts once."""
    ptr, projects = election.ballot_ptr, election.ballot_projects
    voters = np.repeat(np.arange(election.num_voters, dtype=np.int64), np.diff(ptr))
    key = voters * max(len(election.projects), 1) + projects
    _unique, first = np.unique(key, return_index=True)
    points = election.ballot_points
    if points is None:
        keep = np.sort(first)
        return voters[keep], projects[keep], [1] * len(keep)
    if len(first) < len(key):
        at = int(np.setdiff1d(np.arange(len(key)), first)[0])
        message = PROJECT_REPEATED % {"project": election.projects[projects[at]].id}
        raise _refusal(message, _voter_line(text, int(voters[at])))
    bad = np.flatnonzero(
        (points < 1) | (points != np.floor(points)) | (points > LARGEST)
    )
    if bad.size:
        at = int(bad[0])
        message = POINTS_NOT_WHOLE % {
            "project": election.projects[projects[at]].id,
            "points": _number(float(points[at])),
        }
        raise _refusal(message, _voter_line(text, int(voters[at])))
    return voters, projects, points.astype(np.int64).tolist()


def _voter_line(text: str, voter: int) -> int | None:
    lines = row_lines(text, "votes")
    return lines[voter] if voter < len(lines) else None


def _create_bids(
    round: Round,
    election: Election,
    costs: list[int],
    official: list[bool | None],
) -> list[int]:
    """One eligible bid per project; their primary keys, in the file's order."""
    bids = []
    references = _references(len(costs))
    for project, cost, reference, funded in zip(
        election.projects, costs, references, official, strict=True
    ):
        name = project.name or project.id
        title = name if len(name) <= TITLE_LENGTH else name[: TITLE_LENGTH - 1] + "…"
        group = project.meta.get("group") or IMPORTED_GROUP
        bids.append(
            Bid(
                round=round,
                reference=reference,
                group_name=group[:TITLE_LENGTH],
                title=title,
                summary=name if title != name else "",
                amount=cost,
                status=BidStatus.ELIGIBLE,
                pabulib_id=project.id,
                officially_funded=funded,
            )
        )
    Bid.objects.bulk_create(bids, batch_size=BATCH)
    pks = dict(round.bids.values_list("pabulib_id", "pk"))
    return [pks[project.id] for project in election.projects]


def _references(count: int) -> list[str]:
    """Fresh bid references like PB-7KQ2MX, none already taken."""
    while True:
        references = {
            "PB-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
            for _ in range(count)
        }
        taken = Bid.objects.filter(reference__in=references).exists()
        if len(references) == count and not taken:
            return sorted(references)


def _create_ballots(
    round: Round, voters: int, bid_pks: list[int], choices: Choices
) -> int:
    """One confirmed ballot per voter, with a random id, and its choices."""
    prepare = Ballot._meta.get_field("id").get_db_prep_value
    ids = [prepare(uuid.uuid4(), connection) for _ in range(voters)]
    imported = BallotChannel.FILE.value
    _insert(
        Ballot,
        ("id", "round", "channel", "is_confirmed", "paper_number"),
        [(i, round.pk, imported, True, "") for i in ids],
    )
    voter_of, project_of, points = choices
    bids = [bid_pks[p] for p in project_of.tolist()]
    ballots = [ids[v] for v in voter_of.tolist()]
    _insert(
        BallotChoice,
        ("ballot", "bid", "points"),
        list(zip(ballots, bids, points, strict=True)),
    )
    return voters


def _insert(
    model: type[Model], fields: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """Rows straight into the model's table: COPY on PostgreSQL, else executemany.

    Building a model instance per row is most of the ORM's cost on a city's
    300,000 choices; these values are already checked and in database form.
    """
    meta = model._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    columns = ", ".join(
        quote(cast("Field[Any, Any]", meta.get_field(f)).column) for f in fields
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 (names from the model; values are parameters)
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])
