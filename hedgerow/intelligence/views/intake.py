"""Report a concern: the GOV.UK one-question-per-page flow, anonymous throughout.

GET /report/ is the start page; "Start now" POSTs and creates a draft. Every later
step is a POST carrying the draft's token in a hidden field and is answered by
rendering the next page directly (no redirect: a redirect would have to put the
token in a URL). "Back", "Change" and the language switch are POST buttons that
carry the token too, with action=show. A GET to a step goes back to the start.

Why these views are CSRF-exempt: public pages set no cookies, so there is no CSRF
cookie to check against. Django's CSRF protection stops another site making a
signed-in person's browser act for them; here nobody is signed in, and a forged
POST can only reach a draft if it knows the draft's 256-bit token, which exists
only in that person's page. The token does the job the CSRF cookie would.

Every response is sent with Cache-Control: no-store (a shared computer keeps no
copy) and nothing about the device is read (hedgerow.core.anonymity).
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from hedgerow.core.ratelimit import (
    DRAFT_CREATIONS,
    REPORT_SUBMISSIONS,
    rate_limit_allows,
)
from hedgerow.intelligence.forms.intake import PhotosForm
from hedgerow.intelligence.forms.intake_answers import (
    FORM_STEPS,
    Incomplete,
    first_unanswered,
    next_step,
    posted_answers,
    report_answers,
    step_form,
)
from hedgerow.intelligence.models import ReportDraft, Threat
from hedgerow.intelligence.services import drafts
from hedgerow.intelligence.views import intake_pages as pages
from hedgerow.intelligence.views.intake_pages import anonymous_form_page

EXPIRED_KEPT = _(
    "You had not used this form for 2 hours, so we deleted your earlier answers "
    "to protect you. We have kept the answer you just gave. Please answer the "
    "other questions again."
)
EXPIRED_NOTHING_KEPT = _(
    "You had not used this form for 2 hours, so we deleted your answers to "
    "protect you. Please start again."
)
HONEYPOT_FIELD = "website"


def _honeypot_filled(request: HttpRequest) -> bool:
    """People never see the honeypot field; only software fills it in."""
    return bool(request.POST.get(HONEYPOT_FIELD, "").strip())


def _decoy(request: HttpRequest) -> HttpResponse:
    """What a bot that filled the honeypot sees: a normal confirmation, nothing kept."""
    if draft := drafts.draft_get(request.POST.get("token", "")):
        drafts.draft_delete(draft=draft)
    return pages.confirmation_decoy(request)


@anonymous_form_page
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    """The start page; its "Start now" button POSTs here and starts a draft."""
    if request.method == "GET":
        return pages.start_page(request, threat_slug=request.GET.get("threat", ""))
    if _honeypot_filled(request):
        return _decoy(request)
    if not rate_limit_allows(request, DRAFT_CREATIONS):
        return pages.too_many(request)
    answers: dict[str, Any] = {}
    slug = request.POST.get("threat", "")
    if slug and Threat.objects.filter(slug=slug, is_published=True).exists():
        answers["threat"] = {"threat": slug}
    draft, token = drafts.draft_create(answers=answers)
    return pages.step_page(request, draft, token, "threat")


@anonymous_form_page
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, step: str) -> HttpResponse:
    """One question of the flow: show it (action=show) or save it and go on."""
    if request.method == "GET":
        return redirect("intake:start")
    if step == "photos" and (refused := pages.prepare_upload(request)):
        return refused
    if _honeypot_filled(request):
        return _decoy(request)
    return _answer(request, step)


def _answer(request: HttpRequest, step: str) -> HttpResponse:
    token = request.POST.get("token", "")
    action = request.POST.get("action", "save")
    draft = drafts.draft_get(token)
    if draft is None:
        return _expired(request, step, action)
    if action == "show" or step == "check":
        return pages.step_page(request, draft, token, step)
    if step == "photos":
        return _photos(request, draft, token, action)
    return _save(request, draft, token, step)


def _save(
    request: HttpRequest, draft: ReportDraft, token: str, step: str
) -> HttpResponse:
    form = step_form(step, draft.answers, data=request.POST)
    if not form.is_valid():
        return pages.step_page(request, draft, token, step, form=form)
    data = posted_answers(form)
    # Signs belong to one threat: choosing another threat means choosing again.
    changed = data.get("threat") != draft.answers.get("threat", {}).get("threat")
    forget = ["signs"] if step == "threat" and changed else []
    drafts.draft_step_save(draft=draft, step=step, data=data, forget=forget)
    helpline = pages.helpline_for(draft.answers) if step == "signs" else None
    return pages.step_page(
        request, draft, token, next_step(step, draft.answers), helpline=helpline
    )


def _photos(
    request: HttpRequest, draft: ReportDraft, token: str, action: str
) -> HttpResponse:
    if action == "remove":
        photo_id = request.POST.get("photo", "")
        if photo_id.isdigit():
            drafts.draft_photo_remove(draft=draft, photo_id=int(photo_id))
        return pages.step_page(request, draft, token, "photos")
    form = PhotosForm(request.POST, request.FILES)
    pages.photos_keep(form, draft)
    if form.errors or action == "upload":
        return pages.step_page(request, draft, token, "photos", form=form)
    drafts.draft_step_save(draft=draft, step="photos", data={"done": True})
    return pages.step_page(request, draft, token, next_step("photos", draft.answers))


def _expired(request: HttpRequest, step: str, action: str) -> HttpResponse:
    """An unknown or expired token: keep the answer just posted, if there is one."""
    keepable = (step in FORM_STEPS and step != "signs") or step == "photos"
    if action != "save" or not keepable:
        return pages.start_page(request, notice=EXPIRED_NOTHING_KEPT)
    if not rate_limit_allows(request, DRAFT_CREATIONS):
        return pages.too_many(request)
    draft, token = drafts.draft_create()
    if step == "photos":
        photos = PhotosForm(request.POST, request.FILES)
        pages.photos_keep(photos, draft)
        return pages.step_page(
            request, draft, token, "photos", form=photos, notice=EXPIRED_KEPT
        )
    form = step_form(step, {}, data=request.POST)
    if not form.is_valid():
        return pages.step_page(
            request, draft, token, step, form=form, notice=EXPIRED_KEPT
        )
    drafts.draft_step_save(draft=draft, step=step, data=posted_answers(form))
    return pages.step_page(
        request, draft, token, first_unanswered(draft.answers), notice=EXPIRED_KEPT
    )


@anonymous_form_page
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    """Send the report: stored whole or not at all, then the receipt, shown once."""
    if request.method == "GET":
        return redirect("intake:start")
    if _honeypot_filled(request):
        return _decoy(request)
    token = request.POST.get("token", "")
    draft = drafts.draft_get(token)
    if draft is None:
        return pages.start_page(request, notice=EXPIRED_NOTHING_KEPT)
    answers = report_answers(draft, language=get_language() or "en")
    if isinstance(answers, Incomplete):
        return pages.step_page(request, draft, token, answers.step, revalidate=True)
    if not rate_limit_allows(request, REPORT_SUBMISSIONS):
        return pages.too_many(request)
    helpline = pages.helpline_for(draft.answers)
    receipt = drafts.draft_submit(draft=draft, answers=answers)
    return pages.confirmation(request, receipt, helpline=helpline)
