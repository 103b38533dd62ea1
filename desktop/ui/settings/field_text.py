"""Reading and writing the settings page's free-text fields (headers, lists, URLs).

Problems come back as sentences the page shows next to the field; nothing here is Qt.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
RESERVED_HEADERS = {"authorization", "api-key", "x-api-key", "host", "content-length"}


def parse_headers(text: str) -> dict[str, str]:
    """``Name: value`` per line; ValueError names the line that is wrong."""
    headers: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, colon, value = line.partition(":")
        name = name.strip()
        if not colon or not HEADER_NAME.fullmatch(name):
            raise ValueError(
                f"Custom headers, line {number}: write one header per line as "
                "“Name: value” (letters, digits and - in the name)."
            )
        if name.lower() in RESERVED_HEADERS:
            raise ValueError(
                f"Custom headers, line {number}: {name} is set by Parley itself; put an API "
                "key in the API key field, where it is kept in the system keyring."
            )
        headers[name] = value.strip()
    return headers


def format_headers(headers: dict[str, str]) -> str:
    return "\n".join(f"{name}: {value}" for name, value in headers.items())


def split_list(text: str) -> list[str]:
    """Comma- or newline-separated names, blanks dropped, order kept, no repeats."""
    seen: dict[str, None] = {}
    for part in re.split(r"[,\n]", text):
        if part.strip():
            seen.setdefault(part.strip(), None)
    return list(seen)


def url_problem(url: str, what: str, *, schemes: tuple[str, ...] = ("http", "https")) -> str:
    """Why ``url`` cannot be used (a sentence naming ``what``), or "" when it is fine."""
    text = url.strip()
    if not text:
        return f"{what} is empty. Enter an address like https://api.example.com/v1."
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return f"{what} ({text}) is not a valid URL: check the port and brackets."
    if parts.scheme.lower() not in schemes:
        allowed = " or ".join(f"{scheme}://" for scheme in schemes)
        return f"{what} ({text}) must start with {allowed}."
    if not parts.hostname:
        return f"{what} ({text}) has no host name after {parts.scheme}://."
    if port == 0:
        return f"{what} ({text}) has port 0; use a port from 1 to 65535."
    if any(char.isspace() for char in text):
        return f"{what} ({text}) contains spaces."
    return ""
