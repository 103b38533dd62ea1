"""Export as Markdown and JSON, and import the JSON back: nothing changes on the way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.chat_parameters import ChatParameters
from desktop.core.conversation_export import (
    ImportProblem,
    exported,
    from_json,
    to_json,
    to_markdown,
)
from desktop.core.events import ChatStats
from desktop.core.messages import MessageState, Role
from desktop.storage.history import HistoryStore


@pytest.fixture
def store(tmp_path: Path):
    opened = HistoryStore.open(tmp_path / "h.sqlite3")
    yield opened
    opened.close()


def build(store: HistoryStore) -> int:
    chat = store.create_conversation("Code 你好 🌍", "tiny:latest", system_prompt="Be exact.")
    store.set_parameters(chat.id, ChatParameters(temperature=0.1, num_ctx=4096, think="low"))
    question = store.add_message(chat.id, Role.USER, "Write `f`, 你好 🌍")
    store.add_message(chat.id, Role.ASSISTANT, "old", model="tiny:latest", thinking="hmm")
    answer = store.add_message(
        chat.id,
        Role.ASSISTANT,
        "```py\ndef f(): pass\n```",
        model="tiny:latest",
        parent_id=question.id,
    )
    store.update_message(answer.id, stats=ChatStats(prompt_tokens=9, completion_tokens=3))
    store.add_message(chat.id, Role.USER, "half", state=MessageState.STOPPED)
    return chat.id


def export(store: HistoryStore, chat_id: int) -> str:
    path = [step.message.id for step in store.active_path(chat_id)]
    return to_json(exported(store.get_conversation(chat_id), store.messages(chat_id), path))


def comparable(store: HistoryStore, chat_id: int) -> dict:
    data = json.loads(export(store, chat_id))
    ids = {m["id"]: n for n, m in enumerate(data["messages"])}
    for message in data["messages"]:
        message["id"] = ids[message["id"]]
        message["parent_id"] = ids.get(message["parent_id"])
    return data


def test_json_round_trip_keeps_everything(store):
    chat_id = build(store)
    text = export(store, chat_id)
    copy = store.import_conversation(from_json(text))
    assert comparable(store, copy.id) == comparable(store, chat_id)
    assert [s.message.content for s in store.active_path(copy.id)] == [
        "Write `f`, 你好 🌍",
        "```py\ndef f(): pass\n```",
        "half",
    ]
    assert "你好 🌍" in text, "kept readable, not escaped"


def test_markdown_shows_the_visible_conversation(store):
    chat_id = build(store)
    path = [step.message for step in store.active_path(chat_id)]
    text = to_markdown(store.get_conversation(chat_id), path)
    assert text.startswith("# Code 你好 🌍\n")
    assert "## System\n\nBe exact." in text
    assert "## You\n\nWrite `f`, 你好 🌍" in text
    assert "## tiny:latest\n\n```py\ndef f(): pass\n```" in text
    assert "old" not in text, "only the chosen alternative"
    assert "*(stopped)*" in text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("not json", "not valid JSON"),
        ('{"format": "other"}', "not a conversation exported by Parley"),
        ('{"format": "parley.conversation", "version": 99, "messages": []}', "newer Parley"),
        (
            '{"format": "parley.conversation", "version": 1, "created_at": "2024-01-01T00:00:00",'
            ' "updated_at": "2024-01-01T00:00:00", "messages": [{"id": 1, "parent_id": 5,'
            ' "role": "user", "content": "x", "created_at": "2024-01-01T00:00:00"}]}',
            "parent is not an earlier message",
        ),
        (
            '{"format": "parley.conversation", "version": 1, "messages": [{"id": 1,'
            ' "role": "wizard", "content": "x", "created_at": "2024-01-01T00:00:00"}]}',
            "wizard",
        ),
    ],
)
def test_bad_files_are_explained(content, reason):
    with pytest.raises(ImportProblem, match=reason):
        from_json(content)
