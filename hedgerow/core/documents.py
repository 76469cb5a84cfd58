"""Which uploaded documents Hedgerow keeps: allowed types, checked by their bytes.

A file's name ending says what it claims to be; its first bytes (and, for the
Office and OpenDocument formats, the parts inside the zip) must agree, so a
program renamed `agenda.pdf` is refused. The type served back on download comes
from this table, never from what the uploading browser said.
"""

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
NAME_MAX_LENGTH = 200

DOCUMENT_REQUIRED = _("Select a file")
DOCUMENT_EMPTY = _("The selected file is empty")
DOCUMENT_TOO_LARGE = _("The selected file must be smaller than 10 MB")
DOCUMENT_TYPE = _(
    "The selected file must be a PDF, DOCX, ODT, XLSX, CSV, TXT, JPEG or PNG"
)
DOCUMENT_CONTENT = _(
    "The selected file is not a real %(kind)s file: its contents do not match its "
    "name. Save it again as %(kind)s, or choose another file"
)


def _starts(*signatures: bytes) -> Callable[[bytes], bool]:
    return lambda content: content.startswith(signatures)


def _zip_holding(part: str, mimetype: bytes = b"") -> Callable[[bytes], bool]:
    """A zip (Office Open XML or OpenDocument) that holds `part`.

    Only the zip's directory is read, and for OpenDocument its tiny `mimetype`
    member, so a hostile archive cannot make the check expensive.
    """

    def check(content: bytes) -> bool:
        if not content.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
                if part not in names:
                    return False
                if mimetype:
                    info = archive.getinfo("mimetype")
                    return info.file_size < 100 and archive.read(info) == mimetype
        except (zipfile.BadZipFile, KeyError, ValueError, OSError):
            return False
        return True

    return check


def _plain_text(content: bytes) -> bool:
    """Text has no magic number; a NUL byte shows a binary file renamed."""
    return b"\x00" not in content


@dataclass(frozen=True)
class DocumentType:
    """One allowed kind of document: its label, served type and byte check."""

    label: str
    content_type: str
    matches: Callable[[bytes], bool]


DOCUMENT_TYPES: dict[str, DocumentType] = {
    ".pdf": DocumentType("PDF", "application/pdf", _starts(b"%PDF-")),
    ".docx": DocumentType(
        "DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _zip_holding("word/document.xml"),
    ),
    ".odt": DocumentType(
        "ODT",
        "application/vnd.oasis.opendocument.text",
        _zip_holding("content.xml", b"application/vnd.oasis.opendocument.text"),
    ),
    ".xlsx": DocumentType(
        "XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _zip_holding("xl/workbook.xml"),
    ),
    ".csv": DocumentType("CSV", "text/csv", _plain_text),
    ".txt": DocumentType("TXT", "text/plain", _plain_text),
    ".jpg": DocumentType("JPEG", "image/jpeg", _starts(b"\xff\xd8\xff")),
    ".jpeg": DocumentType("JPEG", "image/jpeg", _starts(b"\xff\xd8\xff")),
    ".png": DocumentType("PNG", "image/png", _starts(b"\x89PNG\r\n\x1a\n")),
}


def document_name_clean(name: str) -> str:
    """The file's own name, without any folder, control characters or quotes."""
    base = PurePath(name.replace("\\", "/")).name
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = re.sub(r'["<>|:*?]', "", base).strip()
    if len(base) > NAME_MAX_LENGTH:
        stem, suffix = PurePath(base).stem, PurePath(base).suffix
        base = stem[: NAME_MAX_LENGTH - len(suffix)] + suffix
    return base


def size_check(size: int) -> None:
    """Refuse an empty file or one over 10 MB, before its bytes are read."""
    if size == 0:
        raise ValidationError(DOCUMENT_EMPTY)
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(DOCUMENT_TOO_LARGE)


def document_check(*, name: str, content: bytes) -> DocumentType:
    """The allowed type a file is, or ValidationError saying why it is refused."""
    if not name:
        raise ValidationError(DOCUMENT_REQUIRED)
    size_check(len(content))
    kind = DOCUMENT_TYPES.get(PurePath(name).suffix.lower())
    if kind is None:
        raise ValidationError(DOCUMENT_TYPE)
    if not kind.matches(content):
        raise ValidationError(DOCUMENT_CONTENT, params={"kind": kind.label})
    return kind


def document_download(*, name: str, content: bytes, content_type: str) -> HttpResponse:
    """A kept document as a download, never shown inline, never cached."""
    response = HttpResponse(bytes(content), content_type=content_type)
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=name) or "attachment"
    )
    response["Cache-Control"] = "private, no-store"
    return response
