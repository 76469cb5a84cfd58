"""The demo partnership (`hedgerow load_demo`) and `hedgerow demo_code`."""

import re
from base64 import b32decode
from io import StringIO

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from hedgerow.accounts.demo import (
    DEMO_AGENCIES,
    DEMO_NOT_ALLOWED,
    DEMO_PASSWORD,
    DEMO_PEOPLE,
    WEST_YORKSHIRE,
)
from hedgerow.accounts.management.commands.demo_code import NOT_A_DEMO_ACCOUNT
from hedgerow.accounts.models import Agency, AgencyKind, RecoveryCodeDevice, User
from hedgerow.accounts.roles import Role
from hedgerow.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _partnership_step_only(settings):
    """These tests are about the partnership; the later demo steps have their own."""
    settings.HEDGEROW_DEMO_STEPS = ["hedgerow.accounts.demo.load_demo_partnership"]


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def demo_code(email: str) -> str:
    out = StringIO()
    call_command("demo_code", email, stdout=out)
    return out.getvalue().strip()


def test_load_demo_creates_one_account_per_role():
    load_demo()

    demo_users = User.objects.filter(email__endswith="@demo.hedgerow.test")
    assert set(demo_users.values_list("role", flat=True)) == set(Role.values)
    # Plus a second officer in another agency, to receive shared reports.
    assert demo_users.get(email="licensing@demo.hedgerow.test").agency.name == (
        "Leeds City Council Licensing"
    )


def test_load_demo_covers_west_yorkshire_with_real_kinds_of_agency():
    load_demo()

    police = Agency.objects.get(name="West Yorkshire Police")
    assert police.local_authority_codes == list(WEST_YORKSHIRE)
    kinds = set(Agency.objects.values_list("kind", flat=True))
    assert {AgencyKind.VOLUNTARY_FAITH, AgencyKind.CSP_COORDINATION} <= kinds


def test_load_demo_twice_creates_no_duplicates():
    load_demo()
    counts = (Agency.objects.count(), User.objects.count(), TOTPDevice.objects.count())

    load_demo()

    assert counts == (len(DEMO_AGENCIES), len(DEMO_PEOPLE), len(DEMO_PEOPLE))
    assert Agency.objects.count() == len(DEMO_AGENCIES)
    assert User.objects.count() == len(DEMO_PEOPLE)
    assert TOTPDevice.objects.count() == len(DEMO_PEOPLE)
    assert RecoveryCodeDevice.objects.count() == len(DEMO_PEOPLE)


def test_load_demo_puts_back_a_deactivated_demo_account():
    load_demo()
    User.objects.filter(role=Role.OFFICER).update(
        is_active=False, deactivated_at="2026-01-01T00:00Z"
    )

    load_demo()

    assert User.objects.get(email="officer@demo.hedgerow.test").is_active


def test_load_demo_refuses_unless_demo_is_allowed(settings):
    settings.HEDGEROW_DEMO_ALLOWED = False

    with pytest.raises(CommandError) as raised:
        load_demo()

    assert str(raised.value) == DEMO_NOT_ALLOWED
    assert not User.objects.exists()


def test_load_demo_runs_each_step_in_settings(settings):
    settings.HEDGEROW_DEMO_STEPS = []

    load_demo()

    assert not User.objects.exists()


def test_load_demo_is_recorded_in_an_intact_audit_trail():
    load_demo()

    assert AuditEvent.objects.filter(target_type="accounts.agency").count() == len(
        DEMO_AGENCIES
    )
    assert AuditEvent.objects.filter(target_type="accounts.user").exists()
    call_command("verify_audit", stdout=StringIO())


def test_load_demo_prints_how_to_sign_in_as_each_role():
    output = load_demo()

    for person in DEMO_PEOPLE:
        assert person.email in output
        assert person.totp_secret in output
        assert f".venv/bin/hedgerow demo_code {person.email}" in output
    assert output.count(f"Password:          {DEMO_PASSWORD}") == len(DEMO_PEOPLE)


def test_load_demo_password_and_printed_recovery_code_let_people_in():
    output = load_demo()

    analyst = User.objects.get(email="analyst@demo.hedgerow.test")
    recovery_codes = re.findall(r"Recovery code:\s+(\S+)", output)
    device = RecoveryCodeDevice.objects.get(user__email="officer@demo.hedgerow.test")
    officer_code = recovery_codes[[p.role for p in DEMO_PEOPLE].index(Role.OFFICER)]
    assert analyst.check_password(DEMO_PASSWORD)
    assert device.verify_token(officer_code)


@pytest.mark.parametrize("person", DEMO_PEOPLE, ids=lambda person: person.role.value)
def test_demo_password_passes_the_password_rules(person):
    user = User(email=person.email, full_name=person.full_name)

    validate_password(DEMO_PASSWORD, user)  # raises if it breaks a rule


def test_demo_secrets_are_twenty_byte_base32_keys():
    keys = {b32decode(person.totp_secret) for person in DEMO_PEOPLE}

    assert {len(key) for key in keys} == {20}
    assert len(keys) == len(DEMO_PEOPLE)


def test_demo_code_prints_a_code_that_signs_in():
    load_demo()

    code = demo_code("coordinator@demo.hedgerow.test")

    device = TOTPDevice.objects.get(user__email="coordinator@demo.hedgerow.test")
    assert re.fullmatch(r"\d{6}", code)
    assert device.verify_token(code)


def test_demo_code_refuses_a_real_account():
    load_demo()

    with pytest.raises(CommandError) as raised:
        demo_code("jo.bloggs@example.gov.uk")

    assert str(raised.value) == NOT_A_DEMO_ACCOUNT


def test_demo_code_refuses_unless_demo_is_allowed(settings):
    load_demo()
    settings.HEDGEROW_DEMO_ALLOWED = False

    with pytest.raises(CommandError) as raised:
        demo_code("officer@demo.hedgerow.test")

    assert str(raised.value) == DEMO_NOT_ALLOWED
