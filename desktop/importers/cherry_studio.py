"""Cherry Studio's backup (Settings → Data → Backup): a .zip with ``data.json`` and the
files (``Data/Files/<id><ext>``), or the older plain JSON of the same object.

Shape (from CherryHQ/cherry-studio's source: src/renderer/src/services/BackupService.ts
``getBackupData``/``handleData`` at 00111ad787cc, src/renderer/src/types/newMessage.ts for
messages and blocks, src/main/services/LegacyBackupManager.ts at 01be7e7519be for the zip):
``{time, version, localStorage, indexedDB}``. ``indexedDB`` is the Dexie tables by name
(version 1: a list of ``{key: "topic:<id>", value}``): ``topics`` ``[{id, messages}]`` and
``message_blocks`` ``[{id, messageId, type, content, language, url, file, metadata}]``. A
message is ``{id, role, topicId, createdAt, askId, foldSelected, model, blocks: [ids]}``
(before blocks, ``content``). Topic names are in ``localStorage["persist:cherry-studio"]``
(a JSON string whose ``assistants`` is another: ``{assistants: [{name, prompt, topics:
[{id, name, createdAt, updatedAt}]}]}``).

Answers asked again share an ``askId``: they become sibling branches, the one with
``foldSelected`` (else the newest) shown. Versions 6 and up ("direct backups") copy the
app's database folders instead (their ``metadata.json`` says so); Parley cannot read them.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

from desktop.core.image_preparation import ImageProblem, stored_image
from desktop.core.messages import Role
from desktop.importers.chatgpt import shape_problem
from desktop.importers.files import ExportFiles
from desktop.importers.model import ReadConversation
from desktop.importers.tree import Node, build, moment, note

NEWEST_JSON_VERSION = 5
"""Backups above this are folder copies, not JSON."""
_ROLES = {"user": Role.USER, "assistant": Role.ASSISTANT, "system": Role.SYSTEM}
_DATA_URL = re.compile(r"^data:(image/[\w.+-]+);base64,(.*)$", re.S)


def looks_like(item: object) -> bool:
    return isinstance(item, dict) and "indexedDB" in item and "version" in item


def version(backup: dict[str, Any]) -> int | None:
    value = backup.get("version")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _json(value: object) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def _topic_names(backup: dict[str, Any]) -> dict[str, tuple[dict[str, Any], str]]:
    """Topic id → (its entry in the assistants' list, the assistant's prompt)."""
    storage = backup.get("localStorage")
    persisted = _json(storage.get("persist:cherry-studio")) if isinstance(storage, dict) else None
    state = _json(persisted.get("assistants")) if isinstance(persisted, dict) else None
    assistants = state.get("assistants") if isinstance(state, dict) else None
    names: dict[str, tuple[dict[str, Any], str]] = {}
    for assistant in assistants if isinstance(assistants, list) else []:
        if not isinstance(assistant, dict):
            continue
        prompt = str(assistant.get("prompt") or "")
        for topic in assistant.get("topics") or []:
            if isinstance(topic, dict) and topic.get("id"):
                names[str(topic["id"])] = (topic, prompt)
    return names


class Backup:
    """The tables of one backup, indexed for reading its topics."""

    def __init__(self, backup: dict[str, Any], files: ExportFiles) -> None:
        self.files = files
        tables = backup.get("indexedDB")
        topics: list[Any] = []
        blocks: list[Any] = []
        if isinstance(tables, list):  # version 1
            topics = [
                row.get("value")
                for row in tables
                if isinstance(row, dict) and str(row.get("key", "")).startswith("topic:")
            ]
        elif isinstance(tables, dict):
            found = tables.get("topics")
            topics = found if isinstance(found, list) else []
            found = tables.get("message_blocks")
            blocks = found if isinstance(found, list) else []
        self.topics = topics
        self.blocks = {
            str(block["id"]): block for block in blocks if isinstance(block, dict) and "id" in block
        }
        self.names = _topic_names(backup)

    def conversations(self, decode: bool) -> Iterator[ReadConversation]:
        for number, topic in enumerate(self.topics):
            yield self.read(topic, number + 1, decode)

    def read(self, topic: object, number: int, decode: bool) -> ReadConversation:
        if not isinstance(topic, dict):
            return ReadConversation(f"#{number}", None, problem=shape_problem("topics"))
        key = str(topic.get("id") or "")
        meta, prompt = self.names.get(key, ({}, ""))
        title = str(meta.get("name") or "") or "Cherry Studio topic"
        messages = topic.get("messages")
        if not isinstance(messages, list):
            return ReadConversation(title, None, problem=shape_problem("topics.messages"))
        reader = _Reader(self, decode)
        nodes, leaf = reader.tree(messages)
        times = [node.created_at for node in nodes if node.created_at is not None]
        created = moment(meta.get("createdAt")) or (min(times) if times else datetime.now(UTC))
        updated = moment(meta.get("updatedAt")) or (max(times) if times else created)
        built = build(nodes, leaf, created)
        conversation = built.conversation(
            title, created, updated, f"cherry-studio:{key}" if key else "", prompt
        )
        return ReadConversation(title, conversation, tuple(reader.notes), reader.images)


class _Reader:
    def __init__(self, backup: Backup, decode: bool) -> None:
        self.backup = backup
        self.decode = decode
        self.notes: list[str] = []
        self.images = 0

    def tree(self, messages: list[Any]) -> tuple[list[Node], str | None]:
        """The nodes, and the leaf of the shown path."""
        rows = [raw for raw in messages if isinstance(raw, dict)]
        if len(rows) < len(messages):
            self.notes.append("message that is not an object")
        # the shown answer to each question: the one folded open, else the newest
        selected = {str(raw.get("askId")) for raw in rows if raw.get("foldSelected")}
        shown: dict[str, str] = {}
        for raw in rows:
            ask = str(raw.get("askId") or "")
            chosen = raw.get("foldSelected") or ask not in selected
            if raw.get("role") == "assistant" and ask and chosen:
                shown[ask] = str(raw.get("id"))
        nodes: list[Node] = []
        keys = {str(raw.get("id")) for raw in rows}
        tip: str | None = None
        for number, raw in enumerate(rows):
            key = str(raw.get("id") or f"#{number}")
            ask = str(raw.get("askId") or "")
            if raw.get("role") == "assistant" and ask in keys:
                parent: str | None = ask
                if shown.get(ask) == key:
                    tip = key
            else:
                parent = tip
                tip = key
            nodes.append(self.node(raw, key, parent))
        return nodes, tip

    def node(self, raw: dict[str, Any], key: str, parent: str | None) -> Node:
        role = _ROLES.get(str(raw.get("role")))
        node = Node(key, parent, role or Role.ASSISTANT)
        node.created_at = moment(raw.get("createdAt"))
        model = raw.get("model")
        if role is Role.ASSISTANT:
            named = model.get("name") or model.get("id") if isinstance(model, dict) else None
            node.model = str(named or raw.get("modelId") or "")
        if role is None:
            self.notes.append(f"message from “{raw.get('role')}”")
            node.content.append(note(f"message from “{raw.get('role')}”", raw))
            return node
        blocks = raw.get("blocks")
        if isinstance(blocks, list) and blocks:
            for block_id in blocks:
                block = self.backup.blocks.get(str(block_id))
                if block is None:
                    self.notes.append("block not in the backup")
                    node.content.append(note("block not in the backup", str(block_id)))
                else:
                    self.block(node, block)
        elif isinstance(raw.get("content"), str):  # before blocks (backup versions 1–3)
            node.content.append(raw["content"])
        return node

    def block(self, node: Node, block: dict[str, Any]) -> None:
        kind = block.get("type")
        content = block.get("content")
        if kind == "main_text" and isinstance(content, str):
            node.content.append(content)
        elif kind == "thinking" and isinstance(content, str):
            node.thinking.append(content)
        elif kind == "code" and isinstance(content, str):
            fence = "```"
            while fence in content:
                fence += "`"
            node.content.append(f"{fence}{block.get('language') or ''}\n{content}\n{fence}")
        elif kind == "image":
            self.image(node, block)
        else:
            what = f"{kind} block" if isinstance(kind, str) else "block of another kind"
            self.notes.append(what)
            node.content.append(note(what, block))

    def image(self, node: Node, block: dict[str, Any]) -> None:
        urls = [block.get("url")]
        metadata = block.get("metadata")
        response = metadata.get("generateImageResponse") if isinstance(metadata, dict) else None
        if isinstance(response, dict) and isinstance(response.get("images"), list):
            urls.extend(response["images"])
        pictures = [url for url in urls if isinstance(url, str) and url]
        file = block.get("file")
        if isinstance(file, dict):
            pictures.append("file:" + _file_name(file))
        if not pictures:
            self.notes.append("image block without a picture")
            node.content.append(note("image block without a picture", block))
        for picture in pictures:
            self.images += 1
            self.picture(node, picture)

    def picture(self, node: Node, pointer: str) -> None:
        if pointer.startswith("file:"):
            if not self.decode:
                return
            found = self.backup.files.named(pointer[5:])
            if isinstance(found, str):
                self.notes.append("picture not in the backup")
                node.content.append(note(f"picture {found}", pointer[5:]))
            else:
                node.images.append(found)
            return
        data = _DATA_URL.match(pointer)
        if data is None:  # a link on the web: kept as a link
            node.content.append(f"![image]({pointer})")
            return
        if not self.decode:
            return
        try:
            node.images.append(stored_image(base64.b64decode(data.group(2)), name="image"))
        except (binascii.Error, ImageProblem, ValueError) as error:
            self.notes.append("picture that could not be read")
            node.content.append(note(f"picture that could not be read: {error}", pointer[:200]))


def _file_name(file: dict[str, Any]) -> str:
    if file.get("id") and isinstance(file.get("ext"), str):
        return f"{file['id']}{file['ext']}"
    return PurePosixPath(str(file.get("path") or file.get("name") or "")).name
