"""Every keyboard shortcut the window promises does what the shortcuts sheet says."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt

from desktop.ui.shell.main_window import CHATS, MODELS, SETTINGS, MainWindow
from desktop.ui.shell.quick_switcher import CONVERSATION, MODEL
from desktop.ui.shell.shortcuts import SHORTCUTS, shown_keys
from tests.ui.chat_fixtures import SCRIPTED, SCRIPTED_THINK, ask, ready_pane
from tests.ui.conftest import wait_until
from tests.ui.keys import CTRL, press


async def test_ctrl_n_starts_a_new_chat_from_anywhere(
    open_window: Callable[[], MainWindow], scripted: object, qtbot: object
) -> None:
    pane = await ready_pane(open_window)
    await ask(pane, "first question")
    window = pane.window()
    assert isinstance(window, MainWindow)
    assert pane.conversation_id is not None
    window.show_page(MODELS)
    press(qtbot, window.model_pane.installed.filter_edit, Qt.Key.Key_N, CTRL)
    assert pane.conversation_id is None
    assert window.current_page() == CHATS
    assert pane.composer.hasFocus()


async def test_window_shortcuts_win_in_the_models_tab_fields(
    open_window: Callable[[], MainWindow], scripted: object, qtbot: object
) -> None:
    pane = await ready_pane(open_window)
    window = pane.window()
    assert isinstance(window, MainWindow)
    window.show_page(MODELS)
    press(qtbot, window.model_pane.installed.filter_edit, Qt.Key.Key_K, CTRL)
    switcher = window.quick_switcher
    assert switcher.isVisible()
    assert MODEL in {target.kind for target in switcher.visible_targets()}
    qtbot.keyClick(switcher.search, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    press(qtbot, window.model_pane.pull_box.name_edit, Qt.Key.Key_N, CTRL)
    assert window.current_page() == CHATS


async def test_ctrl_k_jumps_to_a_conversation_by_typing(
    open_window: Callable[[], MainWindow], scripted: object, qtbot: object
) -> None:
    pane = await ready_pane(open_window)
    await ask(pane, "about penguins")
    first = pane.conversation_id
    pane.new_conversation()
    await ask(pane, "about volcanoes")
    window = pane.window()
    assert isinstance(window, MainWindow)
    press(qtbot, pane.composer, Qt.Key.Key_K, CTRL)  # the composer must not swallow Ctrl+K
    switcher = window.quick_switcher
    assert switcher.isVisible() and switcher.search.hasFocus()
    kinds = {target.kind for target in switcher.visible_targets()}
    assert kinds == {CONVERSATION, MODEL}
    qtbot.keyClicks(switcher.search, "penguins")  # type: ignore[attr-defined]
    shown = switcher.visible_targets()
    assert [t.key for t in shown] == [first]
    qtbot.keyClick(switcher.search, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert not switcher.isVisible()
    assert pane.conversation_id == first
    assert pane.composer.hasFocus()


async def test_ctrl_k_picks_a_model_and_esc_closes(
    open_window: Callable[[], MainWindow], scripted: object, qtbot: object
) -> None:
    pane = await ready_pane(open_window)
    window = pane.window()
    assert isinstance(window, MainWindow)
    pane.set_model(SCRIPTED_THINK)
    press(qtbot, pane.composer, Qt.Key.Key_K, CTRL)
    switcher = window.quick_switcher
    qtbot.keyClicks(switcher.search, SCRIPTED)  # type: ignore[attr-defined]
    assert [t.kind for t in switcher.visible_targets()][:1] == [MODEL]
    qtbot.keyClick(switcher.search, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert pane.current_model() == SCRIPTED
    press(qtbot, pane.composer, Qt.Key.Key_K, CTRL)
    assert switcher.isVisible()
    qtbot.keyClick(switcher.search, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert not switcher.isVisible()
    assert pane.composer.hasFocus()


async def test_ctrl_f_focuses_the_conversation_search(
    open_window: Callable[[], MainWindow], scripted: object, qtbot: object
) -> None:
    pane = await ready_pane(open_window)
    window = pane.window()
    assert isinstance(window, MainWindow)
    press(qtbot, pane.composer, Qt.Key.Key_F, CTRL)
    assert window.conversation_sidebar.search_box.hasFocus()


async def test_f1_and_ctrl_slash_show_the_shortcuts_sheet(
    open_window: Callable[[], MainWindow], scripted: object, qtbot: object
) -> None:
    pane = await ready_pane(open_window)
    window = pane.window()
    assert isinstance(window, MainWindow)
    press(qtbot, pane.composer, Qt.Key.Key_F1)
    sheet = window.show_shortcuts()
    assert sheet.isVisible() and not sheet.isModal()
    listed = [(keys.text(), what.text()) for keys, what in sheet.rows]
    assert len(listed) == len(SHORTCUTS)
    assert (shown_keys(("Ctrl+K",)), "Jump to a conversation or model") in listed
    sheet.close()
    assert not sheet.isVisible()
    press(qtbot, pane.composer, Qt.Key.Key_Slash, CTRL)
    assert sheet.isVisible()


async def test_ctrl_comma_opens_settings(
    open_window: Callable[[], MainWindow], scripted: object, qtbot: object
) -> None:
    pane = await ready_pane(open_window)
    window = pane.window()
    assert isinstance(window, MainWindow)
    press(qtbot, pane.composer, Qt.Key.Key_Comma, CTRL)
    assert window.current_page() == SETTINGS
    assert window.open_settings().isVisible()


async def test_enter_sends_shift_enter_breaks_the_line_and_esc_stops(
    open_window: Callable[[], MainWindow], scripted: object, qtbot: object
) -> None:
    pane = await ready_pane(open_window)
    press(qtbot, pane.composer, Qt.Key.Key_A)
    qtbot.keyClick(pane.composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # type: ignore[attr-defined]
    qtbot.keyClick(pane.composer, Qt.Key.Key_B)  # type: ignore[attr-defined]
    assert pane.composer.toPlainText() == "a\nb"
    scripted.script(["slow "] * 200)  # type: ignore[attr-defined]
    scripted.inject(path="/api/chat", token_delay=0.05)  # type: ignore[attr-defined]
    qtbot.keyClick(pane.composer, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    await wait_until(lambda: pane.streaming)
    assert pane.composer.toPlainText() == ""
    qtbot.keyClick(pane.composer, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    await wait_until(lambda: not pane.streaming)
