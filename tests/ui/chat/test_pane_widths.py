"""The sidebar's pane in the Chats page's splitter: found, measured and given its width."""

from __future__ import annotations

from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from desktop.ui.chat.pane_widths import margins_between, share, splitter_pane


def test_the_pane_holding_a_widget_gets_the_width_asked_and_the_rest_goes_to_the_other(
    qtbot: object,
) -> None:
    splitter = QSplitter()
    qtbot.addWidget(splitter)  # type: ignore[attr-defined]
    pane, other = QWidget(), QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(12, 0, 8, 0)
    sidebar = QWidget()
    layout.addWidget(sidebar)
    splitter.addWidget(pane)
    splitter.addWidget(other)
    splitter.resize(1000, 600)
    splitter.show()

    assert splitter_pane(sidebar) == (splitter, pane)
    assert margins_between(sidebar, pane) == 20
    share(splitter, pane, 300)
    assert splitter.sizes()[0] == 300 and sum(splitter.sizes()) == 1000 - splitter.handleWidth()


def test_a_widget_outside_any_splitter_is_its_own_pane() -> None:
    lone = QWidget()
    assert splitter_pane(lone) == (None, lone)
