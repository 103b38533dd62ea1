"""The Models page: installed models beside the selected one's details, with downloads and
the models loaded in memory as panels under the details.

    Models                              [model to download…      ] [Pull] [⟳]
    http://127.0.0.1:11434 · Ollama 0.33.0
    ┌ Installed 12 ─────── Sort ┐ ┌ qwen3:4b ───────────────────────────┐
    │ filter…         capability│ │ 4.0B parameters · Q4_K_M · 2.5 GB   │
    │ qwen3:4b          2.5 GB  │ │ [Chat] [Copy…] [Rename…]   [Delete…] │
    │ 4.0B params · Q4… [tools] │ │ memory, name parts, template, …      │
    │ …                         │ ├ ▾ Downloads   1 downloading ─────────┤
    │                           │ ├ ▾ Loaded in memory   1 ─────────────┤
    └───────────────────────────┘ └──────────────────────────────────────┘

/api/ps is asked only while the page is on screen (see running_view.py). While Ollama
cannot be reached a notice says so under the header; it goes as soon as /api/ps answers
again, and the Ollama monitor is asked to check at once rather than at its next retry.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model_records import LocalModel, ModelDetails
from desktop.core.pull_manager import PullManager
from desktop.providers.ollama import OllamaProvider
from desktop.ui.fitting_label import ElidingLabel, WrappingLabel
from desktop.ui.icons import icon
from desktop.ui.models.capability_badges import embedding_only
from desktop.ui.models.details_cache import ModelDetailsCache
from desktop.ui.models.details_panel import ModelDetailsPanel
from desktop.ui.models.discover_section import DiscoverSection
from desktop.ui.models.download_list import DownloadList
from desktop.ui.models.gguf_import import GgufDropTarget, GgufImport
from desktop.ui.models.installed_view import InstalledModelsView
from desktop.ui.models.model_actions import ModelActions
from desktop.ui.models.model_list_model import ModelListModel
from desktop.ui.models.panel import FoldingPanel
from desktop.ui.models.pull_box import PullBox
from desktop.ui.models.running_view import RunningModelsView
from desktop.ui.models.variant_dialog import VariantDialog
from desktop.ui.ollama_monitor import OllamaMonitor, OllamaStatus
from desktop.ui.strings import translated
from desktop.ui.tasks import TaskOwner
from desktop.ui.theme import QUIET, set_kind


def _card(*widgets: QWidget) -> QFrame:
    card = QFrame()
    card.setObjectName("modelsCard")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for widget in widgets:
        layout.addWidget(widget, 1)
    return card


class OllamaNotice(QFrame):
    """'Ollama is not running at …': wrapped, never wider than the page, with Retry."""

    retryRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelsNotice")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.setSpacing(10)
        mark = QLabel()
        mark.setPixmap(icon("circle-alert", "warning").pixmap(18, 18))
        layout.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
        self.text = WrappingLabel()
        self.text.setObjectName("noticeText")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text, 1)
        self.retry_button = QPushButton()
        self.retry_button.clicked.connect(self.retryRequested)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignTop)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.retry_button.setText(self.tr("Retry"))
        self.retry_button.setAccessibleName(self.tr("Check again whether Ollama answers"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def show_text(self, text: str) -> None:
        self.text.setText(text)
        self.setVisible(bool(text))


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
        self.setObjectName("modelsPage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._models = models
        self._monitor = monitor
        self.pulls = pulls
        self._host = monitor.status.host
        self._tasks = tasks
        self._ps_answers: bool | None = None

        def provider() -> OllamaProvider:
            return monitor.provider

        self.details_cache = ModelDetailsCache(provider, tasks, self)
        self.model_actions = ModelActions(provider, models.models, tasks, self)
        self.variant_dialog: VariantDialog | None = None
        """The variant dialog opened last (tests drive it)."""
        self.importer = GgufImport(provider, tasks, lambda name: models.find(name) is not None)
        self.drop_target = GgufDropTarget(self, self.importer)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 10)
        layout.setSpacing(8)
        layout.addLayout(self._header())
        self.notice = OllamaNotice()
        layout.addWidget(self.notice)
        layout.addWidget(self.importer)

        self.installed = InstalledModelsView(models)
        self.details = ModelDetailsPanel()
        self.downloads = DownloadList(pulls)
        self.running = RunningModelsView(provider, tasks)
        self.downloads_panel = FoldingPanel("", self.downloads, expanded=bool(pulls.items))
        self.running_panel = FoldingPanel("", self.running)

        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(_card(self.details), 1)
        column.addWidget(self.downloads_panel)
        column.addWidget(self.running_panel)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("modelsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(10)
        self.splitter.addWidget(_card(self.installed))
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([540, 540])
        self.discover = DiscoverSection(pulls, tasks)
        layout.addWidget(self.discover)
        layout.addWidget(self.discover.stack(self.splitter), 1)

        self.message = WrappingLabel()
        self.message.setObjectName("hint")
        self.message.hide()
        layout.addWidget(self.message)

        monitor.statusChanged.connect(self._status_changed)
        models.modelReset.connect(self._models_reset)
        self.details_cache.detailsReady.connect(self._details_ready)
        self.installed.selectionChanged.connect(self._selected)
        self.installed.modelActivated.connect(self._activated)
        self.installed.starterChosen.connect(self.pull_box.suggest)
        self.details.chatRequested.connect(self.chatRequested)
        self.details.deleteRequested.connect(self.model_actions.confirm_delete)
        self.details.copyRequested.connect(self.model_actions.ask_copy)
        self.details.renameRequested.connect(lambda m: self.model_actions.ask_copy(m, rename=True))
        self.details.variantRequested.connect(self.open_variant)
        self.details.editRequested.connect(lambda name: self.open_variant(name, edit=True))
        self.model_actions.finished.connect(self._action_finished)
        self.model_actions.failed.connect(self.show_message)
        self.importer.finished.connect(self._action_finished)
        self.importer.failed.connect(self.show_message)
        self.pull_box.pullRequested.connect(self._pull)
        self.downloads.pullFinished.connect(lambda _name: self.reload_models())
        self.downloads.itemsChanged.connect(self._downloads_changed)
        self.running.keepAliveChosen.connect(self.keepAliveChosen)
        self.running.runningChanged.connect(self._running_changed)
        self.running.reachableChanged.connect(self._ps_reachable)
        self.running.connectionFailed.connect(monitor.note_failure)
        self.notice.retryRequested.connect(self._retry)
        self._models_reset()
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the language in use (those made from state made again); called at
        start and on every language change."""
        self.title.setText(self.tr("Models"))
        self.refresh_button.setToolTip(self.tr("Refresh the list of models"))
        self.refresh_button.setAccessibleName(self.tr("Refresh the list of models"))
        self.downloads_panel.set_title(self.tr("Downloads"))
        self.running_panel.set_title(self.tr("Loaded in memory"))
        self._status_changed(self._monitor.status)
        self._downloads_changed()
        self._running_changed()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        header.setSpacing(8)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.title = QLabel()
        self.title.setObjectName("modelsTitle")
        titles.addWidget(self.title)
        self.host_label = ElidingLabel()
        self.host_label.setObjectName("modelsHost")
        titles.addWidget(self.host_label)
        titles.addStretch(1)
        header.addLayout(titles, 2)
        pulling = QVBoxLayout()
        pulling.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(8)
        self.pull_box = PullBox()
        row.addWidget(self.pull_box, 1)
        row.addWidget(self.importer.button)
        self.refresh_button = QToolButton()
        self.refresh_button.setIcon(icon("refresh-cw"))
        set_kind(self.refresh_button, QUIET)
        self.refresh_button.clicked.connect(self._retry)
        row.addWidget(self.refresh_button)
        pulling.addLayout(row)
        pulling.addWidget(self.pull_box.feedback)
        header.addLayout(pulling, 3)
        return header

    # -- what the page shows ------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.running.set_active(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.running.set_active(False)
        self._ps_answers = None  # unknown until the page is seen again

    def reload_models(self) -> None:
        """Fetch the list now, through the monitor: a request during its check runs once
        more after it, so the last list shown is never one read before the change (two
        fetches of our own could land out of order)."""
        self._monitor.refresh()

    def open_variant(self, base: str, *, edit: bool = False) -> VariantDialog:
        dialog = VariantDialog(
            lambda: self._monitor.provider,
            self._tasks,
            base,
            edit=edit,
            taken=lambda name: self._models.find(name) is not None,
            parent=self,
        )
        dialog.created.connect(lambda _name: self._action_finished(""))
        dialog.finished.connect(dialog.deleteLater)
        self.variant_dialog = dialog
        dialog.open()
        return dialog

    def _pull(self, name: str) -> None:
        self.pulls.add(name)
        self.downloads_panel.set_expanded(True)

    def _retry(self) -> None:
        self._monitor.refresh()
        self.running.refresh()

    def _action_finished(self, text: str) -> None:
        self.show_message(text)
        self.reload_models()
        self.running.refresh()

    # -- Ollama's state -----------------------------------------------------------------

    def _status_changed(self, status: OllamaStatus) -> None:
        if status.host != self._host:
            self._host = status.host
            self.details_cache.clear()
        if status.version:
            text = self.tr("{host} · Ollama {version}")
        elif status.reachable is False:
            text = self.tr("{host} · not reachable")
        else:
            text = "{host}"
        self.host_label.setText(text.format(host=status.host, version=status.version))
        self._update_notice()
        self._update_empty_hint()

    def _ps_reachable(self, reachable: bool) -> None:
        """/api/ps answered again (or stopped answering): say so now. A server found gone
        is reported to the monitor (connectionFailed); one back is checked at once."""
        self._ps_answers = reachable
        if reachable and self._monitor.status.reachable is False:
            self._monitor.refresh()
        self._update_notice()

    def _update_notice(self) -> None:
        status = self._monitor.status
        down = status.reachable is False and self._ps_answers is not True
        if not down:
            self.notice.show_text("")
            return
        if status.error is not None:
            text = translated(status.error)
        else:
            text = self.tr("Ollama does not answer at {host}.").format(host=status.host)
        self.notice.show_text(text)

    def _models_reset(self) -> None:
        self.details_cache.request([m for m in self._models.models() if not m.capabilities])
        self._update_empty_hint()

    def _update_empty_hint(self) -> None:
        reachable = self._monitor.status.reachable
        if self._models.rowCount() > 0:
            self.installed.show_empty("")
        elif reachable:
            self.installed.show_empty(
                self.tr("No models yet"),
                self.tr(
                    "Download one: type its name in the field above and press Pull, or "
                    "start with a small one."
                ),
                starters=True,
            )
        elif reachable is None:
            self.installed.show_empty(self.tr("Looking for models…"))
        else:
            self.installed.show_empty(
                self.tr("Ollama is not reachable"),
                self.tr("The models installed in Ollama show here once it answers."),
            )

    def _downloads_changed(self) -> None:
        self.downloads_panel.set_summary(self.downloads.summary())

    def _running_changed(self) -> None:
        count = len(self.running.running)
        self.running_panel.set_summary(
            self.tr("{n} loaded").format(n=count) if count else self.tr("none")
        )

    # -- selection ----------------------------------------------------------------------

    def _selected(self, model: LocalModel | None) -> None:
        if model is None:
            self.details.show_model(None)
            return
        self.details.show_model(model, self.details_cache.get(model.digest))
        self.details_cache.request([model], first=True)

    def _activated(self, name: str) -> None:
        """Enter or a double click on a row: chat with it, unless it cannot chat."""
        model = self._models.find(name)
        if model is not None and embedding_only(self._models.capabilities(model) or ()):
            self.show_message(
                self.tr("{name} is an embedding model: it cannot chat.").format(name=name)
            )
            return
        self.chatRequested.emit(name)

    def _details_ready(self, digest: str, details: ModelDetails) -> None:
        self._models.set_capabilities(digest, details.capabilities)
        self.details.show_details(digest, details)
