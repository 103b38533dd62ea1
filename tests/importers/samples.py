"""Sample exports written by the suite, in each app's observed shape.

Where each shape comes from (and how sure we are) is in the reader's docstring:
ChatGPT — desktop/importers/chatgpt.py (observed exports 2023–2025, sure of the tree,
content types and file naming); Claude — claude.py (observed exports 2024–2025, sure
of chat_messages/content/attachments, less of ``parent_message_uuid``); DeepSeek —
deepseek.py (a few shared exports, least sure: fragments REQUEST/RESPONSE/THINK/SEARCH);
Open WebUI — open_webui.py (its source code, sure). Each sample has branches, a picture,
code, Chinese text and malformed parts.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from tests.pictures import encoded, left_blue_right_red

PNG = encoded(left_blue_right_red(32, 24), "PNG")
T0 = 1_700_000_000.0  # 2023-11-14


def _message(role: str, content: dict[str, Any], when: float, **metadata: Any) -> dict[str, Any]:
    return {
        "id": f"m-{when}",
        "author": {"role": role, "name": None, "metadata": {}},
        "create_time": when,
        "update_time": None,
        "content": content,
        "status": "finished_successfully",
        "metadata": metadata,
        "recipient": "all",
    }


def _text(*parts: str) -> dict[str, Any]:
    return {"content_type": "text", "parts": list(parts)}


def chatgpt_conversations() -> list[Any]:
    """Branches: the answer was regenerated (a1 → a2) and the second question edited (q2 →
    q2b, the shown one); the shown answer is code, its tool output and a text (one answer
    in Parley); a picture in the zip and one missing; Chinese; unknown parts."""
    mapping: dict[str, Any] = {
        "root": {"id": "root", "message": None, "parent": None, "children": ["sys"]},
        "sys": {
            "id": "sys",
            "message": _message("system", _text(""), T0, is_visually_hidden_from_conversation=True),
            "parent": "root",
            "children": ["q1"],
        },
        "q1": {
            "id": "q1",
            "message": _message(
                "user",
                {
                    "content_type": "multimodal_text",
                    "parts": [
                        {
                            "content_type": "image_asset_pointer",
                            "asset_pointer": "file-service://file-Img1",
                            "size_bytes": len(PNG),
                            "width": 32,
                            "height": 24,
                        },
                        "这张图片里有什么？Sort these numbers",
                        {
                            "content_type": "image_asset_pointer",
                            "asset_pointer": "file-service://file-Gone",
                        },
                    ],
                },
                T0 + 10,
            ),
            "parent": "sys",
            "children": ["a1", "a2"],
        },
        "a1": {
            "id": "a1",
            "message": _message("assistant", _text("An old answer"), T0 + 20, model_slug="gpt-4"),
            "parent": "q1",
            "children": [],
        },
        "a2": {
            "id": "a2",
            "message": _message(
                "assistant",
                {"content_type": "code", "language": "python", "text": "print(sorted([3, 1]))"},
                T0 + 30,
                model_slug="gpt-4o",
            ),
            "parent": "q1",
            "children": ["t2"],
        },
        "t2": {
            "id": "t2",
            "message": _message(
                "tool", {"content_type": "execution_output", "text": "[1, 3]"}, T0 + 31
            ),
            "parent": "a2",
            "children": ["a2b"],
        },
        "a2b": {
            "id": "a2b",
            "message": _message(
                "assistant", _text("排序完成: [1, 3]"), T0 + 32, model_slug="gpt-4o"
            ),
            "parent": "t2",
            "children": ["q2", "q2b"],
        },
        "q2": {
            "id": "q2",
            "message": _message("user", _text("First wording"), T0 + 40),
            "parent": "a2b",
            "children": [],
        },
        "q2b": {
            "id": "q2b",
            "message": _message(
                "user",
                _text("Second wording"),
                T0 + 50,
                attachments=[
                    {"id": "file-Doc", "name": "报告.pdf", "mime_type": "application/pdf"}
                ],
            ),
            "parent": "a2b",
            "children": ["a3"],
        },
        "a3": {
            "id": "a3",
            "message": _message(
                "assistant",
                {"content_type": "tether_browsing_display", "result": "L0: page", "summary": ""},
                T0 + 60,
                model_slug="gpt-4o",
            ),
            "parent": "q2b",
            "children": ["a3b"],
        },
        "a3b": {
            "id": "a3b",
            "message": _message(
                "assistant",
                {"content_type": "future_widget", "data": {"x": 1}},
                T0 + 61,
                model_slug="gpt-4o",
            ),
            "parent": "a3",
            "children": [],
        },
    }
    return [
        {
            "title": "Branches and code",
            "create_time": T0,
            "update_time": T0 + 61,
            "mapping": mapping,
            "current_node": "a3b",
            "conversation_id": "conv-1",
            "id": "conv-1",
            "default_model_slug": "gpt-4o",
        },
        {
            "title": "Plain one",
            "create_time": T0 + 86_400,
            "update_time": T0 + 86_500,
            "mapping": {
                "r": {"id": "r", "message": None, "parent": None, "children": ["u"]},
                "u": {
                    "id": "u",
                    "message": _message("user", _text("hello"), T0 + 86_400),
                    "parent": "r",
                    "children": ["a"],
                },
                "a": {
                    "id": "a",
                    "message": _message("assistant", _text("hi there"), T0 + 86_401),
                    "parent": "u",
                    "children": [],
                },
            },
            "current_node": "a",
            "conversation_id": "conv-2",
        },
        {  # malformed: the tree is not a mapping
            "title": "Broken one",
            "create_time": T0,
            "mapping": [],
            "current_node": None,
            "conversation_id": "conv-3",
        },
    ]


def write_zip(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def chatgpt_export(folder: Path, conversations: list[Any] | None = None) -> Path:
    data = chatgpt_conversations() if conversations is None else conversations
    return write_zip(
        folder / "chatgpt-export.zip",
        {
            "conversations.json": json.dumps(data, ensure_ascii=False),
            "chat.html": "<html></html>",
            "file-Img1-photo.png": PNG,
            "user.json": "{}",
        },
    )


def claude_conversations() -> list[Any]:
    root = "00000000-0000-4000-8000-000000000000"

    def message(uuid: str, parent: str, sender: str, when: str, **rest: Any) -> dict[str, Any]:
        return {
            "uuid": uuid,
            "parent_message_uuid": parent,
            "sender": sender,
            "created_at": when,
            "updated_at": when,
            "attachments": [],
            "files": [],
            **rest,
        }

    return [
        {
            "uuid": "claude-1",
            "name": "克劳德 and code",
            "created_at": "2024-05-01T10:00:00.000000Z",
            "updated_at": "2024-05-01T10:05:00.000000Z",
            "account": {"uuid": "acc"},
            "chat_messages": [
                message(
                    "h1",
                    root,
                    "human",
                    "2024-05-01T10:00:00Z",
                    text="Summarise the file",
                    content=[{"type": "text", "text": "Summarise the file"}],
                    attachments=[
                        {"file_name": "notes.txt", "file_size": 5, "extracted_content": "hello"}
                    ],
                    files=[{"file_name": "photo.png"}],
                ),
                message(
                    "b1",
                    "h1",
                    "assistant",
                    "2024-05-01T10:01:00Z",
                    text="First try",
                    content=[{"type": "text", "text": "First try"}],
                ),
                message(
                    "b2",
                    "h1",
                    "assistant",
                    "2024-05-01T10:02:00Z",
                    text="",
                    content=[
                        {"type": "thinking", "thinking": "Let me think"},
                        {"type": "text", "text": "```js\nconsole.log(1)\n```"},
                        {"type": "tool_use", "name": "web_search", "input": {"q": "x"}},
                        {"type": "hologram", "payload": 1},
                    ],
                ),
            ],
        },
        {"uuid": "claude-2", "name": "Broken", "chat_messages": "not a list"},
    ]


def claude_export(folder: Path) -> Path:
    return write_zip(
        folder / "claude-export.zip",
        {
            "conversations.json": json.dumps(claude_conversations(), ensure_ascii=False),
            "users.json": "[]",
            "projects.json": "[]",
        },
    )


def deepseek_conversations() -> list[Any]:
    def node(key: str, parent: str | None, children: list[str], **message: Any) -> dict[str, Any]:
        return {
            "id": key,
            "parent": parent,
            "children": children,
            "message": message or None,
        }

    return [
        {
            "id": "ds-1",
            "title": "深度求索",
            "inserted_at": "2025-02-01T08:00:00.000000+08:00",
            "updated_at": "2025-02-01T08:10:00.000000+08:00",
            "mapping": {
                "root": node("root", None, ["1"]),
                "1": node(
                    "1",
                    "root",
                    ["2", "3"],
                    model="deepseek-chat",
                    inserted_at="2025-02-01T08:00:00+08:00",
                    files=[],
                    fragments=[{"type": "REQUEST", "content": "你好"}],
                ),
                "2": node(
                    "2",
                    "1",
                    [],
                    model="deepseek-chat",
                    inserted_at="2025-02-01T08:01:00+08:00",
                    files=[],
                    fragments=[{"type": "RESPONSE", "content": "Old"}],
                ),
                "3": node(
                    "3",
                    "1",
                    [],
                    model="deepseek-reasoner",
                    inserted_at="2025-02-01T08:02:00+08:00",
                    files=[],
                    fragments=[
                        {"type": "THINK", "content": "想一想"},
                        {"type": "SEARCH", "results": [{"url": "https://x"}]},
                        {"type": "RESPONSE", "content": "你好！`code`"},
                    ],
                ),
            },
        }
    ]


def deepseek_export(folder: Path) -> Path:
    return write_zip(
        folder / "deepseek-export.zip",
        {"conversations.json": json.dumps(deepseek_conversations(), ensure_ascii=False)},
    )


def open_webui_chats() -> list[Any]:
    import base64

    picture = "data:image/png;base64," + base64.b64encode(PNG).decode()
    messages = {
        "u1": {
            "id": "u1",
            "parentId": None,
            "childrenIds": ["a1", "a2"],
            "role": "user",
            "content": "画一只猫 and explain",
            "timestamp": 1_720_000_000,
            "files": [{"type": "image", "url": picture}, {"type": "file", "name": "doc.pdf"}],
            "models": ["llama3"],
        },
        "a1": {
            "id": "a1",
            "parentId": "u1",
            "childrenIds": [],
            "role": "assistant",
            "content": "first",
            "model": "llama3",
            "timestamp": 1_720_000_010,
        },
        "a2": {
            "id": "a2",
            "parentId": "u1",
            "childrenIds": [],
            "role": "assistant",
            "content": '<details type="reasoning" done="true" duration="2">\n'
            "<summary>Thought for 2 seconds</summary>\n> A cat.\n> Small.\n</details>\n"
            "```python\nprint('猫')\n```",
            "model": "qwen3",
            "timestamp": 1_720_000_020,
        },
        "x": "not a message",
    }
    return [
        {
            "id": "owui-1",
            "user_id": "user",
            "title": "Cats",
            "chat": {
                "id": "",
                "title": "Cats",
                "models": ["llama3"],
                "params": {"system": "Be brief"},
                "history": {"messages": messages, "currentId": "a1"},
                "messages": [],
                "tags": [],
                "timestamp": 1_720_000_000_000,
            },
            "updated_at": 1_720_000_020,
            "created_at": 1_720_000_000,
            "share_id": None,
            "archived": False,
            "pinned": False,
            "meta": {},
            "folder_id": None,
        }
    ]


def open_webui_export(folder: Path) -> Path:
    path = folder / "chat-export-1720000000.json"
    path.write_text(json.dumps(open_webui_chats(), ensure_ascii=False), encoding="utf-8")
    return path
