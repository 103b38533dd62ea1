"""Ctrl+K's switcher on its own: what typing finds, the keys, and where focus goes back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from desktop.ui.shell.quick_switcher import (
    CONVERSATION,
    MAX_ROWS,
    MODEL,
    QuickSwitcher,
    SwitchTarget,
)
from tests.ui.keys import activate

TARGETS = [
    SwitchTarget(CONVERSATION, "Trip to Kyoto", "", 1),
    SwitchTarget(CONVERSATION, "Rust lifetimes", "", 2),
    SwitchTarget(MODEL, "qwen2.5-coder:7b", "Local Ollama", ("ollama", "qwen2.5-coder:7b")),
    SwitchTarget(MODEL, "gpt-4o-mini", "OpenAI", ("openai", "gpt-4o-mini")),
]


def window_with_switcher(
    qtbot: object, targets: list[SwitchTarget]
) -> tuple[QWidget, QuickSwitcher, QLineEdit]:
    window = QWidget()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.resize(800, 600)
    composer = QLineEdit(window)
    QVBoxLayout(window).addWidget(composer)
    switcher = QuickSwitcher(lambda: targets, window)
    window.show()
    activate(window)
    composer.setFocus()
    return window, switcher, composer


def test_every_typed_word_must_match_in_any_order_and_case(qtbot: object) -> None:
    _window, switcher, _composer = window_with_switcher(qtbot, TARGETS)
    switcher.open()
    assert switcher.isVisible() and switcher.search.hasFocus()
    assert len(switcher.visible_targets()) == len(TARGETS)

    qtbot.keyClicks(switcher.search, "OLLAMA coder")  # type: ignore[attr-defined]
    assert [t.label for t in switcher.visible_targets()] == ["qwen2.5-coder:7b"]
    assert "qwen2.5-coder:7b" in switcher.list.item(0).text()

    switcher.search.setText("kyoto rust")
    assert switcher.visible_targets() == []


def test_down_and_enter_open_the_second_match(qtbot: object) -> None:
    _window, switcher, _composer = window_with_switcher(qtbot, TARGETS)
    chosen: list[object] = []
    switcher.conversationChosen.connect(chosen.append)
    switcher.modelChosen.connect(lambda provider, model: chosen.append((provider, model)))
    switcher.open()
    qtbot.keyClicks(switcher.search, "i")  # type: ignore[attr-defined]  # Trip, Rust lifetimes, gpt-4o-mini
    qtbot.keyClick(switcher.search, Qt.Key.Key_Down)  # type: ignore[attr-defined]
    qtbot.keyClick(switcher.search, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert chosen == [2] and not switcher.isVisible()

    switcher.open()
    switcher.search.setText("mini")
    qtbot.keyClick(switcher.search, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
    assert chosen == [2, ("openai", "gpt-4o-mini")]


def test_esc_closes_and_gives_focus_back(qtbot: object) -> None:
    _window, switcher, composer = window_with_switcher(qtbot, TARGETS)
    switcher.open()
    switcher.search.setText("Kyoto")
    qtbot.keyClick(switcher.search, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    assert not switcher.isVisible()
    assert composer.hasFocus()

    switcher.open()
    assert switcher.search.text() == "", "it opens fresh"


def test_a_long_history_lists_at_most_max_rows(qtbot: object) -> None:
    many = [SwitchTarget(CONVERSATION, f"Chat {n}", "", n) for n in range(MAX_ROWS + 300)]
    _window, switcher, _composer = window_with_switcher(qtbot, many)
    switcher.open()
    assert switcher.list.count() == MAX_ROWS
    switcher.search.setText("Chat 49")
    expected = {n for n in range(MAX_ROWS + 300) if "49" in str(n)}  # beyond the first 200 too
    assert {t.key for t in switcher.visible_targets()} == expected
