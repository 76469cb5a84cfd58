"""Steps a resident takes through the report flow, and photos to send, for the
intake, follow-up and anonymity tests to share."""

import io
import re
import struct
import zlib
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape
from PIL import ExifTags, Image
from PIL.PngImagePlugin import PngInfo

from hedgerow.core.ratelimit import limiter
from hedgerow.intelligence.tests.factories import (
    ContactFactory,
    ThreatFactory,
    WarningSignFactory,
)

XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
    '02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/"'
    ' exif:GPSLatitude="53,47.77N"/></rdf:RDF></x:xmpmeta>'
)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Each test starts with no counts in the in-memory rate limiter."""
    limiter.reset()
    yield
    limiter.reset()


def a_threat(signs: int = 3, **fields):
    """A published threat in English and Welsh, with `signs` published signs."""
    n = ThreatFactory._meta.next_sequence()
    threat = ThreatFactory(
        texts={
            "en": {"name": f"Cuckooing {n}", "summary": "Taking over a home."},
            "cy": {"name": f"Cogio {n}", "summary": "Cymryd cartref drosodd."},
        },
        **fields,
    )
    for i in range(signs):
        WarningSignFactory(
            threat=threat,
            texts={"en": f"Sign {i} of {n}", "cy": f"Arwydd {i} o {n}"},
        )
    return threat


def a_helpline_threat(threshold: int = 2):
    """A threat that points to its specialist helpline after `threshold` signs."""
    contact = ContactFactory(
        name={"en": "Modern Slavery Helpline", "cy": "Llinell Gymorth Caethwasiaeth"},
        phone="08000 121 700",
        url="https://www.modernslaveryhelpline.org/",
    )
    return a_threat(signs=3, helpline_threshold=threshold, specialist_contact=contact)


def jpeg_with_gps() -> bytes:
    """A JPEG whose EXIF holds a camera make and a GPS position."""
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SpyCam"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps.update(
        {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (53.0, 47.0, 46.0),
            ExifTags.GPS.GPSLongitudeRef: "W",
            ExifTags.GPS.GPSLongitude: (1.0, 32.0, 50.0),
        }
    )
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif)
    data = output.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return data


def png_with_xmp() -> bytes:
    """A PNG carrying XMP (with a GPS position) in an iTXt chunk."""
    info = PngInfo()
    info.add_itxt("XML:com.adobe.xmp", XMP)
    output = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 40)).save(output, format="PNG", pnginfo=info)
    data = output.getvalue()
    assert b"XML:com.adobe.xmp" in data
    return data


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def png_bomb() -> bytes:
    """A tiny, valid-looking PNG whose header claims 100,000 × 100,000 pixels."""
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _png_chunk(b"IEND", b"")
    )


def upload(name: str, data: bytes, content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def assert_stored_photo_is_bare(content: bytes) -> None:
    """The stored photo is a JPEG with no EXIF, GPS, XMP, ICC profile or comment."""
    image = Image.open(io.BytesIO(bytes(content)))
    assert image.format == "JPEG"
    assert not image.getexif()
    assert not {"exif", "xmp", "icc_profile", "comment"} & set(image.info)
    for marker in (b"Exif", b"SpyCam", b"xmpmeta", b"adobe", b"GPS"):
        assert marker not in bytes(content)


def token_of(response) -> str:
    match = re.search(r'name="token" value="([^"]+)"', response.content.decode())
    assert match, "the page carries no draft token"
    return match.group(1)


def text_of(response) -> str:
    return unescape(response.content.decode())


def shows(response, message) -> bool:
    """True when the page shows `message` (maybe a lazy constant) as people read it."""
    return escape(str(message)) in response.content.decode()


class Journey:
    """A resident going through the flow with one draft, in one language."""

    def __init__(self, client: Client, prefix: str = "") -> None:
        self.client = client
        self.prefix = prefix
        self.responses: list = []
        self.token = ""

    def url(self, step: str) -> str:
        if step == "start":
            return f"{self.prefix}/report/"
        return f"{self.prefix}/report/{step}/"

    def _keep(self, response):
        self.responses.append(response)
        if 'name="token"' in response.content.decode():
            self.token = token_of(response)
        return response

    def get(self, step: str = "start", **query):
        return self._keep(self.client.get(self.url(step), query))

    def start(self, threat_slug: str = ""):
        data = {"threat": threat_slug} if threat_slug else {}
        return self._keep(self.client.post(self.url("start"), data))

    def post(self, step: str, data: dict | None = None, **extra):
        payload = {"token": self.token, **(data or {})}
        return self._keep(self.client.post(self.url(step), payload, **extra))

    def show(self, step: str):
        return self.post(step, {"action": "show"})

    def submit(self, data: dict | None = None):
        return self.post("submit", data)

    def answer_everything(self, threat, signs=(), photos=()):
        """Answer every question with valid answers; returns the check page."""
        self.start()
        self.post("threat", {"threat": threat.slug})
        if threat.signs.exists():
            self.post("signs", {"signs": [str(sign.pk) for sign in signs]})
        self.post(
            "where",
            {"location": "place", "address": "12 Park Road", "postcode": "ls1 1ur"},
        )
        self.post(
            "when", {"when": "date", "on_day": "3", "on_month": "1", "on_year": "2025"}
        )
        self.post("details", {"description": "Cars coming and going all night."})
        self.post("photos", {"photos": list(photos), "action": "save"})
        return self.post("contact", {"contact": "anonymous"})
