"""`hedgerow create_administrator`: a new installation's first administrator."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from hedgerow.accounts.management.commands.create_administrator import (
    EMAIL_EXISTS,
    NOT_AN_EMAIL,
)
from hedgerow.accounts.models import Agency, AgencyKind, User
from hedgerow.accounts.roles import Role
from hedgerow.accounts.services.invitations import invitation_find
from hedgerow.accounts.tests.factories import AgencyFactory, UserFactory
from hedgerow.audit.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


BASE_URL = "https://hedgerow.example-csp.org.uk"


def create_administrator(*extra: str, email: str = "jo.bloggs@example.gov.uk") -> str:
    out = StringIO()
    call_command(
        "create_administrator",
        "--email",
        email,
        "--name",
        "Jo Bloggs",
        "--agency",
        "Calderdale Community Safety Partnership",
        *extra,
        stdout=out,
    )
    return out.getvalue()


def printed_token(output: str) -> str:
    return re.search(r"/accounts/invitation/([^/\s]+)/", output).group(1)


def test_create_administrator_invites_an_administrator_and_prints_the_link():
    output = create_administrator("--base-url", BASE_URL)

    user = User.objects.get(email="jo.bloggs@example.gov.uk")
    assert user.role == Role.ADMINISTRATOR
    assert not user.has_usable_password()
    assert f"{BASE_URL}/accounts/invitation/" in output
    assert invitation_find(token=printed_token(output)).user == user


def test_create_administrator_links_to_this_computer_by_default():
    output = create_administrator()

    assert "http://127.0.0.1:8000/accounts/invitation/" in output


def test_create_administrator_creates_a_new_agency_of_the_kind_given():
    create_administrator("--agency-kind", "police")

    agency = Agency.objects.get(name="Calderdale Community Safety Partnership")
    assert agency.kind == AgencyKind.POLICE
    assert agency.staff.get().email == "jo.bloggs@example.gov.uk"


def test_create_administrator_joins_an_existing_agency():
    agency = AgencyFactory(name="Calderdale Community Safety Partnership")

    create_administrator()

    assert Agency.objects.count() == 1
    assert User.objects.get(email="jo.bloggs@example.gov.uk").agency == agency


def test_create_administrator_is_in_the_audit_trail():
    create_administrator()

    created = AuditEvent.objects.filter(action=Action.CREATE)
    assert set(created.values_list("target_type", flat=True)) == {
        "accounts.agency",
        "accounts.user",
    }


def test_create_administrator_emails_the_link(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        output = create_administrator()

    assert mailoutbox[0].to == ["jo.bloggs@example.gov.uk"]
    assert printed_token(output) in mailoutbox[0].body


def test_create_administrator_refuses_an_email_already_in_use():
    UserFactory(email="jo.bloggs@example.gov.uk", role=Role.OFFICER)

    with pytest.raises(CommandError) as raised:
        create_administrator(email="Jo.Bloggs@example.gov.uk")

    assert str(raised.value) == EMAIL_EXISTS.format(email="Jo.Bloggs@example.gov.uk")
    assert User.objects.get().role == Role.OFFICER
    assert not Agency.objects.filter(name__startswith="Calderdale").exists()


def test_create_administrator_refuses_something_that_is_not_an_email():
    with pytest.raises(CommandError) as raised:
        create_administrator(email="jo bloggs")

    assert str(raised.value) == NOT_AN_EMAIL.format(email="jo bloggs")
    assert not User.objects.exists()
