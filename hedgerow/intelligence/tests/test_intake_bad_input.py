"""Every bad answer gets a clear GOV.UK error, and every other answer survives."""

from datetime import timedelta

import pytest
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.utils import timezone

from hedgerow.intelligence.forms import intake as messages
from hedgerow.intelligence.forms import intake_dates
from hedgerow.intelligence.models import DraftPhoto, Report, ReportDraft
from hedgerow.intelligence.tests.intake_journey import (  # noqa: F401
    Journey,
    _fresh_rate_limits,
    a_threat,
    jpeg_with_gps,
    png_bomb,
    shows,
    text_of,
    upload,
)
from hedgerow.intelligence.views import intake as intake_views
from hedgerow.intelligence.views import intake_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def journey(client):
    """A resident who has answered the first questions (threat, where, when)."""
    journey = Journey(client)
    journey.start()
    journey.post("threat", {"threat": "not-sure"})
    journey.post("where", {"location": "place", "address": "7 Mill Lane"})
    journey.post("when", {"when": "ongoing"})
    return journey


def draft_answers(journey) -> dict:
    return ReportDraft.objects.get().answers


def assert_error(response, message) -> None:
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in page
    assert shows(response, message), message
    assert "<title>Error:" in page


def assert_earlier_answers_survive(journey) -> None:
    answers = draft_answers(journey)
    assert answers["threat"]["threat"] == "not-sure"
    assert answers["where"]["address"] == "7 Mill Lane"
    assert answers["when"]["when"] == "ongoing"


def test_threat_not_chosen(client):
    journey = Journey(client)
    journey.start()

    assert_error(journey.post("threat", {}), messages.THREAT_REQUIRED)


def test_place_without_address_or_pin(journey):
    response = journey.post("where", {"location": "place", "address": " "})

    assert_error(response, messages.ADDRESS_REQUIRED)
    assert draft_answers(journey)["where"]["address"] == "7 Mill Lane"


def test_invalid_postcode_keeps_the_address_typed_on_the_page(journey):
    response = journey.post(
        "where", {"location": "place", "address": "Flat 2, 9 High St", "postcode": "XX"}
    )

    assert_error(response, "Enter a real postcode, like LS1 1UR")
    assert "Flat 2, 9 High St" in text_of(response)
    assert_earlier_answers_survive(journey)


@pytest.mark.parametrize(
    ("latitude", "longitude", "message"),
    [
        ("53.79", "", messages.PIN_PAIR),
        ("north", "-1.5", messages.PIN_NUMBER),
        ("48.85", "2.35", messages.PIN_OUTSIDE_UK),
    ],
)
def test_bad_map_pin(journey, latitude, longitude, message):
    response = journey.post(
        "where",
        {
            "location": "place",
            "address": "Car wash",
            "latitude": latitude,
            "longitude": longitude,
        },
    )

    assert_error(response, message)
    assert_earlier_answers_survive(journey)


def test_where_not_chosen(journey):
    assert_error(journey.post("where", {}), messages.LOCATION_REQUIRED)


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter the date it happened"),
        ("3", "", "2025", "The date it happened must include a day, month and year"),
        ("31", "2", "2024", "The date it happened must be a real date"),
        ("x", "1", "2024", "The date it happened must be a real date"),
    ],
)
def test_bad_date(journey, day, month, year, message):
    response = journey.post(
        "when", {"when": "date", "on_day": day, "on_month": month, "on_year": year}
    )

    assert_error(response, message)
    assert f'name="on_day" type="text" inputmode="numeric" value="{day}"' in (
        response.content.decode()
    )
    assert_earlier_answers_survive(journey)


def test_date_in_the_future(journey):
    tomorrow = timezone.localdate() + timedelta(days=1)

    response = journey.post(
        "when",
        {
            "when": "date",
            "on_day": str(tomorrow.day),
            "on_month": str(tomorrow.month),
            "on_year": str(tomorrow.year),
        },
    )

    assert_error(response, "The date it happened must be today or in the past")


def test_range_in_the_wrong_order(journey):
    response = journey.post(
        "when",
        {
            "when": "range",
            "from_day": "5",
            "from_month": "3",
            "from_year": "2025",
            "to_day": "1",
            "to_month": "3",
            "to_year": "2025",
        },
    )

    assert_error(response, intake_dates.RANGE_ORDER)
    assert_earlier_answers_survive(journey)


def test_when_not_chosen(journey):
    assert_error(journey.post("when", {}), intake_dates.WHEN_REQUIRED)


def test_what_happened_is_required(journey):
    assert_error(
        journey.post("details", {"description": "  "}), messages.DESCRIPTION_REQUIRED
    )


def test_what_happened_too_long_keeps_the_text_and_earlier_answers(journey):
    response = journey.post("details", {"description": "a" * 5001})

    assert_error(response, messages.DESCRIPTION_TOO_LONG)
    assert "a" * 5001 in text_of(response)
    assert_earlier_answers_survive(journey)


def test_windows_line_endings_count_as_one_character(journey):
    text = ("a" * 99 + "\r\n") * 50  # 5,000 characters as the person sees them

    response = journey.post("details", {"description": text})

    assert 'class="govuk-error-summary"' not in response.content.decode()


def test_markup_only_text_is_refused(journey):
    response = journey.post("details", {"description": "<script></script><b></b>"})

    assert_error(response, messages.MARKUP_ONLY)


def test_script_in_text_is_kept_as_written_and_shown_escaped(journey):
    text = 'He said <script>alert("x")</script> & <b>left</b>'
    journey.post("details", {"description": text})
    journey.post("photos", {"action": "save"})

    check = journey.post("contact", {"contact": "anonymous"})

    page = check.content.decode()
    assert "<script>alert" not in page
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;left" in page
    )
    assert draft_answers(journey)["details"]["description"] == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"contact": "contact", "consent": "on"}, messages.CONTACT_DETAIL_REQUIRED),
        ({"contact": "contact", "email": "sam@example.org"}, messages.CONSENT_REQUIRED),
        (
            {"contact": "contact", "email": "not-an-email", "consent": "on"},
            messages.EMAIL_INVALID,
        ),
        (
            {"contact": "contact", "phone": "call me", "consent": "on"},
            messages.PHONE_INVALID,
        ),
    ],
)
def test_bad_contact_details(journey, data, message):
    response = journey.post("contact", data)

    assert_error(response, message)
    assert_earlier_answers_survive(journey)


def test_anonymous_reporter_details_are_not_kept(journey):
    journey.post("details", {"description": "Something odd."})
    journey.post("photos", {"action": "save"})
    journey.post(
        "contact", {"contact": "anonymous", "email": "sam@example.org", "consent": "on"}
    )

    confirmation = journey.submit()

    report = Report.objects.get()
    assert "Report sent" in text_of(confirmation)
    assert not report.contact_consent
    assert report.contact_email == ""


def photo_post(journey, name, data, content_type="image/jpeg"):
    return journey.post(
        "photos", {"photos": [upload(name, data, content_type)], "action": "upload"}
    )


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        (
            "notes.txt",
            b"just some text, not a picture",
            "The selected file must be a photo (JPG, PNG, WEBP, GIF, BMP or TIFF)",
        ),
        (
            "broken.jpg",
            jpeg_with_gps()[:300],
            "The selected photo is damaged and cannot be opened. Try another one",
        ),
        ("bomb.png", png_bomb(), "The selected photo is too large to open"),
        (
            "huge.jpg",
            b"\xff\xd8" + b"\x00" * (10 * 1024 * 1024 + 1),
            "The selected photo must be smaller than 10 MB",
        ),
    ],
)
def test_bad_photo_is_refused_and_good_photos_and_answers_survive(
    journey, name, data, problem
):
    photo_post(journey, "good.jpg", jpeg_with_gps())

    response = photo_post(journey, name, data)

    assert_error(response, f"{name}: {problem}")
    assert DraftPhoto.objects.count() == 1
    assert "Photo 1" in text_of(response)
    assert_earlier_answers_survive(journey)


def test_sixth_photo_is_refused(journey):
    for number in range(5):
        photo_post(journey, f"{number}.jpg", jpeg_with_gps())

    response = journey.post(
        "photos",
        {"photos": [upload("6.jpg", jpeg_with_gps())], "action": "save"},
    )

    assert_error(response, intake_pages.TOO_MANY_PHOTOS)
    assert DraftPhoto.objects.count() == 5


def test_removing_a_photo(journey):
    photo_post(journey, "a.jpg", jpeg_with_gps())
    photo = DraftPhoto.objects.get()

    page = journey.post("photos", {"action": "remove", "photo": str(photo.pk)})

    assert not DraftPhoto.objects.exists()
    assert "Photos you have added" not in text_of(page)


def test_photos_are_never_written_to_disk(journey, settings, monkeypatch):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10  # Django would spill this to a temp file
    to_disk = []
    monkeypatch.setattr(
        TemporaryFileUploadHandler, "new_file", lambda *a, **k: to_disk.append(a)
    )

    photo_post(journey, "a.jpg", jpeg_with_gps())

    assert DraftPhoto.objects.count() == 1
    assert not to_disk


def test_expired_draft_keeps_the_answer_just_posted(journey):
    ReportDraft.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    old, old_token = ReportDraft.objects.get(), journey.token

    response = journey.post("details", {"description": "Lights on all night."})

    assert shows(response, intake_views.EXPIRED_KEPT)
    assert "What are you worried about?" in text_of(response)
    assert not ReportDraft.objects.filter(pk=old.pk).exists()
    fresh = ReportDraft.objects.get()
    assert fresh.answers["details"]["description"] == "Lights on all night."
    assert journey.token != old_token


def test_expired_draft_with_an_invalid_answer_shows_the_error_and_the_notice(journey):
    ReportDraft.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    response = journey.post("details", {"description": ""})

    assert shows(response, intake_views.EXPIRED_KEPT)
    assert_error(response, messages.DESCRIPTION_REQUIRED)


def test_unknown_token_on_a_page_request_goes_to_the_start_with_a_notice(client):
    response = client.post("/report/where/", {"token": "made-up", "action": "show"})

    assert shows(response, intake_views.EXPIRED_NOTHING_KEPT)
    assert "Start now" in text_of(response)


def test_unknown_token_on_submit_keeps_nothing(client):
    response = client.post("/report/submit/", {"token": "x" * 43})

    assert shows(response, intake_views.EXPIRED_NOTHING_KEPT)
