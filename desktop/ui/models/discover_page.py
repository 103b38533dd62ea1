"""Discover, the Models page's second section: find a model on Hugging Face or in Ollama's
library, see whether it fits this computer, and pull it with the usual progress.

    [Installed] [Discover]
    [🔍 Search GGUF models on Hugging Face…   ]   [Hugging Face] [Ollama library]
    Searching… / 42 repositories / Hugging Face cannot be reached…
    ┌ results ───────────────────┐ ┌ repo: quantizations, fit, [Pull Q4_K_M] ┐
    │ unsloth/Qwen3-4B-…-GGUF    │ ├ ▾ Downloads ─────────────────────────────┤
    └────────────────────────────┘ └──────────────────────────────────────────┘

Typing searches 300 ms after the last key (Enter at once); a new search cancels the one
in flight, so an older answer never replaces a newer one. The first search runs when the
section is first shown, never at start-up. A pull goes to the same PullManager as the
Pull field, and this section has its own view of the download list.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import ConnectionFailed, ProviderError, ProviderTimeout
from desktop.core.gpu_memory import total_vram_bytes
from desktop.core.hub_files import MachineMemory, repo_id_in
from desktop.core.memory_estimate import total_ram_bytes
from desktop.core.ollama_library import LibraryCatalog, LibraryModel, load_catalog
from desktop.core.pull_manager import PullManager
from desktop.resources import resource_path
from desktop.services.hub_search import SORTS, HubModel, HubSearch
from desktop.services.library_registry import LibraryRegistry
from desktop.ui.fitting_label import WrappingLabel
from desktop.ui.icons import icon
from desktop.ui.models.discover_detail import DiscoverDetail
from desktop.ui.models.discover_library import LibrarySizes
from desktop.ui.models.discover_results import ResultsView
from desktop.ui.models.discover_section_switch import SectionSwitch
from desktop.ui.models.discover_texts import hub_error_text
from desktop.ui.models.download_list import DownloadList
from desktop.ui.models.panel import FoldingPanel
from desktop.ui.tasks import TaskOwner

HUGGING_FACE, LIBRARY = 0, 1
TYPING_PAUSE_MS = 300
LIBRARY_FILE = "ollama_library.json"


def _card(widget: QWidget) -> QFrame:
    card = QFrame()
    card.setObjectName("modelsCard")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget, 1)
    return card


class DiscoverPage(QWidget):
    def __init__(
        self,
        pulls: PullManager,
        tasks: TaskOwner,
        hub: HubSearch | None = None,
        catalog: LibraryCatalog | None = None,
        registry: LibraryRegistry | None = None,
        machine: MachineMemory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``hub`` defaults to huggingface.co, ``catalog`` to the list shipped in resources/,
        ``registry`` to Ollama's, ``machine`` to this computer's RAM (the GPU's is asked
        when the section is first shown)."""
        super().__init__(parent)
        self.setObjectName("discoverPage")
        self.hub = hub or HubSearch()
        self.catalog = catalog or load_catalog(resource_path(LIBRARY_FILE))
        self.library_sizes = LibrarySizes(registry or LibraryRegistry(), tasks, self)
        self.pulls = pulls
        self._tasks = tasks
        self._search_task: asyncio.Task[None] | None = None
        self._open_task: asyncio.Task[None] | None = None
        self._searched: str | None = None
        self._hub_status: Callable[[], str] = str
        """The Hugging Face line, said again in the language in use on each change."""
        self._hub_offline = False
        self._machine = machine or MachineMemory(total_ram_bytes())
        self._vram_asked = machine is not None
        self.results_shown_at = 0.0
        """perf_counter() when the last answer was put in the list (the benchmark reads it)."""

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        top = QHBoxLayout()
        top.setSpacing(10)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("discoverSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(
            icon("search", "muted"), QLineEdit.ActionPosition.LeadingPosition
        )
        top.addWidget(self.search_edit, 1)
        self.sort_combo = QComboBox()
        self.sort_combo.setObjectName("discoverSort")
        for key in SORTS:
            self.sort_combo.addItem("", key)
        top.addWidget(self.sort_combo)
        self.source = SectionSwitch(2)
        top.addWidget(self.source)
        layout.addLayout(top)
        self.status = WrappingLabel()
        self.status.setObjectName("discoverStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        self.results = ResultsView()
        self.detail = DiscoverDetail(lambda: self._machine)
        self.downloads = DownloadList(pulls)
        self.downloads_panel = FoldingPanel("", self.downloads, expanded=bool(pulls.items))
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(_card(self.detail), 1)
        column.addWidget(self.downloads_panel)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("modelsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(10)
        self.splitter.addWidget(_card(self.results))
        self.splitter.addWidget(side)
        self.splitter.setSizes([540, 540])
        layout.addWidget(self.splitter, 1)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.search_now)
        self.search_edit.textChanged.connect(self._text_changed)
        self.search_edit.returnPressed.connect(self.search_now)
        self.source.chosen.connect(self._source_chosen)
        self.sort_combo.currentIndexChanged.connect(lambda _index: self.search_now())
        self.results.selectionModel().currentChanged.connect(lambda *_: self._result_chosen())
        self.detail.pullRequested.connect(self.pull)
        self.library_sizes.sizesReady.connect(lambda name, _sizes: self._library_sizes(name))
        self.library_sizes.sizesFailed.connect(lambda name: self._library_sizes(name, failed=True))
        self.downloads.itemsChanged.connect(self._downloads_changed)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        words = (
            self.tr("Most downloaded"),
            self.tr("Most liked"),
            self.tr("Recently updated"),
            self.tr("Trending"),
        )
        for index, text in enumerate(words):
            self.sort_combo.setItemText(index, text)
        self.sort_combo.setAccessibleName(self.tr("Order of the Hugging Face results"))
        self.sort_combo.setVisible(self.source.current() == HUGGING_FACE)
        self.source.set_texts(self.tr("Hugging Face"), self.tr("Ollama library"))
        self.downloads_panel.set_title(self.tr("Downloads"))
        self._downloads_changed()
        if self.source.current() == HUGGING_FACE:
            self.search_edit.setPlaceholderText(self.tr("Search GGUF models on Hugging Face"))
        else:
            self.search_edit.setPlaceholderText(self.tr("Filter Ollama's library"))
        self.search_edit.setAccessibleName(self.search_edit.placeholderText())
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._vram_asked:
            self._vram_asked = True
            self._tasks.spawn(self._ask_vram(), name="discover-vram")
        if self.source.current() == HUGGING_FACE and self._searched is None:
            self.search_now()

    def use_hub(self, hub: HubSearch) -> None:
        """Search another endpoint from now on (the composition root, tests)."""
        self.hub = hub
        self._searched = None
        if self.isVisible() and self.source.current() == HUGGING_FACE:
            self.search_now()

    # -- searching ------------------------------------------------------------------------

    def _text_changed(self, _text: str) -> None:
        if self.source.current() == HUGGING_FACE:
            self._typing.start()
        else:
            self._show_library()

    def search_now(self) -> None:
        self._typing.stop()
        if self.source.current() != HUGGING_FACE:
            self._show_library()
            return
        text = self.search_edit.text().strip()
        if self._search_task is not None:
            self._search_task.cancel()
        self._searched = text
        self._hub_status = lambda: self.tr("Searching Hugging Face…")
        self._show_status()
        self._search_task = self._tasks.spawn(self._search(text), name="discover-search")

    async def _search(self, text: str) -> None:
        repo = repo_id_in(text)  # a pasted page address or pull name: search for its repo
        try:
            rows = await self.hub.search(repo or text, self.sort_combo.currentData())
        except ProviderError as error:
            self._hub_failed(error)
            return
        self._hub_offline = False
        self.show_results(rows)
        ids = [row.repo_id.lower() for row in rows]
        if repo and repo.lower() in ids:
            self.results.select_row(ids.index(repo.lower()))  # and open it
        count = len(rows)
        if count == 1:
            self._hub_status = lambda: self.tr("1 GGUF repository")
        elif rows:
            self._hub_status = lambda: self.tr("{n} GGUF repositories").format(n=count)
        elif text:
            self._hub_status = lambda: self.tr("No GGUF repositories match “{text}”.").format(
                text=text
            )
        else:
            self._hub_status = lambda: self.tr("Hugging Face lists no GGUF repositories.")
        self._show_status()

    def show_results(self, rows: list[HubModel]) -> None:
        """Put an answer in the list (the benchmark times this to the paint)."""
        self.results_shown_at = time.perf_counter()
        self.detail.show_nothing()
        self.results.results.set_items(rows)

    def _hub_failed(self, error: ProviderError) -> None:
        self._hub_offline = isinstance(error, ConnectionFailed | ProviderTimeout)
        endpoint = self.hub.endpoint
        self._hub_status = lambda: hub_error_text(error, endpoint)
        self.results.results.set_items([])
        self.detail.show_nothing()
        if self._hub_offline:
            self.source.choose(LIBRARY)  # what works offline; the status line says why
        else:
            self._show_status()

    # -- choosing -------------------------------------------------------------------------

    def _source_chosen(self, source: int) -> None:
        self._typing.stop()  # a search due from typing, or on its way, was for the other source
        if self._search_task is not None:
            self._search_task.cancel()
            self._search_task = None
            self._searched = None
        self.retranslate()
        if source == LIBRARY:
            self._show_library()
        else:
            self.results.results.set_items([])
            self.detail.show_nothing()
            self.search_now()

    def _show_library(self) -> None:
        text = self.search_edit.text()
        self.results.results.set_items([m for m in self.catalog.models if m.matches(text)])
        self.detail.show_nothing()
        self._show_status()

    def _result_chosen(self) -> None:
        item = self.results.current_item()
        if self._open_task is not None:
            self._open_task.cancel()
            self._open_task = None
        if isinstance(item, LibraryModel):
            self.detail.show_library(
                item, None, self.tr("Checking the sizes with Ollama's registry…")
            )
            self._library_sizes(item.name)
            self.library_sizes.request(item)
        elif isinstance(item, HubModel):
            self.detail.show_loading(item.repo_id)
            self._open_task = self._tasks.spawn(self._open(item.repo_id), name="discover-repo")

    async def _open(self, repo_id: str) -> None:
        try:
            repo = await self.hub.open_repo(repo_id)
        except ProviderError as error:
            self.detail.show_error(repo_id, hub_error_text(error, self.hub.endpoint))
            return
        self.detail.show_repo(repo)

    def _library_sizes(self, name: str, *, failed: bool = False) -> None:
        """Show the sizes known for the library model ``name`` if it is still the one open."""
        item = self.results.current_item()
        if not isinstance(item, LibraryModel) or item.name != name:
            return
        sizes = self.library_sizes.known.get(name)
        if sizes is not None:
            self.detail.show_library(item, sizes, self.tr("Sizes checked with Ollama's registry."))
        elif failed:
            stamp = self.catalog.as_of.isoformat() if self.catalog.as_of else "?"
            note = self.tr(
                "Ollama's registry cannot be reached: sizes as shipped with Parley ({date})."
            ).format(date=stamp)
            self.detail.show_library(item, None, note)

    def pull(self, name: str) -> None:
        self.pulls.add(name)
        self.downloads_panel.set_expanded(True)

    # -- status ---------------------------------------------------------------------------

    def _show_status(self) -> None:
        if self.source.current() == HUGGING_FACE:
            text, warn = self._hub_status(), self._hub_offline
        else:
            stamp = self.catalog.as_of.strftime("%Y-%m-%d") if self.catalog.as_of else "?"
            library = self.tr(
                "Popular models of Ollama's library as of {date}, shipped with Parley (Ollama "
                "offers no list to refresh it from); sizes are checked with its registry when "
                "a model is opened."
            ).format(date=stamp)
            warn = self._hub_offline
            text = f"{self._hub_status()}\n{library}" if warn else library
        self.status.setText(text)
        self.status.setProperty("warning", warn)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setVisible(bool(text))

    def _downloads_changed(self) -> None:
        self.downloads_panel.set_summary(self.downloads.summary())

    async def _ask_vram(self) -> None:
        vram = await asyncio.to_thread(total_vram_bytes)
        if vram:
            self._machine = MachineMemory(self._machine.ram, vram)
            self.detail.retranslate()  # shows the same choice again with the GPU counted
