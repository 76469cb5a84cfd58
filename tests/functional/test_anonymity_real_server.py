"""Anonymity, checked against a real server process, its database and its logs.

Reports go in as a resident's device would send them, carrying a distinctive user
agent, a forwarded-for address, a cookie and a referrer. Afterwards every row of
every table, and every file the server wrote (stdout, stderr, the access log,
anything under its var/ directory, the SQLite file itself), is searched for any
of them, and for the client's own address with a port. No public response may
set a cookie, and a stored photo must carry no metadata at all.
"""

import io
import json
import re
import uuid
from urllib.parse import urlencode

import pytest
from PIL import Image

from hedgerow.accounts.tests.factories import AgencyFactory
from hedgerow.intelligence.tests.factories import (
    RoutingRuleFactory,
    ThreatFactory,
    WarningSignFactory,
)
from tests.functional.server import (
    Exchange,
    Server,
    database_rows,
    http_request,
    page_forms,
    running_server,
    searchable,
)

pytestmark = pytest.mark.django_db(transaction=True)

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) HedgerowProbe-4b7f2c/1.0"
FORWARDED_IP = "203.0.113.77"
COOKIE_VALUE = "HedgerowCookieProbe-91ce"
REFERER = "https://referrer.example/HedgerowRefererProbe-d3a0"
# What must never be kept; the user agent also by its distinctive part alone.
NEEDLES = [USER_AGENT, "HedgerowProbe-4b7f2c", FORWARDED_IP, COOKIE_VALUE, REFERER]
PROBE_HEADERS = {
    "User-Agent": USER_AGENT,
    "X-Forwarded-For": FORWARDED_IP,
    "X-Real-IP": FORWARDED_IP,
    "Forwarded": f"for={FORWARDED_IP};proto=https",
    "Cookie": f"probe={COOKIE_VALUE}",
    "Referer": REFERER,
}
# The client's address, with its port if one follows (as "127.0.0.1:54321", or
# "('127.0.0.1', 54321)" as Python prints a socket address).
LOOPBACK = re.compile(rb"127\.0\.0\.1(?:['\"]?(?::|,\s*)\d{1,5}\b)?")
GPS_IFD = 0x8825
XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
    b'xmp:CreatorTool="HedgerowXmpProbe"/></rdf:RDF></x:xmpmeta>'
    b'<?xpacket end="w"?>'
)


@pytest.fixture
def catalogue():
    """A threat with signs, and a fallback rule, so reports are routed."""
    threat = ThreatFactory(slug="county-lines")
    signs = [WarningSignFactory(threat=threat, slug=f"sign-{n}") for n in range(3)]
    RoutingRuleFactory(is_fallback=True, agencies=[AgencyFactory()])
    return threat, signs


@pytest.fixture
def server(catalogue, tmp_path):
    with running_server(tmp_path / "server") as running:
        yield running


def photo_with_metadata() -> bytes:
    """A JPEG as a phone writes it: camera EXIF, a GPS position and XMP."""
    image = Image.new("RGB", (64, 48), (40, 120, 60))
    exif = Image.Exif()
    exif[0x010F] = "HedgerowCameraMake"  # Make
    exif[0x0110] = "HedgerowCameraModel"  # Model
    exif[GPS_IFD] = {1: "N", 2: (53.0, 47.0, 59.0), 3: "W", 4: (1.0, 32.0, 57.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, xmp=XMP)
    data = out.getvalue()
    assert b"HedgerowCameraMake" in data
    assert b"HedgerowXmpProbe" in data
    return data


def multipart(fields: list[tuple[str, str]], files: list[tuple[str, bytes]]):
    """A multipart/form-data body and its content type."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, data in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="IMG_0001.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'.encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def open311_report_fields(signs) -> list[tuple[str, str]]:
    return [
        ("service_code", "county-lines"),
        ("description", "Young people in and out of the flat above the shop."),
        ("lat", "53.7997"),
        ("long", "-1.5492"),
        ("address_string", "12 High Street, Leeds"),
        *[("attribute[signs][]", sign.slug) for sign in signs[:2]],
    ]


def submit_through_open311(server: Server, signs) -> list[Exchange]:
    """What an app would do: read the services, report (with a photo), check status."""
    exchanges = [
        http_request(server, "GET", "/open311/v2/services.json", headers=PROBE_HEADERS)
    ]
    body, content_type = multipart(
        open311_report_fields(signs), [("media", photo_with_metadata())]
    )
    exchanges.append(
        http_request(
            server,
            "POST",
            "/open311/v2/requests.json",
            body=body,
            headers={**PROBE_HEADERS, "Content-Type": content_type},
        )
    )
    assert exchanges[-1].status == 201, server.log_tail()
    body, content_type = multipart(open311_report_fields(signs), [])
    exchanges.append(
        http_request(
            server,
            "POST",
            "/open311/v2/requests.json",
            body=body,
            headers={**PROBE_HEADERS, "Content-Type": content_type},
        )
    )
    assert exchanges[-1].status == 201, server.log_tail()
    reference = json.loads(exchanges[-1].body)[0]["service_request_id"]
    exchanges.append(
        http_request(
            server,
            "GET",
            f"/open311/v2/requests/{reference}.json",
            headers=PROBE_HEADERS,
        )
    )
    assert exchanges[-1].status == 200, server.log_tail()
    # Mistakes are logged (4xx): those log lines must not name the client either.
    exchanges.append(
        http_request(
            server,
            "POST",
            "/open311/v2/requests.json",
            body=b"service_code=no-such-threat",
            headers={
                **PROBE_HEADERS,
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
    )
    assert exchanges[-1].status == 400
    exchanges.append(
        http_request(server, "GET", "/open311/v2/nothing-here", headers=PROBE_HEADERS)
    )
    assert exchanges[-1].status == 404
    return exchanges


def form_post(server: Server, path: str, fields: list[tuple[str, str]]) -> Exchange:
    exchange = http_request(
        server,
        "POST",
        path,
        body=urlencode(fields).encode(),
        headers={**PROBE_HEADERS, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert exchange.status == 200, server.log_tail()
    return exchange


def submit_through_the_form(server: Server, signs) -> list[Exchange]:
    """What a resident's browser would do, page by page, with a photo from a phone."""
    exchanges = [
        http_request(server, "GET", path, headers=PROBE_HEADERS)
        for path in ("/", "/signs/", "/signs/county-lines/", "/report/")
    ]
    assert [e.status for e in exchanges] == [200] * 4, server.log_tail()
    exchanges.append(form_post(server, "/report/", []))  # "Start now"
    token = page_forms(exchanges[-1].body).hidden["token"]
    answers = [
        ("threat", [("threat", "county-lines")]),
        ("signs", [("signs", str(sign.pk)) for sign in signs[:2]]),
        (
            "where",
            [
                ("location", "place"),
                ("address", "The flat above the shop, 12 High Street"),
                ("postcode", "LS1 4AP"),
                ("latitude", "53.7997"),
                ("longitude", "-1.5492"),
            ],
        ),
        ("when", [("when", "ongoing")]),
        ("details", [("description", "Young people in and out at all hours.")]),
    ]
    following = [step for step, _fields in answers[1:]] + ["photos"]
    for (step, fields), next_step in zip(answers, following, strict=True):
        exchanges.append(
            form_post(server, f"/report/{step}/", [("token", token), *fields])
        )
        # Saved: the page now asks the next question.
        assert f"/report/{next_step}/" in page_forms(exchanges[-1].body).actions
    body, content_type = multipart(
        [("token", token)], [("photos", photo_with_metadata())]
    )
    exchanges.append(
        http_request(
            server,
            "POST",
            "/report/photos/",
            body=body,
            headers={**PROBE_HEADERS, "Content-Type": content_type},
        )
    )
    assert exchanges[-1].status == 200, server.log_tail()
    exchanges.append(
        form_post(
            server, "/report/contact/", [("token", token), ("contact", "anonymous")]
        )
    )
    assert "/report/submit/" in page_forms(exchanges[-1].body).actions
    exchanges.append(form_post(server, "/report/submit/", [("token", token)]))
    assert re.search(rb"HR-[0-9A-Z]{4}-[0-9A-Z]{4}", exchanges[-1].body)
    return exchanges


def jpeg_segments(data: bytes) -> list[int]:
    """The markers of a JPEG's segments before the image data (APPn, COM, …)."""
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    markers, at = [], 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xDA:  # start of scan: the picture itself follows
            break
        markers.append(marker)
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
    return markers


def assert_photo_bare(data: bytes) -> None:
    """No EXIF, GPS, XMP, ICC profile or comment: APP0 (JFIF) at most."""
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif()
        assert not image.getexif().get_ifd(GPS_IFD)
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment"} & set(
            image.info
        )
    # APP1 carries EXIF and XMP, APP2 ICC, APP13 IPTC, 0xFE a comment.
    assert set(jpeg_segments(data)) <= {0xE0, 0xDB, 0xC0, 0xC2, 0xC4, 0xDD}
    for probe in (b"Exif\x00\x00", b"http://ns.adobe.com/xap/1.0/", b"Hedgerow"):
        assert probe not in data


def database_findings(server: Server) -> list[str]:
    """Every column of every row that holds something about the client."""
    rows = database_rows(server)
    assert rows["intelligence_report"], "no report reached the database"
    needles = [needle.lower().encode() for needle in [*NEEDLES, "127.0.0.1"]]
    return [
        f"database {table}.{column}: {needle.decode()}"
        for table, table_rows in rows.items()
        for row in table_rows
        for column, value in row.items()
        for needle in needles
        if needle in searchable(value).lower()
    ]


def file_findings(server: Server) -> list[str]:
    """Every log line or file the server wrote that holds something about the client."""
    found = []
    # The server's own address is in its start-up lines; any other mention of
    # the loopback address (alone or with a client's port) is a client's.
    own = f"127.0.0.1:{server.port}".encode()
    for path, content in server.written_files().items():
        lowered = content.lower()
        found += [
            f"{path.name}: {needle}"
            for needle in NEEDLES
            if needle.lower().encode() in lowered
        ]
        found += [
            f"{path.name}: client address {match.group(0)!r}"
            for match in LOOPBACK.finditer(content)
            if match.group(0) != own
        ]
    return found


def assert_nothing_kept(server: Server) -> None:
    """Search the whole database and every file the server wrote."""
    server.stop()  # flushes every log before it is read
    found = database_findings(server) + file_findings(server)
    assert not found, "\n".join(found)


def assert_no_cookies(exchanges: list[Exchange]) -> None:
    set_cookie = [
        f"{e.method} {e.path}: {value}"
        for e in exchanges
        for name, value in e.headers
        if name.lower() == "set-cookie"
    ]
    assert not set_cookie, set_cookie


def test_open311_reports_keep_nothing_about_the_reporters_device(server, catalogue):
    _threat, signs = catalogue

    exchanges = submit_through_open311(server, signs)

    assert_no_cookies(exchanges)
    assert_nothing_kept(server)
    photos = database_rows(server)["intelligence_reportphoto"]
    assert len(photos) == 1
    assert_photo_bare(bytes(photos[0]["content"]))


def test_reports_through_the_web_form_keep_nothing_about_the_device(server, catalogue):
    _threat, signs = catalogue

    exchanges = submit_through_the_form(server, signs)

    assert_no_cookies(exchanges)
    assert_nothing_kept(server)
    rows = database_rows(server)
    assert [r["channel"] for r in rows["intelligence_report"]] == ["web"]
    assert not rows["intelligence_reportdraft"]  # the draft went with the submission
    photos = rows["intelligence_reportphoto"]
    assert len(photos) == 1
    assert_photo_bare(bytes(photos[0]["content"]))
