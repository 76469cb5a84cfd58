"""A resident reports a concern through every step, in English and in Welsh."""

import re

import pytest

from hedgerow.intelligence.models import Report, ReportDraft
from hedgerow.intelligence.services.follow_up import report_for_receipt
from hedgerow.intelligence.tests.intake_journey import (  # noqa: F401
    Journey,
    _fresh_rate_limits,
    a_helpline_threat,
    a_threat,
    assert_stored_photo_is_bare,
    jpeg_with_gps,
    png_with_xmp,
    text_of,
    upload,
)

pytestmark = pytest.mark.django_db


def receipt_on(response) -> tuple[str, str]:
    text = text_of(response)
    reference = re.search(r"HR-[0-9A-Z]{4}-[0-9A-Z]{4}", text).group(0)
    secret = re.search(r"(?:[0-9A-Z]{4}-){6}[0-9A-Z]{4}", text).group(0)
    return reference, secret


def test_report_journey_stores_every_answer_and_gives_a_working_receipt(client):
    threat = a_threat(signs=3)
    signs = list(threat.signs.all())[:2]
    journey = Journey(client)

    start = journey.get()
    assert "Report a concern about serious and organised crime" in text_of(start)
    journey.start()
    journey.post("threat", {"threat": threat.slug})
    journey.post("signs", {"signs": [str(s.pk) for s in signs]})
    journey.post(
        "where",
        {
            "location": "place",
            "address": "Behind the shops on Park Road",
            "postcode": "ls1 1ur",
            "latitude": "53.7960",
            "longitude": "-1.5479",
        },
    )
    journey.post(
        "when",
        {
            "when": "range",
            "from_day": "1",
            "from_month": "12",
            "from_year": "2024",
            "to_day": "20",
            "to_month": "1",
            "to_year": "2025",
        },
    )
    journey.post("details", {"description": "Young people dropped off at all hours."})
    photos_page = journey.post(
        "photos",
        {"photos": [upload("street.jpg", jpeg_with_gps())], "action": "upload"},
    )
    assert "Photos you have added" in text_of(photos_page)
    journey.post("photos", {"action": "save"})
    check = journey.post(
        "contact",
        {
            "contact": "contact",
            "name": "Sam",
            "phone": "07700 900 982",
            "consent": "on",
        },
    )

    text = text_of(check)
    assert "Check your answers before sending your report" in text
    assert "Behind the shops on Park Road" in text
    assert "LS1 1UR" in text
    assert "Between 1 December 2024 and 20 January 2025" in text
    assert "1 photo" in text
    confirmation = journey.submit()

    assert "Report sent" in text_of(confirmation)
    reference, secret = receipt_on(confirmation)
    report = Report.objects.get(reference=reference)
    assert report.threat == threat
    assert set(report.signs.all()) == set(signs)
    assert report.location_description == "Behind the shops on Park Road"
    assert report.postcode == "LS1 1UR"
    assert (report.latitude, report.longitude) == (53.796, -1.5479)
    assert str(report.occurred_on) == "2024-12-01"
    assert str(report.occurred_until) == "2025-01-20"
    assert report.description == "Young people dropped off at all hours."
    assert report.contact_consent
    assert report.contact_phone == "07700 900 982"
    assert report.language == "en"
    assert_stored_photo_is_bare(report.photos.get().content)
    assert report_for_receipt(reference=reference, secret=secret) == report
    assert secret not in report.secret_hash
    assert not ReportDraft.objects.exists()


def test_every_response_of_the_flow_sets_no_cookie_and_is_not_stored(client):
    journey = Journey(client)
    journey.get()
    journey.answer_everything(a_threat(), photos=[upload("a.png", png_with_xmp())])
    journey.show("where")
    journey.show("check")
    journey.submit()

    assert len(journey.responses) >= 11
    for response in journey.responses:
        assert "Set-Cookie" not in response.headers, response.request["PATH_INFO"]
        assert not response.cookies
        assert response.headers["Cache-Control"] == "no-store"
    assert not client.cookies


def test_every_step_has_exit_this_page_and_the_999_banner(client):
    journey = Journey(client)
    journey.get()
    journey.answer_everything(a_threat())
    journey.submit()

    for response in journey.responses:
        text = text_of(response)
        assert "Exit this page" in text
        assert "call 999" in text


def test_draft_token_never_appears_in_a_link(client):
    journey = Journey(client)
    journey.answer_everything(a_threat())

    for response in journey.responses:
        hrefs = re.findall(r'href="([^"]*)"', response.content.decode())
        assert not [href for href in hrefs if journey.token in href]
        assert journey.token not in response.request["PATH_INFO"]


def test_png_with_xmp_is_stored_without_it(client):
    journey = Journey(client)
    journey.answer_everything(a_threat(), photos=[upload("p.png", png_with_xmp())])
    reference, _secret = receipt_on(journey.submit())

    photo = Report.objects.get(reference=reference).photos.get()
    assert_stored_photo_is_bare(photo.content)
    assert photo.content_type == "image/jpeg"


def test_welsh_journey_stays_in_welsh_and_records_the_language(client):
    threat = a_threat(signs=2)
    journey = Journey(client, prefix="/cy")

    start = journey.get()
    threat_page = journey.start()
    assert '<html lang="cy"' in start.content.decode()
    assert "Cogio" in text_of(threat_page)
    assert 'action="/cy/report/threat/"' in threat_page.content.decode()
    signs_page = journey.post("threat", {"threat": threat.slug})
    assert "Arwydd 0" in text_of(signs_page)
    assert 'action="/cy/report/signs/"' in signs_page.content.decode()
    journey.post("signs", {"signs": [str(threat.signs.first().pk)]})
    journey.post("where", {"location": "online"})
    journey.post("when", {"when": "ongoing"})
    journey.post("details", {"description": "Negeseuon amheus."})
    journey.post("photos", {"action": "save"})
    check = journey.post("contact", {"contact": "anonymous"})
    assert '<html lang="cy"' in check.content.decode()
    assert 'action="/cy/report/submit/"' in check.content.decode()
    confirmation = journey.submit()

    assert '<html lang="cy"' in confirmation.content.decode()
    reference, _secret = receipt_on(confirmation)
    report = Report.objects.get(reference=reference)
    assert report.language == "cy"
    assert report.location_kind == "online"
    assert report.when_kind == "ongoing"


def test_language_switch_on_a_step_posts_the_token_to_the_other_language(client):
    journey = Journey(client)
    journey.start()
    page = journey.post("threat", {"threat": "not-sure"}).content.decode()

    switch = re.search(
        r'<form method="post" action="/cy/report/where/"[^>]*>(.*?)</form>', page, re.S
    )
    assert switch, "no Welsh language button for this step"
    assert f'name="token" value="{journey.token}"' in switch.group(1)
    welsh = journey.client.post(
        "/cy/report/where/", {"token": journey.token, "action": "show"}
    )
    assert '<html lang="cy"' in welsh.content.decode()
    assert 'action="/cy/report/where/"' in welsh.content.decode()


def test_not_sure_skips_the_signs_question(client):
    journey = Journey(client)
    journey.start()
    page = journey.post("threat", {"threat": "not-sure"})

    assert "Where is it happening?" in text_of(page)


def test_threat_in_the_start_link_is_preselected(client):
    threat = a_threat()
    journey = Journey(client)

    start = journey.get(threat=threat.slug)
    assert threat.name in text_of(start)
    page = journey.start(threat_slug=threat.slug).content.decode()

    assert re.search(rf'value="{threat.slug}" checked', page)


def test_get_on_a_step_goes_back_to_the_start(client):
    response = client.get("/report/where/")

    assert response.status_code == 302
    assert response.headers["Location"] == "/report/"


def test_back_button_shows_the_previous_answer(client):
    journey = Journey(client)
    journey.start()
    journey.post("threat", {"threat": "not-sure"})
    page = journey.post("where", {"location": "online"}).content.decode()

    back = re.search(r'<form method="post" action="(/report/where/)"', page)
    assert back
    previous = journey.show("where").content.decode()
    assert re.search(r'value="online" checked', previous)


def test_change_from_check_your_answers_returns_to_the_check_page(client):
    journey = Journey(client)
    journey.answer_everything(a_threat(signs=0))
    journey.show("where")

    check = journey.post("where", {"location": "online"})

    assert "Check your answers before sending your report" in text_of(check)
    assert "Online" in text_of(check)


def test_helpline_shown_when_enough_signs_are_ticked(client):
    threat = a_helpline_threat(threshold=2)
    journey = Journey(client)
    journey.start()
    journey.post("threat", {"threat": threat.slug})

    after_signs = journey.post(
        "signs", {"signs": [str(s.pk) for s in threat.signs.all()[:2]]}
    )
    assert "Modern Slavery Helpline" in text_of(after_signs)
    assert "08000 121 700" in text_of(after_signs)
    journey.post("where", {"location": "online"})
    journey.post("when", {"when": "unknown"})
    journey.post("details", {"description": "Workers living at the car wash."})
    journey.post("photos", {"action": "save"})
    journey.post("contact", {"contact": "anonymous"})
    confirmation = journey.submit()

    assert "Modern Slavery Helpline" in text_of(confirmation)


def test_helpline_not_shown_below_the_threshold(client):
    threat = a_helpline_threat(threshold=2)
    journey = Journey(client)
    journey.start()
    journey.post("threat", {"threat": threat.slug})

    after_signs = journey.post("signs", {"signs": [str(threat.signs.first().pk)]})

    assert "Modern Slavery Helpline" not in text_of(after_signs)


def test_changing_the_threat_asks_for_its_signs_again(client):
    first, second = a_threat(signs=2), a_threat(signs=2)
    journey = Journey(client)
    journey.answer_everything(first, signs=list(first.signs.all()))
    journey.show("threat")

    page = journey.post("threat", {"threat": second.slug})

    assert "Which of these have you noticed?" in text_of(page)
    assert "Arwydd" not in text_of(page)
    assert str(second.signs.first()) in text_of(page)


@pytest.mark.parametrize("language", ["pl", "ro"])
def test_flow_is_offered_in_the_community_languages(client, language):
    journey = Journey(client, prefix=f"/{language}")

    start = journey.get()
    step = journey.start()

    assert start.status_code == 200
    assert f'<html lang="{language}"' in start.content.decode()
    assert f'action="/{language}/report/threat/"' in step.content.decode()
