"""`hedgerow create_administrator`: invite a new installation's first administrator."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction

from hedgerow.accounts.models import Agency, AgencyKind, User
from hedgerow.accounts.roles import Role
from hedgerow.accounts.services.agencies import agency_create
from hedgerow.accounts.services.staff import invitation_link, staff_invite

EMAIL_EXISTS = (
    "Nobody was invited: someone with the email address {email} already exists. "
    "If they cannot sign in, another administrator can reset their sign-in "
    "under People."
)
NOT_AN_EMAIL = "Nobody was invited: “{email}” is not an email address."


class Command(BaseCommand):
    """Invite an administrator by one-time link, creating their agency if it is new."""

    help = (
        "Invite an administrator (the first one of a new installation) and print their "
        "one-time invitation link. Creates the agency if there is none by that name."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True, help="their work email address")
        parser.add_argument("--name", required=True, help="their full name")
        parser.add_argument("--agency", required=True, help="the agency's name")
        parser.add_argument(
            "--agency-kind",
            default=AgencyKind.CSP_COORDINATION.value,
            choices=AgencyKind.values,
            help="the kind of agency, if it is new (default: csp_coordination)",
        )
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="this installation's address, which the link starts with",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip()
        self._check_email(email)
        with transaction.atomic():
            agency = self._agency(options["agency"].strip(), options["agency_kind"])
            user, token = staff_invite(
                full_name=options["name"],
                email=email,
                agency=agency,
                role=Role.ADMINISTRATOR,
                by=None,
                base_url=options["base_url"],
            )
        link = invitation_link(base_url=options["base_url"], token=token)
        self.stdout.write(
            f"Invited {user.full_name} <{user.email}> "
            f"as an administrator of {agency}.\n"
            "The link below was emailed to them too. It works once, within "
            f"{settings.HEDGEROW_INVITATION_LIFETIME.days} days:\n\n"
            f"{link}\n"
        )

    def _check_email(self, email: str) -> None:
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(NOT_AN_EMAIL.format(email=email)) from error
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(EMAIL_EXISTS.format(email=email))

    def _agency(self, name: str, kind: str) -> Agency:
        """The agency called `name`, added (audited) if there is none."""
        existing = Agency.objects.filter(name__iexact=name).first()
        if existing is not None:
            return existing
        return agency_create(name=name, kind=kind, by=None)
