"""Turning a picture a person attaches into an image every chat API accepts.

Runs in a worker thread (``asyncio.to_thread``): decoding a 50-megapixel photo takes
a while, and Pillow releases the GIL while it decodes and resizes, so the UI keeps
running. What comes out:

- PNG, JPEG, WebP, GIF (its first frame) and BMP are read; anything else is refused
  with a message that says what the file is and what to do.
- The EXIF orientation is applied, so a phone photo taken upright arrives upright.
- The longest edge is at most ``max_edge`` pixels (JPEGs are decoded at a reduced
  scale straight away, which is what keeps huge photos quick).
- Re-encoded without any metadata (EXIF, GPS, ICC, comments): PNG when the picture has
  transparency, or came from a lossless format and stays small as PNG; JPEG (quality
  90) otherwise.
- Limits guard memory: files over MAX_FILE_BYTES are refused before they are read,
  pictures over MAX_PIXELS before they are decoded (decompression bombs).
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.attachment import ImageAttachment
from desktop.core.errors import ParleyError
from desktop.core.text import QT_TRANSLATE_NOOP, Param, Text, text

if TYPE_CHECKING:
    from PIL import Image

DEFAULT_MAX_EDGE = 2048
MIN_MAX_EDGE = 256
MAX_MAX_EDGE = 8192
MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_PIXELS = 64_000_000
THUMBNAIL_EDGE = 160
PNG_BUDGET = 1_500_000
"""A lossless picture (a screenshot, a diagram) stays PNG while it is at most this big."""
JPEG_QUALITY = 90
THUMBNAIL_QUALITY = 85

READABLE = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WebP", "GIF": "GIF", "BMP": "BMP"}
LOSSLESS = frozenset({"PNG", "GIF", "BMP"})
STORED_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}
FORMAT_NAMES = {"TIFF": "TIFF", "ICO": "Windows icon", "PSD": "Photoshop", "JPEG2000": "JPEG 2000"}
READABLE_LIST = "PNG, JPEG, WebP, GIF or BMP"


@cache
def _set_up_pillow() -> None:
    """Pillow is imported with the first picture, not at startup (it takes ~20 ms)."""
    from PIL import Image

    # Pillow's own bomb check runs when a file is opened; ours (MAX_PIXELS) is stricter and
    # comes right after, before any pixel is decoded. Pillow's warning would only repeat it.
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)


class ImageProblem(ParleyError, ValueError):
    """A picture that cannot be attached; ``text`` says why and what to do."""


@dataclass(frozen=True, slots=True)
class Pixels:
    """Raw 8-bit RGBA rows, as a clipboard hands over a pasted picture."""

    data: bytes
    width: int
    height: int
    stride: int


def _label(name: str) -> Text:
    if name:
        return text(QT_TRANSLATE_NOOP("core", "“{name}”"), name=name)
    return Text(QT_TRANSLATE_NOOP("core", "The pasted image"))


def _problem(template: str, name: str, **params: Param) -> ImageProblem:
    """An ImageProblem whose sentence names the picture as ``{label}``."""
    return ImageProblem(Text(template, {"label": _label(name), **params}))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def _too_big(name: str, size: int) -> ImageProblem:
    return _problem(
        QT_TRANSLATE_NOOP(
            "core",
            "{label} is {size}; images up to {limit} can be attached. Save a smaller copy (for "
            "example as JPEG) and attach that.",
        ),
        name,
        size=_megabytes(size),
        limit=_megabytes(MAX_FILE_BYTES),
    )


def _empty(name: str) -> ImageProblem:
    return _problem(
        QT_TRANSLATE_NOOP("core", "{label} is empty (0 bytes): there is no picture in it."), name
    )


def check_pixels(width: int, height: int, name: str) -> None:
    if width * height > MAX_PIXELS:
        raise _problem(
            QT_TRANSLATE_NOOP(
                "core",
                "{label} is {width} × {height} pixels ({megapixels} megapixels); Parley "
                "attaches pictures of up to {limit} megapixels. Scale it down in an image "
                "editor and attach it again.",
            ),
            name,
            width=width,
            height=height,
            megapixels=f"{width * height / 1e6:.0f}",
            limit=MAX_PIXELS // 1_000_000,
        )


def _not_an_image(data: bytes, name: str) -> ImageProblem:
    head = data[:512].lstrip().lower()
    if head.startswith(b"%pdf"):
        template = QT_TRANSLATE_NOOP(
            "core",
            "{label} is a PDF document, not a picture. Export the page as PNG and attach that.",
        )
        return _problem(template, name)
    if b"<svg" in head or (head.startswith(b"<?xml") and b"svg" in data[:4096].lower()):
        template = QT_TRANSLATE_NOOP(
            "core",
            "{label} is an SVG drawing, which chat models cannot read. Export it as PNG first.",
        )
        return _problem(template, name)
    suffix = Path(name).suffix.lower()
    if suffix:
        template = QT_TRANSLATE_NOOP(
            "core",
            "{label} is not a picture although its name ends in {suffix}: its contents are not "
            "{formats} data. Check that it is the file you meant.",
        )
    else:
        template = QT_TRANSLATE_NOOP(
            "core",
            "{label} is not a picture: its contents are not {formats} data. Check that it is "
            "the file you meant.",
        )
    return _problem(template, name, suffix=suffix, formats=READABLE_LIST)


def _damaged(name: str, error: BaseException) -> ImageProblem:
    detail = str(error).rstrip(".") or type(error).__name__
    return _problem(
        QT_TRANSLATE_NOOP(
            "core",
            "{label} looks damaged: its picture could not be decoded ({detail}). Open it in an "
            "image viewer; if it shows, save it again as PNG or JPEG and attach that.",
        ),
        name,
        detail=Text.plain(detail),
    )


def _open(data: bytes, name: str) -> Image.Image:
    """Reads only the header: the format and the size."""
    if not data:
        raise _empty(name)
    _set_up_pillow()
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as error:
        raise _problem(
            QT_TRANSLATE_NOOP(
                "core",
                "{label} has far too many pixels to attach (over {limit} megapixels). Scale it "
                "down first.",
            ),
            name,
            limit=2 * MAX_PIXELS // 1_000_000,
        ) from error
    except UnidentifiedImageError as error:
        raise _not_an_image(data, name) from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise _damaged(name, error) from error
    if image.format not in READABLE:
        kind = FORMAT_NAMES.get(str(image.format), str(image.format))
        image.close()
        raise _problem(
            QT_TRANSLATE_NOOP(
                "core",
                "{label} is a {kind} image; Parley attaches {formats} pictures. Save it as PNG or "
                "JPEG and attach it again.",
            ),
            name,
            kind=kind,
            formats=READABLE_LIST,
        )
    check_pixels(*image.size, name)
    return image


def _decode(image: Image.Image, max_edge: int, name: str) -> Image.Image:
    """Decoded (a JPEG at the smallest scale still at least ``max_edge``), upright."""
    width, height = image.size
    scale = max_edge / max(width, height)
    if image.format == "JPEG" and scale < 1:
        image.draft("RGB", (math.ceil(width * scale), math.ceil(height * scale)))
    from PIL import Image, ImageOps

    try:
        image.load()
        upright = ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError) as error:
        raise _damaged(name, error) from error
    return upright if upright is not None else image


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def _normalised(image: Image.Image) -> Image.Image:
    """RGB, L or RGBA; transparency only when some pixel really is transparent."""
    if _has_alpha(image):
        rgba = image.convert("RGBA")
        lowest, _highest = rgba.getchannel("A").getextrema()
        return rgba if isinstance(lowest, int | float) and lowest < 255 else rgba.convert("RGB")
    if image.mode in ("RGB", "L"):
        return image
    return image.convert("L" if image.mode in ("1", "I;16", "I", "F") else "RGB")


def _encoded(image: Image.Image, kind: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def _png(image: Image.Image) -> bytes:
    return _encoded(image, "PNG", compress_level=6)


def _jpeg(image: Image.Image, quality: int) -> bytes:
    return _encoded(image, "JPEG", quality=quality)


def _thumbnail(image: Image.Image) -> bytes:
    from PIL import Image

    small = image.copy()
    small.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE), Image.Resampling.LANCZOS)
    if small.mode == "RGBA":
        return _png(small)
    return _jpeg(small, THUMBNAIL_QUALITY)


def _finish(image: Image.Image, source_format: str, max_edge: int, name: str) -> ImageAttachment:
    """Downscale, re-encode without metadata, and make the thumbnail."""
    from PIL import Image

    max_edge = max(MIN_MAX_EDGE, min(max_edge, MAX_MAX_EDGE))
    image = _normalised(image)
    image.thumbnail((max_edge, max_edge), Image.Resampling.LANCZOS, reducing_gap=3.0)
    image.info = {}  # EXIF, ICC, comments, PNG text: none of it is sent
    data = b""
    media_type = "image/png"
    if image.mode == "RGBA" or source_format in LOSSLESS:
        data = _png(image)
    if not data or (image.mode != "RGBA" and len(data) > PNG_BUDGET):
        data, media_type = _jpeg(image, JPEG_QUALITY), "image/jpeg"
    return ImageAttachment(
        data=data,
        media_type=media_type,
        width=image.width,
        height=image.height,
        thumbnail=_thumbnail(image),
        name=name,
    )


def prepare_image(
    data: bytes, *, name: str = "", max_edge: int = DEFAULT_MAX_EDGE
) -> ImageAttachment:
    """The encoded picture ``data`` made ready to send; ImageProblem says what is wrong."""
    if len(data) > MAX_FILE_BYTES:
        raise _too_big(name, len(data))
    with _open(data, name) as image:
        source_format = str(image.format)
        decoded = _decode(image, max_edge, name)
        return _finish(decoded, source_format, max_edge, name)


def prepare_file(path: Path, *, max_edge: int = DEFAULT_MAX_EDGE) -> ImageAttachment:
    """The picture in ``path``; its size is checked before a byte of it is read."""
    name = path.name
    try:
        if path.is_dir():
            raise _problem(QT_TRANSLATE_NOOP("core", "{label} is a folder, not a picture."), name)
        size = path.stat().st_size
        if size == 0:
            raise _empty(name)
        if size > MAX_FILE_BYTES:
            raise _too_big(name, size)
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise _problem(
            QT_TRANSLATE_NOOP("core", "{label} no longer exists at {folder}."),
            name,
            folder=Text.plain(str(path.parent)),
        ) from error
    except PermissionError as error:
        raise _problem(
            QT_TRANSLATE_NOOP(
                "core",
                "Parley may not read {label}: permission denied. Copy it somewhere you can read, "
                "then attach the copy.",
            ),
            name,
        ) from error
    except OSError as error:
        raise _problem(
            QT_TRANSLATE_NOOP("core", "{label} could not be read: {reason}."),
            name,
            reason=Text.plain(str(error.strerror)),
        ) from error
    return prepare_image(data, name=name, max_edge=max_edge)


def prepare_pixels(
    pixels: Pixels, *, name: str = "", max_edge: int = DEFAULT_MAX_EDGE
) -> ImageAttachment:
    """A pasted picture (raw RGBA rows), treated like a lossless file."""
    if pixels.width <= 0 or pixels.height <= 0:
        raise _empty(name)
    check_pixels(pixels.width, pixels.height, name)
    if len(pixels.data) < pixels.stride * pixels.height or pixels.stride < 4 * pixels.width:
        raise _problem(
            QT_TRANSLATE_NOOP("core", "{label} is incomplete: the clipboard held too few pixels."),
            name,
        )
    _set_up_pillow()
    from PIL import Image

    image = Image.frombuffer(
        "RGBA", (pixels.width, pixels.height), pixels.data, "raw", "RGBA", pixels.stride, 1
    )
    return _finish(image, "PNG", max_edge, name)


def stored_image(data: bytes, *, name: str = "") -> ImageAttachment:
    """An already prepared image (from an export) checked and given its thumbnail.

    The bytes are kept as they are; they must be a PNG, JPEG, WebP or GIF picture.
    """
    with _open(data, name) as image:
        source_format = str(image.format)
        media_type = STORED_TYPES.get(source_format)
        if media_type is None:
            raise _problem(
                QT_TRANSLATE_NOOP("core", "{label} is a {kind} image, not PNG or JPEG."),
                name,
                kind=source_format,
            )
        try:
            image.load()
        except (OSError, SyntaxError, ValueError, EOFError) as error:
            raise _damaged(name, error) from error
        shown = _normalised(image)
        return ImageAttachment(
            data=data,
            media_type=media_type,
            width=image.width,
            height=image.height,
            thumbnail=_thumbnail(shown),
            name=name,
        )
