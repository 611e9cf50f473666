"""The shared check of uploads and imports (tremplin.core.uploads): a file's type is read from
its first bytes; a zip-based document is refused when it holds too many members, declares too
much once inflated, or compresses like a zip bomb, before any of it is inflated; a member whose
data does not inflate to exactly the declared size and CRC is refused after at most one small
buffer beyond what it declares; genuine DOCX, PPTX, ODT and XLSX files are accepted; memory
stays bounded throughout."""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest
from django.utils import translation

from tests import zip_samples
from tests.zip_samples import CountingFile, Member
from tremplin.core import uploads

MiB = zip_samples.MiB


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def refusal(content: bytes, name="file", **kwargs) -> tuple[uploads.UploadRefused, CountingFile]:
    upload = CountingFile(content, name)
    with pytest.raises(uploads.UploadRefused) as refused:
        uploads.check(upload, max_mb=10, **kwargs)
    return refused.value, upload


@pytest.mark.parametrize(
    ("build", "type_name"),
    [
        (zip_samples.docx, "docx"),
        (zip_samples.pptx, "pptx"),
        (zip_samples.odt, "odt"),
        (zip_samples.xlsx, "xlsx"),
    ],
)
def test_genuine_office_documents_are_accepted(build, type_name):
    content = build()
    checked = uploads.check(
        CountingFile(content, f"a.{type_name}"), max_mb=10, accepted=(type_name,)
    )
    assert checked.type == type_name
    assert checked.content_type == uploads.TYPES[type_name].mime
    assert checked.size == len(content)


def test_a_workbook_written_by_xlsxwriter_is_accepted():
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer)
    workbook.add_worksheet().write_string(0, 0, "code")
    workbook.close()
    assert uploads.check(buffer, max_mb=1, accepted=("xlsx",)).type == "xlsx"


def test_types_come_from_the_first_bytes_not_the_name():
    pdf = uploads.check(CountingFile(b"%PDF-1.4\n%%EOF\n", "photo.png"), max_mb=1)
    assert (pdf.type, pdf.name) == ("pdf", "photo.png")
    png = uploads.check(CountingFile(b"\x89PNG\r\n\x1a\n" + bytes(20), "deck.pdf"), max_mb=1)
    assert png.content_type == "image/png"
    error, _ = refusal(b"MZ\x90\x00binary", "notes.pdf")
    assert error.code == "type" and "Accepted: PDF, ODT, DOCX, PPTX, PNG, JPEG" in str(error)
    # A zip without the part of an accepted type is not one, whatever its name.
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert refusal(plain.getvalue(), "cv.docx")[0].code == "type"
    # Text is "csv" only where CSV is accepted; binary files never are.
    assert (
        uploads.check(CountingFile(b"code;name\n1;a\n"), max_mb=1, accepted=["csv"]).type == "csv"
    )
    assert refusal(zip_samples.xlsx(), accepted=["csv"])[0].code == "type"


def test_empty_and_oversized_files_are_refused():
    assert refusal(b"")[0].code == "empty"
    error, upload = refusal(b"%PDF" + bytes(11 * MiB))
    assert error.code == "size" and "the limit is 10 MB" in str(error)
    assert upload.bytes_read == 0


def test_a_bomb_as_the_odt_mimetype_is_refused_before_inflating_anything():
    """The reported attack: 64 KB whose `mimetype` inflates to 64 MiB (the type check used
    to inflate it whole to read it). Only the end of the archive and its directory are read."""
    content = zip_samples.bomb_as_mimetype(64)
    with zip_samples.memory_peak() as memory:
        error, upload = refusal(content, "bomb.odt")
    assert error.code == "archive"
    assert "“bomb.odt” would unpack to far more than its own size" in str(error)
    assert upload.bytes_read < 1000 < len(content)
    assert memory["peak"] < 1 * MiB


def test_a_gigabyte_bomb_is_refused_by_its_declared_size():
    content = zip_samples.gigabyte_document()
    with zip_samples.memory_peak() as memory:
        error, upload = refusal(content, "huge.docx")
    assert "too large once opened (more than 100 MB inside)" in str(error)
    assert upload.bytes_read < 1000
    assert memory["peak"] < 1 * MiB


def test_a_bomb_within_the_declared_limits_is_refused_by_its_ratio():
    """Below the total limit, a member may still not inflate 1000 to 1."""
    content = zip_samples.with_members(
        zip_samples.docx(), [zip_samples.zeros_member("word/media/filler.bin", 20)]
    )
    error, upload = refusal(content, "report.docx")
    assert "far more than its own size" in str(error)
    assert upload.bytes_read < 2000


def test_a_header_that_lies_about_the_size_is_refused_after_one_buffer():
    """Python's zipfile would inflate all 256 MiB, cut them at the declared 39 bytes and, the
    CRC of those being right, say nothing: the walk stops one buffer past the declared size."""
    small_lie = zip_samples.lying_mimetype(1)
    assert zipfile.ZipFile(io.BytesIO(small_lie)).read("mimetype") == zip_samples.ODT_MIME
    content = zip_samples.lying_mimetype(256)
    with zip_samples.memory_peak() as memory:
        error, upload = refusal(content, "lying.odt")
    assert "“lying.odt” is damaged" in str(error)
    assert upload.bytes_read <= uploads.CHUNK + 1000 < len(content)
    assert memory["peak"] < 2 * MiB


def test_a_lying_member_inside_a_genuine_workbook_is_refused():
    content = zip_samples.with_members(
        zip_samples.xlsx(), [zip_samples.lying_member("xl/media/image1.png", 8)]
    )
    error, _ = refusal(content, "sites.xlsx", accepted=["xlsx"])
    assert "damaged" in str(error)


def test_a_wrong_crc_is_refused():
    error, _ = refusal(zip_samples.bad_crc_odt(), "a.odt")
    assert "damaged" in str(error)


def test_a_declared_size_larger_than_the_data_is_refused():
    data = zlib.compress(zip_samples.ODT_MIME)[2:-4]
    content = zip_samples.raw_zip(
        [Member("mimetype", data, size=len(zip_samples.ODT_MIME) + 5, crc=0)]
    )
    assert "damaged" in str(refusal(content, "a.odt")[0])


def test_a_local_header_that_disagrees_with_the_directory_is_refused():
    content = bytearray(zip_samples.odt())
    # The local header of `mimetype` (the first member) now declares another size.
    content[22:26] = (1000).to_bytes(4, "little")
    assert "damaged" in str(refusal(bytes(content), "a.odt")[0])


def test_too_many_members_are_refused_before_the_directory_is_parsed():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for n in range(3000):
            archive.writestr(f"word/media/{n:05}", b"")
    content = buffer.getvalue()
    with zip_samples.memory_peak() as memory:
        error, _ = refusal(content, "many.docx", limits=uploads.ArchiveLimits(members=100))
    assert "too many parts to be checked (more than 100)" in str(error)
    assert memory["peak"] < 1 * MiB
    error, _ = refusal(content, "many.docx")  # the directory fits, the count does not
    assert "more than 1000" in str(error)


def test_duplicate_names_and_passwords_are_refused():
    odt = zip_samples.odt()
    with zipfile.ZipFile(io.BytesIO(odt)) as archive:
        info = archive.getinfo("mimetype")
    twice = zip_samples.raw_zip(
        [
            Member("mimetype", zip_samples.ODT_MIME, size=39, crc=info.CRC, method=0),
            Member("mimetype", zip_samples.ODT_MIME, size=39, crc=info.CRC, method=0),
        ]
    )
    assert "damaged" in str(refusal(twice, "a.odt")[0])
    locked = zip_samples.raw_zip(
        [Member("mimetype", zip_samples.ODT_MIME, size=39, crc=info.CRC, method=0, flags=1)]
    )
    assert "protected by a password" in str(refusal(locked, "a.odt")[0])


def test_an_odt_needs_its_media_type_in_its_mimetype_member():
    other = zip_samples.raw_zip(
        [Member("mimetype", b"text/html", size=9, crc=zlib.crc32(b"text/html"), method=0)]
    )
    assert refusal(other, "a.odt")[0].code == "type"


def test_damaged_archives_are_not_of_an_accepted_type():
    assert refusal(b"PK\x03\x04 not really a zip", "a.docx")[0].code == "type"
    truncated = zip_samples.docx()[:-30]
    assert refusal(truncated, "a.docx")[0].code == "type"
