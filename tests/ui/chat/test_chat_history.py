"""The conversation list: new, rename, pin, delete with Undo, date headings, search;
export and import; long conversations open fast because bubbles are built lazily."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from desktop.core.conversation import HIT_END, HIT_START
from desktop.core.messages import Role
from desktop.storage.history import HistoryStore, default_history_path
from desktop.ui.chat.messages.message_list import INITIAL_BUBBLES
from tests.ui.chat_fixtures import ask, ready_pane
from tests.ui.conftest import wait_until


def seed_history(build) -> None:
    store = HistoryStore.open(default_history_path())
    try:
        build(store)
    finally:
        store.close()


def type_title(conversations, conversation_id, title: str) -> None:
    """Rename with the keyboard: F2's editor, the new title, Return."""
    conversations.setCurrentIndex(conversations.index_for(conversation_id))
    conversations.rename_action.trigger()
    editor = conversations.findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    QTest.keyClicks(editor, title)
    QTest.keyClick(editor, Qt.Key.Key_Return)


async def test_rename_pin_delete_and_undo(scripted, open_window):
    pane = await ready_pane(open_window)
    window = pane.window()
    await ask(pane, "Plan a trip")
    pane.new_button.click()
    await ask(pane, "Bake bread")
    sidebar = window.conversation_sidebar
    conversations = sidebar.list
    assert conversations.headings() == ["Today"]
    assert conversations.titles() == ["Bake bread", "Plan a trip"]

    type_title(conversations, pane.conversation_id, "Sourdough")
    await wait_until(lambda: "Sourdough" in conversations.titles())

    trip = next(c for c in window._chat.store.list_conversations() if c.title == "Plan a trip")
    conversations.setCurrentIndex(conversations.index_for(trip.id))
    assert pane.conversation_id == trip.id
    conversations.pin_action.trigger()
    await wait_until(lambda: conversations.headings() == ["Pinned", "Today"])
    assert conversations.titles() == ["Plan a trip", "Sourdough"]

    conversations.setCurrentIndex(conversations.index_for(trip.id))
    conversations.delete_action.trigger()
    await wait_until(lambda: conversations.titles() == ["Sourdough"])
    assert pane.conversation_id is None, "the deleted chat is no longer shown"
    assert sidebar.undo_bar.isVisible() and "Plan a trip" in sidebar.undo_label.text()
    sidebar.undo_button.click()
    await wait_until(lambda: conversations.titles() == ["Plan a trip", "Sourdough"])
    assert not sidebar.undo_bar.isVisible()

    conversations.setCurrentIndex(conversations.index_for(trip.id))
    conversations.delete_action.trigger()
    sidebar._undo_timer.timeout.emit()  # the Undo time ran out
    seen = HistoryStore.open(default_history_path())
    try:
        assert [c.title for c in seen.list_conversations()] == ["Sourdough"]
        assert seen.search("trip") == []
    finally:
        seen.close()


async def test_conversations_are_grouped_by_date(scripted, open_window):
    def build(store: HistoryStore) -> None:
        for title, days in (("Old", 90), ("Last week", 4), ("Yesterday's", 1)):
            chat = store.create_conversation(title, "scripted:latest")
            moment = (datetime.now(UTC) - timedelta(days=days)).isoformat()
            store._conn.execute(
                "UPDATE conversations SET updated_at = ? WHERE id = ?", (moment, chat.id)
            )

    seed_history(build)
    pane = await ready_pane(open_window)
    conversations = pane.window().conversations
    headings = conversations.headings()
    assert headings[:2] == ["Yesterday", "Previous 7 days"]
    assert len(headings) == 3 and headings[2][-4:].isdigit(), headings
    conversations.setCurrentRow(0)  # a heading: the first conversation under it opens
    assert pane.conversation_id is not None


async def test_search_highlights_hits_and_opens_the_message(scripted, open_window):
    def build(store: HistoryStore) -> None:
        chat = store.create_conversation("Greetings", "scripted:latest")
        for number in range(80):
            store.add_message(chat.id, Role.USER, f"filler message {number}")
        store.add_message(chat.id, Role.USER, "How do you say hello world?")
        store.add_message(chat.id, Role.ASSISTANT, "你好，世界 — that is hello world.")
        for number in range(80):
            store.add_message(chat.id, Role.USER, f"later filler {number}")
        store.create_conversation("Other", "scripted:latest")

    seed_history(build)
    pane = await ready_pane(open_window)
    sidebar = pane.window().conversation_sidebar
    sidebar.search_box.setText("世界")
    await wait_until(lambda: sidebar.results.isVisible() and len(sidebar.hit_labels()) == 2)
    assert sidebar.hit_labels() == [
        "Messages",
        "Greetings — Answer: 你好，世界 — that is hello world.",
    ]
    hit = sidebar.results.model_.results()[1]
    assert hit.second == f"Answer: 你好，{HIT_START}世界{HIT_END} — that is hello world."

    sidebar.search_box.setText("HELLO world")
    await wait_until(lambda: len(sidebar.hit_labels()) == 3)
    sidebar.results.choose_row(1)
    bubble = pane.messages.bubble_for(pane.session.path[81].id)
    assert bubble is not None and bubble.text().startswith("你好")
    assert bubble.property("found") is True
    assert pane.messages.unbuilt < 161 - INITIAL_BUBBLES, "older bubbles built to reach it"

    sidebar.search_box.setText("no such words anywhere")
    await wait_until(lambda: "No conversation or message" in sidebar.search_status.text())
    sidebar.search_box.clear()
    assert sidebar.list.isVisible()


async def test_long_conversation_builds_only_the_last_bubbles(scripted, open_window):
    def build(store: HistoryStore) -> None:
        chat = store.create_conversation("Long", "scripted:latest")
        parent = None
        for number in range(2000):
            role = Role.USER if number % 2 == 0 else Role.ASSISTANT
            text = f"message {number}\n\n```py\nx = {number}\n```"
            parent = store.add_message(chat.id, role, text, parent_id=parent).id

    seed_history(build)
    pane = await ready_pane(open_window)
    pane.window().conversations.setCurrentRow(1)
    await wait_until(lambda: len(pane.messages.bubbles()) == INITIAL_BUBBLES)  # after a paint
    bubbles = pane.messages.bubbles()
    assert bubbles[-1].text().startswith("message 1999")
    bar = pane.messages.verticalScrollBar()
    await wait_until(lambda: bar.maximum() > 0)
    bar.setValue(0)
    await wait_until(lambda: len(pane.messages.bubbles()) > INITIAL_BUBBLES)
    await wait_until(lambda: bar.value() > 0)  # held in place while older ones appear
    assert (
        pane.messages.bubbles()[0]
        .text()
        .startswith(f"message {2000 - len(pane.messages.bubbles())}")
    )


async def test_export_markdown_and_json_then_import(scripted, open_window, tmp_path):
    scripted.script(["```py\nprint('你好 🌍')\n```"])
    pane = await ready_pane(open_window)
    await ask(pane, "Code in Chinese")
    scripted.script(["Second try."])
    pane.messages.bubbles()[-1].regenerate_button.click()
    await wait_until(lambda: not pane.streaming)

    pane.export_json_action.trigger()
    dialog = pane.export_button.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.selectFile(str(tmp_path / "chat.json"))
    dialog.accept()
    assert pane.export_to(tmp_path / "chat.md", "md")
    markdown = (tmp_path / "chat.md").read_text(encoding="utf-8")
    assert "## You\n\nCode in Chinese" in markdown and "Second try." in markdown
    data = json.loads((tmp_path / "chat.json").read_text(encoding="utf-8"))
    assert len(data["messages"]) == 3

    sidebar = pane.window().conversation_sidebar
    imported = sidebar.import_file(str(tmp_path / "chat.json"))
    assert imported is not None and pane.conversation_id == imported.id
    assert [b.text() for b in pane.messages.bubbles()] == ["Code in Chinese", "Second try."]
    pane.messages.bubbles()[-1].previous_button.click()
    assert pane.messages.bubbles()[-1].text() == "```py\nprint('你好 🌍')\n```"
    await wait_until(lambda: pane.window().conversations.titles().count("Code in Chinese") == 2)

    (tmp_path / "bad.json").write_text('{"format": "parley.conversation", "version": 7}')
    assert sidebar.import_file(str(tmp_path / "bad.json")) is None
    assert "newer Parley" in sidebar.search_status.text()


async def test_a_title_being_typed_survives_the_list_being_refreshed(scripted, open_window):
    """An answer that ends while a title is edited refreshes the list; the edit is kept."""
    pane = await ready_pane(open_window)
    window = pane.window()
    await ask(pane, "Bake bread")
    conversations = window.conversation_sidebar.list
    type_title(conversations, pane.conversation_id, "Sourdough")  # saved on the next turn
    window.refresh_conversations()  # as the end of an answer does
    await wait_until(lambda: conversations.titles() == ["Sourdough"])
    assert [c.title for c in window._chat.store.list_conversations()] == ["Sourdough"]
