"""Who a request went to, in words a person recognises, and the server's own words.

Every message about a failed request names the service and its URL (without
credentials, query or fragment), never headers or keys; ``detail`` keeps what the
server said, cut to a readable length.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from desktop.core.text import QT_TRANSLATE_NOOP, Text, text

DETAIL_LIMIT = 500
LITELLM = "litellm"


def display_url(url: str) -> str:
    """``url`` as it may appear in a message: no user:password, no query, no fragment."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))


@dataclass(frozen=True, slots=True)
class Endpoint:
    """Who a request went to, in words a person recognises.

    ``unreachable`` is the whole sentence shown when nothing answers; by default it
    asks to check the network and the URL in Settings.
    """

    service: str
    url: str
    unreachable: str | Text = ""
    key_sent: bool | None = None
    """Whether requests carry an API key (a 401 then means a wrong key, not a missing
    one); None when not known here (Ollama's key rides on its client)."""
    proxy: str = ""
    """The proxy every request goes through, if one is set for this provider."""
    gateway: str = ""
    """The preset's id when its replies need reading of their own (``litellm``)."""

    @property
    def where(self) -> Text:
        """ "{service} at {url}": the service's name is translated when it is a preset's."""
        return text(
            QT_TRANSLATE_NOOP("core", "{service} at {url}"),
            service=Text(self.service),
            url=display_url(self.url),
        )

    def unreachable_message(self) -> str | Text:
        return self.unreachable or text(
            QT_TRANSLATE_NOOP(
                "core",
                "Could not connect to {where}. Check the network connection and the "
                "endpoint URL in Settings.",
            ),
            where=self.where,
        )


def truncate(text: str, limit: int = DETAIL_LIMIT) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def error_text(body: bytes | str) -> str:
    """The server's own error message from a body: JSON ``error``/``message`` or plain text."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    try:
        parsed: object = json.loads(text)
    except ValueError:
        return truncate(text)
    return truncate(_message_in(parsed) or text)


def _message_in(value: object) -> str:
    """Dig the human text out of ``{"error": "..."}``, ``{"error": {"message": ...}}`` etc."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in ("error", "message", "detail"):
            if key in value and (found := _message_in(value[key])):
                return found
    if isinstance(value, list):
        return next((found for item in value if (found := _message_in(item))), "")
    return ""
