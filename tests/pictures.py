"""Test pictures made with Pillow on the fly (no image files in the repository)."""

from __future__ import annotations

import io

from PIL import Image

BLUE = (0, 0, 255)
RED = (255, 0, 0)


def encoded(image: Image.Image, kind: str, **options: object) -> bytes:
    out = io.BytesIO()
    if kind in ("JPEG", "BMP") and image.mode == "RGBA":
        image = image.convert("RGB")
    image.save(out, kind, **options)
    return out.getvalue()


def left_blue_right_red(width: int, height: int) -> Image.Image:
    """Blue on the left quarter, red elsewhere: orientation shows at a glance."""
    image = Image.new("RGB", (width, height), RED)
    image.paste(BLUE, (0, 0, width // 4, height))
    return image


def sharp_pattern(width: int, height: int) -> Image.Image:
    """A deterministic pattern with hard edges; a lossy round trip would change it."""
    image = Image.new("RGB", (width, height))
    image.putdata(
        [
            ((x * 37) % 256, (y * 59) % 256, ((x ^ y) * 13) % 256)
            for y in range(height)
            for x in range(width)
        ]
    )
    return image


def rotated_jpeg(image: Image.Image, orientation: int) -> bytes:
    """``image`` stored as a JPEG whose EXIF asks viewers to rotate it (6: 90° clockwise),
    with a GPS tag that must not be sent anywhere."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[2] = (52.0, 31.0, 12.0)
    return encoded(image, "JPEG", exif=exif, quality=95)
