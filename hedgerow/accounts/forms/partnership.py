"""Forms for partnership administration: agencies, inviting staff, roles and reasons."""

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hedgerow.accounts.models import Agency, AgencyKind
from hedgerow.accounts.roles import ROLE_DESCRIPTIONS, Role
from hedgerow.accounts.selectors import StaffStatus
from hedgerow.accounts.services.agencies import local_authority_codes_clean

ROLE_FIELD_TEMPLATE = "accounts/partnership/role_field.html"
REASON_HELP = _("This is recorded in the audit trail with your name.")


class RoleRadioSelect(forms.RadioSelect):
    """Radios for roles; each option carries the role's description as a hint."""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        option["description"] = ROLE_DESCRIPTIONS.get(Role(option["value"]), "")
        return option


class RoleChoiceField(forms.ChoiceField):
    """The role choice, as radios that show each role's description."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            label=_("Role"),
            choices=Role.choices,
            widget=RoleRadioSelect,
            error_messages={"required": _("Choose a role")},
            **kwargs,
        )
        self.template_name = ROLE_FIELD_TEMPLATE


class AgencyForm(forms.Form):
    """An agency's details; areas are local authority codes typed in one box."""

    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={"required": _("Enter the name of the agency")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of agency"),
        choices=AgencyKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of agency")},
    )
    contact_email = forms.EmailField(
        label=_("Contact email (optional)"),
        required=False,
        help_text=_("A shared team inbox that partners can write to."),
    )
    areas = forms.CharField(
        label=_("Areas covered"),
        required=False,
        help_text=_(
            "Local authority codes, separated by commas or spaces. "
            "For example, E08000035 for Leeds."
        ),
    )

    @classmethod
    def initial_for(cls, agency: Agency) -> dict[str, Any]:
        """The form's starting values for changing `agency`."""
        return {
            "name": agency.name,
            "kind": agency.kind,
            "contact_email": agency.contact_email,
            "areas": ", ".join(agency.local_authority_codes),
        }

    def clean_areas(self) -> list[str]:
        return local_authority_codes_clean(
            re.split(r"[\s,]+", self.cleaned_data["areas"])
        )


class StaffInviteForm(forms.Form):
    """Who to invite, to which agency, in which role."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        error_messages={"required": _("Enter their full name")},
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("Their work email address. The invitation is sent to it."),
        error_messages={
            "required": _("Enter their email address"),
            "invalid": _("Enter an email address like name@example.gov.uk"),
        },
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.all(),
        empty_label=_("Choose an agency"),
        error_messages={"required": _("Choose the agency they work for")},
    )
    role = RoleChoiceField()


class StaffChangeRoleForm(forms.Form):
    """A person's new role."""

    role = RoleChoiceField()


class StaffFilterForm(forms.Form):
    """Narrow the people list by agency, role and status (a GET form)."""

    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.all(),
        required=False,
        empty_label=_("All agencies"),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("All roles")), *Role.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *StaffStatus.choices],
        required=False,
    )


class DeactivateForm(forms.Form):
    """Why a person is being deactivated."""

    reason = forms.CharField(
        label=_("Why are you deactivating this person?"),
        help_text=REASON_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Enter why you are deactivating this person")},
    )


class ResetSignInForm(forms.Form):
    """Why a person's sign-in is being reset."""

    reason = forms.CharField(
        label=_("Why are you resetting their sign-in?"),
        help_text=REASON_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Enter why you are resetting their sign-in")},
    )
