"""The engagement services and selectors: validation, audit, grouping and quotes."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import AgencyFactory, UserFactory
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.core import documents
from hedgerow.engagement import grouping, selectors, services
from hedgerow.engagement.models import (
    Event,
    EventAttendance,
    EventDocument,
    EventKind,
    Insight,
)
from hedgerow.engagement.tests.factories import (
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    EventAttendanceFactory,
    EventFactory,
    InsightFactory,
)
from hedgerow.geography.tests.factories import LsoaFactory
from hedgerow.intelligence.models import Threat

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return UserFactory(role=Role.COORDINATOR)


@pytest.fixture
def county_lines():
    return Threat.objects.get(slug="county-lines")


@pytest.fixture
def slavery():
    return Threat.objects.get(slug="modern-slavery")


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def zipped(*parts: tuple[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts:
            archive.writestr(name, data)
    return buffer.getvalue()


def event_fields(**changes):
    return {
        "kind": EventKind.WORLD_CAFE,
        "title": "Harehills World Café",
        "held_on": days_ago(3),
        "venue": "Community centre",
        "lsoa": None,
        "agencies": [],
        "facilitators": [],
        "other_facilitators": "",
        "attendance": 50,
        "summary": "",
    } | changes


def test_event_create_records_the_event_and_audits_it(coordinator):
    police = AgencyFactory(name="West Yorkshire Police")
    lsoa = LsoaFactory()

    event = services.event_create(
        user=coordinator,
        **event_fields(agencies=[police], facilitators=[coordinator], lsoa=lsoa),
    )

    assert event.created_by == coordinator
    assert list(event.agencies.all()) == [police]
    assert list(event.facilitators.all()) == [coordinator]
    audit = AuditEvent.objects.get(action=Action.CREATE, target_type="engagement.event")
    assert audit.target_id == str(event.pk)
    assert audit.detail["attendance"] == 50
    assert audit.detail["lsoa_id"] == lsoa.pk


def test_event_create_refuses_a_future_date_and_a_blank_title(coordinator):
    with pytest.raises(ValidationError) as error:
        services.event_create(
            user=coordinator, **event_fields(title="  ", held_on=days_ago(-1))
        )

    assert error.value.message_dict == {
        "held_on": [str(services.FUTURE_DATE)],
        "title": [str(services.TITLE_REQUIRED)],
    }
    assert not Event.objects.exists()
    assert not AuditEvent.objects.filter(target_type="engagement.event").exists()


def test_age_bands_may_not_add_up_to_more_than_the_attendance(coordinator):
    event = EventFactory(attendance=20)

    with pytest.raises(ValidationError) as error:
        services.event_attendance_set(
            event=event, user=coordinator, counts={"16_24": 12, "25_44": 9}
        )

    assert error.value.messages == [
        "The age bands add up to 21 people, more than the 20 who attended. Check "
        "the counts, or change the total attendance first"
    ]
    assert not EventAttendance.objects.exists()


def test_age_bands_are_saved_and_an_emptied_band_removed(coordinator):
    event = EventFactory(attendance=20)
    EventAttendanceFactory(event=event, band="65_plus", count=4)

    services.event_attendance_set(
        event=event,
        user=coordinator,
        counts={"16_24": 12, "25_44": 8, "65_plus": None, "unknown": 0},
    )

    assert dict(event.age_bands.values_list("band", "count")) == {
        "16_24": 12,
        "25_44": 8,
    }
    audit = AuditEvent.objects.get(action=Action.UPDATE, target_id=str(event.pk))
    assert audit.detail == {
        "age_bands": {"16_24": 12, "25_44": 8},
        "before": {"65_plus": 4},
    }


def test_attendance_may_not_fall_below_the_age_band_counts(coordinator):
    event = EventFactory(attendance=30, title="Before")
    EventAttendanceFactory(event=event, band="25_44", count=25)

    with pytest.raises(ValidationError) as error:
        services.event_update(
            event=event, user=coordinator, **event_fields(attendance=24)
        )

    assert error.value.message_dict["attendance"] == [
        "The attendance cannot be less than the 25 people already counted in age "
        "bands. Change the age bands first"
    ]
    event.refresh_from_db()
    assert (event.attendance, event.title) == (30, "Before")


def test_event_update_audits_what_changed(coordinator):
    event = EventFactory(attendance=30, title="Before")

    services.event_update(
        event=event, user=coordinator, **event_fields(title="After", attendance=31)
    )

    audit = AuditEvent.objects.get(action=Action.UPDATE, target_id=str(event.pk))
    assert set(audit.detail["changed"]) >= {"attendance", "title", "held_on"}
    assert audit.detail["before"]["attendance"] == 30
    assert audit.detail["after"]["attendance"] == 31


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("agenda.pdf", PDF_BYTES, "application/pdf"),
        (
            "notes.docx",
            zipped(("[Content_Types].xml", b"<x/>"), ("word/document.xml", b"<w/>")),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "notes.odt",
            zipped(
                ("mimetype", b"application/vnd.oasis.opendocument.text"),
                ("content.xml", b"<office/>"),
            ),
            "application/vnd.oasis.opendocument.text",
        ),
        (
            "totals.xlsx",
            zipped(("xl/workbook.xml", b"<workbook/>")),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("totals.csv", b"band,count\nunder 16,4\n", "text/csv"),
        ("notes.TXT", "Café notes\n".encode(), "text/plain"),
        ("flipchart.jpeg", JPEG_BYTES, "image/jpeg"),
        ("flipchart.jpg", JPEG_BYTES, "image/jpeg"),
        ("tables.png", PNG_BYTES, "image/png"),
    ],
)
def test_each_allowed_document_type_is_kept(coordinator, name, content, content_type):
    event = EventFactory()

    document = services.event_document_add(
        event=event, user=coordinator, name=name, content=content
    )

    document.refresh_from_db()
    assert bytes(document.content) == content
    assert (document.name, document.content_type) == (name, content_type)
    assert document.size == len(content)
    assert AuditEvent.objects.filter(
        action=Action.CREATE, target_type="engagement.eventdocument"
    ).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("run-me.exe", b"MZ\x90\x00", documents.DOCUMENT_TYPE),
        ("no-extension", PDF_BYTES, documents.DOCUMENT_TYPE),
        ("empty.pdf", b"", documents.DOCUMENT_EMPTY),
        (
            "agenda.pdf",
            b"MZ\x90\x00 a program",
            documents.DOCUMENT_CONTENT % {"kind": "PDF"},
        ),
        ("photo.png", JPEG_BYTES, documents.DOCUMENT_CONTENT % {"kind": "PNG"}),
        (
            "notes.docx",
            zipped(("xl/workbook.xml", b"<workbook/>")),
            documents.DOCUMENT_CONTENT % {"kind": "DOCX"},
        ),
        (
            "notes.odt",
            b"PK\x03\x04 broken",
            documents.DOCUMENT_CONTENT % {"kind": "ODT"},
        ),
        ("table.csv", b"a,b\x00\x01", documents.DOCUMENT_CONTENT % {"kind": "CSV"}),
    ],
)
def test_a_document_of_the_wrong_type_is_refused(coordinator, name, content, message):
    event = EventFactory()

    with pytest.raises(ValidationError) as error:
        services.event_document_add(
            event=event, user=coordinator, name=name, content=content
        )

    assert error.value.message_dict == {"file": [str(message)]}
    assert not EventDocument.objects.exists()


def test_a_document_over_10_mb_is_refused(coordinator):
    event = EventFactory()
    content = PDF_BYTES + b"0" * documents.MAX_DOCUMENT_BYTES

    with pytest.raises(ValidationError) as error:
        services.event_document_add(
            event=event, user=coordinator, name="big.pdf", content=content
        )

    assert error.value.message_dict == {"file": [str(documents.DOCUMENT_TOO_LARGE)]}
    assert not EventDocument.objects.exists()


def test_a_document_keeps_only_its_own_name():
    assert documents.document_name_clean("C:\\Users\\amina\\agenda.pdf") == "agenda.pdf"
    assert documents.document_name_clean('../../"notes"\r\n.txt') == "notes.txt"


def test_a_removed_document_is_gone_and_audited(coordinator):
    event = EventFactory()
    document = services.event_document_add(
        event=event, user=coordinator, name="agenda.pdf", content=PDF_BYTES
    )

    services.event_document_remove(document=document, user=coordinator)

    assert not EventDocument.objects.exists()
    audit = AuditEvent.objects.get(action=Action.DELETE)
    assert audit.detail["name"] == "agenda.pdf"


def test_insight_create_keeps_themes_and_area_but_audits_no_words(
    coordinator, county_lines
):
    event = EventFactory()
    lsoa = LsoaFactory()

    insight = services.insight_create(
        event=event,
        user=coordinator,
        table_label=" Table 3 ",
        text="  Young lads on bikes at the flats at all hours.  ",
        themes=[county_lines],
        lsoa=lsoa,
        is_quotable=True,
    )

    assert insight.text == "Young lads on bikes at the flats at all hours."
    assert insight.table_label == "Table 3"
    assert list(insight.themes.all()) == [county_lines]
    audit = AuditEvent.objects.get(
        action=Action.CREATE, target_type="engagement.insight"
    )
    assert audit.detail["theme_ids"] == [county_lines.pk]
    assert "Young lads" not in str(audit.detail)


@pytest.mark.parametrize(
    ("text", "message"),
    [(" ", services.INSIGHT_REQUIRED), ("x" * 2001, services.INSIGHT_TOO_LONG)],
)
def test_insight_text_is_required_and_at_most_2000_characters(
    coordinator, text, message
):
    with pytest.raises(ValidationError) as error:
        services.insight_create(event=EventFactory(), user=coordinator, text=text)

    assert error.value.message_dict == {"text": [str(message)]}
    assert not Insight.objects.exists()


def test_insight_update_and_delete_are_audited(coordinator, county_lines, slavery):
    insight = InsightFactory(themes=[county_lines], is_quotable=False)

    services.insight_update(
        insight=insight,
        user=coordinator,
        text="Changed words",
        themes=[slavery],
        is_quotable=True,
    )
    services.insight_delete(insight=insight, user=coordinator)

    update = AuditEvent.objects.get(action=Action.UPDATE)
    assert update.detail["changed"] == [
        "is_quotable",
        "table_label",
        "theme_ids",
        "text",
    ]
    assert AuditEvent.objects.filter(action=Action.DELETE).exists()
    assert not Insight.objects.exists()


def test_quotes_come_one_from_each_event_before_a_second_from_any():
    newest = EventFactory(held_on=days_ago(1))
    middle = EventFactory(held_on=days_ago(10))
    oldest = EventFactory(held_on=days_ago(20))
    newest_quotes = [InsightFactory(event=newest) for _ in range(3)]
    middle_quote = InsightFactory(event=middle)
    InsightFactory(event=middle, is_quotable=False, text="Not for quoting")
    oldest_quote = InsightFactory(event=oldest)

    quotes = grouping.representative_quotes(Insight.objects.all())

    assert quotes == [newest_quotes[-1], middle_quote, oldest_quote]
    assert (
        grouping.representative_quotes(Insight.objects.filter(event=newest))
        == (newest_quotes[::-1])
    )


def test_insight_summary_counts_by_theme_and_area_across_events(county_lines, slavery):
    harehills, chapeltown = (
        LsoaFactory(name="Leeds 011A"),
        LsoaFactory(name="Leeds 011B"),
    )
    first, second = EventFactory(), EventFactory()
    InsightFactory(event=first, themes=[county_lines], lsoa=harehills)
    InsightFactory(event=second, themes=[county_lines, slavery], lsoa=harehills)
    InsightFactory(event=second, themes=[county_lines], lsoa=chapeltown)
    InsightFactory(event=second, lsoa=None)

    summary = selectors.insight_summary()

    assert (summary.total, summary.event_count) == (4, 2)
    themes = [(g.label, g.count, g.event_count) for g in summary.by_theme]
    assert themes == [
        ("County lines and cuckooing", 3, 2),
        ("Modern slavery and human trafficking", 1, 1),
        ("No threat theme given", 1, 1),
    ]
    areas = [(g.label, g.count) for g in summary.by_area]
    assert areas == [
        (str(harehills), 2),
        (str(chapeltown), 1),
        ("Neighbourhood not recorded", 1),
    ]
    assert len(summary.by_theme[0].quotes) == 3


def test_insight_summary_filters_by_theme_area_kind_and_date(county_lines):
    bradford = LsoaFactory(local_authority_code="E08000032", name="Bradford 016A")
    leeds = LsoaFactory()
    cafe = EventFactory(held_on=days_ago(5))
    training = EventFactory(kind=EventKind.AWARENESS_TRAINING, held_on=days_ago(50))
    in_bradford = InsightFactory(event=cafe, themes=[county_lines], lsoa=bradford)
    in_leeds = InsightFactory(event=cafe, lsoa=leeds)
    at_training = InsightFactory(event=training, themes=[county_lines], lsoa=leeds)

    def found(**filters):
        summary = selectors.insight_summary(filters=selectors.InsightFilters(**filters))
        return set(summary.insights)

    assert found(theme_id=county_lines.pk) == {in_bradford, at_training}
    assert found(local_authority="E08000032") == {in_bradford}
    assert found(lsoa_id=leeds.pk) == {in_leeds, at_training}
    assert found(kind=EventKind.AWARENESS_TRAINING) == {at_training}
    assert found(date_from=days_ago(10)) == {in_bradford, in_leeds}
    assert found(date_to=days_ago(10)) == {at_training}


def test_event_list_filters_by_kind_date_and_area():
    bradford = LsoaFactory(local_authority_code="E08000032")
    cafe = EventFactory(held_on=days_ago(5), lsoa=bradford)
    training = EventFactory(kind=EventKind.AWARENESS_TRAINING, held_on=days_ago(50))
    InsightFactory(event=cafe)

    def found(**filters):
        return list(selectors.event_list(filters=selectors.EventFilters(**filters)))

    assert found() == [cafe, training]
    assert found()[0].insight_count == 1
    assert found(kind=EventKind.AWARENESS_TRAINING) == [training]
    assert found(local_authority="E08000032") == [cafe]
    assert found(lsoa_id=bradford.pk) == [cafe]
    assert found(date_to=days_ago(10)) == [training]


def test_age_bands_are_shown_youngest_first_whatever_the_order_entered(coordinator):
    event = EventFactory(attendance=20)
    services.event_attendance_set(event=event, user=coordinator, counts={"16_24": 5})

    services.event_attendance_set(
        event=event, user=coordinator, counts={"65_plus": 3, "16_24": 5, "under_16": 2}
    )

    assert list(event.age_bands.values_list("band", flat=True)) == [
        "under_16",
        "16_24",
        "65_plus",
    ]
