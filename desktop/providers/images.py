"""Attached images as the cloud APIs want them: a media type and base64 text."""

from __future__ import annotations

import base64

from desktop.core.errors import BadRequest
from desktop.core.text import QT_TRANSLATE_NOOP, Text

SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def media_type(image: bytes) -> str:
    """PNG, JPEG, GIF or WebP by their magic bytes; BadRequest for anything else."""
    for signature, kind in SIGNATURES:
        if image.startswith(signature):
            return kind
    if image[:4] == b"RIFF" and image[8:12] == b"WEBP":
        return "image/webp"
    raise BadRequest(
        Text(
            QT_TRANSLATE_NOOP(
                "core",
                "An attached image is not a PNG, JPEG, GIF or WebP file, the formats chat models "
                "accept. Convert it to PNG or JPEG and attach it again.",
            )
        )
    )


def base64_text(image: bytes) -> str:
    return base64.b64encode(image).decode("ascii")


def data_url(image: bytes) -> str:
    """``data:image/png;base64,...`` for OpenAI-style ``image_url`` parts."""
    return f"data:{media_type(image)};base64,{base64_text(image)}"
