"""Settings → Documents: the embedding model, re-embedding when it changes, what is stored.

Choosing another model while documents hold vectors of the old one asks first, with the
cost (desktop/ui/documents/reembed_dialog.py; the new model is timed on a few passages when
they may go to it); yes saves the choice and re-embeds in the
background with progress and Stop, no leaves the old model chosen. Below: how many
documents and chunks are stored and how much room they take, and the library window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from desktop.core.errors import ParleyError
from desktop.documents.reembedding import ReembedPlan, RunProgress
from desktop.services.embedder_choice import EmbedderChoice
from desktop.storage.settings import SettingsStore
from desktop.ui.documents.library import DocumentLibrary
from desktop.ui.documents.reembed_dialog import ReembedDialog
from desktop.ui.formatting import format_bytes
from desktop.ui.page_tasks import PageTasks
from desktop.ui.provider_registry import LOCAL_OLLAMA_ID, ProviderRegistry
from desktop.ui.settings.embedding_box import EmbeddingBox
from desktop.ui.settings.section import Section, card
from desktop.ui.strings import counted
from desktop.ui.theme import QUIET, set_kind


class DocumentsSection(Section):
    def __init__(
        self,
        registry: ProviderRegistry,
        store: SettingsStore,
        library: DocumentLibrary,
        tasks: PageTasks,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = registry.settings
        self._store = store
        self.library = library
        self._tasks = tasks
        self.dialog: ReembedDialog | None = None

        frame, inner = card()
        self.model_title = QLabel()
        self.model_title.setObjectName("groupTitle")
        inner.addWidget(self.model_title)
        self.embedding = EmbeddingBox(registry, library.choice, tasks)
        inner.addWidget(self.embedding)
        self.body.addWidget(frame)

        stored, lines = card()
        self.stored_title = QLabel()
        self.stored_title.setObjectName("groupTitle")
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress_text = QLabel()
        self.progress_text.setObjectName("hint")
        self.progress_text.setWordWrap(True)
        self.stop = QPushButton()
        set_kind(self.stop, QUIET)
        self.resume = QPushButton()
        set_kind(self.resume, QUIET)
        self.resume.hide()
        self.open_library = QPushButton()
        run_row = QHBoxLayout()
        run_row.addWidget(self.progress_text, 1)
        run_row.addWidget(self.stop)
        run_row.addWidget(self.resume)
        open_row = QHBoxLayout()
        open_row.addStretch(1)
        open_row.addWidget(self.open_library)
        for widget in (self.stored_title, self.facts, self.progress):
            lines.addWidget(widget)
        lines.addLayout(run_row)
        lines.addLayout(open_row)
        self.body.addWidget(stored)
        self.body.addStretch(1)
        self._show_run(None)

        self.embedding.modelChosen.connect(self.choose)
        self.embedding.pullRequested.connect(self._pull)
        self.stop.clicked.connect(library.cancel_reembedding)
        self.resume.clicked.connect(self.continue_run)
        self.open_library.clicked.connect(self._open_library)
        library.changed.connect(self._refresh)
        library.reembedding.connect(self._show_run)
        library.reembedded.connect(self._run_ended)
        self.retranslate()

    def retranslate(self) -> None:
        self.set_heading(
            self.tr("Documents"),
            self.tr(
                "Files you add to a chat, a folder or a collection are split into passages "
                "and embedded, so a question finds the passages that answer it."
            ),
        )
        self.model_title.setText(self.tr("Embedding model"))
        self.stored_title.setText(self.tr("Stored documents"))
        self.stop.setText(self.tr("Stop"))
        self.resume.setText(self.tr("Continue"))
        self.open_library.setText(self.tr("Open the document library…"))
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        """Counted again each time it is shown: chats add documents without telling it."""
        super().showEvent(event)
        self._refresh()

    # -- what is stored ------------------------------------------------------------------
    def _refresh(self) -> None:
        if self.isVisible():
            self._tasks.run(self._show_facts())

    async def _show_facts(self) -> None:
        import asyncio

        facts = await asyncio.to_thread(self.library.collections.library_facts)
        documents = counted(facts.documents, self.tr("1 document"), self.tr("{count} documents"))
        chunks = counted(facts.chunks, self.tr("1 passage"), self.tr("{count} passages"))
        size = self.tr("{size} on disk").format(size=format_bytes(facts.disk_bytes))
        lines = [f"{documents} · {chunks} · {size}"]
        if facts.models:
            lines.append(self.tr("Embedded with {models}").format(models=", ".join(facts.models)))
        waiting = facts.chunks - facts.embedded
        if waiting > 0:
            lines.append(
                counted(
                    waiting,
                    self.tr("1 passage is not embedded yet."),
                    self.tr("{count} passages are not embedded yet."),
                )
            )
        self.facts.setText("\n".join(lines))

    # -- choosing another model ----------------------------------------------------------
    def choose(self, provider_id: str, model: str) -> None:
        """Use ``model``; asks first when stored documents were embedded with another."""
        self._tasks.run(self._choose(provider_id, model))

    async def _choose(self, provider_id: str, model: str) -> None:
        trial = await self.embedding.usable(provider_id, model)
        if trial is None:
            return  # missing, a chat model, the server down: said, and nothing changes
        cost = await self.library.plan(model)
        if not cost.needed:
            self._save(provider_id, model)
            return
        rate = await self._pace(trial, cost) or self.library.rate
        old = self.library.choice.model or ", ".join(cost.old_models)
        dialog = self.dialog = ReembedDialog(cost, old, rate, self.window())
        dialog.accepted.connect(lambda: self._agreed(provider_id, cost))
        dialog.rejected.connect(self.embedding.show_choice)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    async def _pace(self, trial: EmbedderChoice, cost: ReembedPlan) -> float | None:
        """The new model timed on a few of the passages, for the time estimate: only where
        passages may go (this computer, or a service the person allowed)."""
        if not trial.consented:
            return None
        self.embedding.set_result("busy", self.tr("Timing {model} on a few passages…").format(
            model=cost.model))  # fmt: skip
        try:
            return await self.library.measure_pace(await trial.current(), cost) or None
        except ParleyError:
            return None  # said when the run meets it; the question goes without a time
        finally:
            self.embedding.set_result("", "")

    def _agreed(self, provider_id: str, cost: ReembedPlan) -> None:
        self._save(provider_id, cost.model)
        self.library.start_reembedding(cost)
        self._show_run(RunProgress(0, len(cost.documents), 0, cost.chunks))

    def _save(self, provider_id: str, model: str) -> None:
        with self._settings.batch():
            self._settings.embedding_provider = (
                "" if provider_id == LOCAL_OLLAMA_ID else provider_id
            )
            self._settings.embedding_model = model
        self._store.save(self._settings)

    def _show_run(self, progress: RunProgress | None) -> None:
        running = progress is not None
        if running:
            self.resume.hide()
        for widget in (self.progress, self.progress_text, self.stop):
            widget.setVisible(running)
        if progress is None:
            return
        self.progress.setMaximum(max(progress.chunks, 1))
        self.progress.setValue(progress.chunks_done)
        self.progress_text.setText(
            self.tr(
                "Embedding again: {done} of {total} passages, document {document} of {all}"
            ).format(
                done=progress.chunks_done,
                total=progress.chunks,
                document=min(progress.documents_done + 1, progress.documents),
                all=progress.documents,
            )
        )

    def _run_ended(self, finished: bool, problem: str) -> None:
        self._show_run(None)
        if problem or not finished:
            self.progress_text.setText(
                problem or self.tr("Stopped. Documents not embedded again yet are found by "
                                   "their words only until you continue.")
            )  # fmt: skip
            self.progress_text.show()
            self.resume.show()
        self._refresh()

    def continue_run(self) -> None:
        """Continue a stopped or failed run with the model chosen (already agreed to)."""
        self.resume.hide()
        self._tasks.run(self._continue())

    async def _continue(self) -> None:
        cost = await self.library.plan(self.library.choice.model)
        if cost.needed:
            self.library.start_reembedding(cost)
            self._show_run(RunProgress(0, len(cost.documents), 0, cost.chunks))

    def _pull(self, name: str) -> None:
        """Queue the download; the list is read again when the section is next shown."""
        if self.library.pull is None:
            return
        self.library.pull(name)
        self.embedding.pull.setEnabled(False)
        self.embedding.none_pulled.setText(
            self.tr("Downloading {name}: see the Models page. Come back here when it is done.")
            .format(name=name)
        )  # fmt: skip

    def _open_library(self) -> None:
        from desktop.ui.documents.library_window import show_library

        show_library(self.library, self.window())
