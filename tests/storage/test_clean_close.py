"""The history is checked for damage at open unless it is exactly as Parley closed it."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.core.messages import Role
from desktop.storage.clean_close import SUFFIX, unchanged_since_clean_close
from desktop.storage.history import HistoryStore


def filled(path: Path) -> None:
    with HistoryStore.open(path) as store:
        for number in range(60):
            chat = store.create_conversation(f"chat {number}", "m")
            store.add_message(chat.id, Role.USER, f"question {number} " * 80)


def test_a_clean_close_is_recorded_and_consumed_by_the_next_open(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    filled(path)
    record = Path(f"{path}{SUFFIX}")
    assert record.exists() and (record.stat().st_mode & 0o777) == 0o600
    assert unchanged_since_clean_close(path)
    assert not record.exists(), "a session that dies must leave no record behind"
    assert not unchanged_since_clean_close(path)


def test_a_changed_file_or_a_leftover_wal_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    filled(path)
    os.utime(path, ns=(0, 0))  # touched by something else
    assert not unchanged_since_clean_close(path)

    filled(path)
    Path(f"{path}-wal").write_bytes(b"x" * 100)  # the last session did not end cleanly
    assert not unchanged_since_clean_close(path)


def test_damage_after_a_clean_close_is_still_found(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    filled(path)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4096] = bytes(range(256)) * 16
    path.write_bytes(bytes(data))

    with HistoryStore.open(path) as store:
        assert store.recovered_from is not None
        assert store.list_conversations() == []


def test_a_store_left_open_by_a_crash_leaves_no_record(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path)
    store.create_conversation("unsaved", "m")
    assert not Path(f"{path}{SUFFIX}").exists()
    store._conn.close()  # as a kill would, without close()
