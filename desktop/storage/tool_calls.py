"""An answer's tool rounds and calls in the history database (schema step ``_add_tool_calls``).

Each round and each change of a call is one short write, committed at once: a SIGKILL
during a round leaves the calls made so far, and what had become of them, on disk.
These helpers run inside the caller's lock and transaction (history.py).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence

from desktop.core.attachment import ImageAttachment
from desktop.core.tool_steps import ToolOutcome, ToolRound, ToolStep
from desktop.core.tools import tool_call
from desktop.storage import image_blobs

_OUTCOMES = {outcome.value: outcome for outcome in ToolOutcome}


def save_round(conn: sqlite3.Connection, message_id: int, round_: ToolRound) -> None:
    """The round and its calls as they are now (replacing an earlier save of it)."""
    conn.execute(
        "INSERT OR REPLACE INTO tool_rounds (message_id, number, text_end, thinking_end,"
        " signature) VALUES (?, ?, ?, ?, ?)",
        (message_id, round_.number, round_.text_end, round_.thinking_end, round_.signature),
    )
    for position, step in enumerate(round_.steps):
        save_step(conn, message_id, round_.number, position, step)


def save_step(
    conn: sqlite3.Connection,
    message_id: int,
    round_number: int,
    position: int,
    step: ToolStep,
    images: Sequence[ImageAttachment] = (),
) -> None:
    """One call as it is now; ``images``: the pictures its result brought (stored once)."""
    digests = image_blobs.save_images(conn, images) if images else json.dumps(list(step.images))
    call = step.call
    conn.execute(
        "INSERT OR REPLACE INTO tool_calls (message_id, round, position, call_id, name,"
        " raw_arguments, call_index, server, outcome, arguments, content, is_error, images,"
        " duration, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            message_id,
            round_number,
            position,
            call.call_id,
            call.name,
            call.raw_arguments,
            call.index,
            step.server,
            step.outcome.value,
            None
            if step.arguments is None
            else json.dumps(dict(step.arguments), ensure_ascii=False),
            None if step.content is None else json.dumps(step.content, ensure_ascii=False),
            int(step.is_error),
            digests,
            step.duration,
            step.reason,
        ),
    )


def _json(text: str | None) -> object:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def _step(row: sqlite3.Row) -> ToolStep:
    arguments = _json(row["arguments"])
    return ToolStep(
        call=tool_call(row["name"], row["raw_arguments"], row["call_id"], row["call_index"]),
        server=row["server"],
        outcome=_OUTCOMES.get(row["outcome"], ToolOutcome.NOT_RUN),
        arguments=arguments if isinstance(arguments, dict) else None,
        content=_json(row["content"]),
        is_error=bool(row["is_error"]),
        images=image_blobs.digests(row["images"]),
        duration=row["duration"],
        reason=row["reason"],
    )


_OF_MESSAGES = "SELECT value FROM json_each(?)"
_OF_CONVERSATION = "SELECT id FROM messages WHERE conversation_id = ?"


def rounds_of_messages(
    conn: sqlite3.Connection, message_ids: Iterable[int]
) -> dict[int, tuple[ToolRound, ...]]:
    """The rounds of those messages that have any."""
    return _load(conn, _OF_MESSAGES, json.dumps(list(message_ids)))


def rounds_of_conversation(
    conn: sqlite3.Connection, conversation_id: int
) -> dict[int, tuple[ToolRound, ...]]:
    """The rounds of a conversation's messages (one indexed query when it has none)."""
    return _load(conn, _OF_CONVERSATION, conversation_id)


def _load(conn: sqlite3.Connection, which: str, value: object) -> dict[int, tuple[ToolRound, ...]]:
    rounds = conn.execute(
        f"SELECT * FROM tool_rounds WHERE message_id IN ({which}) ORDER BY message_id, number",
        (value,),
    ).fetchall()
    if not rounds:
        return {}
    calls = conn.execute(
        f"SELECT * FROM tool_calls WHERE message_id IN ({which})"
        " ORDER BY message_id, round, position",
        (value,),
    ).fetchall()
    steps: dict[tuple[int, int], list[ToolStep]] = {}
    for row in calls:
        steps.setdefault((row["message_id"], row["round"]), []).append(_step(row))
    found: dict[int, list[ToolRound]] = {}
    for row in rounds:
        key = (row["message_id"], row["number"])
        found.setdefault(row["message_id"], []).append(
            ToolRound(
                row["number"],
                row["text_end"],
                row["thinking_end"],
                row["signature"],
                tuple(steps.get(key, ())),
            )
        )
    return {message_id: tuple(kept) for message_id, kept in found.items()}


def mark_interrupted(conn: sqlite3.Connection) -> int:
    """Calls left waiting or running by a crash or kill: interrupted (how many)."""
    cursor = conn.execute(
        f"UPDATE tool_calls SET outcome = '{ToolOutcome.INTERRUPTED.value}'"
        f" WHERE outcome IN ('{ToolOutcome.ASKING.value}', '{ToolOutcome.RUNNING.value}')"
    )
    return cursor.rowcount
