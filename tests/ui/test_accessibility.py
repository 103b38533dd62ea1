"""Every control a person can operate has a name a screen reader can say, and takes Tab focus.

The name checked is the one Qt's accessibility layer reports (an explicit accessible
name, else a button's text or a field's buddy label), as a screen reader would read it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from desktop.ui.shell.first_run import FirstRunPanel, SetupState
from desktop.ui.shell.main_window import MainWindow
from tests.ui.chat_fixtures import ask, ready_pane
from tests.ui.conftest import wait_until

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QTabBar,
)


def spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def is_part_of_another_control(widget: QWidget) -> bool:
    """Qt's own sub-widgets (a spin box's field, a combo's list, scroll bars) are not
    separate controls: the control they belong to carries the name."""
    if isinstance(widget, QScrollBar) or widget.objectName().startswith("qt_"):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractSpinBox | QLineEdit | QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def controls(tops: Iterable[QWidget]) -> list[QWidget]:
    found: list[QWidget] = []
    for top in tops:
        for widget in [top, *top.findChildren(QWidget)]:
            if not isinstance(widget, INTERACTIVE) or is_part_of_another_control(widget):
                continue
            if not widget.isVisibleTo(top):
                continue  # checked in the state that shows it
            if isinstance(widget, QTextEdit) and widget.isReadOnly():
                continue  # shown text, read through its container
            found.append(widget)
    return found


def describe(widget: QWidget) -> str:
    path = []
    node: QWidget | None = widget
    while node is not None:
        path.append(type(node).__name__ + (f"#{node.objectName()}" if node.objectName() else ""))
        node = node.parentWidget()
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    return " < ".join(path[:4]) + (f" text={text!r}" if text else "")


def problems(tops: Iterable[QWidget]) -> list[str]:
    found = []
    for widget in controls(tops):
        if not spoken_name(widget):
            found.append("no accessible name: " + describe(widget))
        elif not widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not isinstance(
            widget, QTabBar | QAbstractItemView
        ):
            found.append("not reachable with Tab: " + describe(widget))
    return found


async def test_every_control_of_every_pane_has_a_name(
    open_window: Callable[[], MainWindow], scripted: object
) -> None:
    scripted.script(  # type: ignore[attr-defined]
        ["Here is code:\n\n```python\nprint('hi')\n```\n"], thinking=["Plan it."]
    )
    pane = await ready_pane(open_window)
    await ask(pane, "Show me code")
    window = pane.window()
    assert isinstance(window, MainWindow)
    pane.settings_button.click()  # the conversation's settings panel
    pane.picker.open_popup()
    window.quick_switcher.open()
    found = problems([window, pane.picker.popup])
    checked = len(controls([window, pane.picker.popup]))
    pane.picker.popup.hide()
    window.show_page("models")
    await wait_until(lambda: window.models.rowCount() > 0)
    window.model_pane.installed.table.selectRow(0)
    found += problems([window])
    settings_window = window.open_settings()
    assert settings_window is not None
    found += problems([settings_window])
    settings_window.add_provider("azure")
    found += problems([settings_window, window.show_shortcuts()])
    checked += len(controls([window, settings_window]))
    assert checked > 60, "the walk did not reach the panes"
    assert not found, "\n".join(sorted(set(found)))


def test_the_first_run_screen_has_named_controls(qtbot: object) -> None:
    panel = FirstRunPanel(which=lambda _name: "/usr/local/bin/ollama")
    qtbot.addWidget(panel)  # type: ignore[attr-defined]
    panel.show_state(SetupState(False, "http://127.0.0.1:11434", 0, 0))
    panel.show()
    assert len(controls([panel])) == 4  # start, check again, add a provider, not now
    assert not problems([panel]), "\n".join(problems([panel]))


async def test_tab_walks_the_chat_in_reading_order(
    open_window: Callable[[], MainWindow], scripted: object, qtbot: object
) -> None:
    """From the message box, Tab reaches Send next; the sidebar's search comes before it."""
    pane = await ready_pane(open_window)
    window = pane.window()
    assert isinstance(window, MainWindow)
    order: list[QWidget] = []
    widget: QWidget = window.conversation_sidebar.search_box
    for _ in range(2000):
        order.append(widget)
        widget = widget.nextInFocusChain()
        if widget is window.conversation_sidebar.search_box:
            break
    focusable = [w for w in order if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert pane.composer in focusable and pane.send_button in focusable
    assert focusable.index(window.conversation_sidebar.search_box) < focusable.index(pane.composer)
    after_composer = [
        w
        for w in focusable[focusable.index(pane.composer) + 1 :]
        if w.isVisible() and w.isEnabled()
    ]
    assert after_composer[0] is pane.send_button
