"""Open311 GeoReport v2: services, anonymous submission and public status."""

import io
import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from PIL import ExifTags, Image

from hedgerow.accounts.tests.factories import AgencyFactory
from hedgerow.core.ratelimit import RATE_LIMITED, REPORT_SUBMISSIONS, limiter
from hedgerow.intelligence.api import open311, open311_input
from hedgerow.intelligence.models import Report, Routing, Status
from hedgerow.intelligence.models.reports import Channel, LocationKind, WhenKind
from hedgerow.intelligence.services.submission import secret_digest
from hedgerow.intelligence.tests.factories import (
    ReportFactory,
    RoutingRuleFactory,
    ThreatFactory,
    WarningSignFactory,
)

pytestmark = pytest.mark.django_db

SERVICES = "/open311/v2/services.json"
REQUESTS = "/open311/v2/requests.json"
CLIENT_IP = "203.0.113.77"
CLIENT_AGENT = "OddBrowser/9.9 (unique-agent-7f3a)"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Every test starts with a full allowance (the limiter lives in memory)."""
    limiter.reset()
    yield
    limiter.reset()


@pytest.fixture
def threat():
    threat = ThreatFactory(
        slug="test-drug-runs",
        texts={
            "en": {"name": "Drug runs", "summary": "Drug dealing across areas."},
            "cy": {"name": "Rhediadau cyffuriau", "summary": "Delio cyffuriau."},
        },
    )
    WarningSignFactory(
        threat=threat, slug="new-faces", texts={"en": "New faces", "cy": "Wynebau"}
    )
    WarningSignFactory(threat=threat, slug="cash", texts={"en": "Lots of cash"})
    WarningSignFactory(threat=threat, slug="hidden", is_published=False)
    return threat


def errors_of(response):
    """The Open311 error list, after checking its shape."""
    body = response.json()
    assert isinstance(body, list)
    assert body[0]["code"] == response.status_code
    return body[0]["description"]


def form(**fields):
    base = {
        "service_code": "test-drug-runs",
        "description": "Young people going in and out of a flat at all hours.",
        "address_string": "12 Mill Lane, Leeds",
    }
    base.update(fields)
    return base


def gps_photo() -> bytes:
    """A JPEG carrying GPS coordinates and a camera model in its EXIF."""
    image = Image.new("RGB", (64, 48), (120, 160, 90))
    exif = Image.Exif()
    exif[ExifTags.Base.Model] = "SpyCam 3000"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (53.0, 48.0, 1.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (1.0, 32.0, 42.0)
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif)
    return output.getvalue()


# --- Services ----------------------------------------------------------------------


def test_services_list_published_threats_and_not_sure(client, threat):
    ThreatFactory(slug="draft-threat", is_published=False)

    response = client.get(SERVICES)

    assert response.status_code == 200
    services = {service["service_code"]: service for service in response.json()}
    assert "test-drug-runs" in services
    assert "draft-threat" not in services
    assert list(services)[-1] == "not-sure"
    county = services["test-drug-runs"]
    assert county["service_name"] == "Drug runs"
    assert county["description"] == "Drug dealing across areas."
    assert county["metadata"] is True
    assert county["type"] == "realtime"
    assert county["group"] == "Serious and organised crime"
    assert county["keywords"] == "test, drug, runs"


def test_services_in_the_locale_asked_for(client, threat):
    response = client.get(SERVICES, {"locale": "cy_GB"})

    names = {s["service_code"]: s["service_name"] for s in response.json()}
    assert names["test-drug-runs"] == "Rhediadau cyffuriau"


def test_services_xml_is_refused_with_a_json_error(client, threat):
    response = client.get("/open311/v2/services.xml")

    assert response.status_code == 400
    assert errors_of(response) == str(open311.JSON_ONLY)


def test_service_definition_lists_published_signs(client, threat):
    response = client.get("/open311/v2/services/test-drug-runs.json")

    assert response.status_code == 200
    body = response.json()
    assert body["service_code"] == "test-drug-runs"
    attributes = {a["code"]: a for a in body["attributes"]}
    assert set(attributes) == {
        "signs",
        "location",
        "postcode",
        "when",
        "contact_consent",
    }
    signs = attributes["signs"]
    assert signs["datatype"] == "multivaluelist"
    assert signs["values"] == [
        {"key": "new-faces", "name": "New faces"},
        {"key": "cash", "name": "Lots of cash"},
    ]
    assert attributes["when"]["datatype"] == "string"


def test_service_definition_for_not_sure_has_no_signs(client, threat):
    response = client.get("/open311/v2/services/not-sure.json")

    codes = [a["code"] for a in response.json()["attributes"]]
    assert "signs" not in codes
    assert "contact_consent" in codes


def test_service_definition_unknown_is_an_open311_404(client, threat):
    response = client.get("/open311/v2/services/nothing-here.json")

    assert response.status_code == 404
    assert errors_of(response) == str(open311.SERVICE_NOT_FOUND)


# --- Submitting ---------------------------------------------------------------------


def test_post_form_encoded_stores_and_routes_the_report(client, threat):
    agency = AgencyFactory()
    RoutingRuleFactory(agencies=[agency], is_fallback=True)
    data = form(
        lat="53.7997",
        long="-1.5492",
        **{"attribute[signs][]": ["new-faces", "cash"], "attribute[when]": "ongoing"},
    )

    response = client.post(REQUESTS, data)

    assert response.status_code == 201
    (body,) = response.json()
    report = Report.objects.get(reference=body["service_request_id"])
    assert body["token"] is None
    assert body["service_notice"]
    assert report.secret_hash == secret_digest(body["hedgerow_follow_up_secret"])
    assert report.channel == Channel.OPEN311
    assert report.threat == threat
    assert sorted(report.signs.values_list("slug", flat=True)) == ["cash", "new-faces"]
    assert (report.latitude, report.longitude) == (53.7997, -1.5492)
    assert report.location_description == "12 Mill Lane, Leeds"
    assert report.when_kind == WhenKind.ONGOING
    assert Routing.objects.filter(report=report, agency=agency).exists()


def test_post_json_with_an_attribute_object(client, threat):
    body = {
        "service_code": "test-drug-runs",
        "description": "Cash handed over through a car window.",
        "attribute": {"location": "online", "when": "2025-01-01/2025-01-31"},
    }

    response = client.post(REQUESTS, json.dumps(body), content_type="application/json")

    assert response.status_code == 201
    report = Report.objects.get()
    assert report.location_kind == LocationKind.ONLINE
    assert report.when_kind == WhenKind.RANGE
    assert str(report.occurred_on) == "2025-01-01"
    assert str(report.occurred_until) == "2025-01-31"


def test_post_json_with_flat_attribute_keys(client, threat):
    body = {**form(), "attribute[signs][]": ["cash"], "attribute[when]": "2025-02-03"}

    response = client.post(REQUESTS, json.dumps(body), content_type="application/json")

    assert response.status_code == 201
    report = Report.objects.get()
    assert list(report.signs.values_list("slug", flat=True)) == ["cash"]
    assert report.when_kind == WhenKind.DATE


def test_post_not_sure_stores_no_threat(client, threat):
    response = client.post(REQUESTS, form(service_code="not-sure"))

    assert response.status_code == 201
    assert Report.objects.get().threat is None


def test_post_in_welsh_records_the_language(client, threat):
    response = client.post(f"{REQUESTS}?locale=cy", form())

    assert response.status_code == 201
    assert Report.objects.get().language == "cy"


def test_post_media_photo_is_stored_without_any_metadata(client, threat):
    original = gps_photo()
    assert b"SpyCam" in original  # the test photo really carries metadata
    upload = SimpleUploadedFile("IMG_0001.jpg", original, content_type="image/jpeg")

    response = client.post(REQUESTS, {**form(), "media": upload})

    assert response.status_code == 201
    photo = Report.objects.get().photos.get()
    stored = bytes(photo.content)
    assert b"SpyCam" not in stored
    assert b"Exif" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert len(image.getexif()) == 0
        assert "exif" not in image.info
        assert image.size == (64, 48)


def test_post_media_url_is_refused_and_nothing_stored(client, threat):
    response = client.post(REQUESTS, form(media_url="http://192.0.2.1/photo.jpg"))

    assert response.status_code == 400
    assert errors_of(response) == str(open311_input.MEDIA_URL_REFUSED)
    assert not Report.objects.exists()


def test_post_corrupt_photo_is_refused_and_nothing_stored(client, threat):
    upload = SimpleUploadedFile("x.jpg", b"\xff\xd8\xff not really", "image/jpeg")

    response = client.post(REQUESTS, {**form(), "media": upload})

    assert response.status_code == 400
    assert "photo" in errors_of(response)
    assert not Report.objects.exists()


def test_post_contact_kept_with_consent(client, threat):
    data = form(
        first_name="Sam",
        last_name="Jones",
        email="Sam@Example.org",
        phone="01632 960 001",
        **{"attribute[contact_consent]": "true"},
    )

    client.post(REQUESTS, data)

    report = Report.objects.get()
    assert report.contact_consent is True
    assert report.contact_name == "Sam Jones"
    assert report.contact_email == "sam@example.org"
    assert report.contact_phone == "01632 960 001"


def test_post_contact_without_consent_is_silently_dropped(client, threat):
    data = form(first_name="Sam", email="sam@example.org", phone="01632 960 001")

    response = client.post(REQUESTS, data)

    assert response.status_code == 201
    report = Report.objects.get()
    assert report.contact_consent is False
    assert (report.contact_name, report.contact_email, report.contact_phone) == (
        "",
        "",
        "",
    )


BAD_REQUESTS = [
    ({"service_code": ""}, open311_input.SERVICE_REQUIRED),
    ({"description": "   "}, open311_input.DESCRIPTION_REQUIRED),
    ({"address_string": ""}, open311_input.LOCATION_REQUIRED),
    ({"lat": "53.8"}, open311_input.LAT_LONG_PAIR),
    ({"lat": "north", "long": "-1.5"}, open311_input.LAT_LONG_NUMBERS),
    ({"lat": "48.85", "long": "2.35"}, open311_input.LAT_LONG_UK),
    ({"description": "<script>alert(1)</script>"}, None),
    ({"description": "x" * 5001}, None),
    ({"attribute[location]": "moon"}, open311_input.LOCATION_UNKNOWN),
    ({"attribute[when]": "last tuesday"}, open311_input.WHEN_INVALID),
    ({"attribute[when]": "2025-02-01/2025-01-01"}, open311_input.WHEN_ORDER),
    ({"attribute[postcode]": "NOT A CODE"}, open311_input.POSTCODE_INVALID),
    ({"attribute[contact_consent]": "maybe"}, open311_input.CONSENT_INVALID),
    ({"attribute[contact_consent]": "true"}, open311_input.CONTACT_REQUIRED),
    (
        {"attribute[contact_consent]": "true", "email": "not-an-email"},
        open311_input.EMAIL_INVALID,
    ),
]


@pytest.mark.parametrize(("fields", "message"), BAD_REQUESTS)
def test_post_bad_input_is_a_400_in_open311_format(client, threat, fields, message):
    response = client.post(REQUESTS, form(**fields))

    assert response.status_code == 400
    description = errors_of(response)
    if message is not None:
        assert description == str(message)
    assert not Report.objects.exists()


def test_post_unknown_service_is_refused(client, threat):
    response = client.post(REQUESTS, form(service_code="potholes"))

    assert response.status_code == 400
    assert "potholes" in errors_of(response)


def test_post_sign_of_another_threat_is_refused(client, threat):
    WarningSignFactory(slug="other-sign")

    response = client.post(REQUESTS, form(**{"attribute[signs][]": "other-sign"}))

    assert response.status_code == 400
    assert "other-sign" in errors_of(response)


def test_post_future_date_is_refused(client, threat):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    response = client.post(REQUESTS, form(**{"attribute[when]": tomorrow}))

    assert errors_of(response) == str(open311_input.WHEN_FUTURE)


def test_post_json_that_is_not_an_object_is_refused(client, threat):
    response = client.post(REQUESTS, "[1, 2]", content_type="application/json")

    assert response.status_code == 400
    assert errors_of(response) == str(open311_input.NOT_JSON)


def test_post_too_large_is_refused_before_reading(client, threat):
    response = client.post(
        REQUESTS, form(), CONTENT_LENGTH=str(open311.MAX_BODY_BYTES + 1)
    )

    assert response.status_code == 413
    assert errors_of(response) == str(open311.BODY_TOO_LARGE)


def test_error_descriptions_follow_the_locale(client, threat):
    response = client.post(f"{REQUESTS}?locale=xx", form(description=""))

    assert errors_of(response) == str(open311_input.DESCRIPTION_REQUIRED)


# --- Anonymity ----------------------------------------------------------------------


def test_no_response_sets_a_cookie_or_may_be_cached(client, threat):
    report = ReportFactory()
    responses = [
        client.get(SERVICES),
        client.get("/open311/v2/services/test-drug-runs.json"),
        client.post(REQUESTS, form()),
        client.post(REQUESTS, form(description="")),
        client.get(f"/open311/v2/requests/{report.reference}.json"),
        client.get("/open311/v2/requests/HR-NONE-NONE.json"),
        client.get(REQUESTS),
    ]

    for response in responses:
        assert not response.cookies, response.cookies
        assert "Set-Cookie" not in response.headers
        assert response.headers["Cache-Control"] == "no-store"


def test_nothing_about_the_client_is_stored(client, threat):
    upload = SimpleUploadedFile("p.jpg", gps_photo(), content_type="image/jpeg")

    response = client.post(
        REQUESTS,
        {**form(), "media": upload},
        REMOTE_ADDR=CLIENT_IP,
        HTTP_USER_AGENT=CLIENT_AGENT,
        HTTP_X_FORWARDED_FOR=CLIENT_IP,
    )

    assert response.status_code == 201
    dump = StringIO()
    call_command("dumpdata", stdout=dump)
    assert CLIENT_IP not in dump.getvalue()
    assert "unique-agent-7f3a" not in dump.getvalue()
    assert "Young people going in and out" in dump.getvalue()  # the dump is real


def test_submissions_past_the_limit_are_429_and_not_stored(client, threat):
    for _n in range(REPORT_SUBMISSIONS.per_hour):
        assert client.post(REQUESTS, form(), REMOTE_ADDR=CLIENT_IP).status_code == 201

    response = client.post(REQUESTS, form(), REMOTE_ADDR=CLIENT_IP)

    assert response.status_code == 429
    assert errors_of(response) == str(RATE_LIMITED)
    assert Report.objects.count() == REPORT_SUBMISSIONS.per_hour
    assert CLIENT_IP not in " ".join(limiter.keys())
    other = client.post(REQUESTS, form(), REMOTE_ADDR="198.51.100.5")
    assert other.status_code == 201


def test_invalid_submissions_do_not_use_up_the_allowance(client, threat):
    for _n in range(REPORT_SUBMISSIONS.per_hour + 1):
        client.post(REQUESTS, form(description=""), REMOTE_ADDR=CLIENT_IP)

    response = client.post(REQUESTS, form(), REMOTE_ADDR=CLIENT_IP)

    assert response.status_code == 201


# --- Status -------------------------------------------------------------------------


def test_request_status_shows_only_the_public_status(client, threat):
    report = ReportFactory(
        reference="HR-AB12-CD34",
        threat=threat,
        contact_consent=True,
        contact_email="me@example.org",
        status=Status.IN_PROGRESS,
    )

    response = client.get("/open311/v2/requests/hr-ab12cd34.json")

    assert response.status_code == 200
    (body,) = response.json()
    assert body == {
        "service_request_id": "HR-AB12-CD34",
        "status": "open",
        "status_notes": "Being looked at",
        "service_code": "test-drug-runs",
        "service_name": "Drug runs",
        "requested_datetime": body["requested_datetime"],
        "updated_datetime": None,
    }
    received = timezone.localtime(report.submitted_at)
    assert body["requested_datetime"].startswith(f"{received.date()}T00:00:00")
    assert report.description not in response.content.decode()


@pytest.mark.parametrize("typed", ["HR-HR7A-BC12", "hrhr7abc12", "hr-hr7a-bc12"])
def test_request_status_accepts_the_reference_as_typed(client, threat, typed):
    ReportFactory(reference="HR-HR7A-BC12")

    response = client.get(f"/open311/v2/requests/{typed}.json")

    assert response.json()[0]["service_request_id"] == "HR-HR7A-BC12"


def test_request_status_closed(client, threat):
    ReportFactory(
        reference="HR-C705-ED00", status=Status.CLOSED, outcome="no_further_action"
    )

    (body,) = client.get("/open311/v2/requests/HR-C705-ED00.json").json()

    assert body["status"] == "closed"
    assert body["status_notes"] == "Closed"
    assert body["service_code"] == "not-sure"


def test_request_status_unknown_is_an_open311_404(client, threat):
    response = client.get("/open311/v2/requests/HR-0000-0000.json")

    assert response.status_code == 404
    assert errors_of(response) == str(open311.REQUEST_NOT_FOUND)


def test_listing_requests_is_refused(client, threat):
    ReportFactory()

    response = client.get(REQUESTS)

    assert response.status_code == 400
    assert errors_of(response) == str(open311.LIST_REFUSED)
