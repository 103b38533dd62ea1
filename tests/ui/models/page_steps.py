"""Steps the Models page tests share: open the page, pull from the field, read it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel

from desktop.core.pull_manager import PullChange, PullItem, PullPolicy
from desktop.ui.models.download_list import DownloadRow
from desktop.ui.models.pane import ModelManagerPane
from desktop.ui.shell.main_window import MainWindow
from tests.ui.conftest import wait_until

QUICK = PullPolicy(stall_seconds=0.5, backoff_seconds=0.2, backoff_max_seconds=1.0)


async def open_models(
    open_window: Callable[[], MainWindow], *, policy: PullPolicy = QUICK
) -> MainWindow:
    window = open_window()
    window.model_pane.pulls.policy = policy
    window.show_page("models")
    await wait_until(lambda: host_line(window.model_pane).endswith("0.33.0-rc2"))
    return window


def host_line(pane: ModelManagerPane) -> str:
    return pane.host_label.full_text()


class RowWatcher:
    """What the download row shows after every change the manager reports."""

    def __init__(self, pane: ModelManagerPane) -> None:
        self.pane = pane
        self.bars: list[int] = []
        self.statuses: list[str] = []
        self.figures: list[str] = []
        pane.pulls.subscribe(self._changed)

    def _changed(self, item: PullItem, change: PullChange) -> None:
        row = self.pane.downloads.row(item.name)
        if row is None or change is PullChange.REMOVED:
            return
        self.bars.append(row.bar.value())
        if not self.statuses or self.statuses[-1] != row.status_label.full_text():
            self.statuses.append(row.status_label.full_text())
        self.figures.append(row.figures_label.text())


def pull_from_field(pane: ModelManagerPane, name: str) -> DownloadRow:
    pane.pull_box.name_edit.setText(name)
    assert pane.pull_box.pull_button.isEnabled()
    pane.pull_box.pull_button.click()
    row = pane.downloads.row(name)
    assert row is not None
    return row


def select(pane: ModelManagerPane, name: str) -> None:
    assert pane.installed.select(name), f"{name} is not in the list"


def shown_texts(pane: ModelManagerPane) -> str:
    """Every line of text the page shows right now."""
    labels = [label for label in pane.findChildren(QLabel) if label.isVisible()]
    return "\n".join(label.text() for label in labels)
