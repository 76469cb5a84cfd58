"""FollowTheMoney round trip: export, followthemoney validation, import: same graph."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from followthemoney import model

from hedgerow.accounts.models import AgencyKind
from hedgerow.accounts.tests.factories import AgencyFactory
from hedgerow.audit.models import AuditEvent
from hedgerow.networks.ftm import export_lines, international_phone
from hedgerow.networks.models import Link, LinkKind, Subject, SubjectKind
from hedgerow.networks.tests.factories import (
    GroupFactory,
    LinkFactory,
    MembershipFactory,
    SubjectFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    police = AgencyFactory(name="West Yorkshire Police", kind=AgencyKind.POLICE)

    def subject(kind, name, **fields):
        return SubjectFactory(kind=kind, name=name, agency=police, **fields)

    kane = subject(
        SubjectKind.PERSON,
        "Kane Doyle",
        aliases=["KD", "Smokey"],
        date_of_birth=datetime.date(1994, 3, 2),
        nationality="gb",
    )
    runner = subject(
        SubjectKind.PERSON,
        "Jay Kerr",
        vulnerabilities=["child", "criminal_exploitation"],
    )
    wash = subject(
        SubjectKind.COMPANY,
        "Sparkle Hand Car Wash Ltd",
        company_number="12345678",
        sector="Car wash",
    )
    car = subject(
        SubjectKind.VEHICLE,
        "Black car",
        registration="YX19ABC",
        vehicle_model="Audi A3",
    )
    phone = subject(SubjectKind.PHONE, "Deal line", phone_number="+447911123456")
    account = subject(
        SubjectKind.BANK_ACCOUNT,
        "Mule account",
        account_number="31926819",
        sort_code="309634",
        bank_name="Lloyds",
    )
    flat = subject(SubjectKind.PREMISES, "Flat 4, 12 Example Street, Leeds LS11 5AA")
    links = [
        (kane, LinkKind.EXPLOITS, runner),
        (kane, LinkKind.DIRECTS, wash),
        (wash, LinkKind.EMPLOYS, runner),
        (kane, LinkKind.OWNS, account),
        (kane, LinkKind.USES_VEHICLE, car),
        (runner, LinkKind.USES_PHONE, phone),
        (runner, LinkKind.LIVES_AT, flat),
    ]
    for source, kind, target in links:
        LinkFactory(
            source=source,
            target=target,
            kind=kind,
            agency=police,
            start_date=datetime.date(2025, 1, 1),
        )
    LinkFactory(
        source=kane,
        target=runner,
        kind=LinkKind.ASSOCIATE,
        agency=police,
        handling_code="C",
        handling_conditions="Not to be shared outside the panel",
        source_evaluation="1",
        intelligence_assessment="A",
    )
    group = GroupFactory(lead_agency=police)
    for member in (kane, runner):
        MembershipFactory(group=group, subject=member)
    return group


def graph_of(subjects):
    """Everything a subject and link holds that must survive the trip, by name."""
    people = {
        (
            s.kind,
            s.name,
            tuple(s.aliases),
            s.date_of_birth,
            s.nationality,
            tuple(s.vulnerabilities),
            s.company_number,
            s.sector,
            s.registration,
            s.account_number,
            s.sort_code,
            s.bank_name,
            s.phone_number,
            s.vehicle_model,
        )
        for s in subjects
    }
    links = {
        (
            k.source.name,
            k.kind,
            k.target.name,
            k.grading,
            k.start_date,
            k.information_source,
            k.handling_conditions,
        )
        for k in Link.objects.filter(source__in=subjects)
    }
    return people, links


def test_export_validates_and_imports_back_to_the_same_graph(network, tmp_path):
    out = tmp_path / "group.ftm.json"
    call_command(
        "export_ftm", group=network.pk, purpose="Round trip test", out=str(out)
    )
    entities = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(entities) == 7 + 8
    for entity in entities:  # followthemoney reads every one, strictly
        proxy = model.get_proxy(entity, cleaned=False)
        for prop, values in entity["properties"].items():
            assert all(proxy.schema.get(prop).type.validate(v) for v in values)
    schemata = {e["schema"] for e in entities}
    assert {
        "Person",
        "Company",
        "Vehicle",
        "UserAccount",
        "BankAccount",
        "RealEstate",
        "Associate",
        "Employment",
        "Ownership",
        "Directorship",
        "UnknownLink",
    } == schemata
    assert AuditEvent.objects.filter(
        action="export", purpose="Round trip test"
    ).exists()

    before = graph_of(Subject.objects.all())
    elsewhere = AgencyFactory(name="National Crime Agency", kind=AgencyKind.POLICE)
    call_command("import_ftm", str(out), agency=elsewhere.name)
    after = graph_of(Subject.objects.filter(agency=elsewhere))
    assert after == before


def test_a_bad_stream_is_refused_whole_with_every_problem_named(network, tmp_path):
    lines = list(export_lines(Subject.objects.all(), Link.objects.all()))
    first = next(n for n, line in enumerate(lines) if '"Person"' in line)
    broken = json.loads(lines[first])
    broken["properties"]["birthDate"] = ["not a date"]
    lines[first] = json.dumps(broken) + "\n"
    lines.append('{"id": "x", "schema": "Spaceship", "properties": {}}\n')
    lines.append("{not json\n")
    path = tmp_path / "bad.ftm.json"
    path.write_text("".join(lines))
    count = Subject.objects.count()
    with pytest.raises(CommandError) as error:
        call_command("import_ftm", str(path), agency=network.lead_agency.name)
    message = str(error.value)
    assert "Nothing was imported" in message
    assert "line 17: not JSON" in message
    assert "“not a date” is not a valid date" in message
    assert "Spaceship" in message
    assert Subject.objects.count() == count


def test_an_unknown_agency_or_missing_purpose_is_refused(network, tmp_path):
    with pytest.raises(CommandError, match="no agency called"):
        call_command("import_ftm", str(tmp_path / "x"), agency="Nobody")
    with pytest.raises(CommandError, match="--purpose"):
        call_command("export_ftm", all=True, purpose=" ", out=str(tmp_path / "y"))


def test_uk_numbers_are_written_in_international_form():
    assert international_phone("07911 123456") == "+447911123456"
    assert international_phone("0044 7911 123456") == "+447911123456"
    assert international_phone("12") == ""
