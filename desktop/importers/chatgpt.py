"""ChatGPT's data export (Settings → Data controls → Export): a zip with conversations.json.

Shape (observed in exports of 2023–2025 and in open-source converters; no published spec):
a list of conversations ``{id|conversation_id, title, create_time, update_time, mapping,
current_node, default_model_slug}``; ``mapping`` maps node ids to ``{id, message, parent,
children}``; a message has ``author.role`` (system, user, assistant, tool),
``create_time`` (float seconds), ``metadata.model_slug`` and ``content`` whose
``content_type`` says what it holds (text, multimodal_text with image_asset_pointer parts,
code, execution_output, thoughts, reasoning_recap, tether_browsing_display, tether_quote,
model_editable_context, system_error, …). Pictures are files in the zip whose names start
with the pointer's file id (``file-service://file-AbC`` → ``file-AbC-name.png``; newer
``sediment://file_00…``). A kind Parley does not know is kept as a note, never dropped.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from desktop.core.messages import Role
from desktop.core.text import QT_TRANSLATE_NOOP, Text
from desktop.importers.files import ExportFiles
from desktop.importers.model import ReadConversation
from desktop.importers.tree import Node, build, moment, note

_ROLES = {"user": Role.USER, "assistant": Role.ASSISTANT, "system": Role.SYSTEM, "tool": Role.TOOL}


def looks_like(item: object) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("mapping"), dict)
        and ("create_time" in item or "current_node" in item)
        and not _deepseek_node(item["mapping"])
    )


def _deepseek_node(mapping: dict[str, Any]) -> bool:
    for node in mapping.values():
        message = node.get("message") if isinstance(node, dict) else None
        if isinstance(message, dict):
            return "fragments" in message
    return False


def shape_problem(field_name: str) -> Text:
    return Text(
        QT_TRANSLATE_NOOP(
            "core",
            "“{field}” is missing or of another kind: the export may come from a newer"
            " version of the app than Parley knows.",
        ),
        {"field": field_name},
    )


class _Parts:
    """What one message's content became: text, thinking, pictures and notes."""

    def __init__(self, files: ExportFiles) -> None:
        self.files = files
        self.notes: list[str] = []
        self.images = 0

    def read(self, node: Node, content: dict[str, Any]) -> None:
        kind = str(content.get("content_type", ""))
        if kind in ("text", "multimodal_text"):
            for part in content.get("parts") or []:
                self._part(node, part)
        elif kind == "code":
            language = str(content.get("language") or "")
            language = "" if language == "unknown" else language
            node.content.append(f"```{language}\n{content.get('text', '')}\n```")
        elif kind == "execution_output":
            node.content.append(f"```\n{content.get('text', '')}\n```")
        elif kind == "thoughts":
            for thought in content.get("thoughts") or []:
                if isinstance(thought, dict):
                    words = [str(thought.get(f) or "") for f in ("summary", "content")]
                    node.thinking.append("\n\n".join(w for w in words if w))
        elif kind == "user_editable_context":  # the person's custom instructions
            words = [str(content.get(f) or "") for f in ("user_profile", "user_instructions")]
            node.content.append("\n\n".join(w for w in words if w))
        elif kind == "reasoning_recap":
            node.thinking.append(str(content.get("content") or ""))
        else:
            self._note(node, kind or "content without a type", content)

    def _part(self, node: Node, part: object) -> None:
        if isinstance(part, str):
            node.content.append(part)
            return
        if not isinstance(part, dict):
            self._note(node, "part", part)
            return
        kind = str(part.get("content_type", ""))
        if kind == "image_asset_pointer":
            self.images += 1
            pointer = str(part.get("asset_pointer") or "")
            if not self.files.decode:
                if not self.files.has(pointer):
                    self._note(node, "image not in the export", part)  # as when decoding
                return
            found = self.files.image(pointer)
            if isinstance(found, str):
                self._note(node, f"image {found}", part)
            else:
                node.images.append(found)
        elif kind == "audio_transcription":
            node.content.append(str(part.get("text") or ""))
        else:
            self._note(node, kind or "part", part)

    def attachment(self, node: Node, attachment: object) -> None:
        """A file sent with the message: a picture is among its parts; any other file's
        content is not in the export, so what is known of it is kept as a note."""
        if not isinstance(attachment, dict):
            return
        if str(attachment.get("mime_type") or "").startswith("image/"):
            return
        self._note(node, f"attachment {attachment.get('name') or ''}".strip(), attachment)

    def _note(self, node: Node, kind: str, value: object) -> None:
        self.notes.append(kind)
        node.content.append(note(kind, value))


def _object(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def read(item: dict[str, Any], files: ExportFiles) -> ReadConversation:
    title = str(item.get("title") or "") or "ChatGPT conversation"
    mapping = item.get("mapping")
    if not isinstance(mapping, dict):
        return ReadConversation(title, None, problem=shape_problem("mapping"))
    created = moment(item.get("create_time")) or datetime.now(UTC)
    updated = moment(item.get("update_time")) or created
    parts = _Parts(files)
    nodes: list[Node] = []
    for key, raw in mapping.items():
        if not isinstance(raw, dict):
            parts.notes.append("node that is not an object")
            continue
        parent = raw.get("parent")
        message = raw.get("message")
        node = Node(str(key), str(parent) if parent is not None else None, None)
        if isinstance(message, dict):
            author = _object(message.get("author"))
            role = _ROLES.get(str(author.get("role")))
            metadata = _object(message.get("metadata"))
            hidden = bool(metadata.get("is_visually_hidden_from_conversation"))
            node.role = role
            node.created_at = moment(message.get("create_time"))
            node.model = str(metadata.get("model_slug") or "")
            content = message.get("content")
            if role is None:
                node.role = Role.ASSISTANT
                parts._note(node, f"message from “{author.get('role')}”", message)
            elif isinstance(content, dict):
                parts.read(node, content)
                if hidden and role is Role.SYSTEM and not any(node.content):
                    node.role = None
            else:
                parts._note(node, "message without content", message)
            for attachment in metadata.get("attachments") or []:
                parts.attachment(node, attachment)
        nodes.append(node)
    current = item.get("current_node")
    built = build(nodes, str(current) if current is not None else None, created)
    source = str(item.get("conversation_id") or item.get("id") or "")
    conversation = built.conversation(
        title, created, updated, f"chatgpt:{source}" if source else ""
    )
    return ReadConversation(title, conversation, tuple(parts.notes), parts.images)
