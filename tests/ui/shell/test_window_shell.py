"""The window as pages behind a navigation rail; Quit; where focus lands; setup help beside
a history (defects 8, 12 and 26 of issue 14)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from desktop.storage.settings import default_settings_path
from desktop.storage.ui_state import UiStateStore, default_ui_state_path
from desktop.ui.shell.main_window import CHATS, MODELS, SETTINGS, TOOLS, MainWindow
from tests.ui.chat_fixtures import ask, ready_pane
from tests.ui.conftest import wait_until
from tests.ui.keys import CTRL, activate, press


async def test_the_rail_lists_the_pages_and_builds_them_on_first_show(
    open_window: Callable[[], MainWindow], scripted: object, qtbot: object
) -> None:
    pane = await ready_pane(open_window)
    window = pane.window()
    assert isinstance(window, MainWindow)
    rail = window.rail
    assert list(rail.buttons) == [CHATS, MODELS, TOOLS, SETTINGS]
    for button in rail.buttons.values():
        assert button.text() and button.accessibleName() == button.text()
        assert button.toolTip() and button.focusPolicy() & Qt.FocusPolicy.TabFocus
        assert not button.icon().isNull()
        assert button.width() <= rail.width() <= 72
    assert window.current_page() == CHATS and rail.buttons[CHATS].isChecked()
    assert not window.pages.is_built(MODELS), "the Models page waits until it is opened"

    press(qtbot, pane.composer, Qt.Key.Key_2, CTRL)
    assert window.current_page() == MODELS and window.pages.is_built(MODELS)
    assert window.model_pane.isVisible() and rail.buttons[MODELS].isChecked()
    press(qtbot, window.model_pane.installed.filter_edit, Qt.Key.Key_3, CTRL)
    assert window.current_page() == TOOLS and rail.buttons[TOOLS].isChecked()
    press(qtbot, window.pages.currentWidget(), Qt.Key.Key_4, CTRL)
    assert window.current_page() == SETTINGS and rail.buttons[SETTINGS].isChecked()
    press(qtbot, window.pages.currentWidget(), Qt.Key.Key_1, CTRL)
    assert window.current_page() == CHATS and pane.isVisible()


async def test_the_rail_is_driven_by_arrow_keys_and_enter(
    open_window: Callable[[], MainWindow], scripted: object, qtbot: object
) -> None:
    pane = await ready_pane(open_window)
    window = pane.window()
    assert isinstance(window, MainWindow)
    chats, models = window.rail.buttons[CHATS], window.rail.buttons[MODELS]
    press(qtbot, chats, Qt.Key.Key_Down)
    assert models.hasFocus() and window.current_page() == CHATS
    qtbot.keyClick(models, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert window.current_page() == MODELS
    qtbot.keyClick(models, Qt.Key.Key_Up)  # type: ignore[attr-defined]
    assert chats.hasFocus()
    qtbot.keyClick(chats, Qt.Key.Key_Space)  # type: ignore[attr-defined]
    assert window.current_page() == CHATS


async def test_settings_opens_from_the_rail_and_esc_goes_back(
    open_window: Callable[[], MainWindow], scripted: object, qtbot: object
) -> None:
    pane = await ready_pane(open_window)
    window = pane.window()
    assert isinstance(window, MainWindow)
    window.show_page(MODELS)
    window.rail.buttons[SETTINGS].click()
    assert window.current_page() == SETTINGS
    page = window.open_settings()
    assert page is window.pages.currentWidget() and page.isVisible()
    page.nav.setFocus()
    qtbot.keyClick(page.nav, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert window.current_page() == MODELS, "Esc goes back to the page it came from"


async def test_quit_is_in_the_menu_and_ctrl_q_closes_like_the_close_button(
    open_window: Callable[[], MainWindow], scripted: object, qtbot: object
) -> None:
    """Defect 8: no Quit in the menu, and Ctrl+Q did nothing."""
    pane = await ready_pane(open_window)
    await ask(pane, "keep this one")
    window = pane.window()
    assert isinstance(window, MainWindow)
    in_menus = [
        action
        for menu in window.menuBar().findChildren(QWidget)
        for action in menu.actions()
        if action.menuRole() == QAction.MenuRole.QuitRole
    ]
    assert in_menus and in_menus[0].shortcut() == QKeySequence("Ctrl+Q")
    conversation = pane.conversation_id
    press(qtbot, pane.composer, Qt.Key.Key_Q, CTRL)
    assert not window.isVisible()
    saved = UiStateStore(default_ui_state_path()).load()
    assert saved.last_conversation_id == conversation, "closed the way the close button does"


async def test_focus_starts_in_the_message_box(
    open_window: Callable[[], MainWindow], scripted: object
) -> None:
    """Defect 12: focus landed on "Set host…" at start instead of the composer."""
    pane = await ready_pane(open_window)
    await wait_until(lambda: pane.window().isVisible())
    assert pane.window().focusWidget() is pane.composer


async def test_with_nothing_set_up_focus_starts_on_the_first_step(
    open_window: Callable[[], MainWindow], no_ollama: Path
) -> None:
    window = open_window()
    await wait_until(lambda: window.chats_page.showing_setup_card())
    assert window.focusWidget() is window.first_run.check_button


async def test_focus_returns_to_the_message_box_after_retry(
    open_window: Callable[[], MainWindow], scripted: object
) -> None:
    """Defect 12: after Retry (which goes once it worked) focus moved to the next button."""
    scripted.inject(path="/api/chat", status=500, body={"error": "busy"}, once=True)  # type: ignore[attr-defined]
    pane = await ready_pane(open_window)
    await ask(pane, "first try fails")
    failed = pane.messages.bubbles()[-1]
    await wait_until(lambda: failed.retry_button.isVisible())
    window = pane.window()
    activate(window)
    QTest.mouseClick(failed.retry_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: not pane.streaming and len(pane.messages.bubbles()) == 2)
    await wait_until(lambda: "busy" not in pane.messages.bubbles()[-1].footer_text())
    assert window.focusWidget() is pane.composer


async def test_a_history_stays_in_view_while_nothing_is_set_up(
    open_window: Callable[[], MainWindow], no_ollama: Path
) -> None:
    """Defect 26: with a history but no provider, the welcome covered the whole window."""
    from desktop.core.messages import Role
    from desktop.storage.history import HistoryStore, default_history_path

    store = HistoryStore.open(default_history_path())
    for number in range(30):
        conversation = store.create_conversation(f"Notes {number}", "tiny:latest")
        store.add_message(conversation.id, Role.USER, f"Question {number}")
    store.close()
    window = open_window()
    await wait_until(lambda: window._monitor.status.reachable is False)
    await wait_until(lambda: window.conversations.count() > 0)
    sidebar = window.conversation_sidebar
    assert sidebar.isVisible() and sidebar.width() > 150
    assert window.chats_page.showing_setup_card(), "the setup help sits in the empty chat"
    assert window.first_run.isVisible()
    window.conversation_sidebar.conversationSelected.emit(conversation.id)
    assert window.chat_pane.isVisible() and sidebar.isVisible()
    assert [b.text() for b in window.chat_pane.messages.bubbles()] == ["Question 29"]
    notice = window.chats_page.notice
    assert notice.isVisible(), "a notice says what is missing, above the open conversation"
    notice.close_button.click()
    assert not notice.isVisible() and window.chat_pane.isVisible()


@pytest.mark.parametrize("size", [(1180, 760), (1024, 640)])
async def test_the_chats_page_fits_the_window(
    open_window: Callable[[], MainWindow], scripted: object, size: tuple[int, int]
) -> None:
    pane = await ready_pane(open_window)
    window = pane.window()
    assert isinstance(window, MainWindow)
    window.resize(*size)
    await wait_until(lambda: (window.width(), window.height()) == size, timeout=3)
    assert window.rail.width() <= 72
    assert pane.width() >= 560, "the chat keeps a usable width beside rail and sidebar"


async def test_window_state_returns_after_a_restart_and_stays_out_of_the_preferences(
    open_window: Callable[[], MainWindow], scripted: object
) -> None:
    window = open_window()
    window.conversation_sidebar.set_collapsed(True)
    window.open_settings().show_section("appearance")
    window.close()

    again = open_window()
    assert again.conversation_sidebar.collapsed, "the folded sidebar stays folded"
    assert again.open_settings().current_section() == "appearance"
    preferences = default_settings_path().read_text(encoding="utf-8")
    assert "window_geometry" not in preferences and "sidebar" not in preferences
    assert UiStateStore(default_ui_state_path()).load().window_geometry
