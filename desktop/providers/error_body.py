"""What an error body says beyond its message: the ``type`` and ``code`` fields.

OpenAI-style servers answer ``{"error": {"message", "type", "param", "code"}}``;
Anthropic ``{"type": "error", "error": {"type", "message"}}``; LiteLLM the OpenAI shape
with its own types (``no_db_connection``) and the status as a string code; FastAPI
servers ``{"detail": ...}``; Ollama ``{"error": "..."}``. The kinds read here choose the
error class and its advice; the status alone often misleads (a wrong LiteLLM key is a
400, a used-up quota a 429 that waiting does not cure).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

AUTH_KINDS = frozenset(
    {
        "invalid_api_key",
        "authentication_error",
        "invalid_authentication",
        "unauthorized",
        "incorrect_api_key",
        "permission_error",
        "permission_denied",
        "auth_error",
    }
)
KEY_NOT_CHECKED_KINDS = frozenset({"no_db_connection"})
QUOTA_KINDS = frozenset({"insufficient_quota", "billing_hard_limit_reached", "quota_exceeded"})
RATE_KINDS = frozenset({"rate_limit_exceeded", "rate_limit_error", "requests", "tokens"})
MODEL_KINDS = frozenset({"model_not_found", "not_found_error", "deploymentnotfound"})
CONTEXT_KINDS = frozenset({"context_length_exceeded", "string_above_max_length"})
TOO_LARGE_KINDS = frozenset({"request_too_large"})


@dataclass(frozen=True, slots=True)
class ErrorBody:
    """The ``type`` and ``code`` of an error body, lower case (empty when it has none)."""

    kinds: frozenset[str] = frozenset()
    is_json: bool = False

    def any_of(self, kinds: frozenset[str]) -> bool:
        return not self.kinds.isdisjoint(kinds)


def read_error_body(body: bytes | str) -> ErrorBody:
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    try:
        parsed: object = json.loads(text)
    except ValueError:
        return ErrorBody()
    return ErrorBody(kinds=frozenset(error_kinds(parsed)), is_json=True)


def error_kinds(value: object) -> set[str]:
    """The ``type`` and ``code`` strings of an error object (and of its ``error``)."""
    if not isinstance(value, dict):
        return set()
    kinds = {
        str(value[key]).strip().lower()
        for key in ("type", "code")
        if isinstance(value.get(key), str | int) and str(value[key]).strip()
    }
    kinds.discard("error")  # Anthropic's outer {"type": "error"} says nothing
    return kinds | error_kinds(value.get("error"))
