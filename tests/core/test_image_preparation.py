"""Preparing attached pictures: formats, orientation, size, encoding, and bad input."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from desktop.core.image_preparation import (
    MAX_FILE_BYTES,
    ImageProblem,
    Pixels,
    prepare_file,
    prepare_image,
    prepare_pixels,
    stored_image,
)
from tests.pictures import (
    encoded,
    left_blue_right_red,
    rotated_jpeg,
    sharp_pattern,
)


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.parametrize("kind", ["PNG", "JPEG", "WEBP", "GIF", "BMP"])
def test_every_readable_format_is_prepared(kind: str) -> None:
    original = left_blue_right_red(120, 80)
    image = prepare_image(encoded(original, kind), name=f"picture.{kind.lower()}")
    assert (image.width, image.height) == (120, 80)
    out = decoded(image.data).convert("RGB")
    assert out.size == (120, 80)
    blue, red = out.getpixel((5, 40)), out.getpixel((115, 40))
    assert blue[2] > 200 and blue[0] < 60, blue
    assert red[0] > 200 and red[2] < 60, red
    assert image.media_type == ("image/jpeg" if kind in ("JPEG", "WEBP") else "image/png")
    assert decoded(image.thumbnail).size == (120, 80)  # never enlarged


def test_a_lossless_picture_stays_pixel_exact() -> None:
    original = sharp_pattern(64, 48)
    image = prepare_image(encoded(original, "PNG"), name="diagram.png")
    assert image.media_type == "image/png"
    assert decoded(image.data).convert("RGB").tobytes() == original.tobytes()


def test_transparency_is_kept_as_png_and_opaque_alpha_is_dropped() -> None:
    clear = Image.new("RGBA", (30, 20), (255, 0, 0, 0))
    clear.putpixel((3, 3), (0, 255, 0, 255))
    kept = prepare_image(encoded(clear, "PNG"), name="logo.png")
    assert kept.media_type == "image/png"
    assert decoded(kept.data).mode == "RGBA"
    assert decoded(kept.data).getpixel((3, 3)) == (0, 255, 0, 255)
    opaque = prepare_image(encoded(Image.new("RGBA", (30, 20), (9, 9, 9, 255)), "PNG"))
    assert decoded(opaque.data).mode == "RGB"


def test_a_gif_gives_its_first_frame() -> None:
    first = Image.new("RGB", (40, 30), (255, 0, 0))
    second = Image.new("RGB", (40, 30), (0, 0, 255))
    out = io.BytesIO()
    first.save(out, "GIF", save_all=True, append_images=[second], duration=100, loop=0)
    image = prepare_image(out.getvalue(), name="anim.gif")
    red = decoded(image.data).convert("RGB").getpixel((20, 15))
    assert red[0] > 200 and red[2] < 60


def test_exif_orientation_6_arrives_upright_and_metadata_is_gone() -> None:
    original = left_blue_right_red(80, 40)  # as the camera stored it: blue on the left
    image = prepare_image(rotated_jpeg(original, orientation=6), name="phone.jpg")
    out = decoded(image.data).convert("RGB")
    assert out.size == (40, 80)  # turned a quarter clockwise: portrait
    top, bottom = out.getpixel((20, 5)), out.getpixel((20, 75))
    assert top[2] > 200 and top[0] < 60, top  # what was left is now on top
    assert bottom[0] > 200 and bottom[2] < 60, bottom
    assert not decoded(image.data).getexif()
    assert b"Exif" not in image.data and b"GPS" not in image.data


def test_big_photos_are_scaled_to_the_longest_edge() -> None:
    photo = Image.new("RGB", (4000, 3000), (20, 140, 60))
    image = prepare_image(encoded(photo, "JPEG"), name="photo.jpg", max_edge=1024)
    assert (image.width, image.height) == (1024, 768)
    assert decoded(image.data).size == (1024, 768)
    assert image.media_type == "image/jpeg"
    portrait = prepare_image(encoded(Image.new("RGB", (600, 2400)), "PNG"), max_edge=2048)
    assert (portrait.width, portrait.height) == (512, 2048)


def test_a_big_detailed_screenshot_becomes_jpeg() -> None:
    noisy = Image.frombytes("RGB", (1400, 1000), os.urandom(1400 * 1000 * 3))
    image = prepare_image(encoded(noisy, "PNG"), name="noise.png")
    assert image.media_type == "image/jpeg"


def test_the_digest_names_the_data() -> None:
    a = prepare_image(encoded(sharp_pattern(10, 10), "PNG"))
    b = prepare_image(encoded(sharp_pattern(10, 10), "PNG"))
    assert a.digest == b.digest and len(a.digest) == 64


def test_pasted_pixels_are_prepared_like_a_png() -> None:
    original = Image.new("RGBA", (50, 40), (10, 20, 30, 255))
    stride = 50 * 4 + 8  # rows padded, as Qt may hand them over
    rows = b"".join(original.tobytes()[y * 200 : (y + 1) * 200] + b"\0" * 8 for y in range(40))
    image = prepare_pixels(Pixels(rows, 50, 40, stride), name="Pasted image")
    assert image.media_type == "image/png"
    assert decoded(image.data).convert("RGB").getpixel((25, 20)) == (10, 20, 30)


def test_stored_images_keep_their_bytes_and_get_a_thumbnail() -> None:
    data = encoded(sharp_pattern(300, 200), "PNG")
    image = stored_image(data)
    assert image.data == data and (image.width, image.height) == (300, 200)
    assert decoded(image.thumbnail).size == (160, 107)
    with pytest.raises(ImageProblem, match="BMP"):
        stored_image(encoded(sharp_pattern(4, 4), "BMP"))


# -- bad input: every one a clear message ------------------------------------


def test_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.png"
    path.write_bytes(b"")
    with pytest.raises(ImageProblem, match=r"“empty.png” is empty \(0 bytes\)"):
        prepare_file(path)


def test_a_text_file_renamed_png(tmp_path: Path) -> None:
    path = tmp_path / "notes.png"
    path.write_text("shopping list: eggs, milk\n" * 20)
    with pytest.raises(ImageProblem, match=r"not a picture although its name ends in .png"):
        prepare_file(path)


def test_a_corrupt_jpeg(tmp_path: Path) -> None:
    data = encoded(sharp_pattern(400, 300), "JPEG")
    path = tmp_path / "broken.jpg"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(ImageProblem, match=r"“broken.jpg” looks damaged"):
        prepare_file(path)


def test_a_corrupt_png_header() -> None:
    data = bytearray(encoded(sharp_pattern(40, 30), "PNG"))
    data[20:40] = b"\xff" * 20  # the IHDR chunk and its checksum
    with pytest.raises(ImageProblem, match=r"damaged|not a picture"):
        prepare_image(bytes(data), name="bad.png")


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("TIFF", "is a TIFF image; Parley attaches PNG, JPEG, WebP, GIF or BMP"), ("ICO", "icon")],
)
def test_unsupported_formats(kind: str, expected: str) -> None:
    with pytest.raises(ImageProblem, match=expected):
        prepare_image(encoded(sharp_pattern(32, 32), kind), name=f"scan.{kind.lower()}")


def test_svg_and_pdf_say_what_they_are() -> None:
    svg = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10"/>'
    with pytest.raises(ImageProblem, match=r"SVG drawing.*Export it as PNG"):
        prepare_image(svg, name="logo.svg")
    with pytest.raises(ImageProblem, match="PDF document"):
        prepare_image(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", name="page.pdf")


def test_a_100_megapixel_picture_is_refused_before_decoding() -> None:
    huge = Image.new("1", (10_000, 10_000))  # 12 MB in memory; tiny as PNG
    data = encoded(huge, "PNG")
    with pytest.raises(ImageProblem, match=r"10000 × 10000 pixels \(100 megapixels\)"):
        prepare_image(data, name="huge.png")


def test_a_pasted_100_megapixel_picture_is_refused() -> None:
    with pytest.raises(ImageProblem, match="100 megapixels"):
        prepare_pixels(Pixels(b"", 10_000, 10_000, 40_000), name="Pasted image")


def test_a_200_mb_file_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "giant.bmp"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: no disk space used

    def no_reading(self: Path) -> bytes:
        raise AssertionError("the whole file was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(ImageProblem, match=r"“giant.bmp” is 200 MB; images up to 100 MB"):
        prepare_file(path)
    assert path.stat().st_size > MAX_FILE_BYTES


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImageProblem, match="no longer exists"):
        prepare_file(tmp_path / "gone.png")
