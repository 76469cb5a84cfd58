"""The "when did it happen?" question: GOV.UK date inputs, checked properly.

A date must be real (no 31 February), not in the future, and a range must start
before it ends. Every error about a date is shown on its day box, where the
error summary links to.
"""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

WHEN_REQUIRED = _("Select when it happened, or select Not sure")
# The three dates the "when" page can ask for: (prefix, name used in messages).
DATE_PARTS = (
    ("on", _("The date it happened")),
    ("from", _("The date it started")),
    ("to", _("The date it stopped")),
)
DATE_REQUIRED = _("Enter %(name)s")
DATE_INCOMPLETE = _("%(name)s must include a day, month and year")
DATE_NOT_REAL = _("%(name)s must be a real date")
DATE_FUTURE = _("%(name)s must be today or in the past")
RANGE_ORDER = _("The date it started must be before the date it stopped")


def _date_fields(prefix: str) -> dict[str, forms.Field]:
    labels = {"day": _("Day"), "month": _("Month"), "year": _("Year")}
    return {
        f"{prefix}_{part}": forms.CharField(
            label=label,
            max_length=4,
            required=False,
            widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        )
        for part, label in labels.items()
    }


class WhenForm(forms.Form):
    """On a date, between two dates, still happening, or not sure."""

    when = forms.ChoiceField(
        label=_("When did it happen?"),
        choices=[
            ("date", _("On a date")),
            ("range", _("Between two dates")),
            ("ongoing", _("It is still happening")),
            ("unknown", _("Not sure")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": WHEN_REQUIRED, "invalid_choice": WHEN_REQUIRED},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        when = data.get("when")
        data["occurred_on"] = data["occurred_until"] = None
        if when == "date":
            data["occurred_on"] = self._date("on")
        elif when == "range":
            start, end = self._date("from"), self._date("to")
            if start and end and start >= end:
                self.add_error("from_day", RANGE_ORDER)
            data["occurred_on"], data["occurred_until"] = start, end
        return data

    def _date(self, prefix: str) -> date | None:
        name = dict(DATE_PARTS)[prefix]
        parts = [
            (self.cleaned_data.get(f"{prefix}_{part}") or "").strip()
            for part in ("day", "month", "year")
        ]
        error = None
        if not any(parts):
            error = DATE_REQUIRED % {"name": str(name).lower()}
        elif not all(parts):
            error = DATE_INCOMPLETE % {"name": name}
        else:
            try:
                day, month, year = (int(part) for part in parts)
                value = date(year, month, day) if year >= 1900 else None
            except ValueError:
                value = None
            if value is None:
                error = DATE_NOT_REAL % {"name": name}
            elif value > timezone.localdate():
                error = DATE_FUTURE % {"name": name}
            else:
                return value
        self.add_error(f"{prefix}_day", error)
        return None


# Day, month and year inputs for each date, after the radios.
for _prefix, _name in DATE_PARTS:
    WhenForm.base_fields.update(_date_fields(_prefix))
