"""Screenshots of the sidebar with folders (not part of the suite).

    SHOTS=/tmp/shots ptest tests/ui/chat/sidebar/shoot_folders.py

Two folders, one with a sub-folder, conversations in and out of them, a search limited to
a folder: the window at 1180x760 and 1024x640, light and dark.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.core.messages import Role
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.theme import apply_theme
from tests.ui.chat_fixtures import ready_pane, scripted  # noqa: F401 (fixture)
from tests.ui.conftest import wait_until

SIZES = ((1180, 760), (1024, 640))
CHATS = (
    ("Budget 2026", "Work"),
    ("Quarterly invoice template", "Work"),
    ("Acme kickoff notes", "Clients"),
    ("Renovation quotes", "Home"),
    ("Sourdough timing", None),
    ("Rust lifetimes, again", None),
)


@pytest.mark.skipif(not os.environ.get("SHOTS"), reason="SHOTS=<folder> takes screenshots")
async def test_shoot(open_window: Callable[[], MainWindow], scripted: object) -> None:  # noqa: F811
    folder = Path(os.environ["SHOTS"])
    folder.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240
    pane = await ready_pane(open_window)
    window = pane.window()
    assert isinstance(window, MainWindow)
    store = window._chat.store
    work = store.folders.create("Work")
    made = {
        "Work": work,
        "Clients": store.folders.create("Clients", parent_id=work.id),
        "Home": store.folders.create("Home"),
    }
    for title, name in CHATS:
        chat = store.create_conversation(title, "scripted:latest")
        store.add_message(chat.id, Role.USER, f"About {title.lower()}: the invoice and the plan")
        if name is not None:
            store.folders.move_conversation(chat.id, made[name].id)
    sidebar = window.conversation_sidebar
    sidebar.list.expanded |= {work.id, made["Clients"].id}
    sidebar.reload(None)
    await wait_until(lambda: len(sidebar.list.model_.summaries) == len(CHATS))
    sidebar.list.select_folder(work.id)
    for dark in (False, True):
        apply_theme(QApplication.instance(), "dark" if dark else "light")  # type: ignore[arg-type]
        for width, height in SIZES:
            window.resize(width, height)
            await asyncio.sleep(0.3)
            look = "dark" if dark else "light"
            window.grab().save(str(folder / f"folders-{width}x{height}-{look}.png"))
    sidebar.search_box.setText("invoice")
    await asyncio.sleep(0.6)
    window.resize(*SIZES[0])
    await asyncio.sleep(0.3)
    window.grab().save(str(folder / "folders-search-in-folder-1180x760-dark.png"))
