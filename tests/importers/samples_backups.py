"""Sample backups of whole apps (Chatbox, Cherry Studio), written by the suite.

Where each shape comes from is in the reader's docstring: Chatbox —
desktop/importers/chatbox.py (chatboxai/chatbox at 0d3139e5bf16: routes/settings/general.tsx
``onExport``, shared/types/session.ts, stores/session/forks.ts; sure of the keys, sessions
and forks, less of pictures, which the export leaves out); Cherry Studio —
desktop/importers/cherry_studio.py (CherryHQ/cherry-studio: services/BackupService.ts
``getBackupData`` at 00111ad787cc, types/newMessage.ts, LegacyBackupManager.ts at
01be7e7519be; sure of ``indexedDB`` topics/message_blocks and ``askId``, less of the
``Data/Files`` naming). Each has branches, a picture, code, Chinese and malformed parts.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

from tests.importers.samples import PNG, write_zip

MS = 1_700_000_000_000  # 2023-11-14, in milliseconds as both apps write it
DATA_URL = "data:image/png;base64," + base64.b64encode(PNG).decode()


def _chatbox_message(key: str, role: str, when: int, *parts: dict[str, Any], **more: Any) -> Any:
    return {"id": key, "role": role, "contentParts": list(parts), "timestamp": MS + when, **more}


def _text(text: str) -> dict[str, Any]:
    return {"type": "text", "text": text}


def chatbox_backup() -> dict[str, Any]:
    """Session s1: a system prompt; a question with two pictures (one in the file, one not);
    an answer with thinking, code and a tool call, forked at the question (another answer);
    a second question; an earlier thread; a message that is not an object. Session s2 is
    broken; "ghost" is listed without its session."""
    s1 = {
        "id": "s1",
        "name": "猫 and code",
        "type": "chat",
        "messages": [
            _chatbox_message("sys", "system", 0, _text("Be brief")),
            _chatbox_message(
                "u1",
                "user",
                1000,
                _text("画一只猫"),
                {"type": "image", "storageKey": "picture:input-box:cat"},
                {"type": "image", "storageKey": "picture:input-box:gone"},
            ),
            _chatbox_message(
                "a1",
                "assistant",
                2000,
                {"type": "reasoning", "text": "想一想"},
                _text("```python\nprint('猫')\n```"),
                {
                    "type": "tool-call",
                    "state": "result",
                    "toolCallId": "c1",
                    "toolName": "web_search",
                    "args": {"q": "猫"},
                    "result": {"items": []},
                },
                model="qwen2.5",
            ),
            "not a message",
            _chatbox_message("u2", "user", 3000, _text("second")),
            _chatbox_message("a2", "assistant", 4000, _text("answer two"), model="qwen2.5"),
        ],
        "threads": [
            {
                "id": "t1",
                "name": "Old thread",
                "createdAt": MS - 5000,
                "messages": [
                    _chatbox_message("u0", "user", -5000, _text("earlier question")),
                    _chatbox_message("a0", "assistant", -4000, _text("earlier answer")),
                ],
            }
        ],
        "messageForksHash": {
            "u1": {
                "position": 0,
                "createdAt": MS + 2500,
                "lists": [
                    {"id": "l0", "messages": []},
                    {
                        "id": "l1",
                        "messages": [
                            _chatbox_message("a1b", "assistant", 2500, _text("another answer"))
                        ],
                    },
                ],
            }
        },
    }
    return {
        "settings": {"theme": 1, "language": "zh-Hans"},
        "configVersion": 14,
        "chat-sessions-list": [
            {"id": "s1", "name": "猫 and code", "type": "chat"},
            {"id": "s2", "name": "Broken"},
            {"id": "ghost", "name": "Not in the file"},
        ],
        "session:s1": s1,
        "session:s2": {"id": "s2", "name": "Broken", "messages": "oops"},
        "picture:input-box:cat": DATA_URL,
        "myCopilots": [],
        "__exported_items": ["setting", "conversations", "copilot"],
        "__exported_at": "2023-11-15T00:00:00.000Z",
    }


def chatbox_export(folder: Path, backup: dict[str, Any] | None = None) -> Path:
    path = folder / "chatbox-exported-data-2023-11-15.json"
    data = chatbox_backup() if backup is None else backup
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _block(key: str, message: str, kind: str, **more: Any) -> dict[str, Any]:
    return {"id": key, "messageId": message, "type": kind, "status": "success", **more}


def cherry_backup(version: int = 5) -> dict[str, Any]:
    """Topic t1: a question with a picture from Data/Files; two answers to it (the second,
    folded open, has code, a citation block and a generated picture); a second question
    pointing at a block that is missing. Topic t2 is broken."""
    iso = "2023-11-14T22:13:20.000Z"
    messages = [
        {"id": "u1", "role": "user", "topicId": "t1", "createdAt": iso, "blocks": ["b1", "b2"]},
        {
            "id": "a1",
            "role": "assistant",
            "topicId": "t1",
            "askId": "u1",
            "createdAt": "2023-11-14T22:13:30.000Z",
            "model": {"id": "deepseek-r1", "name": "DeepSeek R1", "provider": "ollama"},
            "blocks": ["b3", "b4"],
        },
        {
            "id": "a2",
            "role": "assistant",
            "topicId": "t1",
            "askId": "u1",
            "foldSelected": True,
            "createdAt": "2023-11-14T22:14:00.000Z",
            "model": {"id": "qwen3", "name": "Qwen3", "provider": "ollama"},
            "blocks": ["b5", "b6", "b7", "b8"],
        },
        {
            "id": "u2",
            "role": "user",
            "topicId": "t1",
            "createdAt": "2023-11-14T22:15:00.000Z",
            "blocks": ["b9", "missing"],
        },
        {
            "id": "a3",
            "role": "assistant",
            "topicId": "t1",
            "askId": "u2",
            "createdAt": "2023-11-14T22:15:10.000Z",
            "blocks": ["b10"],
        },
    ]
    blocks = [
        _block("b1", "u1", "main_text", content="画一只猫"),
        _block(
            "b2",
            "u1",
            "image",
            file={"id": "f1", "name": "f1.png", "origin_name": "猫.png", "ext": ".png"},
        ),
        _block("b3", "a1", "thinking", content="想一想"),
        _block("b4", "a1", "main_text", content="first answer"),
        _block("b5", "a2", "main_text", content="second answer"),
        _block("b6", "a2", "code", content="print('猫')", language="python"),
        _block("b7", "a2", "citation", response={"results": ["https://example.com"]}),
        _block("b8", "a2", "image", url=DATA_URL),
        _block("b9", "u2", "main_text", content="谢谢"),
        _block("b10", "a3", "main_text", content="不客气"),
    ]
    assistants = {
        "assistants": [
            {
                "id": "default",
                "name": "默认助手",
                "prompt": "你是一个助手",
                "topics": [
                    {"id": "t1", "name": "猫 topic", "createdAt": iso, "updatedAt": iso},
                    {"id": "t2", "name": "Broken", "createdAt": iso, "updatedAt": iso},
                ],
            }
        ]
    }
    persisted = {"assistants": json.dumps(assistants, ensure_ascii=False), "settings": "{}"}
    return {
        "time": MS,
        "version": version,
        "localStorage": {"persist:cherry-studio": json.dumps(persisted, ensure_ascii=False)},
        "indexedDB": {
            "topics": [{"id": "t1", "messages": messages}, {"id": "t2", "messages": 5}],
            "message_blocks": blocks,
            "settings": [],
            "files": [],
        },
    }


def cherry_export(folder: Path, backup: dict[str, Any] | None = None) -> Path:
    data = cherry_backup() if backup is None else backup
    return write_zip(
        folder / "cherry-studio.202311142213.zip",
        {
            "data.json": json.dumps(data, ensure_ascii=False),
            "Data/Files/f1.png": PNG,
            "Data/Files/notes.json": "{}",
        },
    )
