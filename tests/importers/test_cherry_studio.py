"""Cherry Studio's backup: topics and blocks, answers asked again as branches, pictures."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.messages import Role
from desktop.importers.model import SourceApp
from desktop.importers.run import Progress, import_export, preview
from desktop.storage.history import HistoryStore
from tests.importers import samples_backups
from tests.importers.helpers import shown


def test_cherry_preview_counts_topics_and_pictures(store: HistoryStore, tmp_path: Path) -> None:
    found = preview(samples_backups.cherry_export(tmp_path), store.path, Progress())
    assert found.app is SourceApp.CHERRY_STUDIO
    assert (found.conversations, found.messages, found.images) == (1, 5, 2)
    assert found.notes == [("猫 topic", ("citation block", "block not in the backup"))]
    ((title, problem),) = found.problems
    assert title == "Broken" and "topics.messages" in str(problem)
    assert store.list_conversations() == []


def test_cherry_blocks_and_answers_asked_again(store: HistoryStore, tmp_path: Path) -> None:
    report = import_export(samples_backups.cherry_export(tmp_path), store.path, Progress())
    assert (report.added, report.messages) == (1, 5)
    (conversation,) = store.list_conversations()
    assert conversation.title == "猫 topic" and conversation.system_prompt == "你是一个助手"
    path = shown(store, "猫 topic")
    assert [(role, versions) for role, _, versions in path] == [
        (Role.USER, 1),
        (Role.ASSISTANT, 2),
        (Role.USER, 1),
        (Role.ASSISTANT, 1),
    ]
    steps = store.active_path(conversation.id)
    question, answer = steps[0].message, steps[1].message
    assert question.content == "画一只猫" and len(question.images) == 1  # from Data/Files
    # the answer folded open, with its code, the citation kept as a note, a picture
    assert answer.content.startswith("second answer\n\n```python\nprint('猫')\n```")
    assert "citation block" in answer.content and len(answer.images) == 1
    assert answer.model == "Qwen3"
    first = store.get_message(next(i for i in steps[1].sibling_ids if i != answer.id))
    assert (first.content, first.thinking, first.model) == ("first answer", "想一想", "DeepSeek R1")
    assert steps[2].message.content.startswith("谢谢") and "missing" in steps[2].message.content
    assert steps[3].message.content == "不客气"


def test_importing_a_cherry_backup_twice_adds_nothing(store: HistoryStore, tmp_path: Path) -> None:
    path = samples_backups.cherry_export(tmp_path)
    import_export(path, store.path, Progress())
    assert import_export(path, store.path, Progress()).present == 1
    assert len(store.list_conversations()) == 1


def test_the_older_plain_json_backup_reads_the_same(store: HistoryStore, tmp_path: Path) -> None:
    """Backups before the zip (versions 2–5) were the same object as plain JSON; without
    the zip, the picture in Data/Files is a note."""
    path = tmp_path / "cherry-studio.20231114.json"
    path.write_text(json.dumps(samples_backups.cherry_backup(3)), encoding="utf-8")
    found = preview(path, store.path, Progress())
    assert (found.app, found.conversations, found.messages) == (SourceApp.CHERRY_STUDIO, 1, 5)
    import_export(path, store.path, Progress())
    question = store.active_path(store.list_conversations()[0].id)[0].message
    assert question.images == () or len(question.images) == 0
    assert "not in the export" in question.content
