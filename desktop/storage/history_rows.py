"""The history's rows as Parley's objects, and back: conversations, messages, stats,
translatable texts; the visible path through a conversation's branches; search excerpts."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from desktop.core.chat_parameters import ChatParameters
from desktop.core.conversation import HIT_END, HIT_START, Conversation, StoredMessage
from desktop.core.events import ChatStats
from desktop.core.messages import MessageState, Role
from desktop.core.text import Text
from desktop.core.tool_steps import ToolRound
from desktop.storage import image_blobs

STATS_FIELDS = frozenset(field.name for field in dataclasses.fields(ChatStats))
SNIPPET_CHARS = 90


def timestamp_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def stats_to_json(stats: ChatStats) -> str:
    return json.dumps(dataclasses.asdict(stats))


def stats_from_json(text: str | None) -> ChatStats | None:
    if not text:
        return None
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict):
        return None
    return ChatStats(**{key: value for key, value in data.items() if key in STATS_FIELDS})


def conversation_from_row(row: sqlite3.Row) -> Conversation:
    return Conversation(
        id=row["id"],
        title=row["title"],
        model=row["model"],
        provider=row["provider"],
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
        system_prompt=row["system_prompt"],
        pinned=bool(row["pinned"]),
        parameters=ChatParameters.from_json(row["parameters"]),
    )


ROLES = {role.value: role for role in Role}
STATES = {state.value: state for state in MessageState}
NO_IMAGES = "[]"


def text_to_json(words: str | Text) -> str | None:
    return json.dumps(words.to_json()) if isinstance(words, Text) and words.translated else None


def text_from_json(data: str | None) -> Text | None:
    if not data:
        return None
    try:
        return Text.from_json(json.loads(data))
    except ValueError:
        return None


MESSAGE_COLUMNS = (
    "id, conversation_id, role, content, state, model, created_at, thinking, stats, error,"
    " error_text, parent_id, images"
)
"""What :func:`message_from_row` reads, in its order."""
LINK_COLUMNS = "id, parent_id, chosen"
"""What :func:`visible_path` reads, in its order."""


def message_from_row(row: Sequence[Any]) -> StoredMessage:
    """A stored message from its row of ``MESSAGE_COLUMNS`` (a dict lookup for role and
    state instead of an Enum call, and no JSON parse for the usual empty image list)."""
    (
        id_,
        conversation_id,
        role,
        content,
        state,
        model,
        created_at,
        thinking,
        stats,
        error,
        error_text,
        parent_id,
        images,
    ) = row
    return StoredMessage(
        id=id_,
        conversation_id=conversation_id,
        role=ROLES[role],
        content=content,
        state=STATES[state],
        model=model,
        created_at=datetime.fromisoformat(created_at),
        thinking=thinking,
        stats=stats_from_json(stats),
        error=error,
        error_text=text_from_json(error_text),
        parent_id=parent_id,
        images=image_blobs.digests(images) if images != NO_IMAGES else (),
    )


def with_rounds(message: StoredMessage, rounds: dict[int, tuple[ToolRound, ...]]) -> StoredMessage:
    found = rounds.get(message.id)
    return dataclasses.replace(message, tool_rounds=found) if found else message


def visible_path(links: Sequence[Sequence[Any]]) -> tuple[list[int], dict[int | None, list[int]]]:
    """The visible path (the most recently chosen child at every step) and all children,
    from rows that start with ``LINK_COLUMNS``."""
    children: dict[int | None, list[int]] = {}
    chosen: dict[int, int] = {}
    for row in links:
        id_ = row[0]
        children.setdefault(row[1], []).append(id_)
        chosen[id_] = row[2]
    path: list[int] = []
    parent: int | None = None
    while kids := children.get(parent):
        parent = kids[0] if len(kids) == 1 else max(kids, key=lambda kid: (chosen[kid], kid))
        path.append(parent)
    return path, children


def plain_snippet(content: str, terms: list[str]) -> str:
    """A short excerpt around the first hit with every term marked (for the LIKE search)."""
    lowered = content.casefold()
    first = min((i for t in terms if (i := lowered.find(t.casefold())) >= 0), default=0)
    start = max(0, first - SNIPPET_CHARS // 3)
    excerpt = content[start : start + SNIPPET_CHARS]
    marked = excerpt
    for term in sorted(terms, key=len, reverse=True):
        out: list[str] = []
        rest = marked
        while (i := rest.casefold().find(term.casefold())) >= 0:
            out += [rest[:i], HIT_START, rest[i : i + len(term)], HIT_END]
            rest = rest[i + len(term) :]
        marked = "".join(out) + rest
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + SNIPPET_CHARS < len(content) else ""
    return prefix + marked + suffix


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
