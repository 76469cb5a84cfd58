"""Reading an Open311 POST requests.json into the answers a report is made from.

Accepts the spec's form encoding (`attribute[signs][]=…`), multipart (with photos
as `media` files) and JSON (flat keys as in the form, or an `attribute` object).
Every problem is an `Open311Error` whose description a client can show as is.
"""

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hedgerow.intelligence.api import open311_catalogue as catalogue
from hedgerow.intelligence.models import Threat, WarningSign
from hedgerow.intelligence.models.reports import LocationKind, WhenKind
from hedgerow.intelligence.services.photos import (
    MAX_PHOTOS,
    CleanPhoto,
    PhotoError,
    photo_sanitise,
)
from hedgerow.intelligence.services.submission import ReportAnswers

DESCRIPTION_MAX = 5000
ADDRESS_MAX = 500
NAME_MAX = 200
PHONE_MAX = 40
ATTRIBUTE_KEY = re.compile(r"^attribute\[([A-Za-z0-9_-]+)\](\[\])?$")
HTML_TAG = re.compile(r"<\s*[/!?A-Za-z]")
PHONE = re.compile(r"^\+?[0-9 ()-]{6,40}$")
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$")
# Great Britain and Northern Ireland, with a margin for the coast.
UK_LATITUDE = (49.8, 60.95)
UK_LONGITUDE = (-8.7, 1.9)

NOT_JSON = _("The body is not a JSON object.")
SINGLE_VALUE = _("%(name)s must be a single value, not a list or object.")
UNKNOWN_SERVICE = _("service_code %(code)s is not a service. See services.json.")
SERVICE_REQUIRED = _("service_code is required. See services.json.")
DESCRIPTION_REQUIRED = _("description is required: say what happened.")
TOO_LONG = _("%(name)s must be %(limit)s characters or fewer.")
NO_HTML = _("%(name)s must be plain text, without HTML or script tags.")
NO_NUL = _("%(name)s contains a character that is not allowed.")
MEDIA_URL_REFUSED = _(
    "media_url is not accepted: Hedgerow never fetches addresses it is sent. "
    "Upload the photo as a multipart file named media instead."
)
LOCATION_REQUIRED = _(
    "Say where: send lat and long, or address_string, or attribute[location]=online."
)
LOCATION_UNKNOWN = _("attribute[location] must be place or online.")
LAT_LONG_PAIR = _("Send both lat and long, or neither.")
LAT_LONG_NUMBERS = _("lat and long must be decimal degrees (WGS84).")
LAT_LONG_UK = _("lat and long must be a point in the United Kingdom.")
POSTCODE_INVALID = _("attribute[postcode] must be a UK postcode, like LS1 4AP.")
WHEN_INVALID = _(
    "attribute[when] must be a date (2025-01-31), two dates joined by a slash "
    "(2025-01-01/2025-01-31) or ongoing."
)
WHEN_FUTURE = _("attribute[when] must not be in the future.")
WHEN_ORDER = _("In attribute[when] the first date must be before the second.")
SIGNS_NOT_SURE = _("attribute[signs] cannot be sent with the not-sure service.")
SIGN_UNKNOWN = _("%(sign)s is not a warning sign of %(code)s. See services/%(code)s.")
CONSENT_INVALID = _("attribute[contact_consent] must be true or false.")
CONTACT_REQUIRED = _(
    "To be contacted, send an email or phone; or leave out contact_consent."
)
EMAIL_INVALID = _("email must be an email address, like name@example.com.")
PHONE_INVALID = _("phone must be a phone number, like 01632 960 001.")
TOO_MANY_PHOTOS = _("Send at most %(limit)s photos.")


class Open311Error(Exception):
    """A request the client must correct, with the description to send back."""

    def __init__(self, description: object, status: int = 400) -> None:
        super().__init__(str(description))
        self.description = str(description)
        self.status = status


@dataclass
class RawRequest:
    """The request's fields and attributes, as strings, however they were encoded."""

    fields: dict[str, str] = field(default_factory=dict)
    attributes: dict[str, list[str]] = field(default_factory=dict)

    def get(self, name: str) -> str:
        return self.fields.get(name, "").strip()

    def attribute(self, code: str) -> str:
        values = self.attributes.get(code) or [""]
        return values[-1].strip()


def raw_from_form(data: QueryDict) -> RawRequest:
    """Fields and attributes from a form-encoded or multipart body."""
    raw = RawRequest()
    for key in data:
        if match := ATTRIBUTE_KEY.match(key):
            raw.attributes[match.group(1)] = data.getlist(key)
        else:
            raw.fields[key] = str(data.get(key, ""))
    return raw


def _scalar(name: str, value: Any) -> str:
    if isinstance(value, list | dict):
        raise Open311Error(SINGLE_VALUE % {"name": name})
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _values(name: str, value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [_scalar(name, item) for item in items]


def raw_from_json(body: bytes) -> RawRequest:
    """Fields and attributes from a JSON object."""
    try:
        data = json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError) as error:
        raise Open311Error(NOT_JSON) from error
    if not isinstance(data, dict):
        raise Open311Error(NOT_JSON)
    raw = RawRequest()
    for key, value in data.items():
        if key == "attribute" and isinstance(value, dict):
            for code, values in value.items():
                raw.attributes[str(code)] = _values(f"attribute[{code}]", values)
        elif match := ATTRIBUTE_KEY.match(key):
            raw.attributes[match.group(1)] = _values(key, value)
        else:
            raw.fields[key] = _scalar(key, value)
    return raw


def _text(raw: RawRequest, name: str, limit: int, value: str | None = None) -> str:
    text = raw.get(name) if value is None else value.strip()
    if "\x00" in text:
        raise Open311Error(NO_NUL % {"name": name})
    if len(text) > limit:
        raise Open311Error(TOO_LONG % {"name": name, "limit": limit})
    if HTML_TAG.search(text):
        raise Open311Error(NO_HTML % {"name": name})
    return text


def _service(raw: RawRequest) -> Threat | None:
    code = raw.get("service_code")
    if not code:
        raise Open311Error(SERVICE_REQUIRED)
    if code == catalogue.NOT_SURE:
        return None
    threat = catalogue.threat_for_code(code)
    if threat is None:
        raise Open311Error(UNKNOWN_SERVICE % {"code": code[:60]})
    return threat


def _point(raw: RawRequest) -> tuple[float | None, float | None]:
    lat, long = raw.get("lat"), raw.get("long")
    if not lat and not long:
        return None, None
    if not lat or not long:
        raise Open311Error(LAT_LONG_PAIR)
    try:
        latitude, longitude = float(lat), float(long)
    except ValueError as error:
        raise Open311Error(LAT_LONG_NUMBERS) from error
    in_uk = (
        UK_LATITUDE[0] <= latitude <= UK_LATITUDE[1]
        and UK_LONGITUDE[0] <= longitude <= UK_LONGITUDE[1]
    )
    if not in_uk:
        raise Open311Error(LAT_LONG_UK)
    return latitude, longitude


def _postcode(raw: RawRequest) -> str:
    postcode = " ".join(raw.attribute(catalogue.ATTRIBUTE_POSTCODE).upper().split())
    if postcode and not POSTCODE.match(postcode):
        raise Open311Error(POSTCODE_INVALID)
    return postcode


def _location(raw: RawRequest) -> dict[str, Any]:
    kind = raw.attribute(catalogue.ATTRIBUTE_LOCATION) or catalogue.LOCATION_PLACE
    if kind == catalogue.LOCATION_ONLINE:
        return {"location_kind": LocationKind.ONLINE}
    if kind != catalogue.LOCATION_PLACE:
        raise Open311Error(LOCATION_UNKNOWN)
    latitude, longitude = _point(raw)
    address = _text(raw, "address_string", ADDRESS_MAX)
    if latitude is None and not address:
        raise Open311Error(LOCATION_REQUIRED)
    return {
        "location_kind": LocationKind.PLACE,
        "location_description": address,
        "postcode": _postcode(raw),
        "latitude": latitude,
        "longitude": longitude,
    }


def _date(text: str) -> date:
    try:
        day = date.fromisoformat(text.strip()[:10])
    except ValueError as error:
        raise Open311Error(WHEN_INVALID) from error
    if day > timezone.localdate():
        raise Open311Error(WHEN_FUTURE)
    return day


def _when(raw: RawRequest) -> dict[str, Any]:
    text = raw.attribute(catalogue.ATTRIBUTE_WHEN).lower()
    if text in {"", "unknown", "not sure"}:
        return {"when_kind": WhenKind.UNKNOWN}
    if text == "ongoing":
        return {"when_kind": WhenKind.ONGOING}
    if "/" not in text:
        return {"when_kind": WhenKind.DATE, "occurred_on": _date(text)}
    start, _slash, end = text.partition("/")
    first, last = _date(start), _date(end)
    if first > last:
        raise Open311Error(WHEN_ORDER)
    return {"when_kind": WhenKind.RANGE, "occurred_on": first, "occurred_until": last}


def _signs(raw: RawRequest, threat: Threat | None) -> list[WarningSign]:
    wanted = [v.strip() for v in raw.attributes.get(catalogue.ATTRIBUTE_SIGNS, [])]
    wanted = [slug for slug in wanted if slug]
    if not wanted:
        return []
    if threat is None:
        raise Open311Error(SIGNS_NOT_SURE)
    signs = {sign.slug: sign for sign in catalogue.published_signs(threat)}
    for slug in wanted:
        if slug not in signs:
            params = {"sign": slug[:80], "code": threat.slug}
            raise Open311Error(SIGN_UNKNOWN % params)
    return [signs[slug] for slug in dict.fromkeys(wanted)]


def _contact(raw: RawRequest) -> dict[str, Any]:
    """Contact details only with explicit consent; without it they are dropped."""
    consent = raw.attribute(catalogue.ATTRIBUTE_CONSENT).lower()
    if consent not in {"", "true", "false"}:
        raise Open311Error(CONSENT_INVALID)
    if consent != "true":
        return {"contact_consent": False}
    name = " ".join(
        part
        for part in (
            _text(raw, "first_name", NAME_MAX),
            _text(raw, "last_name", NAME_MAX),
        )
        if part
    )
    email, phone = raw.get("email").lower(), raw.get("phone")
    if not email and not phone:
        raise Open311Error(CONTACT_REQUIRED)
    try:
        if email:
            validate_email(email)
    except ValidationError as error:
        raise Open311Error(EMAIL_INVALID) from error
    if phone and not PHONE.match(phone):
        raise Open311Error(PHONE_INVALID)
    return {
        "contact_consent": True,
        "contact_name": _text(raw, "name", NAME_MAX, value=name),
        "contact_email": email,
        "contact_phone": phone,
    }


def answers_from(raw: RawRequest, language: str) -> ReportAnswers:
    """Validate a request and turn it into a report's answers."""
    if raw.get("media_url"):
        raise Open311Error(MEDIA_URL_REFUSED)
    threat = _service(raw)
    description = _text(raw, "description", DESCRIPTION_MAX)
    if not description:
        raise Open311Error(DESCRIPTION_REQUIRED)
    return ReportAnswers(
        threat=threat,
        description=description,
        signs=_signs(raw, threat),
        language=language,
        **_location(raw),
        **_when(raw),
        **_contact(raw),
    )


def photos_from(files: Iterable[UploadedFile]) -> list[CleanPhoto]:
    """Every uploaded photo, checked and re-encoded without any metadata."""
    uploads = list(files)
    if len(uploads) > MAX_PHOTOS:
        raise Open311Error(TOO_MANY_PHOTOS % {"limit": MAX_PHOTOS})
    try:
        return [photo_sanitise(upload.read()) for upload in uploads]
    except PhotoError as error:
        raise Open311Error(error.message) from error
