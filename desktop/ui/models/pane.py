"""The model manager: installed models, their details, what is loaded, and downloads."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import ProviderError
from desktop.core.model_records import LocalModel, ModelDetails
from desktop.core.pull_manager import PullManager
from desktop.providers.ollama import OllamaProvider
from desktop.ui.i18n_core import core_text
from desktop.ui.models.details_cache import ModelDetailsCache
from desktop.ui.models.details_panel import ModelDetailsPanel
from desktop.ui.models.download_list import DownloadList
from desktop.ui.models.installed_view import InstalledModelsView
from desktop.ui.models.model_actions import ModelActions
from desktop.ui.models.model_list_model import ModelListModel
from desktop.ui.models.pull_box import PullBox
from desktop.ui.models.running_view import RunningModelsView
from desktop.ui.ollama_monitor import OllamaMonitor, OllamaStatus
from desktop.ui.tasks import TaskOwner

STYLE = """
QLabel#sectionTitle { font-weight: 600; }
QFrame#downloadRow { border: 1px solid palette(mid); border-radius: 6px; }
QLabel#downloadName { font-weight: 600; }
QLabel#downloadError { color: #b3261e; }
"""


def _section(title: str, *widgets: QWidget, stretch: int = 1) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 4, 0, 0)
    label = QLabel(title)
    label.setObjectName("sectionTitle")
    layout.addWidget(label)
    for index, widget in enumerate(widgets):
        layout.addWidget(widget, stretch if index == len(widgets) - 1 else 0)
    return box


class ModelManagerPane(QWidget):
    chatRequested = Signal(str)
    keepAliveChosen = Signal(object)

    def __init__(
        self,
        models: ModelListModel,
        monitor: OllamaMonitor,
        pulls: PullManager,
        tasks: TaskOwner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._models = models
        self._monitor = monitor
        self.pulls = pulls
        self._host = monitor.status.host
        self._tasks = tasks

        def provider() -> OllamaProvider:
            return monitor.provider

        self.details_cache = ModelDetailsCache(provider, tasks, self)
        self.model_actions = ModelActions(provider, models.models, tasks, self)

        self.setStyleSheet(STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        header = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("paneTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header.addWidget(self.title, 1)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setAccessibleName(self.tr("Refresh the list of models"))
        self.refresh_button.clicked.connect(monitor.refresh)
        header.addWidget(self.refresh_button)
        layout.addLayout(header)

        self.installed = InstalledModelsView(models)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("hint")
        self.empty_label.setWordWrap(True)
        self.running = RunningModelsView(provider, tasks)
        self.details = ModelDetailsPanel()
        self.pull_box = PullBox()
        self.downloads = DownloadList(pulls)

        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(_section(self.tr("Details"), self.details))
        bottom.addWidget(_section(self.tr("Download a model"), self.pull_box, self.downloads))
        bottom.setSizes([440, 480])
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(
            _section(self.tr("Installed"), self.installed, self.empty_label, stretch=0)
        )
        self.splitter.addWidget(_section(self.tr("Loaded in memory"), self.running))
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setStretchFactor(2, 4)
        self.splitter.setSizes([250, 95, 355])
        layout.addWidget(self.splitter, 1)
        self.message = QLabel()
        self.message.setObjectName("hint")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        monitor.statusChanged.connect(self._status_changed)
        models.modelReset.connect(self._models_reset)
        self.details_cache.detailsReady.connect(self._details_ready)
        self.installed.selectionChanged.connect(self._selected)
        self.installed.modelActivated.connect(self.chatRequested)
        self.details.chatRequested.connect(self.chatRequested)
        self.details.deleteRequested.connect(self.model_actions.confirm_delete)
        self.details.copyRequested.connect(self.model_actions.ask_copy)
        self.details.renameRequested.connect(lambda m: self.model_actions.ask_copy(m, rename=True))
        self.model_actions.finished.connect(self._action_finished)
        self.model_actions.failed.connect(self.show_message)
        self.pull_box.pullRequested.connect(pulls.add)
        self.downloads.pullFinished.connect(lambda _name: self.reload_models())
        self.running.keepAliveChosen.connect(self.keepAliveChosen)
        self._status_changed(monitor.status)
        self._models_reset()

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def reload_models(self) -> None:
        """Fetch the list now. (The monitor skips a refresh while one is in flight, and that
        one may have read the list before the change.)"""
        self._tasks.spawn(self._reload(), name="model-list")

    async def _reload(self) -> None:
        try:
            models = await self._monitor.provider.list_models()
        except ProviderError as error:
            self.show_message(core_text(error.message))
            return
        self._models.set_models(models)

    def _action_finished(self, text: str) -> None:
        self.show_message(text)
        self.reload_models()
        self.running.refresh()

    def _status_changed(self, status: OllamaStatus) -> None:
        if status.host != self._host:
            self._host = status.host
            self.details_cache.clear()
        if status.version:
            text = self.tr("Models on {host} · Ollama {version}")
        elif status.reachable is False:
            text = self.tr("Models on {host} · not reachable")
        else:
            text = self.tr("Models on {host}")
        self.title.setText(text.format(host=status.host, version=status.version))
        self._update_empty_hint()

    def _models_reset(self) -> None:
        self.details_cache.request([m for m in self._models.models() if not m.capabilities])
        self._update_empty_hint()

    def _selected(self, model: LocalModel | None) -> None:
        if model is None:
            self.details.show_model(None)
            return
        self.details.show_model(model, self.details_cache.get(model.digest))
        self.details_cache.request([model], first=True)

    def _details_ready(self, digest: str, details: ModelDetails) -> None:
        self._models.set_capabilities(digest, details.capabilities)
        self.details.show_details(digest, details)

    def _update_empty_hint(self) -> None:
        if self._models.rowCount() > 0:
            self.empty_label.hide()
            return
        self.empty_label.setText(
            self.tr(
                "No models installed yet. Type a name under “Download a model”, e.g. qwen3:0.6b."
            )
            if self._monitor.status.reachable
            else self.tr("Models appear here once Ollama is reachable.")
        )
        self.empty_label.show()
