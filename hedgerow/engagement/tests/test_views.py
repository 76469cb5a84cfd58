"""The community events pages: recording, permissions, documents, insights, report."""

import datetime
from html import unescape

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import AgencyFactory
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.core.documents import (
    DOCUMENT_CONTENT,
    DOCUMENT_TOO_LARGE,
    DOCUMENT_TYPE,
    MAX_DOCUMENT_BYTES,
)
from hedgerow.engagement.models import Event, EventAttendance, EventDocument, Insight
from hedgerow.engagement.tests.factories import (
    PDF_BYTES,
    EventAttendanceFactory,
    EventDocumentFactory,
    EventFactory,
    InsightFactory,
)
from hedgerow.geography.tests.factories import LsoaFactory
from hedgerow.intelligence.models import Threat

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(staff_client):
    return staff_client(Role.COORDINATOR)


@pytest.fixture
def officer(staff_client):
    return staff_client(Role.OFFICER)


@pytest.fixture
def county_lines():
    return Threat.objects.get(slug="county-lines")


def text_of(response) -> str:
    return unescape(response.content.decode())


def url(name: str, *args) -> str:
    return reverse(f"engagement:{name}", args=args)


def event_form(**changes) -> dict:
    held_on = timezone.localdate() - datetime.timedelta(days=2)
    return {
        "kind": "world_cafe",
        "title": "Harehills World Café",
        "held_on": held_on.isoformat(),
        "venue": "Community centre",
        "attendance": "58",
    } | changes


def test_coordinator_records_a_world_cafe(coordinator):
    lsoa = LsoaFactory(code="E01011264", name="Leeds 011A")
    police = AgencyFactory(name="West Yorkshire Police")
    form_page = coordinator.get(url("event_create"))
    assert form_page.status_code == 200
    assert "World Café" in text_of(form_page)

    response = coordinator.post(
        url("event_create"),
        event_form(
            lsoa="leeds 011a",
            agencies=[police.pk],
            facilitators=[coordinator.user.pk],
            other_facilitators="Two residents' association volunteers",
        ),
    )

    event = Event.objects.get()
    assert response.status_code == 302
    assert response.url == url("event_detail", event.pk)
    assert (event.lsoa, event.attendance) == (lsoa, 58)
    assert list(event.facilitators.all()) == [coordinator.user]
    page = text_of(coordinator.get(response.url))
    assert "Event recorded" in page
    assert "Harehills World Café" in page
    assert "Leeds 011A (E01011264)" in page
    assert "West Yorkshire Police" in page
    assert "Two residents' association volunteers" in page
    assert AuditEvent.objects.filter(
        action=Action.CREATE, target_type="engagement.event"
    ).exists()
    assert AuditEvent.objects.filter(
        action=Action.VIEW,
        target_id=str(event.pk),
        purpose="Community events: viewing an event and its insights",
    ).exists()


def test_bad_event_input_shows_each_error_and_saves_nothing(coordinator):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = coordinator.post(
        url("event_create"),
        event_form(
            kind="", title="", held_on=tomorrow.isoformat(), lsoa="Nowhere 999Z"
        ),
    )

    text = text_of(response)
    assert response.status_code == 200
    assert "There is a problem" in text
    assert "Choose the kind of event" in text
    assert "Enter the title of the event" in text
    assert "The date of the event must be today or in the past" in text
    assert "Enter an LSOA code like E01011264, or an LSOA name like Leeds 011A" in text
    assert not Event.objects.exists()


def test_age_bands_over_the_total_are_refused_with_a_clear_error(coordinator):
    event = EventFactory(attendance=30)

    response = coordinator.post(
        url("event_attendance", event.pk),
        {"16_24": "20", "25_44": "15"},
    )

    text = text_of(response)
    assert response.status_code == 200
    assert "There is a problem" in text
    assert "The age bands add up to 35 people, more than the 30 who attended." in text
    assert not EventAttendance.objects.exists()


def test_age_bands_within_the_total_show_on_the_event(coordinator):
    event = EventFactory(attendance=30)

    response = coordinator.post(
        url("event_attendance", event.pk), {"16_24": "20", "65_plus": "6"}
    )

    assert response.status_code == 302
    page = text_of(coordinator.get(url("event_detail", event.pk)))
    assert "16 to 24" in page
    assert "65 and over" in page
    assert dict(event.age_bands.values_list("band", "count")) == {
        "16_24": 20,
        "65_plus": 6,
    }


def test_document_upload_and_download_round_trip(coordinator):
    event = EventFactory()
    upload = SimpleUploadedFile("agenda.pdf", PDF_BYTES, content_type="text/html")

    response = coordinator.post(url("document_upload", event.pk), {"file": upload})

    document = EventDocument.objects.get()
    assert response.status_code == 302
    assert "agenda.pdf" in text_of(coordinator.get(url("event_detail", event.pk)))
    download = coordinator.get(url("document_download", event.pk, document.pk))
    assert download.status_code == 200
    assert download.content == PDF_BYTES
    # The type comes from the checked file, never from what the browser said.
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="agenda.pdf"'
    assert AuditEvent.objects.filter(
        action=Action.VIEW,
        target_type="engagement.eventdocument",
        target_id=str(document.pk),
        purpose="Community events: downloading a document",
    ).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tool.exe", b"MZ\x90\x00", DOCUMENT_TYPE),
        ("agenda.pdf", b"<html>not a pdf</html>", DOCUMENT_CONTENT % {"kind": "PDF"}),
        ("huge.pdf", PDF_BYTES + b"0" * MAX_DOCUMENT_BYTES, DOCUMENT_TOO_LARGE),
    ],
)
def test_a_bad_document_is_refused_with_a_clear_message(
    coordinator, name, content, message
):
    event = EventFactory()

    response = coordinator.post(
        url("document_upload", event.pk), {"file": SimpleUploadedFile(name, content)}
    )

    text = text_of(response)
    assert response.status_code == 200
    assert "There is a problem" in text
    assert str(message) in text
    assert not EventDocument.objects.exists()


def test_removing_a_document_asks_first(coordinator):
    document = EventDocumentFactory()
    remove = url("document_remove", document.event_id, document.pk)

    assert "Are you sure you want to remove" in text_of(coordinator.get(remove))
    assert EventDocument.objects.exists()
    response = coordinator.post(remove)

    assert response.status_code == 302
    assert not EventDocument.objects.exists()


def test_facilitator_records_insights_one_after_another(coordinator, county_lines):
    lsoa = LsoaFactory()
    event = EventFactory(lsoa=lsoa)
    form_page = text_of(coordinator.get(url("insight_create", event.pk)))
    assert f'value="{lsoa.code}"' in form_page  # starts as the event's LSOA

    response = coordinator.post(
        url("insight_create", event.pk),
        {
            "table_label": "Table 3",
            "text": "Young lads on bikes at the flats at all hours.",
            "themes": [county_lines.pk],
            "lsoa": lsoa.code,
            "is_quotable": "on",
            "another": "1",
        },
    )

    insight = Insight.objects.get()
    assert response.url == url("insight_create", event.pk)
    assert (insight.lsoa, insight.is_quotable) == (lsoa, True)
    assert list(insight.themes.all()) == [county_lines]
    page = text_of(coordinator.get(url("event_detail", event.pk)))
    assert "Young lads on bikes at the flats at all hours." in page
    assert "County lines and cuckooing" in page


def test_insight_text_over_2000_characters_is_refused(coordinator):
    event = EventFactory()

    response = coordinator.post(url("insight_create", event.pk), {"text": "x" * 2001})

    assert "What was said must be 2000 characters or fewer" in text_of(response)
    assert not Insight.objects.exists()


def test_insight_can_be_corrected_and_deleted(coordinator, county_lines):
    insight = InsightFactory(text="First words")
    event = insight.event

    coordinator.post(
        url("insight_edit", event.pk, insight.pk),
        {"text": "Corrected words", "themes": [county_lines.pk]},
    )
    insight.refresh_from_db()
    assert insight.text == "Corrected words"
    assert not insight.is_quotable

    coordinator.post(url("insight_delete", event.pk, insight.pk))
    assert not Insight.objects.exists()
    assert AuditEvent.objects.filter(
        action=Action.DELETE, target_type="engagement.insight"
    ).exists()


def test_an_insight_of_another_event_is_not_found(coordinator):
    insight = InsightFactory()
    other = EventFactory()

    response = coordinator.get(url("insight_edit", other.pk, insight.pk))

    assert response.status_code == 404


def test_officer_reads_but_may_not_change(officer):
    insight = InsightFactory()
    document = EventDocumentFactory(event=insight.event)
    event = insight.event

    for readable in (
        url("event_list"),
        url("event_detail", event.pk),
        url("event_report", event.pk),
        url("insight_summary"),
        url("document_download", event.pk, document.pk),
    ):
        assert officer.get(readable).status_code == 200, readable
    page = text_of(officer.get(url("event_detail", event.pk)))
    assert "Record an insight" not in page
    assert "Change this event" not in page

    for refused in (
        url("event_create"),
        url("event_edit", event.pk),
        url("event_attendance", event.pk),
        url("document_upload", event.pk),
        url("document_remove", event.pk, document.pk),
        url("insight_create", event.pk),
        url("insight_edit", event.pk, insight.pk),
        url("insight_delete", event.pk, insight.pk),
    ):
        assert officer.post(refused, event_form()).status_code == 403, refused
    assert Event.objects.count() == 1
    assert Insight.objects.get() == insight
    assert EventDocument.objects.exists()


def test_administrator_does_not_see_events(admin_client):
    assert admin_client.get(url("event_list")).status_code == 403


def test_signed_out_visitor_is_sent_to_sign_in(client):
    response = client.get(url("event_list"))

    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


def test_event_list_shows_and_filters_events(officer):
    bradford = LsoaFactory(local_authority_code="E08000032", name="Bradford 016A")
    EventFactory(title="Bradford faith training", kind="awareness_training")
    EventFactory(title="Leeds World Café", lsoa=bradford)

    everything = text_of(officer.get(url("event_list")))
    filtered = text_of(officer.get(url("event_list"), {"kind": "awareness_training"}))

    assert "Bradford faith training" in everything
    assert "Leeds World Café" in everything
    assert "Bradford faith training" in filtered
    assert "Leeds World Café" not in filtered
    assert AuditEvent.objects.filter(
        action=Action.SEARCH, purpose="Community events: list of events"
    ).exists()


def test_insight_page_groups_by_theme_and_area_with_quotes(officer, county_lines):
    slavery = Threat.objects.get(slug="modern-slavery")
    harehills = LsoaFactory(name="Leeds 011A", code="E01011264")
    first = EventFactory(title="First café")
    second = EventFactory(title="Second café")
    InsightFactory(
        event=first, themes=[county_lines], lsoa=harehills, text="Bikes at the flats."
    )
    InsightFactory(
        event=second,
        themes=[county_lines, slavery],
        lsoa=harehills,
        text="Men at the car wash all day.",
    )
    InsightFactory(
        event=second,
        themes=[county_lines],
        is_quotable=False,
        text="Private worry about a neighbour.",
    )

    response = officer.get(url("insight_summary"))

    text = text_of(response)
    by_theme = text.split('data-testid="by-theme"', 1)[1].split("</table>", 1)[0]
    assert " ".join(by_theme.split()).count("<td") == 4
    assert "County lines and cuckooing</th>" in by_theme
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">3</td>' in by_theme
    by_area = text.split('data-testid="by-area"', 1)[1].split("</table>", 1)[0]
    assert "Leeds 011A (E01011264)" in by_area
    assert "Neighbourhood not recorded" in by_area
    assert "Bikes at the flats." in text
    assert "Men at the car wash all day." in text
    assert "Private worry about a neighbour." not in text
    assert AuditEvent.objects.filter(
        action=Action.VIEW,
        target_type="engagement.insight",
        purpose="Community events: insights across events",
    ).exists()

    filtered = text_of(officer.get(url("insight_summary"), {"theme": slavery.pk}))
    assert "Men at the car wash all day." in filtered
    assert "Bikes at the flats." not in filtered


def test_insight_page_rejects_dates_in_the_wrong_order(officer):
    response = officer.get(
        url("insight_summary"), {"date_from": "2026-03-02", "date_to": "2026-03-01"}
    )

    assert "The end date must be the same as or after the start date" in text_of(
        response
    )


def test_event_report_is_printable_with_attendance_themes_and_quotes(
    officer, county_lines
):
    event = EventFactory(title="Harehills World Café", attendance=40)
    EventAttendanceFactory(event=event, band="16_24", count=12)
    EventAttendanceFactory(event=event, band="65_plus", count=8)
    InsightFactory(event=event, themes=[county_lines], text="Bikes at the flats.")
    InsightFactory(
        event=event, themes=[county_lines], is_quotable=False, text="Not for print."
    )

    response = officer.get(url("event_report", event.pk))

    text = text_of(response)
    assert response.status_code == 200
    assert "Harehills World Café" in text
    assert "40 people attended" in text
    age_bands = text.split('data-testid="report-age-bands"', 1)[1].split("</table>")[0]
    assert "16 to 24" in age_bands
    assert "Not counted by age band" in age_bands
    assert ">20</td>" in age_bands  # the 20 not counted in a band
    themes = text.split('data-testid="report-themes"', 1)[1].split("</table>")[0]
    assert "County lines and cuckooing" in themes
    assert ">2</td>" in themes
    assert "Bikes at the flats." in text
    assert "Not for print." not in text
    assert "/static/engagement/engagement.css" in text
    assert AuditEvent.objects.filter(
        action=Action.VIEW,
        target_id=str(event.pk),
        purpose="Community events: event report",
    ).exists()


def test_print_stylesheet_hides_the_navigation():
    path = finders.find("engagement/engagement.css")
    with open(path, encoding="utf-8") as stylesheet:
        css = stylesheet.read()

    printed = css.split("@media print", 1)[1]
    for hidden in (
        ".govuk-service-navigation",
        ".govuk-template__header",
        ".govuk-footer",
    ):
        assert hidden in printed.split("display: none")[0]


def test_an_empty_post_shows_what_is_missing(coordinator):
    event = EventFactory()

    upload = coordinator.post(url("document_upload", event.pk))
    insight = coordinator.post(url("insight_create", event.pk))

    assert "Select a file" in text_of(upload)
    assert "Enter what was said at the table" in text_of(insight)


def test_emptying_every_age_band_clears_them(coordinator):
    event = EventFactory(attendance=30)
    EventAttendanceFactory(event=event, band="16_24", count=12)

    response = coordinator.post(url("event_attendance", event.pk))

    assert response.status_code == 302
    assert not EventAttendance.objects.exists()
