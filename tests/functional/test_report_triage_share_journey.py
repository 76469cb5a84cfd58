"""A resident reports in Welsh; the police triage and share; a licensing team reads it.

The whole path of issue 3 in headless Chromium against a live server with the real
CSP, and axe-core on every page each person sees:

1. a resident reports a county lines concern in Welsh, with a photo carrying GPS
   EXIF, stays anonymous and keeps the receipt (no cookie is ever set);
2. an officer of the police force the report was routed to grades it, links it to
   a new place, asks the reporter a question and shares a sanitised copy with the
   council's licensing team;
3. the resident follows up with the receipt, sees it was passed to a partner and
   answers the question; the officer then sees the answer;
4. the licensing officer reads the shared copy and cannot open the original.

The stored photo carries no metadata at all.
"""

import io
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_otp.oath import TOTP
from PIL import ExifTags, Image

from hedgerow.accounts.models import AgencyKind, User
from hedgerow.accounts.roles import Role
from hedgerow.accounts.tests.factories import (
    TEST_PASSWORD,
    AgencyFactory,
    TOTPDeviceFactory,
    UserFactory,
)
from hedgerow.audit.models import Action, AuditEvent
from hedgerow.geography.models import Lsoa
from hedgerow.geography.tests.factories import LsoaFactory
from hedgerow.intelligence.models import (
    AreaKind,
    Message,
    MessageKind,
    Report,
    RoutingRule,
    SharedReport,
    Threat,
    WarningSign,
)
from hedgerow.intelligence.services.catalogue import catalogue_install
from hedgerow.places.models import Place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

THREAT = "county-lines"
SIGNS = ("many-visitors", "visitors-at-odd-hours")
# A third party's number in the description: sharing must take it out.
THIRD_PARTY_PHONE = "07700 900123"
DESCRIPTION = (
    "Mae ceir yn aros y tu allan i rif 14 bob nos a phobl ifanc yn mynd i mewn "
    f"am ychydig funudau. Roedd rhif ffôn {THIRD_PARTY_PHONE} ar gerdyn ar y llawr."
)
ADDRESS = "14 Heol y Parc, ger y siopau"
POSTCODE = "LS6 1AA"
QUESTION = "Ydych chi'n gwybod pa liw yw'r car sy'n aros bob nos?"
ANSWER = "Car arian, BMW fel arfer, tua 11 y nos."
PURPOSE = "To plan a joint licensing and police visit to the premises"
PLACE_NAME = "Flat above the Park Road shops"
FIRST_SENTENCE = DESCRIPTION.split(".", maxsplit=1)[0]
RECEIPT = re.compile(r"HR-[0-9A-Z]{4}-[0-9A-Z]{4}")


def cy(text: str) -> str:
    """What a Welsh page says for this English text (English where not translated)."""
    with translation.override("cy"):
        return gettext(text)


def totp_code(key: bytes) -> str:
    return f"{TOTP(key).token():06d}"


@dataclass
class Officer:
    user: User
    key: bytes


@dataclass
class World:
    """What the partnership holds before the resident starts."""

    police: Officer
    licensing: Officer
    threat: Threat
    signs: list[WarningSign]
    lsoa: Lsoa
    photo: Path  # taken on a phone: EXIF with GPS, and XMP

    @property
    def pin(self) -> tuple[float, float]:
        """(latitude, longitude) of the middle of the LSOA."""
        longitude, latitude = LsoaFactory.centre(self.lsoa)
        return latitude, longitude


@dataclass
class ReportReceipt:
    reference: str
    secret: str


def officer(agency_name: str, kind: str, email: str) -> Officer:
    agency = AgencyFactory(name=agency_name, kind=kind)
    user = UserFactory(role=Role.OFFICER, agency=agency, email=email)
    return Officer(user=user, key=TOTPDeviceFactory(user=user).bin_key)


@pytest.fixture
def world(tmp_path) -> World:
    # A transactional test database is flushed between tests, taking the
    # catalogue the data migration installed with it.
    if not Threat.objects.filter(slug=THREAT).exists():
        catalogue_install()
    threat = Threat.objects.get(slug=THREAT)
    lsoa = LsoaFactory(west=-1.58, south=53.81)
    police = officer(
        "West Yorkshire Police – Leeds District", AgencyKind.POLICE, "pc@wyp.example"
    )
    licensing = officer(
        "Leeds City Council Licensing", AgencyKind.LICENSING, "lo@leeds.example"
    )
    rule = RoutingRule.objects.create(
        name="County lines in our LSOA",
        threat=threat,
        area_kind=AreaKind.LSOA,
        area_codes=[lsoa.code],
    )
    rule.agencies.set([police.user.agency])
    signs = [threat.signs.get(slug=slug) for slug in SIGNS]
    longitude, latitude = LsoaFactory.centre(lsoa)
    photo = jpeg_with_gps(tmp_path / "IMG_0042.jpg", latitude, longitude)
    return World(police, licensing, threat, signs, lsoa, photo)


@pytest.fixture
def new_page(browser):
    """Open a browser for another person: its own context, CSP violations fail."""
    opened = []

    def open_page():
        context = browser.new_context(locale="en-GB")
        page = context.new_page()
        page.csp_violations = []
        page.on(
            "console",
            lambda message: (
                page.csp_violations.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )
        opened.append(page)
        return page

    yield open_page
    for page in opened:
        page.context.close()
    assert not [v for page in opened for v in page.csp_violations]


def jpeg_with_gps(path: Path, latitude: float, longitude: float) -> Path:
    """A phone-like photo: EXIF with the camera and a GPS position, plus XMP."""
    image = Image.new("RGB", (800, 600), (96, 140, 80))
    for x in range(0, 800, 40):  # something other than a flat colour
        image.paste((200, 200, 190), (x, 250, x + 20, 350))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "HedgerowTestPhone"

    def dms(value: float) -> tuple[float, float, float]:
        value = abs(value)
        minutes = (value % 1) * 60
        return (float(int(value)), float(int(minutes)), round((minutes % 1) * 60, 2))

    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: dms(latitude),
        ExifTags.GPS.GPSLongitudeRef: "W" if longitude < 0 else "E",
        ExifTags.GPS.GPSLongitude: dms(longitude),
    }
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf='
        b'"http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="53,48.6N"/>'
        b"</rdf:RDF></x:xmpmeta>"
    )
    image.save(path, "JPEG", exif=exif, xmp=xmp)
    with Image.open(path) as written:  # the test photo really carries a position
        assert written.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return path


def sign_in(page, check, base: str, person: Officer) -> None:
    """Password, then the authenticator app's code, as the sign-in pages ask."""
    page.goto(f"{base}/accounts/login/")
    check(page)
    page.get_by_label("Email address").fill(person.user.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    check(page)
    page.get_by_label("Code").fill(totp_code(person.key))
    page.get_by_role("button", name="Sign in").click()
    check(page)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Welcome")


def menu(page, section: str) -> None:
    """Follow a link in the staff navigation."""
    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name=section, exact=True
    ).click()


def heading(page) -> str:
    return page.get_by_role("heading", level=1).inner_text()


def summary_value(page, key: str) -> str:
    """The value beside `key` in a summary list (the first list that has it)."""
    term = page.get_by_role("term").filter(
        has_text=re.compile(f"^\\s*{re.escape(key)}\\s*$")
    )
    return term.first.locator("xpath=following-sibling::dd[1]").inner_text().strip()


def police_triage_and_share(page, check, base: str, world: World, receipt) -> str:
    """The routed agency's officer triages the report; returns the shared reference."""
    licensing_agency = world.licensing.user.agency.name
    sign_in(page, check, base, world.police)
    menu(page, "Triage")
    check(page)
    assert heading(page) == "Triage queue"
    page.get_by_role("link", name=receipt.reference).click()
    check(page)
    assert heading(page) == f"Report {receipt.reference}"
    assert FIRST_SENTENCE in page.content()
    for sign in world.signs:
        assert sign.texts["en"] in page.get_by_role("main").inner_text()
    assert summary_value(page, "Postcode") == POSTCODE
    assert world.lsoa.code in summary_value(page, "Local authority and LSOA")
    photo = page.get_by_role("img", name="Photo 1 from the reporter")
    assert photo.evaluate("img => img.complete && img.naturalWidth") == 800
    assert "The reporter chose to stay anonymous" in page.content()

    # Grade it.
    page.get_by_role("link", name="Grade", exact=True).click()
    check(page)
    page.get_by_label("P2 – act within 24 hours").check()
    page.get_by_label("Amber").check()
    page.get_by_role("button", name="Save grading").click()
    check(page)
    assert "Report graded" in page.content()
    assert summary_value(page, "Priority") == "P2 – act within 24 hours"
    assert summary_value(page, "Risk") == "Amber"

    # Link it to the place, which is not in the register yet.
    page.get_by_role("link", name="Link to a place").click()
    check(page)
    page.get_by_label("Address or postcode").fill(POSTCODE)
    page.get_by_role("button", name="Search the places register").click()
    check(page)
    assert "No place in the register matches." in page.content()
    page.get_by_role("link", name="Add the place and link the report to it").click()
    check(page)
    assert page.get_by_label("Address or description").input_value() == ADDRESS
    assert page.get_by_label("Postcode (optional)").input_value() == POSTCODE
    page.get_by_label("Business name (optional)").fill(PLACE_NAME)
    page.get_by_label("House or flat", exact=True).check()
    page.get_by_role("button", name="Add and link").click()
    check(page)
    assert "Report linked to the place" in page.content()
    assert summary_value(page, "Place").startswith(PLACE_NAME)

    # The place is in the register now, with the report on its timeline.
    menu(page, "Places")
    check(page)
    page.get_by_role("link", name=re.compile(re.escape(PLACE_NAME))).click()
    check(page)
    assert heading(page).startswith(PLACE_NAME)
    page.get_by_role("link", name=receipt.reference).click()
    check(page)
    assert heading(page) == f"Report {receipt.reference}"

    # Ask the reporter a question.
    page.get_by_role("link", name="Ask the reporter a question").click()
    check(page)
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_role("button", name="Send question").click()
    check(page)
    assert "Question sent" in page.content()
    assert QUESTION in page.get_by_role("main").inner_text()

    # Share a sanitised copy with the licensing team: choose, review, confirm.
    page.get_by_role("link", name="Share a sanitised copy with another agency").click()
    check(page)
    page.get_by_label(licensing_agency).check()
    page.get_by_label("Purpose of sharing").fill(PURPOSE)
    page.get_by_label("Crime and Disorder Act 1998, section 115").check()
    page.get_by_role("button", name="Continue").click()
    check(page)
    assert heading(page) == "Check the copy before sharing"
    assert summary_value(page, "Sharing with") == licensing_agency
    summary = page.get_by_label("What was reported").input_value()
    assert THIRD_PARTY_PHONE not in summary
    assert "[removed]" in summary
    assert FIRST_SENTENCE in summary
    assert THIRD_PARTY_PHONE in page.get_by_role("main").inner_text()  # listed
    page.get_by_label("Photo 1").check()
    page.get_by_role("button", name="Share this copy").click()
    check(page)
    main = page.get_by_role("main").inner_text()
    shared = re.search(r"Its reference is (SH-[0-9A-Z]{4}-[0-9A-Z]{4})", main)
    assert shared, "no confirmation of the shared copy"
    row = page.get_by_role("row").filter(has_text=shared.group(1))
    assert licensing_agency in row.inner_text()
    assert PURPOSE in row.inner_text()
    return shared.group(1)


def police_sees_answer(page, check, base: str, receipt) -> None:
    """Back on the report, the officer reads the reporter's answer."""
    page.goto(f"{base}/triage/reports/{receipt.reference}/")
    check(page)
    messages = page.get_by_role("main").inner_text()
    assert QUESTION in messages
    assert ANSWER in messages
    assert "Reporter’s answer" in messages


def licensing_reads_copy(page, check, base: str, world: World, *, receipt, shared):
    """The second agency reads the sanitised copy; the original is 404 to it."""
    sign_in(page, check, base, world.licensing)
    menu(page, "Triage")
    check(page)
    assert receipt.reference not in page.content()  # not in their queue
    page.get_by_role("link", name="Copies shared with your agency").click()
    check(page)
    assert heading(page) == "Shared with your agency"
    page.get_by_role("link", name=shared).click()
    check(page)
    assert heading(page) == f"Shared copy {shared}"
    main = page.get_by_role("main").inner_text()
    assert world.police.user.agency.name in main
    assert PURPOSE in main
    assert "Crime and Disorder Act 1998, section 115" in main
    assert FIRST_SENTENCE in main
    assert THIRD_PARTY_PHONE not in main
    assert QUESTION not in main
    assert receipt.reference not in main
    photo = page.get_by_role("img", name="Photo 1 shared with the copy")
    assert photo.evaluate("img => img.complete && img.naturalWidth") == 800

    # The original report is not there for them at all.
    response = page.goto(f"{base}/triage/reports/{receipt.reference}/")
    assert response.status == 404
    check(page)
    assert heading(page) == "Page not found"


def assert_welsh_page(page, english_heading: str) -> None:
    """The page is marked as Welsh and its heading is the Welsh one."""
    assert page.locator("html").get_attribute("lang") == "cy"
    assert "/cy/" in page.url
    welsh = cy(english_heading)
    assert welsh != english_heading, f"“{english_heading}” has no Welsh translation"
    assert heading(page) == welsh


def resident_reports_in_welsh(page, check, base: str, world: World):
    """Every step of the report flow in Welsh; returns the receipt shown at the end."""
    latitude, longitude = world.pin
    page.goto(f"{base}/cy/report/")
    check(page)
    assert_welsh_page(page, "Report a concern about serious and organised crime")
    page.get_by_role("button", name=cy("Start now")).click()

    check(page)
    assert_welsh_page(page, "What are you worried about?")
    page.get_by_label(world.threat.texts["cy"]["name"]).check()
    page.get_by_role("button", name=cy("Continue")).click()

    check(page)
    assert_welsh_page(page, "Which of these have you noticed?")
    for sign in world.signs:
        page.get_by_label(sign.texts["cy"]).check()
    page.get_by_role("button", name=cy("Continue")).click()

    check(page)
    assert_welsh_page(page, "Where is it happening?")
    page.get_by_label(cy("At a place")).check()
    page.get_by_label(cy("Address or description of the place")).fill(ADDRESS)
    page.get_by_label(cy("Postcode (optional)")).fill(POSTCODE.lower())
    page.get_by_label(cy("Latitude (optional)")).fill(f"{latitude:.6f}")
    page.get_by_label(cy("Longitude (optional)")).fill(f"{longitude:.6f}")
    page.get_by_role("button", name=cy("Continue")).click()

    check(page)
    assert_welsh_page(page, "When did it happen?")
    occurred = timezone.localdate() - timedelta(days=3)
    page.get_by_label(cy("On a date")).check()
    day = page.get_by_role("group", name=cy("The date it happened"))
    day.get_by_label(cy("Day")).fill(str(occurred.day))
    day.get_by_label(cy("Month")).fill(str(occurred.month))
    day.get_by_label(cy("Year")).fill(str(occurred.year))
    page.get_by_role("button", name=cy("Continue")).click()

    check(page)
    assert_welsh_page(page, "What happened?")
    page.get_by_label(cy("What happened?")).fill(DESCRIPTION)
    page.get_by_role("button", name=cy("Continue")).click()

    check(page)
    assert_welsh_page(page, "Add photos")
    page.get_by_label(cy("Upload photos (optional)")).set_input_files(world.photo)
    page.get_by_role("button", name=cy("Upload"), exact=True).click()
    check(page)
    added = page.get_by_role(
        "img", name=cy("Photo %(number)s you added") % {"number": 1}
    )
    assert added.evaluate("img => img.complete && img.naturalWidth") > 0
    page.get_by_role("button", name=cy("Continue")).click()

    check(page)
    assert_welsh_page(page, "Can the partnership contact you about this report?")
    page.get_by_label(cy("No, I want to stay anonymous")).check()
    page.get_by_role("button", name=cy("Continue")).click()

    check(page)
    assert_welsh_page(page, "Check your answers before sending your report")
    answers = page.get_by_role("main").inner_text()
    for expected in (world.threat.texts["cy"]["name"], ADDRESS, POSTCODE):
        assert expected in answers
    for sign in world.signs:
        assert sign.texts["cy"] in answers
    assert FIRST_SENTENCE in answers
    page.get_by_role("button", name=cy("Send report")).click()

    check(page)
    assert_welsh_page(page, "Report sent")
    reference = summary_value(page, cy("Reference"))
    secret = summary_value(page, cy("Secret"))
    assert RECEIPT.fullmatch(reference)
    assert len(secret.replace("-", "")) >= 26  # 5 bits each: at least 128 bits
    # Nothing on the resident's device: not a single cookie, at any point.
    assert page.context.cookies() == []
    return ReportReceipt(reference=reference, secret=secret)


def resident_answers_question(page, check, base: str, receipt) -> None:
    """Follow-up with the receipt: the broad status, the question, an answer."""
    page.goto(f"{base}/cy/report/follow-up/")
    check(page)
    assert_welsh_page(page, "Follow up a report you made")
    page.get_by_label(cy("Report reference")).fill(receipt.reference.lower())
    page.get_by_label(cy("Secret")).fill(receipt.secret)
    page.get_by_role("button", name=cy("Continue")).click()

    check(page)
    assert page.locator("html").get_attribute("lang") == "cy"
    title = cy("Your report %(reference)s") % {"reference": receipt.reference}
    assert heading(page) == title
    assert summary_value(page, cy("Status")) == cy("Passed to a partner")
    assert QUESTION in page.get_by_role("main").inner_text()
    page.get_by_label(cy("Your answer")).fill(ANSWER)
    page.get_by_role("button", name=cy("Send answer")).click()

    check(page)
    main = page.get_by_role("main").inner_text()
    assert cy("Your answer has been sent. Thank you.") in main
    assert cy("You answered") in main
    assert page.context.cookies() == []


def assert_photo_has_no_metadata(reference: str) -> None:
    """The photo as stored: re-encoded pixels, nothing from the phone's file."""
    photos = list(Report.objects.get(reference=reference).photos.all())
    assert len(photos) == 1
    content = bytes(photos[0].content)
    with Image.open(io.BytesIO(content)) as image:
        assert image.format == "JPEG"
        assert len(image.getexif()) == 0
        assert "exif" not in image.info
        assert "xmp" not in image.info
    for marker in (b"Exif", b"GPS", b"xmp", b"XMP", b"HedgerowTestPhone"):
        assert marker not in content, marker


def test_resident_reports_police_triage_and_share_licensing_reads_copy(
    page, new_page, live_server, assert_accessible, world
):
    base = live_server.url

    # 1. A resident reports in Welsh, anonymously, with a photo that has GPS EXIF.
    receipt = resident_reports_in_welsh(page, assert_accessible, base, world)
    report = Report.objects.get(reference=receipt.reference)
    assert report.language == "cy"
    assert report.lsoa == world.lsoa  # the map pin landed in its LSOA
    assert not report.contact_consent
    assert not report.contact_phone
    assert list(report.routings.values_list("agency", flat=True)) == [
        world.police.user.agency_id
    ]
    assert_photo_has_no_metadata(receipt.reference)

    # 2. The police officer triages, links a place, asks, and shares a copy.
    police = new_page()
    shared = police_triage_and_share(police, assert_accessible, base, world, receipt)
    report.refresh_from_db()
    assert report.priority == "P2"
    assert report.risk == "amber"
    assert Place.objects.get(reports=report).name == PLACE_NAME
    disclosure = AuditEvent.objects.get(action=Action.DISCLOSE)
    assert disclosure.recipient == world.licensing.user.agency.name
    assert disclosure.purpose == PURPOSE

    # 3. The resident follows up, sees it was passed on, and answers.
    resident_answers_question(page, assert_accessible, base, receipt)
    answer = Message.objects.get(report=report, kind=MessageKind.ANSWER)
    assert answer.text == ANSWER
    assert answer.author is None

    # 4. The officer sees the answer on the report.
    police_sees_answer(police, assert_accessible, base, receipt)

    # 5. The licensing officer reads the copy, and only the copy.
    licensing = new_page()
    licensing_reads_copy(
        licensing, assert_accessible, base, world, receipt=receipt, shared=shared
    )
    copy = SharedReport.objects.get(reference=shared)
    assert THIRD_PARTY_PHONE not in copy.summary
    assert copy.photos.count() == 1

    assert page.context.cookies() == []
    assert len(assert_accessible.visited) >= 30
