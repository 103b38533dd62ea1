"""Check that a file is a whole GGUF model, and hash it, before anything is uploaded.

:func:`check_gguf` reads the header (magic, version, metadata, tensor descriptions) and
works out where the last tensor's bytes must end; a file shorter than that was cut off
(a download that stopped, a copy that failed). :func:`hash_file` computes the sha256
Ollama names blobs by, in large reads (hashlib releases the GIL while it works), so it
runs in a worker thread while the UI stays responsive, with progress and a Cancel.
"""

from __future__ import annotations

import hashlib
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from desktop.core.errors import ParleyError
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text

MAGIC = b"GGUF"
HASH_CHUNK = 8 * 1024 * 1024

# ggml type id -> (bytes per block, values per block), from ggml's type traits.
_BLOCKS: dict[int, tuple[int, int]] = {
    0: (4, 1), 1: (2, 1), 2: (18, 32), 3: (20, 32), 6: (22, 32), 7: (24, 32),
    8: (34, 32), 10: (84, 256), 11: (110, 256), 12: (144, 256),
    13: (176, 256), 14: (210, 256), 15: (292, 256), 16: (66, 256), 17: (74, 256),
    18: (98, 256), 19: (50, 256), 20: (18, 32), 21: (110, 256), 22: (82, 256),
    23: (136, 256), 24: (1, 1), 25: (2, 1), 26: (4, 1), 27: (8, 1), 28: (8, 1),
    29: (56, 256), 30: (2, 1), 34: (54, 256), 35: (66, 256), 39: (17, 32),
}  # fmt: skip
# GGUF metadata value type -> struct format of a scalar (8: string, 9: array).
_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?",
            10: "<Q", 11: "<q", 12: "<d"}  # fmt: skip
_STRING, _ARRAY = 8, 9


class GgufProblem(ParleyError, ValueError):
    """The file cannot be imported as a model; the message says why, for the person."""


class HashCancelled(Exception):
    """:func:`hash_file` stopped because its cancel event was set."""


@dataclass(frozen=True, slots=True)
class GgufSummary:
    version: int
    tensor_count: int
    metadata: dict[str, object]
    expected_size: int
    """Bytes the file must have to hold every tensor the header describes."""

    @property
    def architecture(self) -> str:
        value = self.metadata.get("general.architecture")
        return value if isinstance(value, str) else ""


class _Truncated(Exception):
    pass


def check_gguf(path: Path) -> GgufSummary:
    """The file's header, or GgufProblem if it is not GGUF or is shorter than it says."""
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            summary = _read_header(stream, path.name)
    except _Truncated:
        raise _truncated(path.name) from None
    except OSError as error:
        raise GgufProblem(
            text(
                QT_TRANSLATE_NOOP("core", "{file} cannot be read: {reason}"),
                file=path.name,
                reason=error.strerror or str(error),
            ),
            detail=str(error),
        ) from error
    if size < summary.expected_size:
        raise _truncated(path.name, f"{size} of {summary.expected_size} bytes")
    return summary


def _read_header(stream: BinaryIO, name: str) -> GgufSummary:
    def read(count: int) -> bytes:
        data = stream.read(count)
        if len(data) < count:
            raise _Truncated
        return data

    def unpack(fmt: str) -> object:
        value: object = struct.unpack(fmt, read(struct.calcsize(fmt)))[0]
        return value

    def read_int(fmt: str) -> int:
        value = unpack(fmt)
        assert isinstance(value, int)
        return value

    def string() -> str:
        return read(read_int("<Q")).decode("utf-8", "replace")

    def value(kind: int) -> object:
        if kind == _STRING:
            return string()
        if kind == _ARRAY:
            item_kind, count = read_int("<I"), read_int("<Q")
            items = [value(item_kind) for _ in range(count)]
            return items if count <= 64 else len(items)
        fmt = _SCALARS.get(kind)
        if fmt is None:
            raise GgufProblem(_not_gguf(name), detail=f"unknown metadata type {kind}")
        return unpack(fmt)

    head = stream.read(4)
    if head != MAGIC:
        raise GgufProblem(_not_gguf(name), detail=f"starts with {head!r}, not {MAGIC!r}")
    version = read_int("<I")
    if version not in (2, 3):
        raise GgufProblem(_not_gguf(name), detail=f"GGUF version {version}")
    tensor_count, kv_count = read_int("<Q"), read_int("<Q")
    metadata: dict[str, object] = {}
    for _ in range(kv_count):
        key = string()
        metadata[key] = value(read_int("<I"))
    end = 0
    for _ in range(tensor_count):
        string()
        dims = [read_int("<Q") for _ in range(read_int("<I"))]
        kind, offset = read_int("<I"), read_int("<Q")
        count = 1
        for dim in dims:
            count *= dim
        block_bytes, block_values = _BLOCKS.get(kind, (0, 1))
        end = max(end, offset + count // block_values * block_bytes)
    alignment = metadata.get("general.alignment", 32)
    align = alignment if isinstance(alignment, int) and alignment > 0 else 32
    data_start = -(-stream.tell() // align) * align
    return GgufSummary(version, tensor_count, metadata, data_start + end)


def _not_gguf(name: str) -> Text:
    return text(
        QT_TRANSLATE_NOOP(
            "core",
            "{file} is not a GGUF model file. Ollama imports models in GGUF format "
            "(files ending in .gguf, as found on Hugging Face).",
        ),
        file=name,
    )


def _truncated(name: str, detail: str = "the header ends early") -> GgufProblem:
    return GgufProblem(
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "{file} is incomplete: the file ends before the model's data does. "
                "Download or copy it again.",
            ),
            file=name,
        ),
        detail=detail,
    )


def hash_file(
    path: Path,
    progress: Callable[[int], None] | None = None,
    cancel: threading.Event | None = None,
) -> str:
    """``sha256:<hex>`` of the file; ``progress(bytes_done)`` after every chunk.

    Blocking: call it through ``asyncio.to_thread``. Raises HashCancelled once ``cancel``
    is set.
    """
    digest = hashlib.sha256()
    buffer = bytearray(HASH_CHUNK)
    view = memoryview(buffer)
    done = 0
    with path.open("rb", buffering=0) as stream:
        while count := stream.readinto(buffer):
            if cancel is not None and cancel.is_set():
                raise HashCancelled
            digest.update(view[:count])
            done += count
            if progress is not None:
                progress(done)
    return "sha256:" + digest.hexdigest()
