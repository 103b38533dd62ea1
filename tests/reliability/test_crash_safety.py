"""SIGKILL at the worst moments, and a damaged history: nothing written is lost.

- an answer streaming from an OpenAI-compatible provider (Ollama's case is in
  tests/ui/chat/test_crash_recovery.py): the partial answer is there after a restart;
- a model download: after a restart the queue resumes it and finishes, re-sending
  only what was not on disk yet;
- a settings save, killed at random moments many times: the file is always one
  complete version, old or new;
- a damaged history database: moved aside intact, explained in the window, and a
  fresh history works.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.app import AppServices
from desktop.core.messages import MessageState, Role
from desktop.core.pull_manager import PullState
from desktop.storage.history import HistoryStore, default_history_path
from desktop.storage.settings import SettingsStore, default_settings_path
from desktop.ui.shell.main_window import MainWindow
from tests.reliability.app_driver import settings_version
from tests.reliability.families import MODEL
from tests.servers.fixtures import TINY
from tests.servers.ollama_server import OllamaServer
from tests.servers.openai_server import OpenAIServer
from tests.servers.scripted_ollama import ScriptedOllama
from tests.servers.scripted_reply import ScriptedReply
from tests.ui.chat_fixtures import ask
from tests.ui.conftest import wait_until

REPO = Path(__file__).resolve().parents[2]
KEY = "sk-crash-test-0b5d7e"
App = Callable[[], tuple[AppServices, MainWindow]]
SETTINGS_KILLS = 30
MAX_SETTINGS_KILLS = 200


def start_driver(*args: str) -> subprocess.Popen[bytes]:
    """The app driver in a child process that shares this test's dirs and OLLAMA_HOST."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.app_driver", *args],
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def kill(child: subprocess.Popen[bytes]) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    with child:  # leaving it closes the child's pipes
        assert child.returncode == -signal.SIGKILL, child.stderr.read() if child.stderr else ""


def stored_answer() -> str:
    """The first answer saved so far, read without writing (the app may be writing)."""
    path = default_history_path()
    if not path.exists():
        return ""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        try:
            row = db.execute(
                "SELECT content FROM messages WHERE role = 'assistant' ORDER BY id LIMIT 1"
            ).fetchone()
        except sqlite3.OperationalError:
            return ""  # not created yet
    return str(row[0]) if row else ""


async def test_killed_while_a_cloud_answer_streams_keeps_the_partial_answer(
    scripted: ScriptedOllama, app: App
) -> None:
    server = OpenAIServer(api_key=KEY, models=(MODEL,)).start()
    try:
        words = " ".join(f"word{index}" for index in range(2000))
        server.replies.push(ScriptedReply(text=words))
        server.inject(token_delay=0.01)
        child = start_driver("chat-compat", server.url + "/v1", KEY, MODEL, "Keep talking")
        try:
            await wait_until(lambda: len(stored_answer()) > 40, timeout=30)
        finally:
            kill(child)
        saved = stored_answer()
        assert saved.startswith("word0 word1 word2")
        assert server.wait_for_disconnect(), "the server never saw the connection go"
    finally:
        server.stop()

    _services, window = app()
    assert "cut short" in window.statusBar().currentMessage()
    window.conversations.setCurrentRow(0)
    bubbles = window.chat_pane.messages.bubbles()
    assert [bubble.role for bubble in bubbles] == [Role.USER, Role.ASSISTANT]
    assert bubbles[1].text() == saved
    assert "Interrupted" in bubbles[1].footer_text()
    conversation = window.chat_pane.conversation_id
    assert conversation is not None
    history = HistoryStore.open(default_history_path())
    try:
        assert history.messages(conversation)[-1].state is MessageState.INTERRUPTED
    finally:
        history.close()


async def test_killed_during_a_download_resumes_it_after_a_restart(
    ollama_server: OllamaServer,
    monkeypatch: pytest.MonkeyPatch,
    app: App,
) -> None:
    ollama_server.pull_rate = 300_000
    monkeypatch.setenv("OLLAMA_HOST", ollama_server.url)
    child = start_driver("pull", TINY)
    try:
        await wait_until(lambda: ollama_server.bytes_sent_by_pull[TINY] > 150_000, timeout=30)
    finally:
        kill(child)
    sent_before = ollama_server.bytes_sent_by_pull[TINY]
    ollama_server.pull_rate = None

    _services, window = app()
    row = window.model_pane.downloads.row(TINY)
    assert row is not None, "the download queue did not come back"
    await wait_until(lambda: row.item.state is PullState.DONE, 30)
    await wait_until(lambda: window.models.find(TINY) is not None)
    size = ollama_server.store.all()[0].size
    resent = ollama_server.bytes_sent_by_pull[TINY] - sent_before
    assert 0 < resent < size - 100_000, (resent, size)


def test_settings_killed_mid_save_are_always_one_whole_version(private_dirs: Path) -> None:
    path = default_settings_path()
    chance = random.Random(8)
    seen: set[str] = set()
    mid_write = 0
    kills = 0
    # At least SETTINGS_KILLS kills, and more (bounded) until one lands mid-save: how often
    # a random kill hits the short temp-file window depends on the machine's load.
    while kills < SETTINGS_KILLS or (mid_write == 0 and kills < MAX_SETTINGS_KILLS):
        kills += 1
        child = start_driver("save-settings")
        assert child.stdout is not None
        assert child.stdout.readline() == b"started\n", child.stderr.read() if child.stderr else ""
        time.sleep(chance.uniform(0.0, 0.1))
        kill(child)
        mid_write += len(list(path.parent.glob(".settings.json.*.tmp")))

        raw = json.loads(path.read_bytes())  # always parses: never a half-written file
        store = SettingsStore(path)
        settings = store.load()  # the next start: sweeps what a killed save left behind
        assert store.load_problem is None
        number = int(settings.last_model.removeprefix("model-"))
        assert settings == settings_version(number), "fields from two versions mixed"
        assert raw["last_model"] == f"model-{number}"
        seen.add(settings.last_model)
        assert [p.name for p in path.parent.iterdir()] == [path.name]
    assert mid_write > 0, "no kill landed in the middle of a save"
    assert len(seen) > 1, "every kill landed at the same moment"


def holds(path: Path, data: bytes) -> bool:
    return path.exists() and path.read_bytes() == data


def damage_pages(path: Path) -> bytes:
    """Overwrite the middle of an SQLite file (its header stays valid)."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4096] = bytes(range(256)) * 16
    path.write_bytes(bytes(data))
    return bytes(data)


async def test_a_damaged_history_is_moved_aside_explained_and_replaced(
    scripted: ScriptedOllama, app: App
) -> None:
    history = HistoryStore.open(default_history_path())
    for index in range(40):
        conversation = history.create_conversation(f"old chat {index}", MODEL)
        for turn in range(5):
            history.add_message(conversation.id, Role.USER, f"question {turn} " * 40)
    history.close()
    damaged = damage_pages(default_history_path())

    services, window = app()
    notice = window.statusBar().currentMessage()
    assert "history was damaged" in notice and "moved to" in notice, notice
    moved = Path(notice.split("moved to ", 1)[1].split(";", 1)[0])
    assert holds(moved, damaged), "the damaged file was not kept as it was"
    assert services.history.list_conversations() == []

    pane = window.chat_pane
    await wait_until(lambda: MODEL in pane.available_models())
    pane.set_model(MODEL)
    await ask(pane, "A fresh start")
    assert pane.messages.bubbles()[-1].text() == "Hello from the script."
    assert len(services.history.list_conversations()) == 1
