"""Chatbox's backup (Settings → General → Export data → the .json it writes).

Shape (from chatboxai/chatbox's source at 0d3139e5bf16, April 2026:
src/renderer/routes/settings/general.tsx ``onExport``, src/renderer/storage/StoreStorage.ts
``StorageKey``, src/shared/types/session.ts ``SessionSchema``/``MessageSchema``,
src/renderer/stores/session/forks.ts): one JSON object holding the app's storage keys —
``settings``, ``chat-sessions-list`` (``[{id, name, type, …}]``), one ``session:<id>`` per
conversation (older versions: every session inline in ``chat-sessions``), ``configVersion``
and ``__exported_items`` / ``__exported_at``. A session is ``{id, name, type, messages,
threads: [{id, name, messages, createdAt}], messageForksHash: {message id: {position,
lists: [{id, messages}]}}}``; a message is ``{id, role, contentParts: [{type: text | image
| reasoning | info | tool-call, …}], timestamp (ms), model, reasoningContent (older),
content (older still), pictures (older)}``.

Forks: the messages after a fork point in ``messages`` are the shown list; the other
``lists`` are the other tails from that point (``position`` is the shown one). They become
Parley branches. An earlier thread of a session (its context was cleared) becomes a
conversation of its own. Pictures live in the app's blob store, not in the export, unless
the storage key's value is a ``data:`` URL in the file; otherwise the note says so.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from desktop.core.image_preparation import ImageProblem, stored_image
from desktop.core.messages import Role
from desktop.importers.chatgpt import shape_problem
from desktop.importers.model import ReadConversation
from desktop.importers.tree import Node, build, moment, note

KNOWN_CONFIG_VERSION = 14
"""``configVersion`` of the newest Chatbox whose shape Parley was written against."""
_ROLES = {"user": Role.USER, "assistant": Role.ASSISTANT, "system": Role.SYSTEM, "tool": Role.TOOL}
_DATA_URL = re.compile(r"^data:(image/[\w.+-]+);base64,(.*)$", re.S)


def looks_like(item: object) -> bool:
    return isinstance(item, dict) and (
        "__exported_items" in item
        or "chat-sessions-list" in item
        or (isinstance(item.get("chat-sessions"), list) and "settings" in item)
    )


def version(backup: dict[str, Any]) -> int | None:
    value = backup.get("configVersion")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def sessions(backup: dict[str, Any]) -> Iterator[object]:
    """Each session of the backup, in the list's order (then any not in the list)."""
    seen: set[str] = set()
    listed = backup.get("chat-sessions-list")
    inline = backup.get("chat-sessions")
    for meta in listed if isinstance(listed, list) else []:
        key = str(meta.get("id")) if isinstance(meta, dict) else ""
        if key and key not in seen and f"session:{key}" in backup:
            seen.add(key)
            yield backup[f"session:{key}"]
    for session in inline if isinstance(inline, list) else []:
        key = str(session.get("id")) if isinstance(session, dict) else ""
        if key not in seen:
            seen.add(key)
            yield session
    for name, value in backup.items():
        if name.startswith("session:") and name[8:] not in seen:
            seen.add(name[8:])
            yield value


class _Reader:
    def __init__(self, backup: dict[str, Any], decode: bool) -> None:
        self.backup = backup
        self.decode = decode
        self.notes: list[str] = []
        self.images = 0
        self.forks: dict[str, Any] = {}

    def picture(self, node: Node, storage_key: str) -> None:
        self.images += 1
        value = self.backup.get(storage_key) if storage_key else None
        found = _DATA_URL.match(value) if isinstance(value, str) else None
        if found is None:
            self.notes.append("picture not in the export")
            node.content.append(note("picture not in the export", storage_key or "?"))
            return
        if not self.decode:
            return
        try:
            node.images.append(stored_image(base64.b64decode(found.group(2)), name="image"))
        except (binascii.Error, ImageProblem, ValueError) as error:
            self.notes.append("picture that could not be read")
            node.content.append(note(f"picture that could not be read: {error}", storage_key))

    def node(self, raw: object, parent: str | None, number: int) -> Node | None:
        if not isinstance(raw, dict):
            self.notes.append("message that is not an object")
            return None
        key = str(raw.get("id") or f"#{number}")
        role = _ROLES.get(str(raw.get("role")))
        node = Node(key, parent, role or Role.ASSISTANT)
        node.created_at = moment(raw.get("timestamp"))
        node.model = str(raw.get("model") or "") if role is Role.ASSISTANT else ""
        if role is None:
            self.notes.append(f"message from “{raw.get('role')}”")
            node.content.append(note(f"message from “{raw.get('role')}”", raw))
            return node
        parts = raw.get("contentParts")
        if isinstance(raw.get("reasoningContent"), str):
            node.thinking.append(raw["reasoningContent"])
        if isinstance(parts, list):
            for part in parts:
                self.part(node, part)
        elif isinstance(raw.get("content"), str):  # before contentParts
            node.content.append(raw["content"])
        else:
            self.notes.append("content that is not text")
            node.content.append(note("content that is not text", raw.get("contentParts")))
        for picture in raw.get("pictures") or []:  # before image parts
            if isinstance(picture, dict):
                self.picture(node, str(picture.get("storageKey") or picture.get("url") or ""))
        for file in raw.get("files") or []:
            name = str(file.get("name") if isinstance(file, dict) else file)
            self.notes.append(f"file {name}")
            node.content.append(note(f"file {name}", file))
        if raw.get("error"):
            node.content.append(note("error", str(raw["error"])))
        return node

    def part(self, node: Node, part: object) -> None:
        found: dict[str, Any] = part if isinstance(part, dict) else {}
        kind = found.get("type")
        if kind == "text" and isinstance(found.get("text"), str):
            node.content.append(found["text"])
        elif kind == "reasoning" and isinstance(found.get("text"), str):
            node.thinking.append(found["text"])
        elif kind == "image":
            self.picture(node, str(found.get("storageKey") or ""))
        else:
            what = f"{kind} part" if isinstance(kind, str) else "part of another kind"
            self.notes.append(what)
            node.content.append(note(what, part))

    def chain(self, messages: list[Any], parent: str | None, nodes: list[Node]) -> None:
        """One list of messages after ``parent``, and the other tails of its fork points."""
        for number, raw in enumerate(messages):
            node = self.node(raw, parent, len(nodes) + number)
            if node is None:
                continue
            nodes.append(node)
            parent = node.key
            fork = self.forks.pop(node.key, None)
            lists = fork.get("lists") if isinstance(fork, dict) else None
            if not isinstance(lists, list):
                continue
            shown = fork.get("position")
            for index, tail in enumerate(lists):
                other = tail.get("messages") if isinstance(tail, dict) else None
                if index != shown and isinstance(other, list) and other:
                    self.chain(other, node.key, nodes)


def read(session: object, backup: dict[str, Any], decode: bool) -> list[ReadConversation]:
    """The session's conversation, and one per earlier thread of it."""
    if not isinstance(session, dict):
        return [ReadConversation("Chatbox", None, problem=shape_problem("session"))]
    title = str(session.get("name") or "") or "Chatbox chat"
    key = str(session.get("id") or "")
    messages = session.get("messages")
    if not isinstance(messages, list):
        return [ReadConversation(title, None, problem=shape_problem("messages"))]
    if session.get("type") == "picture":
        title = f"{title} (pictures)"
    result = []
    for number, thread in enumerate(session.get("threads") or []):
        if isinstance(thread, dict) and isinstance(thread.get("messages"), list):
            name = f"{title} — {thread.get('name') or number + 1}"
            thread_key = f"{key}:{thread.get('id') or number}" if key else ""
            tail = thread["messages"]
            result.append(_conversation(name, thread_key, tail, session, backup, decode))
    result.append(_conversation(title, key, messages, session, backup, decode))
    return result


def _conversation(
    title: str,
    key: str,
    messages: list[Any],
    session: dict[str, Any],
    backup: dict[str, Any],
    decode: bool,
) -> ReadConversation:
    reader = _Reader(backup, decode)
    forks = session.get("messageForksHash")
    reader.forks = dict(forks) if isinstance(forks, dict) else {}
    nodes: list[Node] = []
    reader.chain(messages, None, nodes)
    times = [node.created_at for node in nodes if node.created_at is not None]
    created = min(times) if times else datetime.now(UTC)
    updated = max(times) if times else created
    shown = next((str(raw.get("id")) for raw in reversed(messages) if isinstance(raw, dict)), None)
    built = build(nodes, shown, created)
    settings = session.get("settings")
    system = ""
    if isinstance(settings, dict) and isinstance(settings.get("systemPrompt"), str):
        system = settings["systemPrompt"]
    conversation = built.conversation(
        title, created, updated, f"chatbox:{key}" if key else "", system
    )
    return ReadConversation(title, conversation, tuple(reader.notes), reader.images)
