"""Import a GGUF file the person already has: check it, hash it, upload it if Ollama lacks
it, and create a model from it.

    [Import GGUF…]   (or drop a .gguf on the Models page)
    ┌ Importing qwen3-4b-q4_k_m.gguf ─────────────────────────────┐
    │ Checking the file… 1.2 GB of 2.5 GB   [████████░░░░] [Cancel]│
    └──────────────────────────────────────────────────────────────┘

The file is checked (GGUF magic, the length its header declares) before anything is sent,
so a wrong or cut-off file gets a clear message and nothing is created. Hashing runs in a
worker thread; it and the upload only store a byte count, which a 10 Hz timer puts on the
bar (a progress bar repaints at once, so it is not touched per chunk). The blob is sent
only when HEAD /api/blobs says Ollama lacks it. Cancel stops the hashing at its next chunk
or closes the upload's connection.
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from desktop.core.errors import ParleyError, ProviderError
from desktop.core.gguf_file import HashCancelled, check_gguf, hash_file
from desktop.providers.ollama import OllamaProvider
from desktop.ui.fitting_label import ElidingLabel
from desktop.ui.formatting import format_bytes
from desktop.ui.icons import icon
from desktop.ui.strings import translated
from desktop.ui.tasks import TaskOwner
from desktop.ui.theme import QUIET, SECONDARY, set_kind

BAR_STEPS = 1000
TICK_MS = 100


class NotCreated(Exception):
    """/api/create failed: no model was added (an uploaded blob stays with Ollama)."""

    def __init__(self, error: ProviderError, uploaded: bool) -> None:
        super().__init__(str(error))
        self.error = error
        self.uploaded = uploaded


def model_name_for(path: Path) -> str:
    """``Qwen3-4B Q4_K_M.gguf`` → ``qwen3-4b-q4_k_m``: a name Ollama accepts."""
    name = re.sub(r"[^a-z0-9_.-]+", "-", path.stem.lower()).strip("-._")
    return name or "imported"


def gguf_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    return [
        Path(url.toLocalFile())
        for url in urls
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".gguf")
    ]


class GgufImport(QFrame):
    """The import's progress row; ``button`` (for the page header) starts one."""

    finished = Signal(str)  # what happened, in words
    failed = Signal(str)
    progressShown = Signal(str, int)  # the status line and the bar, as just drawn

    def __init__(
        self,
        provider: Callable[[], OllamaProvider],
        tasks: TaskOwner,
        taken: Callable[[str], bool] = lambda _name: False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importRow")
        self._taken = taken
        """Whether a model of that name is installed: an import never replaces one."""
        self._provider = provider
        self._tasks = tasks
        self.task: asyncio.Task[None] | None = None
        self._cancel = threading.Event()
        self._done = 0
        self._total = 0
        self._phase = ""
        self.file_dialog: QFileDialog | None = None

        self.button = QPushButton(icon("folder-open"), "")
        set_kind(self.button, SECONDARY)
        self.button.clicked.connect(self.choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.setSpacing(10)
        self.title = ElidingLabel()
        self.title.setObjectName("importTitle")
        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.bar = QProgressBar()
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton()
        set_kind(self.cancel_button, QUIET)
        self.cancel_button.clicked.connect(self.cancel)
        layout.addWidget(self.title, 3)
        layout.addWidget(self.status, 2)
        layout.addWidget(self.bar, 3)
        layout.addWidget(self.cancel_button)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        """Every text in the language in use (at start, and after a switch)."""
        self.button.setText(self.tr("Import GGUF…"))
        self.button.setToolTip(self.tr("Make a model from a .gguf file on this computer"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._tick()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    @property
    def busy(self) -> bool:
        return self.task is not None and not self.task.done()

    def choose(self) -> None:
        dialog = QFileDialog(self.window(), self.tr("Import a GGUF model"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("GGUF models (*.gguf)"), self.tr("All files (*)")])
        dialog.fileSelected.connect(lambda file: self.start(Path(file)))
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()

    def start(self, path: Path, name: str = "") -> None:
        if self.busy:
            self.failed.emit(self.tr("An import is running; wait for it or cancel it."))
            return
        self._cancel = threading.Event()
        name = name or self.free_name(model_name_for(path))
        self.task = self._tasks.spawn(self._run(path, name), name="import")

    def free_name(self, base: str) -> str:
        """``base``, or ``base-2``, ``base-3``… if a model already has the name."""
        name, number = base, 1
        while self._taken(f"{name}:latest"):
            number += 1
            name = f"{base}-{number}"
        return name

    def cancel(self) -> None:
        self._cancel.set()
        if self.task is not None:
            self.task.cancel()

    # -- the steps ----------------------------------------------------------------------

    async def _run(self, path: Path, name: str) -> None:
        self.title.setText(self.tr("Importing {file}").format(file=path.name))
        self._set_phase("check", 0, 0)
        self.show()
        self._timer.start()
        try:
            await self._steps(path, name)
        except asyncio.CancelledError:
            self.failed.emit(self.tr("The import of {file} was cancelled.").format(file=path.name))
        except HashCancelled:
            self.failed.emit(self.tr("The import of {file} was cancelled.").format(file=path.name))
        except NotCreated as problem:
            words = [translated(problem.error).rstrip(".") + ".", self.tr("No model was added.")]
            if problem.uploaded:  # Ollama prunes blobs no model uses when it starts
                words.append(
                    self.tr(
                        "The uploaded copy stays in Ollama's storage until Ollama removes "
                        "unused files (it does so when it starts)."
                    )
                )
            self.failed.emit(" ".join(words))
        except ParleyError as error:
            self.failed.emit(translated(error))
        else:
            self.finished.emit(
                self.tr("{name} was imported from {file}.").format(name=name, file=path.name)
            )
        finally:
            self._timer.stop()
            self.hide()

    async def _steps(self, path: Path, name: str) -> None:
        await asyncio.to_thread(check_gguf, path)
        size = await asyncio.to_thread(lambda: path.stat().st_size)
        self._set_phase("hash", 0, size)
        digest = await asyncio.to_thread(hash_file, path, self._progress, self._cancel)
        provider = self._provider()
        uploaded = not await provider.has_blob(digest)
        if uploaded:
            self._set_phase("upload", 0, size)
            await provider.push_blob(digest, path, self._progress)
        self._set_phase("create", 0, 0)
        try:
            async for status in provider.create(name, {"files": {path.name: digest}}):
                self._phase_text = status
                self._tick()
        except ProviderError as error:
            raise NotCreated(error, uploaded) from error

    def _progress(self, done: int) -> None:
        """Called per chunk (the hashing from its thread): only the count is stored."""
        self._done = done

    def _set_phase(self, phase: str, done: int, total: int) -> None:
        self._phase, self._done, self._total = phase, done, total
        self._phase_text = ""
        self._tick()

    def _tick(self) -> None:
        if not self._phase:
            return
        total, done = self._total, self._done
        words = {
            "check": self.tr("Checking the file…"),
            "hash": self.tr("Reading {done} of {total}"),
            "upload": self.tr("Sending to Ollama: {done} of {total}"),
            "create": self._phase_text or self.tr("Creating the model…"),
        }[self._phase]
        self.status.setText(words.format(done=format_bytes(done), total=format_bytes(total)))
        self.bar.setRange(0, BAR_STEPS if total else 0)
        if total:
            self.bar.setValue(min(BAR_STEPS, done * BAR_STEPS // total))
        self.progressShown.emit(self.status.text(), self.bar.value())


class GgufDropTarget(QObject):
    """Lets ``page`` take .gguf files dropped on it and hands them to ``importer``."""

    def __init__(self, page: QWidget, importer: GgufImport) -> None:
        super().__init__(page)
        self._importer = importer
        page.setAcceptDrops(True)
        page.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDropEvent)
            if gguf_paths(event):
                event.acceptProposedAction()
                return True
        elif event.type() == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            if paths := gguf_paths(event):
                event.acceptProposedAction()
                self._importer.start(paths[0])
                return True
        return False
