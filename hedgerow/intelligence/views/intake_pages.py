"""Rendering the report flow's pages; the views in `intake.py` decide which one.

Every step page carries the draft token in its forms, never in a link, so its
"Back", "Change" and language controls are POST buttons (action=show).
"""

import base64
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt

from hedgerow.core.public import public_page
from hedgerow.core.ratelimit import RATE_LIMITED
from hedgerow.core.templatetags.govuk import NATIVE_NAMES
from hedgerow.intelligence.forms.intake import PhotosForm, published_signs
from hedgerow.intelligence.forms.intake_answers import (
    REVIEWING,
    STEPS,
    Incomplete,
    first_unanswered,
    previous_step,
    report_answers,
    step_form,
    steps_for,
    summary_rows,
    threat_of,
)
from hedgerow.intelligence.models import Contact, ReportDraft, Threat
from hedgerow.intelligence.services import drafts
from hedgerow.intelligence.services.photos import (
    MAX_PHOTO_BYTES,
    MAX_PHOTOS,
    PhotoError,
    photo_sanitise,
    photo_thumbnail,
)
from hedgerow.intelligence.services.submission import (
    REFERENCE_CHARACTERS,
    SECRET_CHARACTERS,
    Receipt,
    receipt_code,
)

TEMPLATES = "intelligence/intake/"
# Every photo at its largest, plus room for the other fields and multipart framing.
MAX_UPLOAD_BODY = MAX_PHOTOS * MAX_PHOTO_BYTES + 1024 * 1024
TOO_MANY_PHOTOS = _("You can add up to 5 photos. Remove a photo to add another")
PHOTO_PROBLEM = _("%(name)s: %(problem)s")
UPLOAD_TOO_LARGE = _(
    "The photos you chose are too large to send together. Each photo must be "
    "smaller than 10 MB, and you can add up to 5. Go back and choose fewer or "
    "smaller photos."
)


View = Callable[..., HttpResponse]


def anonymous_form_page(view: View) -> View:
    """`@public_page(no_store=True)` and `@csrf_exempt` together, for the flow's views.

    CSRF-exempt because public pages set no cookies, so there is no CSRF cookie;
    the draft token (or the receipt) in the form is what a forged POST cannot know.
    """
    page: View = csrf_exempt(public_page(view, no_store=True))
    return page


class InMemoryUploads(MemoryFileUploadHandler):
    """Keeps uploads in memory, so no photo is written to disk before it is cleaned."""

    def handle_raw_input(self, *args: Any, **kwargs: Any) -> None:
        self.activated = True  # the body's size was checked in prepare_upload


def prepare_upload(request: HttpRequest) -> HttpResponse | None:
    """Refuse a body too large to hold in memory; else keep the upload in memory."""
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_UPLOAD_BODY:
        return render(
            request,
            TEMPLATES + "problem.html",
            {"message": UPLOAD_TOO_LARGE, "exit_this_page": True},
            status=413,
        )
    request.upload_handlers = [InMemoryUploads(request)]
    return None


def _common(request: HttpRequest) -> dict[str, Any]:
    return {"exit_this_page": True, "honeypot_field": "website"}


def start_page(
    request: HttpRequest, *, threat_slug: str = "", notice: Any = None
) -> HttpResponse:
    """What happens when you report, the anonymity promise, and "Start now"."""
    threat = Threat.objects.filter(slug=threat_slug, is_published=True).first()
    return render(
        request,
        TEMPLATES + "start.html",
        {**_common(request), "threat": threat, "notice": notice},
    )


def language_actions(step: str) -> list[dict[str, Any]]:
    """For each language, where the language button posts the token to."""
    current = translation.get_language()
    actions = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            action = reverse(f"intake:{step}")
        actions.append(
            {
                "code": code,
                "native": NATIVE_NAMES.get(code, code),
                "current": code == current,
                "action": action,
            }
        )
    return actions


def _back(step: str, answers: dict[str, Any]) -> dict[str, str]:
    previous = previous_step(step, answers)
    if previous is None:
        return {"back_href": reverse("intake:start")}
    return {"back_action": reverse(f"intake:{previous}")}


def step_page(
    request: HttpRequest,
    draft: ReportDraft,
    token: str,
    step: str,
    *,
    form: Any = None,
    notice: Any = None,
    helpline: Contact | None = None,
    revalidate: bool = False,
) -> HttpResponse:
    """Render one step of the flow for this draft."""
    answers = draft.answers
    if step not in STEPS or step not in steps_for(answers):
        step = first_unanswered(answers)
    if step == "check":
        return _check_page(request, draft, token, notice=notice)
    if form is None and step == "photos":
        form = PhotosForm()
    elif form is None and revalidate and step in answers:
        form = step_form(step, answers, data=answers[step])
        form.is_valid()
    elif form is None:
        form = step_form(step, answers)
    context = {
        **_common(request),
        **_back(step, answers),
        "token": token,
        "carry": {"token": token},
        "step": step,
        "form": form,
        "action": reverse(f"intake:{step}"),
        "language_actions": language_actions(step),
        "notice": notice,
        "helpline": helpline,
        "threat": threat_of(answers),
    }
    if step == "photos":
        context["photos"] = _photo_previews(draft)
        context["photo_room"] = MAX_PHOTOS - len(context["photos"])
    return render(request, f"{TEMPLATES}{step}.html", context)


def _check_page(
    request: HttpRequest, draft: ReportDraft, token: str, *, notice: Any
) -> HttpResponse:
    answers = report_answers(draft, language=translation.get_language() or "en")
    if isinstance(answers, Incomplete):
        return step_page(request, draft, token, answers.step, revalidate=True)
    if not draft.answers.get(REVIEWING):
        drafts.draft_flag_set(draft=draft, flag=REVIEWING)
    rows = [
        {"row": row, "action": reverse(f"intake:{row.step}")}
        for row in summary_rows(answers, photo_count=draft.photos.count())
    ]
    return render(
        request,
        TEMPLATES + "check.html",
        {
            **_common(request),
            **_back("check", draft.answers),
            "token": token,
            "carry": {"token": token},
            "step": "check",
            "rows": rows,
            "language_actions": language_actions("check"),
            "notice": notice,
        },
    )


def _photo_previews(draft: ReportDraft) -> list[dict[str, Any]]:
    previews = []
    for number, photo in enumerate(draft.photos.all(), start=1):
        thumbnail = base64.b64encode(photo_thumbnail(bytes(photo.content))).decode()
        previews.append(
            {
                "id": photo.pk,
                "number": number,
                "src": f"data:image/jpeg;base64,{thumbnail}",
                "width": photo.width,
                "height": photo.height,
            }
        )
    return previews


def photos_keep(form: PhotosForm, draft: ReportDraft) -> None:
    """Clean and keep each uploaded photo; problems become errors on the form."""
    if not form.is_valid():
        return
    room = MAX_PHOTOS - draft.photos.count()
    for upload in form.cleaned_data["photos"]:
        if room <= 0:
            form.add_error("photos", TOO_MANY_PHOTOS)
            return
        try:
            photo = photo_sanitise(upload.read())
        except PhotoError as error:
            problem = {"name": upload.name, "problem": error.message}
            form.add_error("photos", str(PHOTO_PROBLEM % problem))
            continue
        drafts.draft_photo_add(draft=draft, photo=photo)
        room -= 1


def helpline_for(answers: dict[str, Any]) -> Contact | None:
    """The threat's specialist helpline, when enough of its signs were ticked."""
    threat = threat_of(answers)
    if threat is None or not threat.helpline_threshold:
        return None
    ticked = {str(pk) for pk in answers.get("signs", {}).get("signs", [])}
    count = sum(1 for sign in published_signs(threat) if str(sign.pk) in ticked)
    if count < threat.helpline_threshold:
        return None
    return threat.specialist_contact


def confirmation(
    request: HttpRequest, receipt: Receipt, *, helpline: Contact | None = None
) -> HttpResponse:
    """The receipt, shown once: nothing can show the secret again."""
    return render(
        request,
        TEMPLATES + "confirmation.html",
        {
            **_common(request),
            "reference": receipt.reference,
            "secret": receipt.secret,
            "helpline": helpline,
        },
    )


def confirmation_decoy(request: HttpRequest) -> HttpResponse:
    """A confirmation indistinguishable from a real one, for honeypot hits."""
    receipt = Receipt(
        report=None,  # type: ignore[arg-type]
        reference="HR-" + receipt_code(REFERENCE_CHARACTERS),
        secret=receipt_code(SECRET_CHARACTERS),
    )
    return confirmation(request, receipt)


def too_many(request: HttpRequest) -> HttpResponse:
    """The rate limit's page (HTTP 429)."""
    return render(
        request,
        TEMPLATES + "problem.html",
        {"message": RATE_LIMITED, "exit_this_page": True},
        status=429,
    )
