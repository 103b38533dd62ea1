"""The message box: Enter sends, Shift+Enter breaks the line, Esc stops; it grows with the
text up to a limit; a pasted picture goes to the attachments, not into the text."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QImage

from desktop.ui.chat.composer.composer import MAX_LINES, MIN_LINES, ComposerEdit
from tests.ui.keys import press

SHIFT = Qt.KeyboardModifier.ShiftModifier


def composer(qtbot: object) -> ComposerEdit:
    edit = ComposerEdit()
    qtbot.addWidget(edit)  # type: ignore[attr-defined]
    edit.resize(500, edit.height())
    edit.show()
    return edit


def test_enter_sends_shift_enter_breaks_the_line_and_esc_stops(qtbot: object) -> None:
    edit = composer(qtbot)
    sent: list[str] = []
    stopped: list[bool] = []
    edit.submitted.connect(lambda: sent.append(edit.toPlainText()))
    edit.stopRequested.connect(lambda: stopped.append(True))

    qtbot.keyClicks(edit, "first line")  # type: ignore[attr-defined]
    press(qtbot, edit, Qt.Key.Key_Return, SHIFT)
    qtbot.keyClicks(edit, "second")  # type: ignore[attr-defined]
    assert sent == [] and edit.toPlainText() == "first line\nsecond"

    press(qtbot, edit, Qt.Key.Key_Return)
    press(qtbot, edit, Qt.Key.Key_Enter)  # the keypad's
    assert sent == ["first line\nsecond"] * 2
    assert edit.toPlainText() == "first line\nsecond", "the pane clears it once sent"

    press(qtbot, edit, Qt.Key.Key_Escape)
    assert stopped == [True]


def test_it_grows_line_by_line_up_to_the_limit_then_scrolls(qtbot: object) -> None:
    edit = composer(qtbot)
    edit.setPlainText("\n".join(["x"] * MIN_LINES))
    line = edit.fontMetrics().lineSpacing()  # after the look's font applied
    smallest = edit.height()

    edit.setPlainText("\n".join(["x"] * (MIN_LINES + 2)))
    assert edit.height() == smallest + 2 * line

    edit.setPlainText("\n".join(["x"] * (MAX_LINES + 20)))
    tallest = smallest + (MAX_LINES - MIN_LINES) * line
    assert edit.height() == tallest
    assert edit.verticalScrollBar().maximum() > 0, "the rest scrolls"

    edit.clear()
    assert edit.height() == smallest, "one line takes as much room as the minimum"


def test_a_pasted_picture_is_offered_to_the_attachments_not_typed(qtbot: object) -> None:
    edit = composer(qtbot)
    offered: list[QMimeData] = []
    edit.imagesOffered.connect(offered.append)
    picture = QMimeData()
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.red)
    picture.setImageData(image)

    assert edit.canInsertFromMimeData(picture)
    edit.insertFromMimeData(picture)
    assert offered == [picture] and edit.toPlainText() == ""

    words = QMimeData()
    words.setText("plain words")
    edit.insertFromMimeData(words)
    assert offered == [picture] and edit.toPlainText() == "plain words"
