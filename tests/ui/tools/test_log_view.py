"""A server's log follows its end while the person is at the end, through new lines,
a window that shrinks and a tab that is hidden; scrolled up, it stays where they are."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from desktop.ui.tools.log_view import LogView


def lines(first: int, count: int) -> list[str]:
    return [f"line {number}" for number in range(first, first + count)]


def at_end(log: LogView) -> bool:
    bar = log.verticalScrollBar()
    return bar.value() == bar.maximum() > 0


def shown_log(qtbot, height: int = 300) -> LogView:
    log = LogView(2000)
    qtbot.addWidget(log)
    log.resize(400, height)
    log.show()
    qtbot.waitExposed(log)
    return log


def test_the_log_still_follows_its_end_after_the_window_shrank(qtbot):
    log = shown_log(qtbot)
    log.add_lines(lines(0, 200))
    assert at_end(log)
    log.resize(400, 120)  # the last line is now below the view
    QApplication.processEvents()
    assert at_end(log)
    log.add_lines(lines(200, 1))
    assert at_end(log)
    assert log.toPlainText().endswith("line 200")


def test_a_log_filled_in_a_hidden_tab_opens_at_its_end(qtbot):
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    log = LogView(2000)
    tabs.addTab(QWidget(), "Tools")
    tabs.addTab(log, "Log")
    tabs.resize(400, 300)
    tabs.show()
    qtbot.waitExposed(tabs)
    for first in range(0, 300, 30):  # lines arrive while the person looks at the tools
        log.add_lines(lines(first, 30))
    tabs.setCurrentWidget(log)
    QApplication.processEvents()
    assert at_end(log)


def test_scrolled_up_the_person_keeps_their_place_through_lines_and_resizes(qtbot):
    log = shown_log(qtbot)
    log.add_lines(lines(0, 300))
    bar = log.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    place = bar.value()
    log.add_lines(lines(300, 5))
    log.resize(400, 200)
    QApplication.processEvents()
    assert bar.value() == place
    bar.setValue(bar.maximum())  # back at the end, it follows again
    log.add_lines(lines(305, 5))
    assert at_end(log)


def test_a_log_begun_again_is_shown_whole_from_its_end(qtbot):
    log = shown_log(qtbot)
    log.add_lines(lines(0, 300))
    log.verticalScrollBar().setValue(0)
    log.show_lines(lines(1000, 100))
    assert log.toPlainText().startswith("line 1000")
    assert at_end(log)
