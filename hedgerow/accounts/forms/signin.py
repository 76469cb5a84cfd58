"""Forms for signing in, setting up an authenticator and choosing a password."""

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hedgerow.accounts.models import User

ENTER_EMAIL = _("Enter your email address")
EMAIL_FORMAT = _("Enter an email address in the correct format, like name@example.com")
ENTER_PASSWORD = _("Enter your password")
ENTER_CODE = _("Enter the 6-digit code from your authenticator app")
ENTER_RECOVERY_CODE = _("Enter one of your recovery codes")
CODE_FORMAT = _("The code must be 6 digits, like 123456")
CREATE_PASSWORD = _("Create a password")
CONFIRM_PASSWORD = _("Type your new password again to confirm it")
PASSWORDS_DIFFER = _("The passwords do not match. Type the same password twice.")
ENTER_CURRENT_PASSWORD = _("Enter your current password")
CURRENT_PASSWORD_WRONG = _("Your current password is not correct")
PASSWORD_HINT = _(
    "At least 12 characters. Three or four random words make a strong password "
    "that is easy to remember. Do not use a password you use anywhere else."
)
CODE_ATTRS = {
    "autocomplete": "one-time-code",
    "inputmode": "numeric",
    "spellcheck": "false",
    "class": "govuk-input--width-10",
}
RECOVERY_CODE_ATTRS = {
    "autocomplete": "off",
    "autocapitalize": "none",
    "spellcheck": "false",
    "class": "govuk-input--width-20",
}


def _code_clean(value: str) -> str:
    """People copy codes with spaces ("123 456"); those are not part of the code."""
    return "".join(value.split())


class SignInForm(forms.Form):
    """Step 1 of signing in: email address and password."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={"required": ENTER_EMAIL, "invalid": EMAIL_FORMAT},
        widget=forms.EmailInput(
            attrs={"autocomplete": "username", "spellcheck": "false"}
        ),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=4096,
        error_messages={"required": ENTER_PASSWORD},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SignInCodeForm(forms.Form):
    """Step 2: an authenticator code or, when `recovery`, a recovery code."""

    code = forms.CharField(max_length=64)

    def __init__(self, *args: Any, recovery: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["code"]
        if recovery:
            field.label = _("Recovery code")
            field.help_text = _("For example, abcd-efgh-ijkl-mnop")
            field.error_messages["required"] = ENTER_RECOVERY_CODE
            field.widget.attrs.update(RECOVERY_CODE_ATTRS)
        else:
            field.label = _("Code")
            field.help_text = _("The 6-digit code your authenticator app shows now")
            field.error_messages["required"] = ENTER_CODE
            field.widget.attrs.update(CODE_ATTRS)

    def clean_code(self) -> str:
        return _code_clean(self.cleaned_data["code"])


class AuthenticatorSetupForm(forms.Form):
    """The first code from a newly added authenticator app, to prove it works."""

    code = forms.CharField(
        label=_("Code"),
        help_text=_("The 6-digit code your authenticator app shows for Hedgerow"),
        max_length=64,
        error_messages={"required": ENTER_CODE},
        widget=forms.TextInput(attrs=CODE_ATTRS),
    )

    def clean_code(self) -> str:
        code = _code_clean(self.cleaned_data["code"])
        if not (code.isascii() and code.isdigit() and len(code) == 6):
            raise ValidationError(CODE_FORMAT, code="format")
        return code


class SetPasswordForm(forms.Form):
    """A new password, typed twice and checked by Django's password validators."""

    password = forms.CharField(
        label=_("Create a password"),
        help_text=PASSWORD_HINT,
        strip=False,
        max_length=4096,
        error_messages={"required": CREATE_PASSWORD},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_confirm = forms.CharField(
        label=_("Confirm your password"),
        strip=False,
        max_length=4096,
        error_messages={"required": CONFIRM_PASSWORD},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password, confirm = cleaned.get("password"), cleaned.get("password_confirm")
        if password and confirm and password != confirm:
            self.add_error("password_confirm", PASSWORDS_DIFFER)
        elif password:
            try:
                validate_password(password, self.user)
            except ValidationError as error:
                self.add_error("password", error)
        return cleaned


class PasswordChangeForm(SetPasswordForm):
    """Your current password, then a new one typed twice."""

    current_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        max_length=4096,
        error_messages={"required": ENTER_CURRENT_PASSWORD},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["current_password", "password", "password_confirm"]

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        self.fields["password"].label = _("New password")
        self.fields["password_confirm"].label = _("Confirm your new password")

    def clean_current_password(self) -> str:
        password: str = self.cleaned_data["current_password"]
        if not self.user.check_password(password):
            raise ValidationError(CURRENT_PASSWORD_WRONG, code="wrong_password")
        return password

    @property
    def current_password_wrong(self) -> bool:
        """True when the only thing wrong may be a guess at the password."""
        return self.has_error("current_password", code="wrong_password")
