"""Importing a FollowTheMoney stream as subjects and links, all or nothing."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record
from hedgerow.networks import ftm
from hedgerow.networks.models import Link, Subject


@dataclass(frozen=True)
class FtmImport:
    subjects: int
    links: int


def ftm_import(
    *,
    lines: Any,
    agency: Any,
    user: Any = None,
    actor_label: str = "",
    source: str = "",
) -> FtmImport:
    """Create a subject per entity and a link per interval, recorded by `agency`.

    Raises FtmError naming every problem (by entity id) and writes nothing.
    """
    parsed = ftm.parse_lines(lines)
    problems: list[str] = []
    with transaction.atomic():
        created: dict[str, Subject] = {}
        for entity in parsed.subjects:
            subject = Subject(
                **ftm.subject_fields(entity), agency=agency, created_by=user
            )
            problems += _invalid(
                entity["id"], subject, ["created_by", "merged_into", "place"]
            )
            created[entity["id"]] = subject
        if problems:
            raise ftm.FtmError(problems)
        for subject in created.values():
            subject.save()
        links = 0
        for entity in parsed.links:
            source_id, target_id, fields = ftm.link_fields(entity)
            link = Link(
                source=created[source_id],
                target=created[target_id],
                agency=agency,
                created_by=user,
                **fields,
            )
            problems += _invalid(entity["id"], link, ["created_by"])
            if not problems:
                link.save()
                links += 1
        if problems:
            transaction.set_rollback(True)
            raise ftm.FtmError(problems)
        audit_record(
            actor=user,
            actor_label=actor_label,
            action=Action.CREATE,
            target_type="networks.subject",
            detail={
                "ftm_import": source,
                "agency_id": agency.pk,
                "subjects": len(created),
                "links": links,
            },
        )
    return FtmImport(subjects=len(created), links=links)


def _invalid(entity_id: str, record: Any, exclude: list[str]) -> list[str]:
    try:
        record.full_clean(exclude=exclude)
    except ValidationError as error:
        return [f"{entity_id}: {'; '.join(error.messages)}"]
    return []
