"""Subjects and links as FollowTheMoney entities, and back (ADR 0020).

Each kind of subject is one FtM schema and each kind of link one FtM interval
schema, so a stream exported here opens in Aleph, `ftm` and OpenSanctions tools.
What FtM has no property for is carried in its own free-text properties, in a
fixed form this module reads back: vulnerabilities and a sort code as `keywords`
("hedgerow:vulnerability:child"), the 3×5×2 grading as the link's `summary`
("3x5x2 2/B/P"), handling conditions as its `description`.

Every entity is checked with the followthemoney library before it is written out
or read in: the schema exists, every property belongs to it and every value is
valid for its type, and every reference points at an entity in the same stream.
"""

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.types import registry

from hedgerow.networks.models import Link, LinkKind, Subject, SubjectKind

SUBJECT_SCHEMA: dict[str, str] = {
    SubjectKind.PERSON: "Person",
    SubjectKind.COMPANY: "Company",
    SubjectKind.ORGANISATION: "Organization",
    SubjectKind.VEHICLE: "Vehicle",
    SubjectKind.PHONE: "UserAccount",
    SubjectKind.BANK_ACCOUNT: "BankAccount",
    SubjectKind.PREMISES: "RealEstate",
}
# For each kind of link: its FtM schema and the properties naming its two ends.
LINK_SCHEMA: dict[str, tuple[str, str, str]] = {
    LinkKind.ASSOCIATE: ("Associate", "person", "associate"),
    LinkKind.FAMILY: ("Family", "person", "relative"),
    LinkKind.EMPLOYS: ("Employment", "employer", "employee"),
    LinkKind.OWNS: ("Ownership", "owner", "asset"),
    LinkKind.DIRECTS: ("Directorship", "director", "organization"),
    LinkKind.USES_VEHICLE: ("UnknownLink", "subject", "object"),
    LinkKind.USES_PHONE: ("UnknownLink", "subject", "object"),
    LinkKind.LIVES_AT: ("UnknownLink", "subject", "object"),
    LinkKind.FREQUENTS: ("UnknownLink", "subject", "object"),
    LinkKind.EXPLOITS: ("UnknownLink", "subject", "object"),
}
# Plain subject fields and the FtM property each is written to.
SUBJECT_PROPERTIES: dict[str, str] = {
    "name": "name",
    "notes": "notes",
    "company_number": "registrationNumber",
    "registration": "registrationNumber",
    "sector": "sector",
    "vehicle_model": "model",
    "account_number": "accountNumber",
    "bank_name": "bankName",
    "nationality": "nationality",
}
KEYWORD = "hedgerow:"
GRADING = re.compile(r"^3x5x2 ([123])/([A-E])/([PC])$")
SUBJECT_PREFIX, LINK_PREFIX = "hedgerow-subject-", "hedgerow-link-"


class FtmError(ValueError):
    """A stream that is not valid FollowTheMoney, or cannot be Hedgerow's."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def subject_entity(subject: Subject) -> dict[str, Any]:
    """One subject as an FtM entity (id, schema, properties of string lists)."""
    props: dict[str, list[str]] = {}
    for attribute, prop in SUBJECT_PROPERTIES.items():
        value = getattr(subject, attribute)
        if value:
            props.setdefault(prop, []).append(str(value))
    if subject.aliases:
        props["alias"] = list(subject.aliases)
    if subject.date_of_birth:
        props["birthDate"] = [subject.date_of_birth.isoformat()]
    keywords = [f"{KEYWORD}vulnerability:{v}" for v in subject.vulnerabilities]
    if subject.sort_code:
        keywords.append(f"{KEYWORD}sort-code:{subject.sort_code}")
    if keywords:
        props["keywords"] = keywords
    props.update(_kind_properties(subject))
    props["publisher"] = [subject.agency.name]
    return {
        "id": f"{SUBJECT_PREFIX}{subject.pk}",
        "schema": SUBJECT_SCHEMA[subject.kind],
        "properties": props,
    }


def _kind_properties(subject: Subject) -> dict[str, list[str]]:
    """A phone's number and a premises' address and point."""
    props: dict[str, list[str]] = {}
    if subject.kind == SubjectKind.PHONE:
        props["service"] = ["phone"]
        number = international_phone(subject.phone_number)
        if number:
            props["number"] = [number]
    if subject.kind == SubjectKind.PREMISES:
        props["address"] = [subject.name]
        if subject.place and subject.place.latitude is not None:
            props["latitude"] = [str(subject.place.latitude)]
            props["longitude"] = [str(subject.place.longitude)]
    return props


def link_entity(link: Link) -> dict[str, Any]:
    schema, source_prop, target_prop = LINK_SCHEMA[link.kind]
    props: dict[str, list[str]] = {
        source_prop: [f"{SUBJECT_PREFIX}{link.source_id}"],
        target_prop: [f"{SUBJECT_PREFIX}{link.target_id}"],
        "publisher": [link.information_source],
        "summary": [f"3x5x2 {link.grading}"],
    }
    if schema == "UnknownLink":
        props["role"] = [link.kind]
    if link.start_date:
        props["startDate"] = [link.start_date.isoformat()]
    if link.end_date:
        props["endDate"] = [link.end_date.isoformat()]
    if link.handling_conditions:
        props["description"] = [link.handling_conditions]
    return {"id": f"{LINK_PREFIX}{link.pk}", "schema": schema, "properties": props}


def export_lines(subjects: Iterable[Subject], links: Iterable[Link]) -> Iterator[str]:
    """The subjects, then the links, one validated JSON entity per line."""
    entities = [subject_entity(s) for s in subjects] + [link_entity(k) for k in links]
    problems = validate(entities)
    if problems:
        raise FtmError(problems)
    for entity in entities:
        yield json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n"


def international_phone(number: str) -> str:
    """A UK number in E.164 ("07700 900123" → "+447700900123"), or "" if not valid."""
    digits = re.sub(r"[^\d+]", "", number)
    if digits.startswith("0") and not digits.startswith("00"):
        digits = "+44" + digits[1:]
    elif digits.startswith("00"):
        digits = "+" + digits[2:]
    return digits if registry.phone.validate(digits) else ""


def validate(entities: list[dict[str, Any]]) -> list[str]:
    """Problems with a stream, checked by followthemoney; [] when it is valid."""
    problems: list[str] = []
    ids = {entity.get("id") for entity in entities}
    for number, entity in enumerate(entities, 1):
        where = f"entity {number} ({entity.get('id', 'no id')})"
        try:
            proxy = model.get_proxy(
                {"id": entity.get("id"), "schema": entity.get("schema")}, cleaned=False
            )
        except InvalidData as error:
            problems.append(f"{where}: {error}")
            continue
        if proxy.schema.abstract:
            problems.append(f"{where}: {proxy.schema.name} is an abstract schema")
        for prop_name, values in (entity.get("properties") or {}).items():
            problems += _property_problems(proxy, where, prop_name, values, ids)
    return problems


def _property_problems(
    proxy: Any, where: str, prop_name: str, values: Any, ids: set[Any]
) -> list[str]:
    prop = proxy.schema.get(prop_name)
    if prop is None:
        return [f"{where}: {proxy.schema.name} has no property “{prop_name}”"]
    if not isinstance(values, list):
        return [f"{where}: {prop_name} must be a list of strings"]
    problems = []
    for value in values:
        if not isinstance(value, str) or not prop.type.validate(value):
            problems.append(f"{where}: “{value}” is not a valid {prop.type.name}")
        elif prop.type == registry.entity and value not in ids:
            problems.append(f"{where}: {prop_name} points at {value}, not in the file")
    return problems


@dataclass
class ParsedStream:
    """A validated stream, split into subject and link entities."""

    subjects: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)


def parse_lines(lines: Iterable[str]) -> ParsedStream:
    """Read a JSON-lines stream; every problem is named with its line, nothing kept."""
    entities, problems = [], []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            entity = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"line {number}: not JSON ({error.msg})")
            continue
        if not isinstance(entity, dict):
            problems.append(f"line {number}: an entity must be a JSON object")
            continue
        entities.append(entity)
    if not entities and not problems:
        problems.append("the file holds no entities")
    problems += validate(entities)
    parsed = ParsedStream()
    kinds = {schema: kind for kind, schema in SUBJECT_SCHEMA.items()}
    link_schemata = {schema for schema, _, _ in LINK_SCHEMA.values()}
    for entity in entities:
        schema = entity.get("schema")
        if schema in kinds:
            parsed.subjects.append(entity)
        elif schema in link_schemata:
            parsed.links.append(entity)
        else:
            problems.append(f"{entity.get('id')}: Hedgerow has no kind for {schema}")
    if problems:
        raise FtmError(problems)
    return parsed


def subject_fields(entity: dict[str, Any]) -> dict[str, Any]:
    """The Subject fields an entity stands for (the inverse of subject_entity)."""
    kind = {schema: kind for kind, schema in SUBJECT_SCHEMA.items()}[entity["schema"]]
    props = entity.get("properties", {})

    def first(prop: str) -> str:
        return str(props.get(prop, [""])[0])

    fields: dict[str, Any] = {"kind": kind, "name": first("name")[:200]}
    for attribute, prop in SUBJECT_PROPERTIES.items():
        if attribute in ("name",) or not props.get(prop):
            continue
        if attribute == "registration" and kind != SubjectKind.VEHICLE:
            continue
        if attribute == "company_number" and kind != SubjectKind.COMPANY:
            continue
        fields[attribute] = first(prop)
    fields["aliases"] = list(props.get("alias", []))
    if props.get("birthDate"):
        fields["date_of_birth"] = first("birthDate")
    keywords = props.get("keywords", [])
    fields["vulnerabilities"] = _keyword_values(keywords, "vulnerability")
    sort_codes = _keyword_values(keywords, "sort-code")
    if sort_codes:
        fields["sort_code"] = sort_codes[0]
    if kind == SubjectKind.PHONE:
        fields["phone_number"] = first("number") or fields["name"]
    return fields


def _keyword_values(keywords: list[str], name: str) -> list[str]:
    prefix = f"{KEYWORD}{name}:"
    return [k[len(prefix) :] for k in keywords if k.startswith(prefix)]


def link_fields(entity: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    """(source entity id, target entity id, Link fields) for an interval entity."""
    props = entity.get("properties", {})
    schema = entity["schema"]
    if schema == "UnknownLink":
        kind = str(props.get("role", [""])[0])
        if kind not in LinkKind.values or LINK_SCHEMA[kind][0] != "UnknownLink":
            raise FtmError(
                [f"{entity['id']}: UnknownLink role “{kind}” is not a link kind"]
            )
    else:
        kind = next(k for k, (s, _, _) in LINK_SCHEMA.items() if s == schema)
    _, source_prop, target_prop = LINK_SCHEMA[kind]
    grading = GRADING.match(str(props.get("summary", [""])[0]))
    if grading is None:
        raise FtmError(
            [f"{entity['id']}: the summary must give the grading, “3x5x2 2/B/P”"]
        )
    evaluation, assessment, handling = grading.groups()
    return (
        str(props[source_prop][0]),
        str(props[target_prop][0]),
        {
            "kind": kind,
            "start_date": props.get("startDate", [None])[0],
            "end_date": props.get("endDate", [None])[0],
            "information_source": str(props.get("publisher", [""])[0])[:200],
            "source_evaluation": evaluation,
            "intelligence_assessment": assessment,
            "handling_code": handling,
            "handling_conditions": str(props.get("description", [""])[0]),
        },
    )
