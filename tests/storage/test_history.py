"""HistoryStore against real SQLite files in a temp dir."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.conversation import HIT_END, HIT_START
from desktop.core.events import ChatStats
from desktop.core.messages import MessageState, Role
from desktop.storage.history import HistoryStore, SchemaTooNew, default_history_path
from desktop.storage.schema import MIGRATIONS

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "nested" / "history.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(db_path)
    yield opened
    opened.close()


def raw_connection(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def fill(store: HistoryStore, messages: int) -> int:
    conversation = store.create_conversation("Filler", "llama3")
    for number in range(messages):
        store.add_message(conversation.id, Role.USER, f"message {number} " + "lorem " * 80)
    return conversation.id


def test_default_path_lives_in_the_data_dir(private_dirs: Path) -> None:
    assert default_history_path() == private_dirs / "data" / "history.sqlite3"
    with HistoryStore.open(default_history_path()) as store:
        assert store.recovered_from is None
    assert default_history_path().is_file()


def test_everything_survives_a_restart(db_path: Path) -> None:
    stats = ChatStats(prompt_tokens=12, completion_tokens=34, total_seconds=1.5, eval_seconds=0.5)
    with HistoryStore.open(db_path) as store:
        chat = store.create_conversation("Rust tips", "qwen3:8b", system_prompt="Be brief.")
        store.add_message(chat.id, Role.USER, "How do I borrow?")
        answer = store.add_message(
            chat.id, Role.ASSISTANT, "", state=MessageState.STREAMING, model="qwen3:8b"
        )
        store.update_message(
            answer.id,
            content="Use &.",
            thinking="The person asks about references.",
            state=MessageState.COMPLETE,
            stats=stats,
        )
        failed = store.add_message(chat.id, Role.ASSISTANT, "partial", model="qwen3:8b")
        store.update_message(failed.id, state=MessageState.FAILED, error="The server stopped.")

    with HistoryStore.open(db_path) as reopened:
        assert reopened.recovered_from is None
        [conversation] = reopened.list_conversations()
        assert conversation == reopened.get_conversation(chat.id)
        assert (conversation.title, conversation.model, conversation.provider) == (
            "Rust tips",
            "qwen3:8b",
            "ollama",
        )
        assert conversation.system_prompt == "Be brief."
        question, reply, broken = reopened.messages(chat.id)
    assert (question.role, question.content, question.state) == (
        Role.USER,
        "How do I borrow?",
        MessageState.COMPLETE,
    )
    assert reply.content == "Use &."
    assert reply.thinking == "The person asks about references."
    assert reply.model == "qwen3:8b"
    assert reply.stats == stats
    assert reply.stats is not None and reply.stats.tokens_per_second == 68.0
    assert (broken.state, broken.error, broken.stats) == (
        MessageState.FAILED,
        "The server stopped.",
        None,
    )
    assert question.created_at.tzinfo is not None
    assert conversation.updated_at >= conversation.created_at


def test_database_is_in_wal_mode(store: HistoryStore, db_path: Path) -> None:
    store.create_conversation("x", "m")
    with raw_connection(db_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert Path(f"{db_path}-wal").exists()


def test_recently_updated_conversations_come_first(store: HistoryStore) -> None:
    older = store.create_conversation("Older", "m")
    newer = store.create_conversation("Newer", "m")
    assert [c.title for c in store.list_conversations()] == ["Newer", "Older"]

    store.add_message(older.id, Role.USER, "bump")

    assert [c.id for c in store.list_conversations()] == [older.id, newer.id]
    assert store.get_conversation(older.id).updated_at > older.updated_at


def test_rename_and_missing_conversations(store: HistoryStore) -> None:
    chat = store.create_conversation("New chat", "m")
    assert store.rename_conversation(chat.id, "Trip to Lisbon")
    assert store.get_conversation(chat.id).title == "Trip to Lisbon"

    with pytest.raises(KeyError):
        store.get_conversation(9999)
    assert not store.rename_conversation(9999, "nobody")
    assert not store.delete_conversation(9999)
    assert not store.update_message(9999, content="nothing")


def test_delete_conversation_removes_its_messages(store: HistoryStore, db_path: Path) -> None:
    doomed = store.create_conversation("Doomed", "m")
    kept = store.create_conversation("Kept", "m")
    for text in ("alpha", "beta"):
        store.add_message(doomed.id, Role.USER, text)
    store.add_message(kept.id, Role.USER, "gamma")

    assert store.delete_conversation(doomed.id)

    assert [c.id for c in store.list_conversations()] == [kept.id]
    assert store.messages(doomed.id) == []
    with raw_connection(db_path) as conn:
        assert conn.execute("SELECT content FROM messages").fetchall() == [("gamma",)]
    with pytest.raises(KeyError):
        store.add_message(doomed.id, Role.USER, "too late")


def test_streaming_answer_is_visible_to_another_connection(db_path: Path) -> None:
    with HistoryStore.open(db_path) as writer, HistoryStore.open(db_path) as reader:
        chat = writer.create_conversation("Live", "m")
        answer = writer.add_message(chat.id, Role.ASSISTANT, "", state=MessageState.STREAMING)
        text = ""
        for piece in ("Once", " upon", " a time"):
            text += piece
            writer.update_message(answer.id, content=text)
            [seen] = reader.messages(chat.id)
            assert (seen.content, seen.state) == (text, MessageState.STREAMING)
        writer.update_message(answer.id, state=MessageState.COMPLETE)
        assert reader.messages(chat.id)[0].state == MessageState.COMPLETE


def test_streams_left_open_are_marked_interrupted(db_path: Path) -> None:
    with HistoryStore.open(db_path) as store:
        chat = store.create_conversation("Crashy", "m")
        store.add_message(chat.id, Role.USER, "question")
        for text in ("half an ans", "another half"):
            store.add_message(chat.id, Role.ASSISTANT, text, state=MessageState.STREAMING)
        store.add_message(chat.id, Role.ASSISTANT, "stopped", state=MessageState.STOPPED)

    with HistoryStore.open(db_path) as restarted:
        assert restarted.mark_interrupted_streams() == 2
        states = [(m.content, m.state) for m in restarted.messages(chat.id)]
        assert restarted.mark_interrupted_streams() == 0
    assert states == [
        ("question", MessageState.COMPLETE),
        ("half an ans", MessageState.INTERRUPTED),
        ("another half", MessageState.INTERRUPTED),
        ("stopped", MessageState.STOPPED),
    ]


OWN_SCHEMA = "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"


def test_reopening_does_not_rerun_migrations(db_path: Path) -> None:
    with HistoryStore.open(db_path) as store:
        chat_id = fill(store, 3)
    with raw_connection(db_path) as conn:
        schema_before = conn.execute(OWN_SCHEMA).fetchall()
    for _ in range(2):
        with HistoryStore.open(db_path) as store:
            assert len(store.messages(chat_id)) == 3
    with raw_connection(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert conn.execute(OWN_SCHEMA).fetchall() == schema_before


def test_upgrade_indexes_messages_written_before_search_existed(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    with raw_connection(db_path) as conn:
        MIGRATIONS[0](conn)
        conn.execute("PRAGMA user_version = 1")
        conn.execute(
            "INSERT INTO conversations (title, model, provider, created_at, updated_at)"
            " VALUES ('Old', 'm', 'ollama', '2024-01-01T00:00:00+00:00', "
            "'2024-01-01T00:00:00+00:00')"
        )
        conn.execute(
            "INSERT INTO messages (conversation_id, role, content, state, created_at)"
            " VALUES (1, 'user', 'an aardvark appears', 'complete', '2024-01-01T00:00:00+00:00')"
        )
    with HistoryStore.open(db_path) as store:
        if not store.has_search_index:
            pytest.skip("this SQLite has no FTS5")
        [old] = store.messages(1)
    assert old.content == "an aardvark appears"
    assert search(db_path, "aardvark") == [old.id]


def search(db_path: Path, word: str) -> list[int]:
    with raw_connection(db_path) as conn:
        rows = conn.execute(
            "SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid", (word,)
        ).fetchall()
    return [row[0] for row in rows]


def test_search_index_follows_messages(store: HistoryStore, db_path: Path) -> None:
    if not store.has_search_index:
        pytest.skip("this SQLite has no FTS5")
    chat = store.create_conversation("Zoo", "m")
    message = store.add_message(
        chat.id, Role.ASSISTANT, "the giraffe", state=MessageState.STREAMING
    )
    assert search(db_path, "giraffe") == [], "a growing answer is indexed once it ends"
    store.update_message(message.id, content="the giraffe and", state=MessageState.COMPLETE)
    assert search(db_path, "giraffe") == [message.id]

    store.update_message(message.id, content="the giraffe and the okapi")
    assert search(db_path, "okapi") == [message.id]

    store.update_message(message.id, content="only zebras")
    assert search(db_path, "giraffe") == []

    store.delete_conversation(chat.id)
    assert search(db_path, "zebras") == []


def test_newer_schema_is_refused_and_left_alone(db_path: Path) -> None:
    HistoryStore.open(db_path).close()
    with raw_connection(db_path) as conn:
        conn.execute("PRAGMA user_version = 99")
    before = db_path.read_bytes()

    with pytest.raises(SchemaTooNew, match="newer version of Parley"):
        HistoryStore.open(db_path)

    assert db_path.read_bytes() == before
    assert [p.name for p in db_path.parent.iterdir() if "corrupt" in p.name] == []


def assert_fresh_and_working(store: HistoryStore) -> None:
    assert store.list_conversations() == []
    chat = store.create_conversation("After recovery", "m")
    store.add_message(chat.id, Role.USER, "hello again")
    assert [m.content for m in store.messages(chat.id)] == ["hello again"]


def test_random_bytes_are_moved_aside(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    garbage = os.urandom(64 * 1024)
    wal_garbage = os.urandom(4096)
    db_path.write_bytes(garbage)
    Path(f"{db_path}-wal").write_bytes(wal_garbage)

    with HistoryStore.open(db_path) as store:
        moved = store.recovered_from
        assert moved is not None
        assert moved.parent == db_path.parent
        assert moved.name.startswith("history.sqlite3.corrupt-")
        assert moved.read_bytes() == garbage
        assert Path(f"{moved}-wal").read_bytes() == wal_garbage
        assert_fresh_and_working(store)


def test_truncated_database_is_moved_aside(db_path: Path) -> None:
    with HistoryStore.open(db_path) as store:
        fill(store, 200)
    assert not Path(f"{db_path}-wal").exists(), "closing checkpoints the WAL into the file"
    full_size = db_path.stat().st_size
    with db_path.open("r+b") as handle:
        handle.truncate(full_size // 2)
    damaged = db_path.read_bytes()

    with HistoryStore.open(db_path) as store:
        assert store.recovered_from is not None
        assert store.recovered_from.read_bytes() == damaged
        assert_fresh_and_working(store)


def test_corrupt_files_never_overwrite_each_other(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    kept: list[Path] = []
    for _ in range(3):
        db_path.write_bytes(b"not a database " * 100)
        with HistoryStore.open(db_path) as store:
            assert store.recovered_from is not None
            kept.append(store.recovered_from)
        db_path.unlink()
        for suffix in ("-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    assert len(set(kept)) == 3
    assert all(path.read_bytes() == b"not a database " * 100 for path in kept)


def test_locked_database_is_not_mistaken_for_damage(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    holder = raw_connection(db_path)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE other_app (x)")
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            HistoryStore.open(db_path, busy_timeout=0.1)
    finally:
        holder.execute("COMMIT")
        holder.close()
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["history.sqlite3"]


def test_writes_from_several_threads_all_land(store: HistoryStore) -> None:
    chat = store.create_conversation("Busy", "m")

    def write(worker: int) -> None:
        for number in range(50):
            store.add_message(chat.id, Role.USER, f"{worker}-{number}")

    threads = [threading.Thread(target=write, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    contents = [m.content for m in store.messages(chat.id)]
    assert sorted(contents) == sorted(f"{w}-{n}" for w in range(4) for n in range(50))


STREAMING_WRITER = """
import sys
from pathlib import Path
from desktop.core.messages import MessageState, Role
from desktop.storage.history import HistoryStore

store = HistoryStore.open(Path(sys.argv[1]))
chat = store.create_conversation("Killed", "m")
answer = store.add_message(chat.id, Role.ASSISTANT, "", state=MessageState.STREAMING)
print(chat.id, flush=True)
text = ""
number = 0
while True:
    text += f"w{number} "
    store.update_message(answer.id, content=text)
    print(number, flush=True)
    number += 1
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_during_streaming_keeps_the_last_committed_text(db_path: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", STREAMING_WRITER, str(db_path)],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    try:
        first = child.stdout.readline()
        assert first, child.stderr.read() if child.stderr else ""
        chat_id = int(first)
        last_committed = -1
        while last_committed < 300:
            line = child.stdout.readline()
            assert line, "the writer died on its own"
            last_committed = int(line)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
        if child.stderr:
            child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    with HistoryStore.open(db_path) as store:
        assert store.recovered_from is None
        [answer] = store.messages(chat_id)
        assert answer.state == MessageState.STREAMING
        words = answer.content.split()
        assert len(words) > last_committed
        assert answer.content == "".join(f"w{n} " for n in range(len(words)))
        assert store.mark_interrupted_streams() == 1
        assert store.messages(chat_id)[0].state == MessageState.INTERRUPTED


# -- the message tree: alternatives, edits, deletion -----------------------------------


def path_texts(store: HistoryStore, conversation_id: int) -> list[str]:
    return [step.message.content for step in store.active_path(conversation_id)]


def test_old_histories_become_one_branch(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    with raw_connection(db_path) as conn:
        for step in MIGRATIONS[:2]:
            step(conn)
        conn.execute("PRAGMA user_version = 2")
        conn.execute(
            "INSERT INTO conversations (title, model, provider, created_at, updated_at)"
            " VALUES ('Old', 'm', 'ollama', '2024-01-01T00:00:00+00:00', "
            "'2024-01-01T00:00:00+00:00')"
        )
        for role, text in (("user", "question"), ("assistant", "answer"), ("user", "thanks")):
            conn.execute(
                "INSERT INTO messages (conversation_id, role, content, state, created_at)"
                " VALUES (1, ?, ?, 'complete', '2024-01-01T00:00:00+00:00')",
                (role, text),
            )
    with HistoryStore.open(db_path) as store:
        assert path_texts(store, 1) == ["question", "answer", "thanks"]
        assert [hit.message_id for hit in store.search("answ")] == [2]
        steps = store.active_path(1)
        assert [step.sibling_ids for step in steps] == [(1,), (2,), (3,)]


def test_regenerated_answers_are_alternatives_to_flip_through(store: HistoryStore) -> None:
    chat = store.create_conversation("Tree", "m")
    question = store.add_message(chat.id, Role.USER, "question")
    first = store.add_message(chat.id, Role.ASSISTANT, "first answer")
    follow_up = store.add_message(chat.id, Role.USER, "follow-up")
    second = store.add_message(chat.id, Role.ASSISTANT, "second answer", parent_id=question.id)

    assert path_texts(store, chat.id) == ["question", "second answer"]
    assert store.active_path(chat.id)[1].sibling_ids == (first.id, second.id)
    assert store.active_path(chat.id)[1].index == 1

    store.select_message(first.id)
    assert path_texts(store, chat.id) == ["question", "first answer", "follow-up"]
    store.select_message(follow_up.id)
    assert path_texts(store, chat.id)[-1] == "follow-up"

    edited = store.add_message(chat.id, Role.USER, "question, edited", parent_id=None)
    assert path_texts(store, chat.id) == ["question, edited"]
    assert store.active_path(chat.id)[0].sibling_ids == (question.id, edited.id)
    store.select_message(second.id)
    assert path_texts(store, chat.id) == ["question", "second answer"]


def test_deleting_a_message_keeps_what_followed_it(store: HistoryStore) -> None:
    chat = store.create_conversation("Delete", "m")
    store.add_message(chat.id, Role.USER, "one")
    middle = store.add_message(chat.id, Role.ASSISTANT, "two")
    store.add_message(chat.id, Role.USER, "three")

    assert store.delete_message(middle.id)
    assert path_texts(store, chat.id) == ["one", "three"]
    assert not store.delete_message(middle.id)


def test_trash_hides_until_undone_or_purged(store: HistoryStore) -> None:
    keep = store.create_conversation("Keep", "m")
    gone = store.create_conversation("Gone", "m")
    store.add_message(gone.id, Role.USER, "a unique aardwolf")

    store.trash_conversation(gone.id)
    assert [c.title for c in store.list_conversations()] == ["Keep"]
    assert store.search("aardwolf") == []
    store.restore_conversation(gone.id)
    assert {c.title for c in store.list_conversations()} == {"Keep", "Gone"}
    assert len(store.search("aardwolf")) == 1

    store.trash_conversation(gone.id)
    assert store.purge_trash() == 1
    with pytest.raises(KeyError):
        store.get_conversation(gone.id)
    assert store.get_conversation(keep.id).title == "Keep"


def test_pins_and_settings_survive_a_restart(db_path: Path) -> None:
    from desktop.core.chat_parameters import ChatParameters

    with HistoryStore.open(db_path) as store:
        chat = store.create_conversation("Tuned", "m")
        store.set_pinned(chat.id, True)
        store.set_model(chat.id, "other:latest")
        store.set_system_prompt(chat.id, "Answer in French.")
        store.set_parameters(chat.id, ChatParameters(temperature=0.2, num_ctx=16384, think="high"))
    with HistoryStore.open(db_path) as store:
        chat = store.get_conversation(chat.id)
    assert chat.pinned and chat.model == "other:latest"
    assert chat.system_prompt == "Answer in French."
    assert chat.parameters == ChatParameters(temperature=0.2, num_ctx=16384, think="high")


# -- search ----------------------------------------------------------------------------


def test_search_finds_substrings_chinese_and_marks_hits(store: HistoryStore) -> None:
    chat = store.create_conversation("Travel", "m")
    store.add_message(chat.id, Role.USER, "How do I say hello world in Chinese?")
    answer = store.add_message(chat.id, Role.ASSISTANT, "It is 你好，世界 — nǐ hǎo, shìjiè.")
    other = store.create_conversation("Cooking", "m")
    store.add_message(other.id, Role.USER, "A recipe for dumplings, please")

    [hit] = store.search("你好")  # two characters: found without the trigram index
    assert (hit.message_id, hit.conversation_title, hit.role) == (
        answer.id,
        "Travel",
        Role.ASSISTANT,
    )
    assert f"{HIT_START}你好{HIT_END}" in hit.snippet
    [hit] = store.search("世界 — nǐ")
    assert hit.message_id == answer.id
    [hit] = store.search("DUMPL")
    assert f"{HIT_START}dumpl{HIT_END}" in hit.snippet.lower()
    assert [h.conversation_title for h in store.search("hello chinese")] == ["Travel"]
    assert store.search("giraffe") == []
    assert store.search("   ") == []
    assert store.search('"quoted" 100%_') == []


def test_search_returns_newest_first_up_to_the_limit(store: HistoryStore) -> None:
    chat = store.create_conversation("Many", "m")
    ids = [store.add_message(chat.id, Role.USER, f"note {n} about otters").id for n in range(8)]
    hits = store.search("otters", limit=5)
    assert [hit.message_id for hit in hits] == ids[::-1][:5]


# -- import ----------------------------------------------------------------------------


def test_import_restores_the_tree_and_the_visible_branch(store: HistoryStore) -> None:
    from desktop.core.conversation_export import exported

    chat = store.create_conversation("Source", "m", system_prompt="Be kind.")
    question = store.add_message(chat.id, Role.USER, "question")
    store.add_message(chat.id, Role.ASSISTANT, "old answer")
    newer = store.add_message(chat.id, Role.ASSISTANT, "new answer", parent_id=question.id)
    store.update_message(newer.id, stats=ChatStats(prompt_tokens=5, completion_tokens=2))
    path = [step.message.id for step in store.active_path(chat.id)]
    copy = store.import_conversation(
        exported(store.get_conversation(chat.id), store.messages(chat.id), path)
    )

    assert copy.id != chat.id and copy.system_prompt == "Be kind."
    assert path_texts(store, copy.id) == ["question", "new answer"]
    steps = store.active_path(copy.id)
    assert len(steps[1].sibling_ids) == 2
    assert steps[1].message.stats == ChatStats(prompt_tokens=5, completion_tokens=2)


def test_closing_while_another_process_writes_keeps_everything(db_path: Path) -> None:
    """A reader (a second window, a backup tool, a test) closing its connection while the
    app holds the write lock must not fail: PRAGMA optimize is only an optimisation."""
    with HistoryStore.open(db_path) as store:
        conversation = store.create_conversation("Kept", "m")
        for n in range(200):
            store.add_message(conversation.id, Role.USER, f"message {n}")
    writer = sqlite3.connect(db_path, isolation_level=None)
    reader = HistoryStore.open(db_path, busy_timeout=0.05)
    try:
        assert len(reader.search("message")) > 0  # queries that make optimize want ANALYZE
        writer.execute("BEGIN EXCLUSIVE")
        writer.execute("UPDATE conversations SET title = 'Kept still'")
        reader.close()
        writer.execute("COMMIT")
    finally:
        writer.close()
    with HistoryStore.open(db_path) as store:
        (kept,) = store.list_conversations()
        assert kept.title == "Kept still"
        assert len(store.messages(kept.id)) == 200
