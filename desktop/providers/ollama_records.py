"""Ollama's JSON turned into typed records and events.

Lenient about what is missing (older servers omit newer fields), strict about what
comes out: every field has the declared type whatever the server sent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import datetime

from desktop.core.errors import ProtocolError
from desktop.core.events import ChatEvent, ChatStats, TextDelta, ThinkingDelta, ToolCall
from desktop.core.model_records import LocalModel, ModelDetails, PullProgress, RunningModel
from desktop.core.text import QT_TRANSLATE_NOOP, Text
from desktop.core.tools import tool_call

Json = Mapping[str, object]

# RFC 3339 with up to nanoseconds (Go's RFC3339Nano); the fraction is cut to microseconds.
TIMESTAMP = re.compile(
    r"(?P<base>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(?P<fraction>\d+))?"
    r"(?P<zone>[Zz]|[+-]\d\d:\d\d)"
)
GO_ZERO_YEAR = 1


def parse_timestamp(value: object) -> datetime | None:
    """A timezone-aware datetime, or None when absent, unreadable or Go's zero time."""
    if not isinstance(value, str):
        return None
    match = TIMESTAMP.fullmatch(value.strip())
    if match is None:
        return None
    fraction = (match["fraction"] or "")[:6].ljust(6, "0")
    zone = "+00:00" if match["zone"] in ("Z", "z") else match["zone"]
    try:
        parsed = datetime.fromisoformat(f"{match['base']}.{fraction}{zone}")
    except ValueError:
        return None
    return None if parsed.year == GO_ZERO_YEAR else parsed


def text(record: Json, key: str) -> str:
    value = record.get(key)
    return value if isinstance(value, str) else ""


def integer(record: Json, key: str) -> int | None:
    value = record.get(key)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def texts(record: Json, key: str) -> tuple[str, ...]:
    value = record.get(key)
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, str))


def mapping(record: Json, key: str) -> dict[str, object]:
    value = record.get(key)
    return dict(value) if isinstance(value, dict) else {}


def model_list(body: Json) -> list[Json]:
    """The ``models`` array of /api/tags or /api/ps."""
    models = body.get("models")
    if models is None:
        return []
    if not isinstance(models, list):
        raise ProtocolError(
            Text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "Ollama's model list is not a list. Check that the Ollama host in Settings "
                    "points at Ollama.",
                )
            ),
            detail=_excerpt(body),
        )
    return [entry for entry in models if isinstance(entry, dict)]


def _name(record: Json) -> str:
    name = text(record, "name") or text(record, "model")
    if not name:
        raise ProtocolError(
            Text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "Ollama listed a model without a name. Update Ollama, or check that the host "
                    "in Settings points at Ollama.",
                )
            ),
            detail=_excerpt(record),
        )
    return name


def local_model(record: Json) -> LocalModel:
    details = mapping(record, "details")
    return LocalModel(
        name=_name(record),
        size=integer(record, "size") or 0,
        digest=text(record, "digest"),
        modified_at=parse_timestamp(record.get("modified_at")),
        family=text(details, "family"),
        families=texts(details, "families"),
        parameter_size=text(details, "parameter_size"),
        quantization=text(details, "quantization_level"),
        format=text(details, "format"),
        capabilities=texts(record, "capabilities"),
    )


def running_model(record: Json) -> RunningModel:
    details = mapping(record, "details")
    return RunningModel(
        name=_name(record),
        size=integer(record, "size") or 0,
        size_vram=integer(record, "size_vram") or 0,
        digest=text(record, "digest"),
        expires_at=parse_timestamp(record.get("expires_at")),
        context_length=integer(record, "context_length"),
        parameter_size=text(details, "parameter_size"),
        quantization=text(details, "quantization_level"),
    )


def model_details(name: str, record: Json) -> ModelDetails:
    details = mapping(record, "details")
    return ModelDetails(
        name=name,
        capabilities=texts(record, "capabilities"),
        family=text(details, "family"),
        parameter_size=text(details, "parameter_size"),
        quantization=text(details, "quantization_level"),
        format=text(details, "format"),
        parameters=text(record, "parameters"),
        template=text(record, "template"),
        system=text(record, "system"),
        license=text(record, "license"),
        modelfile=text(record, "modelfile"),
        parent_model=text(details, "parent_model"),
        modified_at=parse_timestamp(record.get("modified_at")),
        model_info=mapping(record, "model_info"),
    )


def pull_progress(record: Json) -> PullProgress:
    return PullProgress(
        status=text(record, "status"),
        digest=text(record, "digest"),
        total=integer(record, "total") or 0,
        completed=integer(record, "completed") or 0,
    )


PLAIN_MESSAGE = frozenset({"role", "content"})


def plain_text(records: Sequence[Json]) -> str | None:
    """The text of chat chunks that carry nothing but text (nearly all of them), read
    in one pass; None if any carries more or ends the answer (read those one by one)."""
    texts = [
        message["content"]
        for record in records
        if isinstance(message := record.get("message"), dict)
        and message.keys() == PLAIN_MESSAGE
        and not record.get("done")
    ]
    if len(texts) != len(records) or not all(isinstance(text, str) for text in texts):
        return None
    return "".join(texts)


def chat_deltas(record: Json) -> list[ChatEvent]:
    """The thinking, text and tool calls carried by one chat chunk (empty parts skipped)."""
    message = record.get("message")  # read once per token: not copied as mapping() would
    if not isinstance(message, dict):
        return []
    events: list[ChatEvent] = []
    if thinking := text(message, "thinking"):
        events.append(ThinkingDelta(thinking))
    if content := text(message, "content"):
        events.append(TextDelta(content))
    calls = message.get("tool_calls")
    for position, call in enumerate(calls if isinstance(calls, list) else []):
        if isinstance(call, dict):
            events.append(_tool_call(call, position))
    return events


def _tool_call(call: Json, position: int) -> ToolCall:
    """Arguments are an object (a string from some servers); older servers send no id or
    ``function.index``, so the call's place in its chunk stands in."""
    function = mapping(call, "function")
    arguments = function.get("arguments")
    raw = arguments if isinstance(arguments, str | dict) else {}
    index = integer(function, "index")
    return tool_call(
        text(function, "name"), raw, text(call, "id"), position if index is None else index
    )


def chat_stats(record: Json, first_token_seconds: float | None) -> ChatStats:
    """Statistics of the final chat chunk; Ollama's nanoseconds become seconds."""
    return ChatStats(
        prompt_tokens=integer(record, "prompt_eval_count"),
        completion_tokens=integer(record, "eval_count"),
        total_seconds=_seconds(record, "total_duration"),
        load_seconds=_seconds(record, "load_duration"),
        prompt_eval_seconds=_seconds(record, "prompt_eval_duration"),
        eval_seconds=_seconds(record, "eval_duration"),
        first_token_seconds=first_token_seconds,
    )


def _seconds(record: Json, key: str) -> float | None:
    nanoseconds = integer(record, key)
    return None if nanoseconds is None else nanoseconds / 1e9


def _excerpt(value: object) -> str:
    encoded = json.dumps(value, default=str)
    return encoded if len(encoded) <= 300 else encoded[:299] + "…"
