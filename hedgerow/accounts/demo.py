"""The demo partnership: West Yorkshire agencies and one published account per role.

All of this is demonstration data. The passwords and authenticator secrets below are
published on purpose, so `hedgerow load_demo` refuses to run unless
settings.HEDGEROW_DEMO_ALLOWED is true (local and test settings only).
"""

from base64 import b32decode
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from hedgerow.accounts.models import Agency, AgencyKind, User
from hedgerow.accounts.roles import Role
from hedgerow.accounts.services.agencies import agency_create
from hedgerow.accounts.services.mfa import recovery_codes_issue, totp_secret_base32
from hedgerow.accounts.services.staff import (
    staff_change_role,
    staff_create,
    staff_reactivate,
)
from hedgerow.audit.models import Action
from hedgerow.audit.services import audit_record

DEMO_DOMAIN = "demo.hedgerow.test"
# Published in the README: every demo account signs in with this password.
DEMO_PASSWORD = "Bramble-Hawthorn-Sloe-7"  # noqa: S105 (published on purpose)
DEMO_PURPOSE = "Demo partnership loaded (hedgerow load_demo)"
DEMO_NOT_ALLOWED = (
    "The demo partnership is switched off here (HEDGEROW_DEMO_ALLOWED is False). "
    "It publishes passwords, so it only runs with local or test settings."
)

BRADFORD, CALDERDALE, KIRKLEES, LEEDS, WAKEFIELD = WEST_YORKSHIRE = (
    "E08000032",
    "E08000033",
    "E08000034",
    "E08000035",
    "E08000036",
)


@dataclass(frozen=True)
class DemoAgency:
    """An agency of the demo partnership."""

    name: str
    kind: AgencyKind
    codes: tuple[str, ...]
    mailbox: str

    @property
    def contact_email(self) -> str:
        return f"{self.mailbox}@{DEMO_DOMAIN}"


@dataclass(frozen=True)
class DemoPerson:
    """A published demo account; its authenticator secret is fixed (base32)."""

    role: Role
    full_name: str
    agency: str
    totp_secret: str
    mailbox: str = ""  # defaults to the role's name: "officer@demo.hedgerow.test"

    @property
    def email(self) -> str:
        return f"{self.mailbox or self.role.value}@{DEMO_DOMAIN}"


CSP_TEAM = "West Yorkshire Community Safety Partnership Team"
POLICE = "West Yorkshire Police"
LICENSING = "Leeds City Council Licensing"
DEMO_AGENCIES: tuple[DemoAgency, ...] = (
    DemoAgency(CSP_TEAM, AgencyKind.CSP_COORDINATION, WEST_YORKSHIRE, "csp"),
    DemoAgency(POLICE, AgencyKind.POLICE, WEST_YORKSHIRE, "police"),
    DemoAgency(
        "West Yorkshire Trading Standards",
        AgencyKind.TRADING_STANDARDS,
        WEST_YORKSHIRE,
        "trading-standards",
    ),
    DemoAgency(
        "West Yorkshire Fire and Rescue Service",
        AgencyKind.FIRE,
        WEST_YORKSHIRE,
        "fire",
    ),
    DemoAgency(
        "Probation Service Yorkshire and the Humber",
        AgencyKind.PROBATION,
        WEST_YORKSHIRE,
        "probation",
    ),
    DemoAgency(
        "West Yorkshire Integrated Care Board", AgencyKind.HEALTH, WEST_YORKSHIRE, "icb"
    ),
    DemoAgency(LICENSING, AgencyKind.LICENSING, (LEEDS,), "licensing"),
    DemoAgency(
        "Leeds Adult Social Care Safeguarding",
        AgencyKind.ADULTS_SAFEGUARDING,
        (LEEDS,),
        "adults",
    ),
    DemoAgency(
        "Bradford Council Environmental Health",
        AgencyKind.ENVIRONMENTAL_HEALTH,
        (BRADFORD,),
        "env-health",
    ),
    DemoAgency(
        "Kirklees Council Planning Enforcement",
        AgencyKind.PLANNING_ENFORCEMENT,
        (KIRKLEES,),
        "planning",
    ),
    DemoAgency(
        "Calderdale Children's Safeguarding",
        AgencyKind.CHILDRENS_SAFEGUARDING,
        (CALDERDALE,),
        "children",
    ),
    DemoAgency(
        "Wakefield District Housing",
        AgencyKind.HOUSING_PROVIDER,
        (WAKEFIELD,),
        "housing",
    ),
    DemoAgency(
        "Leeds Street Pastors", AgencyKind.VOLUNTARY_FAITH, (LEEDS,), "street-pastors"
    ),
)

# The administrator comes first: it keeps an administrator who can sign in throughout.
DEMO_PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson(
        Role.ADMINISTRATOR, "Alex Morgan", CSP_TEAM, "HEDGEROWDEMOADMINISTRATORAAAAAAA"
    ),
    DemoPerson(
        Role.COORDINATOR, "Amina Hussain", CSP_TEAM, "HEDGEROWDEMOCOORDINATORAAAAAAAAA"
    ),
    # A second coordinator, to be the second person who confirms a paper ballot.
    DemoPerson(
        Role.COORDINATOR,
        "Rhys Evans",
        CSP_TEAM,
        "HEDGEROWDEMOCHECKERAAAAAAAAAAAAA",
        mailbox="checker",
    ),
    DemoPerson(
        Role.ANALYST, "Tom Hargreaves", CSP_TEAM, "HEDGEROWDEMOANALYSTAAAAAAAAAAAAA"
    ),
    DemoPerson(
        Role.OFFICER, "Priya Sharma", POLICE, "HEDGEROWDEMOOFFICERAAAAAAAAAAAAA"
    ),
    # A second agency's officer, to see the receiving side of a shared report.
    DemoPerson(
        Role.OFFICER,
        "Gareth Lewis",
        LICENSING,
        "HEDGEROWDEMOLICENSINGAAAAAAAAAAA",
        mailbox="licensing",
    ),
)


class Writer(Protocol):
    """Where the demo prints what people need to sign in (a command's stdout)."""

    def write(self, msg: str) -> Any: ...


def load_demo_partnership(stdout: Writer) -> None:
    """Create (or restore) the demo partnership; print how to sign in as each role."""
    agencies = {spec.name: _agency_ensure(spec) for spec in DEMO_AGENCIES}
    stdout.write(f"Demo partnership: {len(agencies)} West Yorkshire agencies.\n")
    for spec in DEMO_PEOPLE:
        user = _person_ensure(spec, agencies[spec.agency])
        device, recovery_code = _sign_in_prepare(user, spec)
        _sign_in_print(stdout, spec, device, recovery_code)


def _agency_ensure(spec: DemoAgency) -> Agency:
    existing = Agency.objects.filter(name=spec.name).first()
    if existing is not None:
        return existing
    return agency_create(
        name=spec.name,
        kind=spec.kind,
        contact_email=spec.contact_email,
        local_authority_codes=spec.codes,
        by=None,
    )


@transaction.atomic
def _person_ensure(spec: DemoPerson, agency: Agency) -> User:
    """The demo account for a role, created or put back to its published state."""
    user = User.objects.filter(email__iexact=spec.email).first()
    if user is None:
        return staff_create(
            full_name=spec.full_name,
            email=spec.email,
            agency=agency,
            role=spec.role,
            by=None,
        )
    if not user.is_active:
        staff_reactivate(user=user, by=None, reason=DEMO_PURPOSE)
    return staff_change_role(user=user, role=spec.role, by=None)


@transaction.atomic
def _sign_in_prepare(user: User, spec: DemoPerson) -> tuple[TOTPDevice, str]:
    """Set the published password and authenticator; issue fresh recovery codes."""
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(
        user=user,
        name="Demo authenticator",
        key=b32decode(spec.totp_secret).hex(),
        confirmed=True,
    )
    codes = recovery_codes_issue(user=user)
    audit_record(
        actor=None,
        actor_label="hedgerow load_demo",
        action=Action.UPDATE,
        target=user,
        purpose=DEMO_PURPOSE,
        detail={"sign_in": "demo password, authenticator and recovery codes set"},
    )
    return device, codes[0]


def _sign_in_print(
    stdout: Writer, spec: DemoPerson, device: TOTPDevice, recovery_code: str
) -> None:
    stdout.write(
        f"\n{spec.role.label} ({spec.full_name}, {spec.agency})\n"
        f"  Email:             {spec.email}\n"
        f"  Password:          {DEMO_PASSWORD}\n"
        f"  Authenticator key: {totp_secret_base32(device)}\n"
        f"  Recovery code:     {recovery_code}  (works once)\n"
        f"  Current code:      .venv/bin/hedgerow demo_code {spec.email}\n"
    )
