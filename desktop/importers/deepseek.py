"""DeepSeek's data export (Settings → Data → Export all): a zip with conversations.json.

Shape (less sure than the others: from a few exports shared in issues and converters in
2025, no published spec): a list of ``{id, title, inserted_at, updated_at, mapping}``
where ``mapping`` is ChatGPT's tree (``{id, parent, children, message}``, the root ``root``
with no message) and a message is ``{model, inserted_at, files, fragments}``; a fragment
is ``{type, content}`` with type REQUEST (the question), RESPONSE (the answer), THINK (the
reasoning), SEARCH (web results) or READ_LINK. There is no ``current_node``: the newest
child is taken at each step.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from desktop.core.messages import Role
from desktop.importers.chatgpt import shape_problem
from desktop.importers.model import ReadConversation
from desktop.importers.tree import Node, build, moment, note


def looks_like(item: object) -> bool:
    if not isinstance(item, dict) or not isinstance(item.get("mapping"), dict):
        return False
    for node in item["mapping"].values():
        message = node.get("message") if isinstance(node, dict) else None
        if isinstance(message, dict):
            return "fragments" in message
    return "inserted_at" in item


def _fragments(node: Node, message: dict[str, Any], notes: list[str]) -> None:
    for fragment in message.get("fragments") or []:
        kind = str(fragment.get("type", "")) if isinstance(fragment, dict) else ""
        words = str(fragment.get("content") or "") if isinstance(fragment, dict) else ""
        if kind == "REQUEST":
            node.role = Role.USER
            node.content.append(words)
        elif kind == "RESPONSE":
            node.role = node.role or Role.ASSISTANT
            node.content.append(words)
        elif kind == "THINK":
            node.role = node.role or Role.ASSISTANT
            node.thinking.append(words)
        else:
            notes.append(kind.lower() or "fragment")
            node.role = node.role or Role.ASSISTANT
            node.content.append(note(kind.lower() or "fragment", fragment))
    for file in message.get("files") or []:
        name = str(file.get("file_name") if isinstance(file, dict) else file)
        notes.append(f"file {name}")
        node.content.append(note(f"file {name}", file))


def read(item: dict[str, Any]) -> ReadConversation:
    title = str(item.get("title") or "") or "DeepSeek conversation"
    mapping = item.get("mapping")
    if not isinstance(mapping, dict):
        return ReadConversation(title, None, problem=shape_problem("mapping"))
    created = moment(item.get("inserted_at")) or datetime.now(UTC)
    updated = moment(item.get("updated_at")) or created
    notes: list[str] = []
    nodes: list[Node] = []
    for key, raw in mapping.items():
        if not isinstance(raw, dict):
            notes.append("node that is not an object")
            continue
        parent = raw.get("parent")
        node = Node(str(key), None if parent is None else str(parent), None)
        message = raw.get("message")
        if isinstance(message, dict):
            node.model = str(message.get("model") or "")
            node.created_at = moment(message.get("inserted_at"))
            _fragments(node, message, notes)
        nodes.append(node)
    built = build(nodes, None, created)
    source = str(item.get("id") or "")
    conversation = built.conversation(
        title, created, updated, f"deepseek:{source}" if source else ""
    )
    return ReadConversation(title, conversation, tuple(notes))
