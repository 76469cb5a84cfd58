"""The report flow's steps, in order, and the answers a draft holds for them.

A draft keeps each step's answers as they were posted. Before submission every
step is validated again (a threat might have been unpublished meanwhile), and the
valid answers become the `ReportAnswers` that `report_submit` stores.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hedgerow.intelligence.forms.intake import (
    CONTACT,
    NOT_SURE,
    PLACE,
    ContactForm,
    DetailsForm,
    SignsForm,
    ThreatForm,
    WhereForm,
    published_signs,
)
from hedgerow.intelligence.forms.intake_dates import WhenForm
from hedgerow.intelligence.models import ReportDraft, Threat
from hedgerow.intelligence.services.submission import ReportAnswers

STEPS = ("threat", "signs", "where", "when", "details", "photos", "contact", "check")
FORM_STEPS: dict[str, type[forms.Form]] = {
    "threat": ThreatForm,
    "signs": SignsForm,
    "where": WhereForm,
    "when": WhenForm,
    "details": DetailsForm,
    "contact": ContactForm,
}
# Set once the person has reached "check your answers": from then on, saving a
# step returns there instead of walking through every later step again.
REVIEWING = "_reviewing"
PHOTOS_DONE = {"done": True}


def threat_of(answers: dict[str, Any]) -> Threat | None:
    """The published threat the draft is about; None for "not sure" or none yet."""
    slug = answers.get("threat", {}).get("threat")
    if not slug or slug == NOT_SURE:
        return None
    return Threat.objects.filter(slug=slug, is_published=True).first()


def steps_for(answers: dict[str, Any]) -> list[str]:
    """The steps this draft goes through: no signs page without a threat's signs."""
    has_signs = bool(published_signs(threat_of(answers)))
    return [step for step in STEPS if step != "signs" or has_signs]


def step_form(
    step: str, answers: dict[str, Any], data: Any = None, **kwargs: Any
) -> forms.Form:
    """The step's form: bound to `data` when posted, else showing what was saved."""
    form_class = FORM_STEPS[step]
    if step == "signs":
        kwargs["threat"] = threat_of(answers)
    if data is None:
        return form_class(initial=answers.get(step) or None, **kwargs)
    return form_class(data, **kwargs)


def posted_answers(form: forms.Form) -> dict[str, Any]:
    """What to keep of a valid step: its fields as posted (strings, or lists)."""
    data = form.data
    kept: dict[str, Any] = {}
    for name, field in form.fields.items():
        multiple = getattr(field.widget, "allow_multiple_selected", False)
        if multiple and hasattr(data, "getlist"):
            kept[name] = data.getlist(name)
        else:
            kept[name] = data.get(name, "")
    return kept


def is_answered(step: str, answers: dict[str, Any]) -> bool:
    """True once the person has saved the step (the check page never is)."""
    return step in answers


def next_step(step: str, answers: dict[str, Any]) -> str:
    """Where to go after saving `step`: on, or back to the check page when reviewing."""
    steps = steps_for(answers)
    if answers.get(REVIEWING):
        return first_unanswered(answers)
    if step not in steps:
        return first_unanswered(answers)
    return steps[min(steps.index(step) + 1, len(steps) - 1)]


def previous_step(step: str, answers: dict[str, Any]) -> str | None:
    """The step before `step`, for the back link; None on the first."""
    steps = steps_for(answers)
    if step not in steps or steps.index(step) == 0:
        return None
    return steps[steps.index(step) - 1]


def first_unanswered(answers: dict[str, Any]) -> str:
    """The first step still to answer; "check" when everything is answered."""
    return next((s for s in steps_for(answers) if not is_answered(s, answers)), "check")


@dataclass(frozen=True)
class Incomplete:
    """A draft that cannot be submitted yet, and the step to send the person to."""

    step: str


def report_answers(draft: ReportDraft, language: str) -> ReportAnswers | Incomplete:
    """Validate every step once more and turn the answers into ReportAnswers."""
    answers = draft.answers
    cleaned: dict[str, Any] = {}
    forms_by_step: dict[str, forms.Form] = {}
    for step in steps_for(answers):
        if step not in FORM_STEPS:
            continue
        form = step_form(step, answers, data=answers.get(step) or {})
        if step not in answers or not form.is_valid():
            return Incomplete(
                first_unanswered(answers) if step not in answers else step
            )
        forms_by_step[step] = form
        cleaned.update(form.cleaned_data)
    threat_form = forms_by_step["threat"]
    signs_form = forms_by_step.get("signs")
    is_place = cleaned["location"] == PLACE
    consent = cleaned["contact"] == CONTACT
    return ReportAnswers(
        threat=threat_form.chosen_threat(),  # type: ignore[attr-defined]
        signs=tuple(signs_form.chosen_signs()) if signs_form else (),  # type: ignore[attr-defined]
        location_kind=cleaned["location"],
        location_description=cleaned["address"] if is_place else "",
        postcode=cleaned["postcode"] if is_place else "",
        latitude=cleaned.get("latitude") or None if is_place else None,
        longitude=cleaned.get("longitude") or None if is_place else None,
        when_kind=cleaned["when"],
        occurred_on=cleaned["occurred_on"],
        occurred_until=cleaned["occurred_until"],
        description=cleaned["description"],
        contact_consent=consent,
        contact_name=cleaned["name"] if consent else "",
        contact_phone=cleaned["phone"] if consent else "",
        contact_email=cleaned["email"] if consent else "",
        language=language,
    )


@dataclass(frozen=True)
class SummaryRow:
    """One row of "check your answers": the question, the answer lines, the step."""

    key: Any
    lines: list[str]
    step: str


def summary_rows(answers: ReportAnswers, photo_count: int) -> list[SummaryRow]:
    """The answers as the person will check them, in the order they gave them."""
    rows = [
        SummaryRow(
            _("What you are worried about"),
            [answers.threat.name if answers.threat else str(_("Not sure"))],
            "threat",
        )
    ]
    if answers.threat and published_signs(answers.threat):
        signs = [sign.text for sign in answers.signs] or [str(_("None selected"))]
        rows.append(SummaryRow(_("What you noticed"), signs, "signs"))
    rows += [
        SummaryRow(_("Where"), _where_lines(answers), "where"),
        SummaryRow(_("When"), [_when_line(answers)], "when"),
        SummaryRow(_("What happened"), [answers.description], "details"),
        SummaryRow(_("Photos"), [_photos_line(photo_count)], "photos"),
        SummaryRow(_("Contact"), _contact_lines(answers), "contact"),
    ]
    return rows


def _where_lines(answers: ReportAnswers) -> list[str]:
    if answers.location_kind != PLACE:
        return [str(_("Online"))]
    lines = [answers.location_description] if answers.location_description else []
    if answers.postcode:
        lines.append(answers.postcode)
    if answers.latitude is not None and answers.longitude is not None:
        lines.append(
            str(_("Map pin: %(latitude)s, %(longitude)s"))
            % {"latitude": answers.latitude, "longitude": answers.longitude}
        )
    return lines


def _when_line(answers: ReportAnswers) -> str:
    def show(day: Any) -> str:
        return str(formats.date_format(day, "j F Y"))

    if answers.when_kind == "date" and answers.occurred_on:
        return str(_("On %(date)s")) % {"date": show(answers.occurred_on)}
    if answers.when_kind == "range" and answers.occurred_on and answers.occurred_until:
        return str(_("Between %(start)s and %(end)s")) % {
            "start": show(answers.occurred_on),
            "end": show(answers.occurred_until),
        }
    if answers.when_kind == "ongoing":
        return str(_("It is still happening"))
    return str(_("Not sure"))


def _photos_line(count: int) -> str:
    if not count:
        return str(_("No photos"))
    return ngettext("%(count)s photo", "%(count)s photos", count) % {"count": count}


def _contact_lines(answers: ReportAnswers) -> list[str]:
    if not answers.contact_consent:
        return [str(_("Stay anonymous"))]
    details = [answers.contact_name, answers.contact_phone, answers.contact_email]
    return [str(_("You agreed to be contacted")), *[d for d in details if d]]
