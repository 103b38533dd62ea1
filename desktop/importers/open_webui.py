"""Open WebUI's chat export (Settings → Chats → Export chats, or a chat's ⋯ → Download →
Export chat (.json)): a JSON list, no zip.

Shape (from Open WebUI's source, backend/open_webui/models/chats.py ``ChatModel`` and the
front end's ``history`` object, 0.5–0.6): ``[{id, user_id, title, chat, created_at,
updated_at (epoch seconds), …}]`` where ``chat`` is ``{title, models, history: {messages:
{id: {id, parentId, childrenIds, role, content, model, timestamp, files}}, currentId},
messages: [...]}``. Pictures the person sent are ``files`` of type ``image`` whose ``url``
is a ``data:`` URL. A reasoning model's thinking is in the content as
``<details type="reasoning">…</details>``; it becomes the answer's thinking.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import UTC, datetime
from typing import Any

from desktop.core.image_preparation import ImageProblem, stored_image
from desktop.core.messages import Role
from desktop.importers.chatgpt import shape_problem
from desktop.importers.model import ReadConversation
from desktop.importers.tree import Node, build, moment, note

_ROLES = {"user": Role.USER, "assistant": Role.ASSISTANT, "system": Role.SYSTEM}
_REASONING = re.compile(
    r'<details type="reasoning"[^>]*>\s*(?:<summary>.*?</summary>)?(.*?)</details>\s*', re.S
)
_DATA_URL = re.compile(r"^data:(image/[\w.+-]+);base64,(.*)$", re.S)


def looks_like(item: object) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("chat"), dict)
        and ("history" in item["chat"] or "messages" in item["chat"])
    )


def _thinking(content: str) -> tuple[str, str]:
    """The content without its reasoning blocks, and the reasoning (unquoted)."""
    thoughts = []
    for found in _REASONING.finditer(content):
        lines = found.group(1).strip().splitlines()
        thoughts.append("\n".join(line.removeprefix(">").removeprefix(" ") for line in lines))
    return _REASONING.sub("", content).strip(), "\n\n".join(thoughts)


class _Files:
    def __init__(self, decode: bool) -> None:
        self.decode = decode
        self.notes: list[str] = []
        self.images = 0

    def add(self, node: Node, file: object) -> None:
        if not isinstance(file, dict):
            return
        url = str(file.get("url") or "")
        found = _DATA_URL.match(url) if file.get("type") == "image" else None
        if found is None:
            name = str(file.get("name") or file.get("type") or "file")
            self.notes.append(f"file {name}")
            node.content.append(note(f"file {name}", file))
            return
        self.images += 1
        if not self.decode:
            return
        try:
            node.images.append(stored_image(base64.b64decode(found.group(2)), name="image"))
        except (binascii.Error, ImageProblem, ValueError) as error:
            self.notes.append("image that could not be read")
            node.content.append(note(f"image that could not be read: {error}", url[:200] + "…"))


def read(item: dict[str, Any], decode: bool) -> ReadConversation:
    chat = item.get("chat")
    chat = chat if isinstance(chat, dict) else {}
    title = str(item.get("title") or chat.get("title") or "") or "Open WebUI chat"
    history = chat.get("history")
    messages = history.get("messages") if isinstance(history, dict) else None
    if not isinstance(messages, dict):
        if isinstance(chat.get("messages"), list):  # an old export without the tree
            messages = {}
            previous = None
            for number, raw in enumerate(chat["messages"]):
                if isinstance(raw, dict):
                    key = str(raw.get("id") or f"#{number}")
                    messages[key] = {**raw, "parentId": raw.get("parentId", previous)}
                    previous = key
            history = {"currentId": previous}
        else:
            return ReadConversation(title, None, problem=shape_problem("chat.history.messages"))
    created = moment(item.get("created_at")) or moment(chat.get("timestamp"))
    created = created or datetime.now(UTC)
    updated = moment(item.get("updated_at")) or created
    files = _Files(decode)
    nodes: list[Node] = []
    for key, raw in messages.items():
        if not isinstance(raw, dict):
            files.notes.append("message that is not an object")
            continue
        parent = raw.get("parentId")
        role = _ROLES.get(str(raw.get("role")))
        node = Node(str(key), None if parent is None else str(parent), role or Role.ASSISTANT)
        node.created_at = moment(raw.get("timestamp"))
        node.model = str(raw.get("model") or "") if role is Role.ASSISTANT else ""
        content = raw.get("content")
        if role is None:
            files.notes.append(f"message from “{raw.get('role')}”")
            node.content.append(note(f"message from “{raw.get('role')}”", raw))
        elif isinstance(content, str):
            text, thinking = _thinking(content) if "<details" in content else (content, "")
            node.content.append(text)
            node.thinking.append(thinking)
        else:
            files.notes.append("content that is not text")
            node.content.append(note("content that is not text", content))
        for file in raw.get("files") or []:
            files.add(node, file)
        nodes.append(node)
    current = history.get("currentId") if isinstance(history, dict) else None
    built = build(nodes, None if current is None else str(current), created)
    source = str(item.get("id") or "")
    conversation = built.conversation(
        title,
        created,
        updated,
        f"open-webui:{source}" if source else "",
        _system(chat.get("params")),
    )
    return ReadConversation(title, conversation, tuple(files.notes), files.images)


def _system(params: object) -> str:
    return str(params.get("system") or "") if isinstance(params, dict) else ""
