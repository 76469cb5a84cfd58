"""Open311 GeoReport v2: report a concern from another app, anonymously.

- GET services.json and services/<code>.json: the threats as service types.
- POST requests.json: submit a report (form-encoded, multipart with `media`
  photos, or JSON). No api_key: reporting is anonymous and open to anyone, exactly
  like the web form, so a key would identify nobody and protect nothing; abuse is
  met by the web form's rate limit instead (hedgerow.core.ratelimit: a salted,
  rotating, in-memory key; one allowance shared by both ways of reporting).
- GET requests/<id>.json: the broad public status only.
- GET requests.json (the spec's list of requests) is refused: a public list of
  reports would hand intelligence to the people it is about.

JSON only (`.xml` is refused with a clear error). The same anonymity guarantees
as the web form: nothing reads or stores the client's address, user agent or
cookies, no session is touched, no cookie is set, and every response is sent
with `Cache-Control: no-store`. `media_url` is refused: Hedgerow never fetches
URLs it is given. The one-time follow-up secret is returned once, in the
extension field `hedgerow_follow_up_secret`.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from hedgerow.core.public import public_page
from hedgerow.core.ratelimit import (
    RATE_LIMITED,
    REPORT_SUBMISSIONS,
    Limit,
    rate_limit_allows,
)
from hedgerow.intelligence.api import open311_catalogue as catalogue
from hedgerow.intelligence.api.open311_input import (
    Open311Error,
    answers_from,
    photos_from,
    raw_from_form,
    raw_from_json,
)
from hedgerow.intelligence.models import Report
from hedgerow.intelligence.models.reports import Channel, PublicStatus
from hedgerow.intelligence.services.photos import MAX_PHOTO_BYTES, MAX_PHOTOS
from hedgerow.intelligence.services.submission import (
    REFERENCE_CHARACTERS,
    normalise_receipt_code,
    report_submit,
)

# Every photo at its largest, plus room for the text fields and multipart framing.
MAX_BODY_BYTES = MAX_PHOTOS * MAX_PHOTO_BYTES + 1024 * 1024
JSON_ONLY = _("Only JSON is provided: use .json.")
SERVICE_NOT_FOUND = _("There is no service with this service_code.")
REQUEST_NOT_FOUND = _("There is no service request with this id.")
LIST_REFUSED = _(
    "Service requests are not listed: a public list of reports would reveal "
    "intelligence about crime. Look up one request at requests/<id>.json."
)
BODY_TOO_LARGE = _("The request is too large: send at most 5 photos of 10 MB each.")
BODY_MALFORMED = _("The request body could not be read.")
SERVICE_NOTICE = _(
    "Thank you: your report has been passed to the partners who deal with it. "
    "Keep the service_request_id and hedgerow_follow_up_secret: with both you "
    "can add information, answer questions and see the status. The secret is "
    "shown only this once. If anyone is in danger now, call 999."
)
REFERENCE_PREFIX = "HR-"
# Looking up a status needs only the reference (40 bits): limit guessing at them.
STATUS_LOOKUPS = Limit("open311_status", 120)
View = Callable[..., HttpResponse]
# Public (no cookies, any language) and never cached: a shared computer keeps nothing.
public_no_store: Callable[[View], View] = public_page(no_store=True)


class InMemoryUploads(MemoryFileUploadHandler):
    """Keeps uploads in memory, so a photo is never on disk before it is cleaned."""

    def handle_raw_input(self, *args: Any, **kwargs: Any) -> None:
        # The body's size is checked before parsing (MAX_BODY_BYTES).
        self.activated = True


def open311_response(data: Any, status: int = 200) -> JsonResponse:
    """A JSON body in UTF-8, as the spec requires."""
    return JsonResponse(
        data, safe=False, status=status, json_dumps_params={"ensure_ascii": False}
    )


def open311_error(description: object, status: int = 400) -> JsonResponse:
    """The spec's error format: a list of {code, description}."""
    return open311_response(
        [{"code": status, "description": str(description)}], status=status
    )


def request_language(request: HttpRequest) -> str:
    """The language from ?locale= or ?lang= (cy, cy_GB, pl-PL), else English."""
    asked = request.GET.get("locale") or request.GET.get("lang") or ""
    code = asked.replace("_", "-").split("-")[0].lower()
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _json_only(fmt: str) -> JsonResponse | None:
    return None if fmt == "json" else open311_error(JSON_ONLY)


@csrf_exempt
@public_no_store
@require_GET
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    """GET services.json: every threat a member of the public can report."""
    if refused := _json_only(fmt):
        return refused
    language = request_language(request)
    with translation.override(language):
        return open311_response(catalogue.service_list(language))


@csrf_exempt
@public_no_store
@require_GET
def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """GET services/<code>.json: the attributes a request for the service may carry."""
    if refused := _json_only(fmt):
        return refused
    threat = catalogue.threat_for_code(code)
    if threat is None and code != catalogue.NOT_SURE:
        return open311_error(SERVICE_NOT_FOUND, status=404)
    language = request_language(request)
    with translation.override(language):
        return open311_response(catalogue.service_definition(threat, language))


@csrf_exempt
@public_no_store
@require_http_methods(["GET", "POST"])
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    """POST requests.json submits a report; GET (a list of reports) is refused."""
    if refused := _json_only(fmt):
        return refused
    if request.method == "GET":
        return open311_error(LIST_REFUSED)
    language = request_language(request)
    with translation.override(language):
        try:
            return _submit(request, language)
        except Open311Error as error:
            return open311_error(error.description, status=error.status)


def _submit(request: HttpRequest, language: str) -> HttpResponse:
    try:
        content_length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        content_length = 0  # as Django reads it: no body
    if content_length > MAX_BODY_BYTES:
        raise Open311Error(BODY_TOO_LARGE, status=413)
    request.upload_handlers = [InMemoryUploads(request)]
    try:
        if request.content_type == "application/json":
            raw = raw_from_json(request.body)
            uploads = []
        else:
            raw = raw_from_form(request.POST)
            uploads = request.FILES.getlist("media")
    except MultiPartParserError as error:
        raise Open311Error(BODY_MALFORMED) from error
    answers = answers_from(raw, language)
    # After the cheap checks, so a client fixing its own mistakes is not locked
    # out; before the photos, so re-encoding them is not free for an abuser.
    # Shared with the web form: one allowance per person, however they report.
    if not rate_limit_allows(request, REPORT_SUBMISSIONS):
        raise Open311Error(RATE_LIMITED, status=429)
    photos = photos_from(uploads)
    receipt = report_submit(answers=answers, photos=photos, channel=Channel.OPEN311)
    body = {
        "service_request_id": receipt.reference,
        "service_notice": str(SERVICE_NOTICE),
        "token": None,
        "account_id": None,
        "hedgerow_follow_up_secret": receipt.secret,
    }
    return open311_response([body], status=201)


def _reference(service_request_id: str) -> str:
    """Accept the reference as people copy it: any case, with or without dashes."""
    code = "".join(ch for ch in service_request_id.upper() if ch.isalnum())
    if len(code) == REFERENCE_CHARACTERS + 2 and code.startswith("HR"):
        code = code[2:]
    return REFERENCE_PREFIX + normalise_receipt_code(code)


@csrf_exempt
@public_no_store
@require_GET
def request_status(
    request: HttpRequest, service_request_id: str, fmt: str
) -> HttpResponse:
    """GET requests/<id>.json: the broad status, and nothing about the report itself.

    No description, location, photos, contact or agency; the day it was received
    but not the time, which could help someone work out who sent it.
    """
    if refused := _json_only(fmt):
        return refused
    if not rate_limit_allows(request, STATUS_LOOKUPS):
        return open311_error(RATE_LIMITED, status=429)
    report = (
        Report.objects.select_related("threat")
        .filter(reference=_reference(service_request_id))
        .first()
    )
    if report is None:
        return open311_error(REQUEST_NOT_FOUND, status=404)
    language = request_language(request)
    with translation.override(language):
        public_status = report.public_status
        received = timezone.localtime(report.submitted_at).replace(
            hour=0, minute=0, second=0, microsecond=0
        )
        body = {
            "service_request_id": report.reference,
            "status": "closed" if public_status == PublicStatus.CLOSED else "open",
            "status_notes": str(public_status.label),
            "service_code": report.threat.slug if report.threat else catalogue.NOT_SURE,
            "service_name": report.threat.text("name", language)
            if report.threat
            else str(_("Not sure")),
            "requested_datetime": received.isoformat(),
            "updated_datetime": None,
        }
        return open311_response([body])
