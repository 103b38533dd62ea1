"""Folders in the history: create, rename, nest one level, move conversations, delete
(conversations kept unless asked), search limited to a folder, an upgrade from the schema
before folders, and a backup that brings its folders back."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from desktop.core.folders import FolderProblem, FolderTools
from desktop.core.messages import Role
from desktop.storage.backup import BackupKind, write_backup
from desktop.storage.backup_restore import restore_backup
from desktop.storage.history import HistoryStore
from desktop.storage.schema import MIGRATIONS


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(tmp_path / "data" / "history.sqlite3")
    yield opened
    opened.close()


def test_create_rename_and_nest_one_level(store: HistoryStore) -> None:
    folders = store.folders
    work = folders.create("  Work  ")
    assert work.name == "Work" and work.parent_id is None
    clients = folders.create("Clients", parent_id=work.id)
    home = folders.create("Home")
    assert [f.name for f in folders.all()] == ["Work", "Clients", "Home"]
    assert folders.rename(home.id, "Family").name == "Family"
    assert sorted(folders.with_subfolders(work.id)) == sorted([work.id, clients.id])

    with pytest.raises(FolderProblem, match="one level deep"):
        folders.create("Too deep", parent_id=clients.id)
    with pytest.raises(FolderProblem, match="one level deep"):
        folders.nest(work.id, home.id)  # Work holds Clients: it cannot go inside
    moved = folders.nest(clients.id, home.id)
    assert moved.parent_id == home.id
    assert folders.nest(clients.id, None).parent_id is None


def test_empty_and_duplicate_names_among_siblings_are_refused(store: HistoryStore) -> None:
    folders = store.folders
    work = folders.create("Work")
    with pytest.raises(FolderProblem, match="needs a name"):
        folders.create("   ")
    with pytest.raises(FolderProblem, match="already a folder named “work”"):
        folders.create("work")
    with pytest.raises(FolderProblem, match="needs a name"):
        folders.rename(work.id, "")
    inside = folders.create("Work", parent_id=work.id)  # another level: not a sibling
    assert inside.name == "Work"
    assert folders.rename(work.id, "WORK").name == "WORK"  # its own name, new case
    assert [f.name for f in folders.all()] == ["WORK", "Work"]


def test_moving_conversations_and_counts(store: HistoryStore) -> None:
    folders = store.folders
    work = folders.create("Work")
    first = store.create_conversation("Budget", "m")
    second = store.create_conversation("Holiday", "m")
    assert folders.move_conversation(first.id, work.id)
    assert folders.counts() == {work.id: 1}
    summaries = {s.id: s for s in store.conversation_summaries()}
    assert summaries[first.id].folder_id == work.id
    assert summaries[second.id].folder_id is None
    assert store.conversation_summary(first.id).folder_id == work.id  # type: ignore[union-attr]
    assert folders.move_conversation(first.id, None)
    assert folders.counts() == {}
    assert not folders.move_conversation(first.id, 9999)  # no such folder


def test_deleting_a_folder_keeps_its_conversations_unless_asked(store: HistoryStore) -> None:
    folders = store.folders
    work = folders.create("Work")
    clients = folders.create("Clients", parent_id=work.id)
    kept = store.create_conversation("Kept", "m")
    nested = store.create_conversation("Nested", "m")
    folders.move_conversation(kept.id, work.id)
    folders.move_conversation(nested.id, clients.id)

    assert folders.delete(work.id) == 2
    assert folders.all() == []
    assert sorted(c.title for c in store.list_conversations()) == ["Kept", "Nested"]
    assert all(s.folder_id is None for s in store.conversation_summaries())

    home = folders.create("Home")
    folders.move_conversation(kept.id, home.id)
    folders.delete(home.id, with_conversations=True)
    assert [c.title for c in store.list_conversations()] == ["Nested"]
    assert store.restore_conversation(kept.id)  # in the trash: Undo still works
    assert sorted(c.title for c in store.list_conversations()) == ["Kept", "Nested"]


def test_defaults_are_kept(store: HistoryStore) -> None:
    folders = store.folders
    work = folders.create("Work")
    assert not work.has_defaults
    folders.set_defaults(
        work.id,
        model="qwen3:4b",
        provider="ollama",
        system_prompt="Answer as a tax adviser.",
        tools=FolderTools(servers=()),
    )
    saved = folders.get(work.id)
    assert saved is not None and saved.has_defaults
    assert (saved.model, saved.provider, saved.system_prompt) == (
        "qwen3:4b",
        "ollama",
        "Answer as a tax adviser.",
    )
    assert not saved.tools.enabled
    folders.set_defaults(work.id, system_prompt="")
    again = folders.get(work.id)
    assert again is not None and again.model == "qwen3:4b" and again.system_prompt == ""


def test_search_can_be_limited_to_a_folder_and_its_subfolders(store: HistoryStore) -> None:
    folders = store.folders
    work = folders.create("Work")
    clients = folders.create("Clients", parent_id=work.id)
    chats = {}
    for title, folder in (("in work", work.id), ("in clients", clients.id), ("loose", None)):
        chat = store.create_conversation(title, "m")
        store.add_message(chat.id, Role.USER, f"quarterly invoice for {title}")
        folders.move_conversation(chat.id, folder)
        chats[title] = chat.id
    everywhere = {hit.conversation_title for hit in store.search("invoice")}
    assert everywhere == {"in work", "in clients", "loose"}
    scoped = store.search("invoice", folders=folders.with_subfolders(work.id))
    assert {hit.conversation_title for hit in scoped} == {"in work", "in clients"}
    only_clients = store.search("in", folders=[clients.id])  # short: LIKE, not the index
    assert {hit.conversation_title for hit in only_clients} == {"in clients"}


def test_a_history_from_before_folders_is_upgraded_with_its_conversations(
    tmp_path: Path,
) -> None:
    path = tmp_path / "data" / "history.sqlite3"
    path.parent.mkdir(parents=True)
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        for step in MIGRATIONS[:9]:
            step(db)
        db.execute("PRAGMA user_version = 9")
        for title in ("before folders", "also before"):
            db.execute(
                "INSERT INTO conversations (title, model, provider, created_at, updated_at)"
                " VALUES (?, 'm', 'ollama', '2025-01-02T03:04:05+00:00',"
                " '2025-01-02T03:04:05+00:00')",
                (title,),
            )
    store = HistoryStore.open(path)
    try:
        summaries = store.conversation_summaries()
        assert sorted(s.title for s in summaries) == ["also before", "before folders"]
        assert all(s.folder_id is None for s in summaries)
        work = store.folders.create("Work")
        assert store.folders.move_conversation(summaries[0].id, work.id)
        assert store.folders.counts() == {work.id: 1}
    finally:
        store.close()
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) >= 10


def test_a_restored_backup_has_its_folders(store: HistoryStore, tmp_path: Path) -> None:
    folders = store.folders
    work = folders.create("Work")
    folders.set_defaults(work.id, system_prompt="Be brief.")
    chat = store.create_conversation("Budget", "m")
    folders.move_conversation(chat.id, work.id)
    saved = write_backup(store.path, tmp_path / "backups", BackupKind.MANUAL, app_version="1")
    folders.delete(work.id)
    folders.create("Made after the backup")

    restore_backup(store, saved.path, tmp_path / "backups", app_version="1")
    restored = store.folders.all()
    assert [(f.name, f.system_prompt) for f in restored] == [("Work", "Be brief.")]
    assert store.conversation_summary(chat.id).folder_id == restored[0].id  # type: ignore[union-attr]
