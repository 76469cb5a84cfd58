"""The ballot: tick boxes for choose-up-to and within-budget ballots, a number box
per project for points. Used by residents online and by staff for paper ballots."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hedgerow.budgeting.models import Bid, Round, VotingMethod
from hedgerow.budgeting.templatetags.pb import money

POINTS_INVALID = _("Enter the points as a whole number, 0 or more")


class CodeForm(forms.Form):
    """A resident's one-time voting code."""

    code = forms.CharField(
        label=_("Your voting code"),
        help_text=_("It is on your card or letter, like 7KQ2M-XD4PA."),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-10 govuk-input--extra-letter-spacing",
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "characters",
            }
        ),
        error_messages={"required": _("Enter your voting code")},
    )


class BallotForm(forms.Form):
    """One project per option; `choices()` gives bid id → points."""

    def __init__(
        self, *args: Any, round: Round, bids: list[Bid], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.round, self.bids = round, bids
        self.by_points = round.voting_method == VotingMethod.CUMULATIVE
        if self.by_points:
            for bid in bids:
                self.fields[f"points_{bid.pk}"] = forms.IntegerField(
                    label=bid.title,
                    help_text=money(bid.amount, round.currency),
                    min_value=0,
                    max_value=round.points or None,
                    required=False,
                    widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
                    error_messages={
                        "invalid": POINTS_INVALID,
                        "min_value": POINTS_INVALID,
                        "max_value": _("You have %(limit_value)s points in all"),
                    },
                )
        else:
            self.fields["projects"] = forms.MultipleChoiceField(
                label=_("Projects"),
                choices=[(str(bid.pk), bid.title) for bid in bids],
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def choices(self) -> dict[int, int]:
        """What the voter chose: bid id → points (1 for each tick)."""
        data = self.cleaned_data
        if self.by_points:
            return {
                bid.pk: data.get(f"points_{bid.pk}") or 0
                for bid in self.bids
                if data.get(f"points_{bid.pk}")
            }
        return {int(pk): 1 for pk in data.get("projects", [])}

    def as_hidden_choices(self) -> list[tuple[str, str]]:
        """The choices as hidden fields, for the check page's form."""
        chosen = self.choices()
        if self.by_points:
            return [(f"points_{pk}", str(n)) for pk, n in chosen.items()]
        return [("projects", str(pk)) for pk in chosen]


class PaperBallotForm(BallotForm):
    """A paper ballot as typed in by staff: its code and the paper's number."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"] = forms.CharField(
            label=_("Voting code on the paper"),
            max_length=40,
            error_messages={"required": _("Enter the voting code on the paper")},
        )
        self.fields["number"] = forms.CharField(
            label=_("Number written on the paper"),
            help_text=_("So the second person can find the same paper to check."),
            max_length=40,
            error_messages={"required": _("Number the paper and enter the number")},
        )
        self.order_fields(["code", "number"])
