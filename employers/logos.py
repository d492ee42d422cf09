"""Company logos: checked by their content (not their name), resized and re-encoded.

Re-encoding means we never serve the bytes someone uploaded: no polyglot files, no metadata
(EXIF GPS and the like), and a predictable size and format.
"""

import io
import re
import secrets
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_BOX = (400, 400)
# Far above any real logo, far below a decompression bomb (Pillow's own limit is ~89 Mpx).
LOGO_MAX_PIXELS = 25_000_000
ALLOWED_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WebP"}

NOT_AN_IMAGE = "This file is not a PNG, JPEG or WebP image. Choose a logo image file."
EMPTY_LOGO = "Your logo file is empty. Choose the image again."
POLYGLOT = (
    "This logo file is also something other than an image (it holds a web page or an archive). "
    "Export the logo again as a plain PNG, JPEG or WebP."
)
# Browsers look at the first 512 bytes to guess a type; twice that, to be safe.
SNIFF_WINDOW = 1024
MARKUP = re.compile(rb"<(html|head|body|script|svg|iframe|object|embed|!doctype)\b", re.I)
TOO_LARGE = "This file is {size}; a logo can be at most 2 MB. Choose a smaller file."
TOO_MANY_PIXELS = "This image is {width} x {height} pixels; use one under 5,000 x 5,000."


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def process_logo(upload) -> ContentFile:
    """Validate an uploaded logo and return it as a WebP of at most LOGO_BOX, ready to save.

    Raises ValidationError with a message for the person who uploaded it.
    """
    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(TOO_LARGE.format(size=megabytes(upload.size)), code="too_large")
    if upload.size == 0:
        raise ValidationError(EMPTY_LOGO, code="empty")
    _refuse_polyglot(upload)
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.verify()  # the structure and checksums, before a pixel is decoded
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(NOT_AN_IMAGE, code="format")
            width, height = image.size
            if width * height > LOGO_MAX_PIXELS:
                raise ValidationError(
                    TOO_MANY_PIXELS.format(width=width, height=height), code="pixels"
                )
            image.load()  # decodes the whole file: a truncated or corrupt one fails here
            image = ImageOps.exif_transpose(image)
            image.thumbnail(LOGO_BOX, Image.Resampling.LANCZOS)
            has_alpha = image.mode in {"RGBA", "LA"} or "transparency" in image.info
            image = image.convert("RGBA" if has_alpha else "RGB")
            out = io.BytesIO()
            image.save(out, format="WEBP", quality=88, method=4)
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise ValidationError(NOT_AN_IMAGE, code="invalid") from error
    return ContentFile(out.getvalue(), name=f"{secrets.token_hex(8)}.webp")


def _refuse_polyglot(upload) -> None:
    """An image that is also a page or an archive (GIFAR, JPEG+zip, a PNG whose text chunk
    holds a script). Re-encoding would drop the extra part anyway; refusing says so."""
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if MARKUP.search(data[:SNIFF_WINDOW]) or zipfile.is_zipfile(io.BytesIO(data)):
        raise ValidationError(POLYGLOT, code="polyglot")
