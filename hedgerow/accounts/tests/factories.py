"""Factories for agencies and staff."""

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from hedgerow.accounts.models import Agency, AgencyArea, AgencyKind, User
from hedgerow.accounts.roles import Role

TEST_PASSWORD = "correct-horse-battery-staple"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Partner agency {n}")
    kind = AgencyKind.POLICE
    contact_email = factory.Sequence(lambda n: f"team{n}@agency.example")


class AgencyAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyArea

    agency = factory.SubFactory(AgencyFactory)
    local_authority_code = "E08000035"


class UserFactory(factory.django.DjangoModelFactory):
    """A member of staff with a usable password (TEST_PASSWORD)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@agency.example")
    full_name = factory.Faker("name", locale="en_GB")
    agency = factory.SubFactory(AgencyFactory)
    role = Role.OFFICER

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or TEST_PASSWORD)
        if create:
            self.save(update_fields=["password"])


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    """A confirmed authenticator app for a user."""

    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Authenticator app"
    confirmed = True


class InvitedUserFactory(UserFactory):
    """A member of staff who has been invited but has not set a password yet."""

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_unusable_password()
        if create:
            self.save(update_fields=["password"])
