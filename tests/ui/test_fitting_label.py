"""Labels for long text: they never ask the window for the width of their whole text."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from desktop.ui.fitting_label import MIN_WIDTH, ElidingLabel, WrappingLabel

LONG = (
    "Ollama is not running at http://127.0.0.1:11434. Start it with `ollama serve`, or set "
    "the Ollama host in Settings. " * 3
)


def test_an_eliding_label_cuts_at_the_right_and_keeps_the_whole_text(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    row = QHBoxLayout(holder)
    label = ElidingLabel(LONG)
    row.addWidget(label)
    holder.resize(300, 40)
    holder.show()

    assert holder.minimumSizeHint().width() < 300
    shown = label.text()
    assert shown.endswith("…") and LONG.startswith(shown.removesuffix("…"))
    assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
    assert label.toolTip() == LONG and label.accessibleDescription() == LONG

    holder.resize(4000, 40)
    qtbot.waitUntil(lambda: label.text() == LONG)  # not in a coroutine: a plain test
    assert label.toolTip() == "" and not label.is_elided()


def test_a_wrapping_label_asks_for_little_width_and_grows_in_height(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    row = QHBoxLayout(holder)
    label = WrappingLabel(LONG.replace(" ", "-", 40))  # a long first "word" too
    row.addWidget(label)

    assert label.minimumSizeHint().width() <= MIN_WIDTH
    assert label.heightForWidth(200) > label.heightForWidth(800)
