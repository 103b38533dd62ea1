"""An image attached to a message, ready to send and to keep."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}


@dataclass(frozen=True, slots=True)
class ImageAttachment:
    """Encoded image bytes (``media_type``), their size in pixels and a small preview.

    ``digest`` (sha256 of ``data``) names the image in the history, so the same picture
    attached twice is kept once.
    """

    data: bytes
    media_type: str
    width: int
    height: int
    thumbnail: bytes
    """A small PNG or JPEG for thumbnails in the draft and the history."""
    name: str = ""
    """Where it came from (a file name), for messages; not stored."""
    digest: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "digest", hashlib.sha256(self.data).hexdigest())

    @property
    def extension(self) -> str:
        return EXTENSIONS.get(self.media_type, "bin")
