"""The conversation sidebar as a person meets it: even rows with room around the text,
clean search results that find titles too, folding away with Ctrl+B, and a long history
that does not slow the window's first paint."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.core.conversation import HIT_END, HIT_START
from desktop.core.messages import Role
from desktop.storage.history import HistoryStore, default_history_path
from desktop.ui.chat.sidebar.conversation_model import HEADING_ROLE
from desktop.ui.chat.sidebar.conversation_sidebar import FIRST_SCREEN, ConversationSidebar
from desktop.ui.chat.sidebar.search_results import MESSAGE
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.tasks import TaskOwner
from tests.ui.chat_fixtures import ask, ready_pane
from tests.ui.conftest import wait_until

TITLES = ("Plain title", "Birthday ideas 🎂🎉", "数据库 索引", "Emoji only 🚀")
TAX = "Tax questions about sorting receipts"
LONG = "A very long conversation title that goes on and on about quantization and memory"


def seed(build: Callable[[HistoryStore], None]) -> None:
    store = HistoryStore.open(default_history_path())
    try:
        build(store)
    finally:
        store.close()


def age(store: HistoryStore, conversation_id: int, days: float) -> None:
    moment = (datetime.now(UTC) - timedelta(days=days)).isoformat()
    store._conn.execute(
        "UPDATE conversations SET updated_at = ? WHERE id = ?", (moment, conversation_id)
    )


async def test_rows_are_one_height_with_padding_and_long_titles_elide(
    open_window: Callable[[], MainWindow], scripted: object
) -> None:
    """Defect 18: rows had no padding and a row with an emoji (or CJK) was taller."""

    def build(store: HistoryStore) -> None:
        for title in (*TITLES, LONG):
            store.create_conversation(title, "scripted:latest")

    seed(build)
    window = open_window()
    window.resize(1180, 760)
    conversations = window.conversation_sidebar.list
    await wait_until(lambda: len(conversations.titles()) == 5)
    model = conversations.model()
    rows = [model.index(row, 0) for row in range(model.rowCount())]
    heights = {conversations.visualRect(index).height() for index in rows}
    assert len(heights) == 1, f"rows of different heights: {heights}"
    text_height = conversations.fontMetrics().height()
    assert heights.pop() >= text_height + 12, "no room above and below the title"

    index = conversations.index_for(
        next(c.id for c in window._chat.store.conversation_summaries() if c.title == LONG)
    )
    assert LONG in index.data(Qt.ItemDataRole.ToolTipRole)
    assert LONG in index.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert conversations.textElideMode() == Qt.TextElideMode.ElideRight
    assert conversations.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert conversations.visualRect(index).right() <= conversations.viewport().width()


async def test_search_shows_clean_compact_excerpts_and_finds_titles(
    qtbot: object, tmp_path: Path
) -> None:
    """Defect 18: results showed raw ``` fences and large gaps; titles were not searched."""
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    chat = store.create_conversation("Sorting in Python", "m")
    store.add_message(chat.id, Role.USER, "How do I sort a list?")
    store.add_message(
        chat.id,
        Role.ASSISTANT,
        "Use **sorted**:\n\n```python\nnumbers = [3, 1, 2]\n\n\nprint(sorted(numbers))\n```\n\n"
        "## Why\n\n- it returns a new list",
    )
    store.create_conversation(TAX, "m")
    today = datetime.now().strftime("%Y-%m-%d")
    tasks = TaskOwner()
    sidebar = ConversationSidebar(store, tasks)
    qtbot.addWidget(sidebar)  # type: ignore[attr-defined]
    sidebar.resize(272, 600)
    sidebar.reload(None)
    sidebar.show()
    await wait_until(lambda: sidebar.list.painted and len(sidebar.list.titles()) == 2)

    sidebar.search_box.setText("sorted")
    await wait_until(lambda: any(r.kind == MESSAGE for r in sidebar.results.model_.results()))
    messages = [r for r in sidebar.results.model_.results() if r.kind == MESSAGE]
    for result in messages:
        assert "```" not in result.second and "**" not in result.second
        assert "\n" not in result.second and "  " not in result.second
    assert f"{HIT_START}sorted{HIT_END}" in messages[0].second

    model = sidebar.results.model()
    heights = {
        sidebar.results.visualRect(model.index(row, 0)).height()
        for row in range(model.rowCount())
        if sidebar.results.model_.results()[row].kind == MESSAGE
    }
    line = sidebar.results.fontMetrics().height()
    assert len(heights) == 1 and heights.pop() <= 3 * line, "results are not compact rows"

    sidebar.search_box.setText("receipts")  # in a title only
    await wait_until(lambda: sidebar.results.lines()[1:2] == [(TAX, f"m · {today}")])
    chosen: list[int] = []
    sidebar.conversationSelected.connect(chosen.append)
    sidebar.results.choose_row(1)
    assert chosen == [sidebar.list.model_.summaries[0].id]

    sidebar.search_box.setText("zzzz nothing")
    await wait_until(lambda: "No conversation or message" in sidebar.search_status.text())
    sidebar.search_box.clear()
    assert sidebar.stack.currentWidget() is sidebar.list
    await tasks.cancel_all()
    store.close()


async def test_ctrl_b_folds_the_sidebar_to_a_strip_and_back(
    open_window: Callable[[], MainWindow], scripted: object
) -> None:
    window = open_window()
    window.resize(1180, 760)
    sidebar = window.conversation_sidebar
    await wait_until(lambda: sidebar.isVisible())
    wide = sidebar.width()
    states: list[bool] = []
    sidebar.collapsedChanged.connect(states.append)

    sidebar.collapse_button.click()
    await wait_until(lambda: sidebar.width() < 80)
    assert not sidebar.search_box.isVisible() and sidebar.expand_button.isVisible()
    assert window.chat_pane.width() > 1180 - 300, "the chat did not take the room"

    window.activateWindow()
    await wait_until(lambda: QApplication.activeWindow() is window)
    QTest.keySequence(window, QKeySequence("Ctrl+B"))
    await wait_until(lambda: sidebar.width() >= wide - 20)
    assert sidebar.search_box.isVisible() and not sidebar.collapsed
    assert states == [True, False]

    sidebar.set_collapsed(True)
    window.focus_search()  # Ctrl+F opens it again, to type in
    assert not sidebar.collapsed and sidebar.search_box.hasFocus()


async def test_a_click_on_the_highlighted_row_opens_it_after_a_new_chat(
    open_window: Callable[[], MainWindow], scripted: object
) -> None:
    """Defect 4: Ctrl+N, then a click on the still-highlighted conversation did nothing."""
    pane = await ready_pane(open_window)
    window = pane.window()
    await ask(pane, "Plan a trip")
    first = pane.conversation_id
    conversations = window.conversation_sidebar.list
    await wait_until(lambda: conversations.current_id() == first)
    pane.new_conversation()  # as the composer's own New chat does, without telling the list
    assert pane.conversation_id is None
    rect = conversations.visualRect(conversations.index_for(first))
    QTest.mouseClick(conversations.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert pane.conversation_id == first


async def test_a_long_history_shows_its_first_screen_first(qtbot: object, tmp_path: Path) -> None:
    """Before the first paint only what fits a screen (and the pinned) is read; the rest
    follows off the UI thread, headings and order intact."""
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    total = FIRST_SCREEN + 150
    with store._writing() as conn:
        now = datetime.now(UTC)
        for number in range(total):
            moment = (now - timedelta(hours=number * 7)).isoformat()
            conn.execute(
                "INSERT INTO conversations (title, model, provider, created_at, updated_at,"
                " pinned) VALUES (?, 'm', 'ollama', ?, ?, ?)",
                (f"Chat {number}", moment, moment, int(number == total - 1)),
            )
    tasks = TaskOwner()
    sidebar = ConversationSidebar(store, tasks)
    qtbot.addWidget(sidebar)  # type: ignore[attr-defined]
    sidebar.reload(None)
    titles = sidebar.list.titles()
    assert len(titles) == FIRST_SCREEN + 1, "more than the first screen read before painting"
    assert titles[0] == f"Chat {total - 1}", "the pinned one, however old, comes first"
    assert titles[1:3] == ["Chat 0", "Chat 1"]

    sidebar.resize(272, 600)
    sidebar.show()
    await wait_until(lambda: len(sidebar.list.titles()) == total)
    model = sidebar.list.model()
    headings = [
        model.index(row, 0).data()
        for row in range(model.rowCount())
        if model.index(row, 0).data(HEADING_ROLE)
    ]
    assert headings[:2] == ["Pinned", "Today"]
    assert len(headings) == len(set(headings)), "a heading repeated"
    await tasks.cancel_all()
    store.close()


def test_headings_cannot_be_chosen(qtbot: object, tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    old = store.create_conversation("Old", "m")
    age(store, old.id, 40)
    store.create_conversation("New", "m")
    sidebar = ConversationSidebar(store, TaskOwner())
    qtbot.addWidget(sidebar)  # type: ignore[attr-defined]
    sidebar.reload(None)
    chosen: list[int] = []
    sidebar.conversationSelected.connect(chosen.append)
    sidebar.list.setCurrentRow(2)  # the month heading above "Old"
    assert chosen == [old.id]
    heading = sidebar.list.visualRect(sidebar.list.model().index(0, 0)).center()
    QTest.mouseClick(sidebar.list.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(heading))
    assert chosen == [old.id]
    store.close()


async def test_a_delete_left_in_the_trash_by_the_last_session_goes_after_the_first_paint(
    qtbot: object, tmp_path: Path
) -> None:
    """Startup writes nothing before the window shows; the leftover still goes for good."""
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    gone = store.create_conversation("Deleted just before quitting", "m")
    store.trash_conversation(gone.id)
    tasks = TaskOwner()
    sidebar = ConversationSidebar(store, tasks)
    qtbot.addWidget(sidebar)  # type: ignore[attr-defined]
    sidebar.reload(None)
    assert store.get_conversation(gone.id).id == gone.id, "purged before the first paint"
    sidebar.show()

    def purged() -> bool:
        try:
            store.get_conversation(gone.id)
        except KeyError:
            return True
        return False

    await wait_until(purged)
    await tasks.cancel_all()
    store.close()


async def test_a_sidebar_folded_last_time_opens_folded(qtbot: object, scripted: object) -> None:
    """The window's owner restores the state before showing it (UiState.sidebar_collapsed)."""
    from desktop.app import AppServices

    services = AppServices.create()
    window = services.build_window()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    try:
        window.conversation_sidebar.set_collapsed(True)  # before the first show
        window.resize(1180, 760)
        window.show()
        sidebar = window.conversation_sidebar
        await wait_until(lambda: sidebar.isVisible() and sidebar.width() < 80)
        assert window.chat_pane.width() > 1180 - 300
        sidebar.expand_button.click()
        await wait_until(lambda: sidebar.width() > 200)
    finally:
        await services.aclose()
