"""Installed | Discover above the Models page's body; Discover is built when first chosen.

The page starts with the installed models as before; nothing of Discover (its lists, its
second download list, the shipped library file) is made during start-up.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QStackedWidget, QWidget

from desktop.core.hub_files import MachineMemory
from desktop.core.pull_manager import PullManager
from desktop.services.hub_search import HubSearch
from desktop.services.library_registry import LibraryRegistry
from desktop.ui.models.discover_page import DiscoverPage
from desktop.ui.models.discover_section_switch import SectionSwitch
from desktop.ui.tasks import TaskOwner

INSTALLED, DISCOVER = 0, 1


class DiscoverSection(QWidget):
    """The switch row; ``stack`` gives the body it switches."""

    def __init__(self, pulls: PullManager, tasks: TaskOwner, parent: QWidget | None = None):
        super().__init__(parent)
        self._pulls = pulls
        self._tasks = tasks
        self.hub = HubSearch()
        """Where Discover searches (set before it is first shown: the composition root,
        tests; later through ``set_hub``)."""
        self.registry = LibraryRegistry()
        self.machine: MachineMemory | None = None
        """This computer's memory as Discover should count it (None: ask the system)."""
        self.page: DiscoverPage | None = None
        self._stack: QStackedWidget | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.switch = SectionSwitch(2)
        row.addWidget(self.switch)
        row.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.switch.chosen.connect(self._chosen)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.switch.set_texts(self.tr("Installed"), self.tr("Discover"))
        self.switch.buttons[DISCOVER].setToolTip(
            self.tr("Find models on Hugging Face and in Ollama's library")
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def stack(self, installed: QWidget) -> QStackedWidget:
        """The page's body: ``installed``, or Discover once chosen."""
        self._stack = QStackedWidget()
        self._stack.addWidget(installed)
        return self._stack

    def set_hub(self, hub: HubSearch) -> None:
        self.hub = hub
        if self.page is not None:
            self.page.use_hub(hub)

    def _chosen(self, index: int) -> None:
        if self._stack is None:
            return
        if index == DISCOVER and self.page is None:
            self.page = DiscoverPage(
                self._pulls, self._tasks, self.hub, registry=self.registry, machine=self.machine
            )
            self._stack.addWidget(self.page)
        self._stack.setCurrentIndex(index)
