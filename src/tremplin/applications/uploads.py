"""Checking an uploaded file: its type is read from its content, never from its name."""

from __future__ import annotations

import hashlib
import unicodedata
import zipfile
from dataclasses import dataclass

import filetype
from django.utils.translation import gettext as _

# type name -> MIME type accepted
ACCEPTED = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
}
ACCEPTED_LABEL = "PDF, ODT, DOCX, PPTX, PNG, JPEG"


class UploadRefused(ValueError):
    """The file is refused; the message says why, in the reader's language."""


@dataclass
class CheckedFile:
    name: str
    content_type: str
    size: int
    sha256: str


def clean_name(name: str) -> str:
    """A displayable file name: no path, no control characters, no lone surrogates."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = name.encode("utf-8", "replace").decode("utf-8")
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    return name.strip()[:200] or "file"


def _office_type(uploaded) -> str | None:
    """OOXML and OpenDocument files are zip archives: look inside."""
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "ppt/presentation.xml" in names:
                return "pptx"
            if "mimetype" in names and archive.read("mimetype").strip() == ACCEPTED["odt"].encode():
                return "odt"
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None
    finally:
        uploaded.seek(0)
    return None


def detect(uploaded) -> str | None:
    """The accepted type name of the file's content, or None."""
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head)
    if kind is None:
        return None
    if kind.extension == "pdf":
        return "pdf"
    if kind.extension == "png":
        return "png"
    if kind.extension in {"jpg", "jpeg"}:
        return "jpeg"
    if kind.extension in {"zip", "docx", "pptx", "odt", "xlsx", "odp", "ods"}:
        return _office_type(uploaded)
    return None


def check(uploaded, max_mb: int) -> CheckedFile:
    """Refuse empty, oversized or unaccepted files with a clear message."""
    name = clean_name(getattr(uploaded, "name", ""))
    size = uploaded.size or 0
    if size == 0:
        raise UploadRefused(_("The file “%(name)s” is empty.") % {"name": name})
    if size > max_mb * 1024 * 1024:
        raise UploadRefused(
            _("The file “%(name)s” is too large (%(size)s MB); the limit is %(max)s MB.")
            % {"name": name, "size": f"{size / 1024 / 1024:.1f}", "max": max_mb}
        )
    type_name = detect(uploaded)
    if type_name is None:
        raise UploadRefused(
            _("The file “%(name)s” is not of an accepted type. Accepted: %(types)s.")
            % {"name": name, "types": ACCEPTED_LABEL}
        )
    digest = hashlib.sha256()
    uploaded.seek(0)
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return CheckedFile(
        name=name, content_type=ACCEPTED[type_name], size=size, sha256=digest.hexdigest()
    )
