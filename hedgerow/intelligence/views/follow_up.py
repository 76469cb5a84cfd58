"""Follow-up on a report (/report/follow-up/): status, questions, more information.

The reporter proves who they are with the reference and secret from their
confirmation page, and nothing else. Every page after that is the answer to a
POST, and each form on it carries the reference and secret in hidden fields, so
they never appear in a URL or the browser history. Each POST checks them again
and counts against the rate limit. CSRF-exempt for the reason given in
`hedgerow.intelligence.views.intake`: no cookies, and a forged request would
need the secret.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from hedgerow.core.ratelimit import FOLLOW_UP_ATTEMPTS, rate_limit_allows
from hedgerow.intelligence.forms.follow_up import (
    RECEIPT_WRONG,
    AnswerForm,
    ReceiptForm,
    UpdateForm,
)
from hedgerow.intelligence.models import MessageKind, Report
from hedgerow.intelligence.services.follow_up import (
    normalise_reference,
    question_answer,
    questions_for_reporter,
    report_follow_up_add,
    report_for_receipt,
)
from hedgerow.intelligence.services.photos import MAX_PHOTOS, PhotoError, photo_sanitise
from hedgerow.intelligence.services.submission import normalise_receipt_code
from hedgerow.intelligence.views import intake_pages as pages
from hedgerow.intelligence.views.intake_pages import anonymous_form_page

TEMPLATES = "intelligence/intake/"
ANSWER_SENT = _("Your answer has been sent. Thank you.")
UPDATE_SENT = _("Your information has been added to your report. Thank you.")
TOO_MANY_PHOTOS = _("You can add up to 5 photos at a time")


@anonymous_form_page
@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest) -> HttpResponse:
    """Ask for the receipt; with the right one, show the report's follow-up page."""
    if request.method == "GET":
        return _receipt_page(request, ReceiptForm())
    if refused := pages.prepare_upload(request):
        return refused
    receipt = ReceiptForm(request.POST)
    if not receipt.is_valid():
        return _receipt_page(request, receipt)
    if not rate_limit_allows(request, FOLLOW_UP_ATTEMPTS):
        return pages.too_many(request)
    report = report_for_receipt(
        reference=receipt.cleaned_data["reference"],
        secret=receipt.cleaned_data["secret"],
    )
    if report is None:
        receipt.add_error(None, RECEIPT_WRONG)
        return _receipt_page(request, receipt)
    handler = ACTIONS.get(request.POST.get("action", ""), _report_page)
    return handler(request, report)


def _receipt_page(request: HttpRequest, form: ReceiptForm) -> HttpResponse:
    return render(
        request,
        TEMPLATES + "follow_up_start.html",
        {"form": form, "exit_this_page": True},
    )


def _answer(request: HttpRequest, report: Report) -> HttpResponse:
    question_id = request.POST.get("question", "")
    question = (
        report.messages.filter(kind=MessageKind.QUESTION, pk=question_id).first()
        if question_id.isdigit()
        else None
    )
    if question is None:
        return _report_page(request, report)
    form = AnswerForm(request.POST, question_id=question.pk)
    if not form.is_valid():
        return _report_page(request, report, failed=form, failed_question=question.pk)
    question_answer(question=question, text=form.cleaned_data["answer"])
    return _report_page(request, report, notice=ANSWER_SENT)


def _add(request: HttpRequest, report: Report) -> HttpResponse:
    form = UpdateForm(request.POST, request.FILES)
    photos = []
    if form.is_valid():
        uploads = form.cleaned_data["photos"]
        if len(uploads) > MAX_PHOTOS:
            form.add_error("photos", TOO_MANY_PHOTOS)
        for upload in uploads[:MAX_PHOTOS]:
            try:
                photos.append(photo_sanitise(upload.read()))
            except PhotoError as error:
                problem = {"name": upload.name, "problem": error.message}
                form.add_error("photos", str(pages.PHOTO_PROBLEM % problem))
    if form.errors:
        return _report_page(request, report, failed=form)
    report_follow_up_add(report=report, text=form.cleaned_data["text"], photos=photos)
    return _report_page(request, report, notice=UPDATE_SENT)


def _report_page(
    request: HttpRequest,
    report: Report,
    *,
    notice: Any = None,
    failed: AnswerForm | UpdateForm | None = None,
    failed_question: int | None = None,
) -> HttpResponse:
    questions = [
        {
            "item": item,
            "form": failed
            if failed_question == item.question.pk
            else AnswerForm(question_id=item.question.pk),
        }
        for item in questions_for_reporter(report)
    ]
    update_form = failed if isinstance(failed, UpdateForm) else UpdateForm()
    receipt = {
        "reference": normalise_reference(request.POST.get("reference", "")),
        "secret": normalise_receipt_code(request.POST.get("secret", "")),
    }
    return render(
        request,
        TEMPLATES + "follow_up.html",
        {
            "exit_this_page": True,
            "report": report,
            "status": report.public_status,
            "questions": questions,
            "update_form": update_form,
            "form": failed,  # the page title and error summary read `form`
            "receipt": receipt,
            "carry": receipt,
            "notice": notice,
            "language_actions": pages.language_actions("follow_up"),
        },
    )


# What each follow-up form's button asks for; anything else shows the report page.
ACTIONS = {"answer": _answer, "add": _add}
