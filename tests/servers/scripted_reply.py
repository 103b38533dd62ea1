"""What the cloud-protocol test servers answer: scripted text, reasoning and tool calls.

These servers check the protocol, not the model, so their answers are scripted; real
inference is the llama.cpp server's job (tests/servers/llama_server.py). Images sent
to a server are decoded and kept with the media type they were declared as.
"""

from __future__ import annotations

import base64
import binascii
import re
import threading
from collections import deque
from dataclasses import dataclass

from tests.servers.tiny_gguf import DEFAULT_REPLY

PIECE = re.compile(r"\s*\S+")
IMAGE_SIGNATURES = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "image/webp": (b"RIFF",),
}


class InvalidImage(ValueError):
    pass


@dataclass(frozen=True)
class ScriptedCall:
    name: str
    arguments: str
    """JSON text, streamed in small pieces."""
    call_id: str = "call_0"


@dataclass(frozen=True)
class ScriptedReply:
    text: str = DEFAULT_REPLY
    reasoning: str = ""
    reasoning_key: str = "reasoning_content"
    """OpenAI servers only: ``reasoning_content`` (DeepSeek) or ``reasoning`` (Ollama)."""
    tool_calls: tuple[ScriptedCall, ...] = ()
    first_byte_delay: float = 0.0
    """OpenAI servers only: seconds the server works before it sends anything."""
    in_one_write: bool = False
    """OpenAI servers only: every chunk in one write, as a buffering gateway (LiteLLM)
    passes a short answer on."""
    sends_usage: bool = True
    """OpenAI servers only: False ignores stream_options.include_usage (llama-cpp-python)."""
    server_timings_ms: float | None = None
    """OpenAI servers only: the last chunk carries llama.cpp's ``timings`` with this
    generation time (predicted_ms)."""
    interleave_calls: bool = False
    """OpenAI servers only: parallel calls start in one chunk and their argument pieces
    alternate, so only their ``index`` tells them apart."""

    def pieces(self) -> list[str]:
        """The text one word (with its leading space) at a time."""
        return PIECE.findall(self.text)

    def reasoning_pieces(self) -> list[str]:
        return PIECE.findall(self.reasoning)


def argument_pieces(arguments: str, size: int = 4) -> list[str]:
    return [arguments[i : i + size] for i in range(0, len(arguments), size)] or [""]


def count_words(text: str) -> int:
    return len(text.split())


def decode_image(media_type: str, data: str) -> bytes:
    """Strict base64; the bytes must really be the declared kind of image."""
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError) as error:
        raise InvalidImage(f"invalid base64 image data: {error}") from None
    signatures = IMAGE_SIGNATURES.get(media_type)
    if signatures is None:
        raise InvalidImage(f"unsupported image media type {media_type!r}")
    if not raw.startswith(signatures):
        raise InvalidImage(f"Image does not match the provided media type {media_type}")
    return raw


class ReplyQueue:
    """Replies tests queued, taken one per chat request; then the default reply."""

    def __init__(self) -> None:
        self._queue: deque[ScriptedReply] = deque()
        self._lock = threading.Lock()

    def push(self, *replies: ScriptedReply) -> None:
        with self._lock:
            self._queue.extend(replies)

    def take(self) -> ScriptedReply:
        with self._lock:
            return self._queue.popleft() if self._queue else ScriptedReply()
