"""Zip archives for the upload tests: office documents laid out as their editors write them,
and hostile ones (zip bombs, lying headers, bad checksums), all built in a few milliseconds
and a few megabytes, whatever they claim to hold once inflated."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
import zlib
from contextlib import contextmanager

import openpyxl

ODT_MIME = b"application/vnd.oasis.opendocument.text"
MiB = 1024 * 1024

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/{part}" ContentType="{type}"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="{part}"/></Relationships>'
)


def docx() -> bytes:
    part = "word/document.xml"
    body = "".join(
        f"<w:p><w:r><w:t>Paragraphe {n} du dossier</w:t></w:r></w:p>" for n in range(300)
    )
    return _zip(
        {
            "[Content_Types].xml": _CONTENT_TYPES.format(
                part=part,
                type="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            ),
            "_rels/.rels": _RELS.format(part=part),
            part: '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
            f'main"><w:body>{body}</w:body></w:document>',
            "docProps/app.xml": "<Properties/>",
        }
    )


def pptx() -> bytes:
    part = "ppt/presentation.xml"
    return _zip(
        {
            "[Content_Types].xml": _CONTENT_TYPES.format(
                part=part,
                type="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
            ),
            "_rels/.rels": _RELS.format(part=part),
            part: "<p:presentation/>",
            "ppt/slides/slide1.xml": "<p:sld>" + "<a:t>Diapositive</a:t>" * 200 + "</p:sld>",
            "ppt/media/image1.png": bytes(range(256)) * 40,  # stored as it is: not compressible
        }
    )


def odt() -> bytes:
    """As LibreOffice writes it: `mimetype` first and stored, then the manifest and content."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", ODT_MIME, compress_type=zipfile.ZIP_STORED)
        archive.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest><manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.text"/></manifest:manifest>',
        )
        archive.writestr(
            "content.xml", "<office:document-content>" + "<text:p>Texte</text:p>" * 300
        )
        archive.writestr("styles.xml", "<office:document-styles/>")
    return buffer.getvalue()


def xlsx(rows=(("code", "name"), ("UL-1", "Unité locale"))) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _zip(members: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


# --- Hostile archives --------------------------------------------------------------------------


class Member:
    """A member written as given, true or not: its compressed bytes and what the headers say."""

    def __init__(self, name, data, *, size, crc, method=zipfile.ZIP_DEFLATED, flags=0):
        self.name, self.data, self.size, self.crc = name.encode(), data, size, crc
        self.method, self.flags = method, flags


def raw_zip(members: list[Member]) -> bytes:
    """A zip archive written byte by byte: local headers, data, central directory, end."""
    out = io.BytesIO()
    directory = []
    for m in members:
        offset = out.tell()
        out.write(
            struct.pack(
                "<4s5H3L2H",
                b"PK\x03\x04",
                20,
                m.flags,
                m.method,
                0,
                0x21,
                m.crc,
                len(m.data),
                m.size,
                len(m.name),
                0,
            )
        )
        out.write(m.name)
        out.write(m.data)
        directory.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                m.flags,
                m.method,
                0,
                0x21,
                m.crc,
                len(m.data),
                m.size,
                len(m.name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + m.name
        )
    start = out.tell()
    for entry in directory:
        out.write(entry)
    size = out.tell() - start
    out.write(
        struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), size, start, 0)
    )
    return out.getvalue()


def _deflated_mebibyte() -> bytes:
    """One MiB of zeros, deflated and ended by a full flush: after a full flush the compressor
    starts afresh, so that the same bytes deflate the same way again and can be repeated."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(bytes(MiB)) + compressor.flush(zlib.Z_FULL_FLUSH)


_ZEROS = _deflated_mebibyte()
_LAST_BLOCK = b"\x03\x00"  # an empty final block: the end of a deflate stream


def deflated_zeros(mebibytes: int, after: bytes = b"") -> bytes:
    """The raw deflate stream of `after` followed by `mebibytes` MiB of zero bytes, assembled
    from one compressed mebibyte repeated: about 1 KB per MiB, built in no time."""
    start = b""
    if after:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        start = compressor.compress(after) + compressor.flush(zlib.Z_FULL_FLUSH)
    return start + _ZEROS * mebibytes + _LAST_BLOCK


def zeros_crc(mebibytes: int) -> int:
    crc, chunk = 0, bytes(MiB)
    for _ in range(mebibytes):
        crc = zlib.crc32(chunk, crc)
    return crc


# The CRC-32 of one GiB of zeros (zeros_crc(1024), one second to compute).
GIB_OF_ZEROS_CRC = 1533330096


def bomb_as_mimetype(mebibytes: int = 64) -> bytes:
    """An ODT-looking archive whose `mimetype` honestly declares `mebibytes` MiB of zeros, in
    about one KB each: what the type check of uploads used to inflate whole in memory."""
    return raw_zip([zeros_member("mimetype", mebibytes)])


def gigabyte_document() -> bytes:
    """A DOCX-looking archive (about 1 MB) whose document inflates to 1 GiB."""
    return raw_zip(
        [
            Member(
                "[Content_Types].xml",
                zlib.compress(b"<Types/>")[2:-4],
                size=8,
                crc=zlib.crc32(b"<Types/>"),
            ),
            Member(
                "word/document.xml", deflated_zeros(1024), size=1024 * MiB, crc=GIB_OF_ZEROS_CRC
            ),
        ]
    )


def lying_mimetype(mebibytes: int = 256) -> bytes:
    """An ODT whose `mimetype` header declares the 39 bytes of the ODT type (with their CRC),
    while its data inflates to those 39 bytes followed by `mebibytes` MiB of zeros."""
    data = deflated_zeros(mebibytes, after=ODT_MIME)
    return raw_zip([Member("mimetype", data, size=len(ODT_MIME), crc=zlib.crc32(ODT_MIME))])


def with_members(base: bytes, extra: list[Member]) -> bytes:
    """The archive `base` (a genuine document) with more members appended."""
    members = []
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        for info in archive.infolist():
            start = info.header_offset + 30 + len(info.orig_filename.encode())
            start += struct.unpack("<H", base[info.header_offset + 28 : info.header_offset + 30])[0]
            members.append(
                Member(
                    info.filename,
                    base[start : start + info.compress_size],
                    size=info.file_size,
                    crc=info.CRC,
                    method=info.compress_type,
                )
            )
    return raw_zip(members + extra)


def zeros_member(name: str, mebibytes: int) -> Member:
    """A member honestly declaring `mebibytes` MiB of zeros, in about one KB each."""
    return Member(name, deflated_zeros(mebibytes), size=mebibytes * MiB, crc=zeros_crc(mebibytes))


def lying_member(name: str, mebibytes: int) -> Member:
    """A member declaring 10 bytes (with their CRC) whose data inflates to `mebibytes` MiB."""
    return Member(name, deflated_zeros(mebibytes), size=10, crc=zlib.crc32(bytes(10)))


def bad_crc_odt() -> bytes:
    """A true ODT mimetype, stored, whose CRC in the headers is wrong."""
    return raw_zip(
        [
            Member(
                "mimetype",
                ODT_MIME,
                size=len(ODT_MIME),
                crc=zlib.crc32(ODT_MIME) ^ 1,
                method=zipfile.ZIP_STORED,
            )
        ]
    )


class CountingFile(io.BytesIO):
    """A file that counts the bytes read from it."""

    def __init__(self, content: bytes, name: str = "upload"):
        super().__init__(content)
        self.name, self.size, self.bytes_read = name, len(content), 0

    def read(self, size=-1):
        data = super().read(size)
        self.bytes_read += len(data)
        return data

    def chunks(self, chunk_size=64 * 1024):
        self.seek(0)
        while data := self.read(chunk_size):
            yield data


@contextmanager
def memory_peak():
    """The peak of memory allocated by Python inside the block, in `result["peak"]` (bytes)."""
    result = {}
    tracemalloc.start()
    try:
        yield result
    finally:
        result["peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()


HOSTILE = {
    # name sent: (builder, what the refusal says)
    "bomb.odt": (bomb_as_mimetype, "far more than its own size"),
    "huge.docx": (gigabyte_document, "too large once opened"),
    "lying.odt": (lying_mimetype, "damaged"),
}
