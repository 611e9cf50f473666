"""Checking and cleaning an uploaded picture with Pillow: only real JPEG, PNG or WebP images
are accepted, never decompression bombs or oversize files; each is re-encoded from its pixels
alone, so that no metadata survives (EXIF with the GPS location, camera, author; XMP; IPTC;
comments; colour profiles), turned upright first, and reduced when very large."""

from __future__ import annotations

import io
import uuid
import warnings
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from tremplin.core.uploads import DOCUMENT_MAX_MB, MB

MAX_BYTES = DOCUMENT_MAX_MB * MB  # the limit of every document of a record
MAX_PIXELS = 40_000_000  # refused beyond this, before decoding (a "decompression bomb")
MAX_SIDE = 2400  # larger pictures are reduced: enough for a page, light on a phone
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


class ImageRefused(ValueError):
    """The picture is refused; the message says why, in the reader's language."""


@dataclass
class CleanImage:
    content: ContentFile  # named <random>.<ext>
    format: str
    width: int
    height: int


def _refuse_not_an_image():
    return ImageRefused(
        _("This file is not a picture we can use. Send a JPEG, PNG or WebP photo or image.")
    )


def clean_image(
    uploaded, *, max_bytes: int = MAX_BYTES, max_pixels: int = MAX_PIXELS
) -> CleanImage:
    """The uploaded picture, checked and re-encoded without metadata; ImageRefused otherwise."""
    size = getattr(uploaded, "size", None)
    if size is None:
        uploaded.seek(0, io.SEEK_END)
        size = uploaded.tell()
    if not size:
        raise ImageRefused(_("The picture is empty."))
    if size > max_bytes:
        raise ImageRefused(
            _("The picture is too large (%(size)s MB); the limit is %(max)s MB.")
            % {"size": f"{size / 1024 / 1024:.1f}", "max": max_bytes // (1024 * 1024)}
        )
    uploaded.seek(0)
    data = uploaded.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # The header only: dimensions and format, nothing decoded yet; only the three
            # formats' parsers ever see the data.
            with Image.open(io.BytesIO(data), formats=list(FORMATS)) as probe:
                kind = probe.format
                width, height = probe.size
                if kind not in FORMATS:
                    raise _refuse_not_an_image()
                if width * height > max_pixels or width <= 0 or height <= 0:
                    raise ImageRefused(
                        _("The picture is too large (%(width)s × %(height)s pixels).")
                        % {"width": width, "height": height}
                    )
                probe.verify()
            with Image.open(io.BytesIO(data), formats=list(FORMATS)) as picture:
                picture.load()
                return _reencode(picture, kind)
    except ImageRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ImageRefused(_("The picture is too large to be opened safely.")) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise _refuse_not_an_image() from error


def _reencode(picture: Image.Image, kind: str) -> CleanImage:
    # Turn it upright from the EXIF orientation, which is about to be dropped.
    upright = ImageOps.exif_transpose(picture)
    if upright.mode not in ("RGB", "RGBA", "L", "LA"):
        has_alpha = upright.mode in ("P", "PA") and "transparency" in upright.info
        upright = upright.convert("RGBA" if has_alpha or upright.mode.endswith("A") else "RGB")
    if kind == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    if max(upright.size) > MAX_SIDE:
        upright.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    # A new image holding the pixels only: no info, no EXIF, no ICC profile, no text chunks.
    bare = Image.new(upright.mode, upright.size)
    bare.paste(upright)
    out = io.BytesIO()
    if kind == "JPEG":
        bare.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    elif kind == "PNG":
        bare.save(out, "PNG", optimize=True)
    else:
        bare.save(out, "WEBP", quality=85, method=4)
    name = f"{uuid.uuid4().hex}.{FORMATS[kind]}"
    return CleanImage(
        content=ContentFile(out.getvalue(), name=name),
        format=kind,
        width=bare.width,
        height=bare.height,
    )
