"""Claude's data export (Settings → Privacy → Export data): a zip with conversations.json.

Shape (observed in exports of 2024–2025 and open-source converters; no published spec): a
list of ``{uuid, name, created_at, updated_at, chat_messages}``; each message has
``uuid``, ``sender`` (human or assistant), ``text``, ``created_at`` (ISO 8601),
``content`` blocks (``text``, ``thinking``, ``tool_use``, ``tool_result``, …),
``attachments`` (``file_name``, ``extracted_content``: the text Claude read from a
document) and ``files`` (names only: uploaded pictures are not in the export). Newer
exports add ``parent_message_uuid``, which makes the edits and retries a tree; without
it the messages are one line.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from desktop.core.messages import Role
from desktop.importers.chatgpt import shape_problem
from desktop.importers.model import ReadConversation
from desktop.importers.tree import Node, build, moment, note

_ROOT = "00000000-0000-4000-8000-000000000000"
"""The parent Claude gives a conversation's first message."""
_SENDERS = {"human": Role.USER, "assistant": Role.ASSISTANT}


def looks_like(item: object) -> bool:
    return isinstance(item, dict) and "chat_messages" in item and "uuid" in item


def _blocks(node: Node, message: dict[str, Any], notes: list[str]) -> None:
    blocks = message.get("content")
    if not isinstance(blocks, list) or not blocks:
        node.content.append(str(message.get("text") or ""))
        return
    for block in blocks:
        kind = str(block.get("type", "")) if isinstance(block, dict) else ""
        if kind == "text":
            node.content.append(str(block.get("text") or ""))
        elif kind == "thinking":
            node.thinking.append(str(block.get("thinking") or ""))
        else:
            label = kind or "block"
            if kind == "tool_use":
                label = f"tool call {block.get('name', '')}".strip()
            notes.append(label)
            node.content.append(note(label, block))


def read(item: dict[str, Any]) -> ReadConversation:
    title = str(item.get("name") or "") or "Claude conversation"
    raw_messages = item.get("chat_messages")
    if not isinstance(raw_messages, list):
        return ReadConversation(title, None, problem=shape_problem("chat_messages"))
    created = moment(item.get("created_at")) or datetime.now(UTC)
    updated = moment(item.get("updated_at")) or created
    notes: list[str] = []
    nodes: list[Node] = []
    tree = any(isinstance(m, dict) and "parent_message_uuid" in m for m in raw_messages)
    previous: str | None = None
    newest: tuple[datetime, str] | None = None
    for number, message in enumerate(raw_messages):
        if not isinstance(message, dict):
            notes.append("message that is not an object")
            continue
        key = str(message.get("uuid") or f"#{number}")
        parent = message.get("parent_message_uuid") if tree else previous
        parent = None if parent in (None, _ROOT) else str(parent)
        sender = str(message.get("sender"))
        node = Node(key, parent, _SENDERS.get(sender, Role.ASSISTANT))
        node.created_at = moment(message.get("created_at"))
        if sender not in _SENDERS:
            notes.append(f"message from “{sender}”")
            node.content.append(note(f"message from “{sender}”", message))
        else:
            _blocks(node, message, notes)
        for attachment in message.get("attachments") or []:
            if not isinstance(attachment, dict):
                continue
            name = str(attachment.get("file_name") or "attachment")
            extracted = attachment.get("extracted_content")
            if isinstance(extracted, str) and extracted:
                node.content.append(note(f"attachment {name}", extracted))
            else:
                notes.append(f"attachment {name} without its content")
                node.content.append(note(f"attachment {name}, not in the export", attachment))
        for file in message.get("files") or []:
            name = str(file.get("file_name") if isinstance(file, dict) else file)
            notes.append(f"file {name} not in the export")
            node.content.append(note(f"file {name}, not in the export", file))
        when = node.created_at or created
        if newest is None or when >= newest[0]:
            newest = (when, key)
        nodes.append(node)
        previous = key
    # the export does not say which branch was shown: the one written last
    built = build(nodes, newest[1] if newest else None, created)
    source = str(item.get("uuid") or "")
    conversation = built.conversation(title, created, updated, f"claude:{source}" if source else "")
    return ReadConversation(title, conversation, tuple(notes))
