"""Pictures: checked with Pillow, decompression bombs and oversize files refused, re-encoded
without any metadata (EXIF with the GPS position first)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from tremplin.catalogue.images import ImageRefused, clean_image

from .helpers import picture


def opened(clean):
    return Image.open(io.BytesIO(clean.content.read()))


def test_a_jpeg_with_gps_exif_comes_out_without_any_metadata():
    uploaded = picture("JPEG", gps=True)
    before = Image.open(io.BytesIO(uploaded.read()))
    assert before.getexif().get_ifd(0x8825)  # the test picture does carry a GPS position
    uploaded.seek(0)

    clean = clean_image(uploaded)

    data = clean.content.read()
    assert b"Exif" not in data and b"PhoneMaker" not in data and b"Jane" not in data
    after = Image.open(io.BytesIO(data))
    assert after.format == "JPEG"
    assert not after.getexif()
    assert not after.getexif().get_ifd(0x8825)
    assert "exif" not in after.info and "icc_profile" not in after.info
    assert (clean.width, clean.height) == (40, 30)
    assert clean.content.name.endswith(".jpg") and "photo" not in clean.content.name


def test_png_and_webp_are_re_encoded_in_their_format_without_text_chunks():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Someone")
    info.add_text("Location", "48.85,2.35")
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 255, 128)).save(out, "PNG", pnginfo=info)
    clean = clean_image(SimpleUploadedFile("a.png", out.getvalue()))
    image = opened(clean)
    assert image.format == "PNG" and image.mode == "RGBA"
    assert "Author" not in image.info and "Location" not in image.info

    webp = clean_image(picture("WEBP", gps=True))
    assert opened(webp).format == "WEBP"
    webp.content.seek(0)
    assert b"EXIF" not in webp.content.read()


def test_the_exif_orientation_is_applied_before_it_is_dropped():
    clean = clean_image(picture("JPEG", size=(40, 20), orientation=6))
    assert (clean.width, clean.height) == (20, 40)


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4 not a picture",
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        b"GIF89a" + b"\x00" * 40,
        b"\xff\xd8\xff\xe0" + b"\x00" * 30,  # a JPEG header and nothing else
    ],
)
def test_what_is_not_a_usable_picture_is_refused(content):
    with pytest.raises(ImageRefused):
        clean_image(SimpleUploadedFile("photo.jpg", content))


def test_a_truncated_picture_is_refused():
    data = picture("PNG", size=(200, 200)).read()
    with pytest.raises(ImageRefused):
        clean_image(SimpleUploadedFile("cut.png", data[: len(data) // 2]))


def test_decompression_bombs_are_refused_before_decoding():
    # 81 megapixels in a few kilobytes.
    out = io.BytesIO()
    Image.new("1", (9000, 9000)).save(out, "PNG")
    assert len(out.getvalue()) < 200_000
    with pytest.raises(ImageRefused, match="9000"):
        clean_image(SimpleUploadedFile("bomb.png", out.getvalue()))
    with pytest.raises(ImageRefused):
        clean_image(picture("PNG", size=(100, 100)), max_pixels=5_000)


def test_oversize_and_empty_files_are_refused():
    with translation.override("en"), pytest.raises(ImageRefused, match="MB"):
        clean_image(picture("JPEG"), max_bytes=100)
    with pytest.raises(ImageRefused):
        clean_image(SimpleUploadedFile("empty.jpg", b""))


def test_very_large_pictures_are_reduced():
    clean = clean_image(picture("JPEG", size=(5000, 1000)))
    assert max(clean.width, clean.height) == 2400
