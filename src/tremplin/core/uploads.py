"""Checking an uploaded or imported file before anything keeps or opens it: every upload and
import goes through check().

Its type is read from its first bytes, never from its name. The zip-based documents (DOCX,
PPTX, XLSX, ODT) are walked in small pieces so that a "zip bomb" is refused before it is
inflated: the central directory is read with a bounded size, the number of members, their total
declared size and each member's compression ratio are capped, and every member is then inflated
through a small buffer, its real size and CRC compared with what the headers declare. Python's
zipfile is not enough on its own: reading a member whole (`ZipFile.read`) inflates all of its
compressed data before cutting it at the declared size, so a header that lies makes it allocate
the real size; and when the CRC of the declared bytes is right it says nothing at all."""

from __future__ import annotations

import hashlib
import io
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

MB = 1024 * 1024
CHUNK = 64 * 1024  # what is read, or inflated, at a time
DOCUMENT_MAX_MB = 10  # the files of milestones, catalogue resources and pictures


@dataclass(frozen=True)
class FileType:
    mime: str
    label: str


TYPES = {
    "pdf": FileType("application/pdf", "PDF"),
    "odt": FileType("application/vnd.oasis.opendocument.text", "ODT"),
    "docx": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"
    ),
    "pptx": FileType(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PPTX"
    ),
    "xlsx": FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
    "png": FileType("image/png", "PNG"),
    "jpeg": FileType("image/jpeg", "JPEG"),
    # Text without a binary signature: its reader checks the encoding and the rows.
    "csv": FileType("text/csv", "CSV"),
}
# What the pages that take a document accept (applications, milestones, catalogue resources).
DOCUMENTS = ("pdf", "odt", "docx", "pptx", "png", "jpeg")

_SIGNATURES = (
    (b"%PDF", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
)
# Zip-based types recognised by a part that only they have (ODT by its `mimetype` member).
_OFFICE_PARTS = (
    ("word/document.xml", "docx"),
    ("ppt/presentation.xml", "pptx"),
    ("xl/workbook.xml", "xlsx"),
)
_BINARY = (b"PK", b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"MZ", b"\x7fELF", b"\xd0\xcf")


@dataclass(frozen=True)
class ArchiveLimits:
    """What a zip-based document may hold. The defaults leave room for any real document (a
    long report with pictures has a few hundred members, inflates to a few tens of MB, and its
    XML compresses about 10 to 1)."""

    members: int = 1000
    unzipped_bytes: int = 100 * MB
    # A member may inflate to at most this many times its compressed size (Apache POI's rule
    # too); deflate reaches about 1000 only on repetitive filler, the stuff of zip bombs.
    ratio: int = 100
    ratio_from_bytes: int = 100 * 1024  # smaller members may compress further, harmlessly
    directory_bytes_per_member: int = 1024  # the central directory is read at most this big


class UploadRefused(ValueError):
    """The file is refused; the message says why, in the reader's language. `code` says what
    kind of refusal: "empty", "size", "type" or "archive"."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


@dataclass
class CheckedFile:
    name: str
    type: str
    content_type: str
    size: int
    sha256: str


def clean_name(name: str) -> str:
    """A displayable file name: no path, no control characters, no lone surrogates."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = name.encode("utf-8", "replace").decode("utf-8")
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    return name.strip()[:200] or "file"


def accepted_label(accepted: Iterable[str]) -> str:
    return ", ".join(TYPES[name].label for name in accepted)


def check(
    uploaded,
    *,
    max_mb: float,
    accepted: Iterable[str] = DOCUMENTS,
    limits: ArchiveLimits | None = None,
    name: str | None = None,
) -> CheckedFile:
    """Refuse an empty, oversized, unaccepted or hostile file with a clear message; otherwise
    its cleaned name, type and digest. `uploaded` is any seekable binary file (an UploadedFile,
    a BytesIO); it is left at its start."""
    accepted = tuple(accepted)
    name = clean_name(name if name is not None else getattr(uploaded, "name", ""))
    size = _size(uploaded)
    if size == 0:
        raise UploadRefused(_("The file “%(name)s” is empty.") % {"name": name}, "empty")
    if size > max_mb * MB:
        raise UploadRefused(
            _("The file “%(name)s” is too large (%(size)s MB); the limit is %(max)s MB.")
            % {"name": name, "size": f"{size / MB:.1f}", "max": f"{max_mb:g}"},
            "size",
        )
    try:
        type_name = detect(uploaded, name=name, limits=limits or ArchiveLimits())
    finally:
        uploaded.seek(0)
    if type_name not in accepted:
        raise UploadRefused(
            _("The file “%(name)s” is not of an accepted type. Accepted: %(types)s.")
            % {"name": name, "types": accepted_label(accepted)},
            "type",
        )
    digest = hashlib.sha256()
    while chunk := uploaded.read(CHUNK):
        digest.update(chunk)
    uploaded.seek(0)
    return CheckedFile(
        name=name,
        type=type_name,
        content_type=TYPES[type_name].mime,
        size=size,
        sha256=digest.hexdigest(),
    )


def detect(fileobj, *, name: str = "file", limits: ArchiveLimits | None = None) -> str | None:
    """The type of the file's content (a key of TYPES), or None. A zip archive is walked as the
    module says; a hostile one raises UploadRefused."""
    fileobj.seek(0)
    head = fileobj.read(16)
    for signature, type_name in _SIGNATURES:
        if head.startswith(signature):
            return type_name
    if head.startswith(b"PK\x03\x04"):
        return _archive_type(fileobj, name, limits or ArchiveLimits())
    if head.startswith(_BINARY):
        return None
    return "csv"


def _size(fileobj) -> int:
    size = getattr(fileobj, "size", None)
    if size is None:
        fileobj.seek(0, io.SEEK_END)
        size = fileobj.tell()
        fileobj.seek(0)
    return size or 0


# --- Zip archives ------------------------------------------------------------------------------


class _ReadTooLarge(Exception):
    """zipfile asked for more than the central directory may take."""


class _BoundedReader:
    """The file as zipfile sees it while it reads the central directory: a read larger than
    `limit` (zipfile reads the directory in one go) stops everything before it is allocated."""

    def __init__(self, fileobj, limit: int):
        self._file, self._limit = fileobj, limit

    def read(self, size=-1):
        if size is None or size < 0:
            here = self._file.tell()
            size = self._file.seek(0, io.SEEK_END) - here
            self._file.seek(here)
        if size > self._limit:
            raise _ReadTooLarge
        return self._file.read(size)

    def seek(self, offset, whence=io.SEEK_SET):
        return self._file.seek(offset, whence)

    def tell(self):
        return self._file.tell()

    def seekable(self):
        return True


def _refuse_archive(message: str, name: str, **values) -> UploadRefused:
    return UploadRefused(message % {"name": name, **values}, "archive")


def _damaged(name: str) -> UploadRefused:
    return _refuse_archive(
        _(
            "The file “%(name)s” is damaged: its contents do not match its table of contents. "
            "Open it and save it again."
        ),
        name,
    )


def _archive_type(fileobj, name: str, limits: ArchiveLimits) -> str | None:
    # The end-of-archive search reads up to 64 KB (the longest comment) at once.
    bounded = _BoundedReader(
        fileobj, max(66 * 1024, limits.members * limits.directory_bytes_per_member)
    )
    try:
        with zipfile.ZipFile(bounded) as archive:
            infos = archive.infolist()
    except _ReadTooLarge:
        infos = None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, struct.error):
        return None  # not a zip archive after all: not of an accepted type
    if infos is None or len(infos) > limits.members:
        raise _refuse_archive(
            _("The file “%(name)s” holds too many parts to be checked (more than %(max)d)."),
            name,
            max=limits.members,
        )
    names = [info.filename for info in infos]
    by_part = next((type_name for part, type_name in _OFFICE_PARTS if part in names), None)
    if by_part is None and "mimetype" not in names:
        return None
    if len(set(names)) != len(names):
        # Two members of the same name: readers disagree on which one counts.
        raise _damaged(name)
    if sum(info.file_size for info in infos) > limits.unzipped_bytes:
        raise _refuse_archive(
            _("The file “%(name)s” is too large once opened (more than %(max)s MB inside)."),
            name,
            max=f"{limits.unzipped_bytes / MB:g}",
        )
    for info in infos:
        if info.flag_bits & 0x1:
            raise _refuse_archive(
                _(
                    "The file “%(name)s” is protected by a password: send it without the "
                    "protection."
                ),
                name,
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _damaged(name)  # no office suite writes other methods
        if info.file_size > limits.ratio_from_bytes and info.file_size > limits.ratio * max(
            info.compress_size, 1
        ):
            raise _refuse_archive(
                _("The file “%(name)s” would unpack to far more than its own size: it is refused."),
                name,
            )
    heads = {info.filename: _verify_member(fileobj, info, name) for info in infos}
    if by_part is not None:
        return by_part
    # An OpenDocument says what it is in its first member: only its first bytes are read.
    return "odt" if heads["mimetype"].strip() == TYPES["odt"].mime.encode() else None


def _verify_member(fileobj, info: zipfile.ZipInfo, name: str, keep: int = 64) -> bytes:
    """Inflate one member through a small buffer and refuse it unless its local header agrees
    with the central directory and its data inflates to exactly the declared size and CRC.
    Returns its first `keep` bytes. It never holds more than CHUNK of its data at a time, and
    stops as soon as it goes beyond what is declared."""
    fileobj.seek(info.header_offset)
    header = fileobj.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        raise _damaged(name)
    flags, method, crc, compressed, size, name_length, extra_length = struct.unpack(
        "<2x2H4x3L2H", header[4:]
    )
    encoding = "utf-8" if info.flag_bits & 0x800 else "cp437"
    if method != info.compress_type or fileobj.read(name_length) != info.orig_filename.encode(
        encoding, "replace"
    ):
        raise _damaged(name)
    # Without a data descriptor (flag 8) or zip64 sizes, the local header states the sizes
    # too: they must agree with the central directory's.
    stated = not flags & 0x8 and 0xFFFFFFFF not in (compressed, size)
    if stated and (crc, compressed, size) != (info.CRC, info.compress_size, info.file_size):
        raise _damaged(name)
    fileobj.seek(extra_length, io.SEEK_CUR)

    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    left, produced, checksum, head = info.compress_size, 0, 0, b""

    def take(data: bytes) -> None:
        nonlocal produced, checksum, head
        produced += len(data)
        if produced > info.file_size:
            raise _damaged(name)  # it inflates beyond what it declares: stop here
        checksum = zlib.crc32(data, checksum)
        if len(head) < keep:
            head += data[: keep - len(head)]

    try:
        while left:
            raw = fileobj.read(min(CHUNK, left))
            if not raw:
                raise _damaged(name)  # cut short
            left -= len(raw)
            if inflater is None:
                take(raw)
                continue
            data = inflater.decompress(raw, CHUNK)
            take(data)
            while inflater.unconsumed_tail:
                take(inflater.decompress(inflater.unconsumed_tail, CHUNK))
        if inflater is not None:
            while data := inflater.decompress(b"", CHUNK):
                take(data)
            if not inflater.eof or inflater.unused_data:
                raise _damaged(name)  # the stream ends before, or after, the declared size
    except zlib.error as error:
        raise _damaged(name) from error
    if produced != info.file_size or checksum != info.CRC:
        raise _damaged(name)
    return head
