"""Make an uploaded photo safe to keep: check it, then re-encode it bare.

Re-encoding from decoded pixels is what removes EXIF (including GPS), XMP, IPTC,
ICC profiles and comments: nothing from the original file survives except the
picture. Decompression bombs are refused before decoding.
"""

import io
import warnings
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTOS = 5
# Larger than any phone camera (a 200-megapixel sensor is 16,320 × 12,240 = 200 M),
# small enough that decoding cannot exhaust memory.
MAX_PIXELS = 50_000_000
# Kept photos are scaled down to this many pixels on the longer side: plenty for
# a partner to see what was reported, and it strips any sensor-level fingerprint.
MAX_STORED_EDGE = 2560
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF"}


class PhotoError(ValueError):
    """A photo that cannot be accepted, with a message the uploader can act on."""

    def __init__(self, message: object) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class CleanPhoto:
    """A photo re-encoded as JPEG with no metadata at all."""

    content: bytes
    width: int
    height: int
    content_type: str = "image/jpeg"


def photo_sanitise(data: bytes) -> CleanPhoto:
    """Check an upload is a real, safe image and re-encode it without metadata."""
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoError(_("The selected photo must be smaller than 10 MB"))
    if not data:
        raise PhotoError(_("The selected photo is empty"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                image_format = probe.format
                width, height = probe.size
                if width * height > MAX_PIXELS:
                    raise PhotoError(_("The selected photo is too large to open"))
                probe.verify()
            # verify() leaves the image unusable, so open it again to decode.
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                picture = ImageOps.exif_transpose(image)
    except PhotoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise PhotoError(_("The selected photo is too large to open")) from error
    except UnidentifiedImageError as error:
        raise PhotoError(
            _("The selected file must be a photo (JPG, PNG, WEBP, GIF, BMP or TIFF)")
        ) from error
    except (OSError, SyntaxError, ValueError) as error:
        raise PhotoError(
            _("The selected photo is damaged and cannot be opened. Try another one")
        ) from error
    if image_format not in ACCEPTED_FORMATS:
        raise PhotoError(
            _("The selected file must be a photo (JPG, PNG, WEBP, GIF, BMP or TIFF)")
        )
    return _reencode(picture)


def _reencode(picture: Image.Image) -> CleanPhoto:
    """Copy only the pixels into a new JPEG: no info, EXIF, XMP or ICC carried over."""
    rgb = picture.convert("RGB")
    rgb.thumbnail((MAX_STORED_EDGE, MAX_STORED_EDGE))
    bare = Image.new("RGB", rgb.size)
    bare.paste(rgb)
    output = io.BytesIO()
    bare.save(output, format="JPEG", quality=85, optimize=True)
    return CleanPhoto(content=output.getvalue(), width=bare.width, height=bare.height)


THUMBNAIL_EDGE = 240


def photo_thumbnail(content: bytes) -> bytes:
    """A small JPEG of an already-cleaned photo, to show the person what they added."""
    with Image.open(io.BytesIO(content)) as image:
        small = image.convert("RGB")
        small.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE))
        output = io.BytesIO()
        small.save(output, format="JPEG", quality=75)
    return output.getvalue()
