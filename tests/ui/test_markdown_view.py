"""The growing block of a streamed answer can wait for the next frame without any text
going missing or being shown twice."""

from __future__ import annotations

from desktop.ui.markdown_view import MarkdownView


def test_a_tail_left_behind_is_brought_up_to_date_before_painting(qtbot) -> None:
    view = MarkdownView()
    qtbot.addWidget(view)
    view.show()
    view.append("First paragraph.\n\nSecond para")
    assert view.tail_view is not None
    before = view.tail_view.toPlainText()
    assert before.endswith("Second para")
    view.append("graph grows.\n\n```python\nx = 1\n", redraw_tail=False)
    view.append("y = 2\n", redraw_tail=False)
    assert view.tail_view.toPlainText() == before, "not redrawn between frames"
    view.redraw_tail()
    assert view.tail_view.toPlainText().rstrip().endswith("x = 1\ny = 2")
    assert "Second para" not in view.tail_view.toPlainText()
    view.append("```\n\nDone.", redraw_tail=False)
    view.finish()
    assert view.source() == (
        "First paragraph.\n\nSecond paragraph grows.\n\n```python\nx = 1\ny = 2\n```\n\nDone."
    )
    shown = view.plain_text()
    assert shown.count("Second paragraph grows.") == 1 and shown.rstrip().endswith("Done.")
    assert not view.tail_view.isVisible()
