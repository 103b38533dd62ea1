"""Chatbox's backup: sessions, forks as branches, earlier threads, pictures, odd parts."""

from __future__ import annotations

from pathlib import Path

from desktop.core.messages import Role
from desktop.importers.model import SourceApp
from desktop.importers.run import Progress, import_export, preview
from desktop.storage.history import HistoryStore
from tests.importers import samples_backups
from tests.importers.helpers import shown


def test_chatbox_preview_counts_sessions_threads_and_pictures(
    store: HistoryStore, tmp_path: Path
) -> None:
    found = preview(samples_backups.chatbox_export(tmp_path), store.path, Progress())
    assert found.app is SourceApp.CHATBOX
    # the earlier thread and the session; u1 a1 a1b u2 a2 + u0 a0 (the system prompt apart)
    assert (found.conversations, found.messages, found.images) == (2, 7, 2)
    ((_, notes),) = [entry for entry in found.notes if entry[0] == "猫 and code"]
    assert set(notes) == {
        "picture not in the export",
        "tool-call part",
        "message that is not an object",
    }
    ((broken, problem),) = found.problems
    assert broken == "Broken" and "messages" in str(problem)
    assert store.list_conversations() == []


def test_chatbox_forks_become_branches_and_threads_conversations(
    store: HistoryStore, tmp_path: Path
) -> None:
    report = import_export(samples_backups.chatbox_export(tmp_path), store.path, Progress())
    assert (report.added, report.messages) == (2, 7)
    assert sorted(c.title for c in store.list_conversations()) == [
        "猫 and code",
        "猫 and code — Old thread",
    ]
    path = shown(store, "猫 and code")
    assert [(role, versions) for role, _, versions in path] == [
        (Role.USER, 1),
        (Role.ASSISTANT, 2),  # the fork at the question: another answer
        (Role.USER, 1),
        (Role.ASSISTANT, 1),
    ]
    question, answer, second, last = (content for _, content, _ in path)
    assert question.startswith("画一只猫") and "picture not in the export" in question
    assert answer.startswith("```python\nprint('猫')\n```") and "web_search" in answer
    assert (second, last) == ("second", "answer two")
    (conversation,) = [c for c in store.list_conversations() if c.title == "猫 and code"]
    assert conversation.system_prompt == "Be brief"
    steps = store.active_path(conversation.id)
    assert steps[1].message.thinking == "想一想" and steps[1].message.model == "qwen2.5"
    assert len(steps[0].message.images) == 1  # the picture the file holds
    other = store.get_message(next(i for i in steps[1].sibling_ids if i != steps[1].message.id))
    assert other.content == "another answer"
    assert [content for _, content, _ in shown(store, "猫 and code — Old thread")] == [
        "earlier question",
        "earlier answer",
    ]


def test_importing_a_chatbox_backup_twice_adds_nothing(store: HistoryStore, tmp_path: Path) -> None:
    path = samples_backups.chatbox_export(tmp_path)
    import_export(path, store.path, Progress())
    again = import_export(path, store.path, Progress())
    assert (again.added, again.present) == (0, 2)
    assert preview(path, store.path, Progress()).present == 2
    assert len(store.list_conversations()) == 2


def test_an_old_chatbox_backup_with_inline_sessions_and_plain_content(
    store: HistoryStore, tmp_path: Path
) -> None:
    """Before contentParts (Chatbox 0.x–1.3): ``chat-sessions`` inline, ``content`` text."""
    backup = {
        "settings": {},
        "configVersion": 3,
        "chat-sessions": [
            {
                "id": "old",
                "name": "Old one",
                "messages": [
                    {"id": "q", "role": "user", "content": "你好", "timestamp": 1_600_000_000_000},
                    {"id": "a", "role": "assistant", "content": "hi", "model": "gpt-3.5-turbo"},
                ],
            }
        ],
    }
    path = samples_backups.chatbox_export(tmp_path, backup)
    assert import_export(path, store.path, Progress()).added == 1
    assert shown(store, "Old one") == [(Role.USER, "你好", 1), (Role.ASSISTANT, "hi", 1)]
