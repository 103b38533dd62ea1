"""A failed answer's error is kept as a key and values, so it reads in today's language."""

from __future__ import annotations

from pathlib import Path

from desktop.core.messages import MessageState, Role
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.storage.history import HistoryStore
from desktop.storage.schema import MIGRATIONS
from tests.storage.test_history import raw_connection

REFUSED = text(
    QT_TRANSLATE_NOOP("core", "{where} refused access (HTTP {status}).{said}"),
    where=text(QT_TRANSLATE_NOOP("core", "{service} at {url}"), service="X", url="http://x"),
    status=401,
    said=Text.plain(" It said: {bad key}"),
)


def test_an_error_saved_as_a_text_reads_back_as_its_key_and_values(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with HistoryStore.open(path) as store:
        chat = store.create_conversation("Chat", "m")
        answer = store.add_message(chat.id, Role.ASSISTANT, "", state=MessageState.STREAMING)
        store.update_message(answer.id, state=MessageState.FAILED, error=REFUSED)
    with HistoryStore.open(path) as store:
        saved = store.get_message(answer.id)
    assert saved.error_text == REFUSED
    assert saved.error == "X at http://x refused access (HTTP 401). It said: {bad key}"


def test_errors_from_before_keep_their_words(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with raw_connection(path) as conn:
        for step in MIGRATIONS[:-1]:
            step(conn)
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) - 1}")
        conn.execute(
            "INSERT INTO conversations (title, model, provider, created_at, updated_at)"
            " VALUES ('Old', 'm', 'ollama', '2024-01-01T00:00:00+00:00', "
            "'2024-01-01T00:00:00+00:00')"
        )
        conn.execute(
            "INSERT INTO messages (conversation_id, role, content, state, error, created_at)"
            " VALUES (1, 'assistant', '', 'failed', 'Ollama broke', '2024-01-01T00:00:00+00:00')"
        )
    with HistoryStore.open(path) as store:
        old = store.get_message(1)
    assert old.error == "Ollama broke" and old.error_text is None


def test_a_plain_error_keeps_no_key(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "history.sqlite3") as store:
        chat = store.create_conversation("Chat", "m")
        answer = store.add_message(chat.id, Role.ASSISTANT, "", state=MessageState.STREAMING)
        store.update_message(answer.id, state=MessageState.FAILED, error="plain words")
        saved = store.get_message(answer.id)
    assert saved.error == "plain words" and saved.error_text is None
