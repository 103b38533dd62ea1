"""Documents being added to a conversation: read, stored, embedded, each with its state.

``DocumentIndexer`` owns one entry per document it shows (by owner: a conversation, or a
new chat's draft). Reading runs in a worker thread (desktop.documents.indexing), the
embedding batch by batch through the person's embedding model (EmbedderChoice), with
progress. Cancel stops after the batch in flight and keeps what is saved; Resume, and
showing the owner again after a crash or quit, continues with the chunks still without
vectors. A file that cannot be read leaves nothing stored and says why; an embedder that
fails (missing, a chat model, the server down) leaves the chunks waiting for Resume.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.core.errors import ModelNotFound, ParleyError, ProviderError
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.documents.context import fits_whole
from desktop.documents.indexing import Progress, add_file, embed_document
from desktop.documents.problems import DocumentProblem
from desktop.providers.embed_errors import NotAnEmbeddingModel
from desktop.services.embedder_choice import EmbedderChoice, NoEmbeddingModel
from desktop.ui.tasks import TaskOwner

if TYPE_CHECKING:
    from desktop.storage.document_store import DocumentStore, StoredDocument

log = logging.getLogger(__name__)
DEFAULT_WINDOW = 4096


class State(Enum):
    READING = "reading"
    INDEXING = "indexing"
    READY = "ready"
    PAUSED = "paused"
    WAITING = "waiting"
    """For the person: an embedding model to choose, or consent to a remote one."""
    PROBLEM = "problem"


class Needs(Enum):
    NOTHING = ""
    SETTINGS = "settings"
    CONSENT = "consent"
    RESUME = "resume"


@dataclass
class DocEntry:
    key: int
    owner: str
    name: str
    document_id: int | None = None
    pages: int = 0
    chunks: int = 0
    embedded: int = 0
    state: State = State.READING
    note: Text | None = None
    """Why it waits or failed, or what it is ready for, in words."""
    needs: Needs = Needs.NOTHING

    @property
    def percent(self) -> int:
        return round(100 * self.embedded / self.chunks) if self.chunks else 0


def _no_model_note(fits: bool) -> Text:
    if fits:
        return text(
            QT_TRANSLATE_NOOP(
                "core",
                "Sent whole while it fits. Choose an embedding model to search it when the "
                "conversation grows.",
            )
        )
    return text(
        QT_TRANSLATE_NOOP(
            "core",
            "Too long to send whole, and no embedding model is chosen to search it. Choose "
            "one in Settings → Documents.",
        )
    )


class DocumentIndexer(QObject):
    changed = Signal(str)
    """An owner's documents or their states changed."""

    def __init__(
        self,
        store: DocumentStore,
        choice: EmbedderChoice,
        tasks: TaskOwner,
        window: Callable[[], int | None] = lambda: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.choice = choice
        self._tasks = tasks
        self._window = window
        self._entries: dict[int, DocEntry] = {}
        self._running: dict[int, asyncio.Task[None]] = {}
        self._loaded: set[str] = set()
        self._keys = itertools.count(1)

    def entries(self, owner: str) -> list[DocEntry]:
        return [entry for entry in self._entries.values() if entry.owner == owner]

    def entry(self, key: int) -> DocEntry | None:
        return self._entries.get(key)

    def busy(self, owner: str) -> bool:
        return any(e.state in (State.READING, State.INDEXING) for e in self.entries(owner))

    # -- the person's actions -----------------------------------------------------------

    def add_paths(self, paths: Sequence[Path], owner: str) -> None:
        for path in paths:
            entry = DocEntry(next(self._keys), owner, path.name)
            self._entries[entry.key] = entry
            self._run(entry, self._add(entry, path))
        self.changed.emit(owner)

    def show(self, owner: str) -> None:
        """The owner's stored documents, read once; unfinished ones continue indexing."""
        if owner in self._loaded:
            self.changed.emit(owner)
            return
        self._loaded.add(owner)
        self._tasks.spawn(self._load(owner), name="documents-load")

    def cancel(self, key: int) -> None:
        task = self._running.pop(key, None)
        entry = self._entries.get(key)
        if entry is not None and entry.state is State.INDEXING:
            entry.state = State.PAUSED
            self.changed.emit(entry.owner)
        if task is not None:
            task.cancel()

    def resume(self, key: int) -> None:
        entry = self._entries.get(key)
        running = self._running.get(key)
        if entry is None or entry.document_id is None or (running and not running.done()):
            return
        self.choice.forget()  # the model may have been pulled, the server may be back
        entry.state, entry.note, entry.needs = State.INDEXING, None, Needs.NOTHING
        self.changed.emit(entry.owner)
        self._run(entry, self._embed(entry))

    def consent(self, key: int) -> None:
        """The person agreed that documents go to the remote embedding provider."""
        self.choice.consent()
        self.resume(key)

    def remove(self, key: int) -> None:
        """The document, its chunks and vectors go (indexing stops first)."""
        entry = self._entries.pop(key, None)
        task = self._running.pop(key, None)
        if task is not None:
            task.cancel()
        if entry is None:
            return
        if entry.document_id is not None:
            document_id = entry.document_id
            self._tasks.spawn(asyncio.to_thread(self.store.delete_document, document_id))
        self.changed.emit(entry.owner)

    def reassign(self, old_owner: str, new_owner: str) -> None:
        """A new chat was saved: its documents now belong to the conversation."""
        entries = self.entries(old_owner)
        if not entries:
            return
        self.store.reassign(old_owner, new_owner)  # one short UPDATE
        for entry in entries:
            entry.owner = new_owner
        self._loaded.add(new_owner)
        self.changed.emit(old_owner)
        self.changed.emit(new_owner)

    async def cancel_all(self) -> None:
        tasks = list(self._running.values())
        self._running.clear()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    # -- the work ----------------------------------------------------------------------

    def _run(self, entry: DocEntry, work: object) -> None:
        task = self._tasks.spawn(work, name="document-indexing")  # type: ignore[arg-type]
        self._running[entry.key] = task
        task.add_done_callback(lambda done: self._forget(entry.key, done))

    def _forget(self, key: int, task: asyncio.Task[None]) -> None:
        if self._running.get(key) is task:
            del self._running[key]

    async def _load(self, owner: str) -> None:
        stored = await asyncio.to_thread(self.store.documents, owner)
        known = {e.document_id for e in self._entries.values()}
        for document in stored:
            if document.id in known:
                continue
            entry = DocEntry(next(self._keys), owner, document.name, document.id)
            self._take(entry, document)
            # Cut short by a crash or a quit: it continues at once, so it reads as indexing
            # (not paused) from the first moment it is listed.
            entry.state = State.READY if document.complete else State.INDEXING
            self._entries[entry.key] = entry
            if not document.complete:
                self._run(entry, self._embed(entry))
        self.changed.emit(owner)

    def _take(self, entry: DocEntry, document: StoredDocument) -> None:
        entry.pages, entry.chunks, entry.embedded = (
            document.pages,
            document.chunks,
            document.embedded,
        )

    async def _add(self, entry: DocEntry, path: Path) -> None:
        try:
            document_id = await add_file(self.store, path, entry.owner)
        except DocumentProblem as problem:
            self._fail(entry, problem.text, Needs.NOTHING)
            return
        except OSError as error:
            self._fail(entry, Text.plain(f"{path.name}: {error.strerror or error}"), Needs.NOTHING)
            return
        twin = next(
            (e for e in self._entries.values() if e.document_id == document_id and e is not entry),
            None,
        )
        if twin is not None:  # the same file again: one entry
            self._entries.pop(entry.key, None)
            self.changed.emit(entry.owner)
            return
        entry.document_id = document_id
        await self._refresh(entry)
        await self._embed(entry)

    async def _refresh(self, entry: DocEntry) -> None:
        documents = await asyncio.to_thread(self.store.documents, entry.owner)
        for document in documents:
            if document.id == entry.document_id:
                self._take(entry, document)

    async def _embed(self, entry: DocEntry) -> None:
        assert entry.document_id is not None
        if not self.choice.chosen:
            lengths = await asyncio.to_thread(self.store.text_lengths, [entry.owner])
            fits = fits_whole(lengths.get(entry.document_id, 0), self._window() or DEFAULT_WINDOW)
            entry.state = State.READY if fits else State.WAITING
            self._note(entry, _no_model_note(fits), Needs.SETTINGS)
            return
        if not self.choice.consented:
            entry.state = State.WAITING
            note = text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "To index it, its text goes to {where}. Nothing is sent until you allow it.",
                ),
                where=self.choice.describe(),
            )
            self._note(entry, note, Needs.CONSENT)
            return
        entry.state, entry.note, entry.needs = State.INDEXING, None, Needs.NOTHING
        self.changed.emit(entry.owner)
        try:
            embedder = await self.choice.current()
            await embed_document(
                self.store,
                embedder,
                entry.document_id,
                progress=lambda progress: self._progress(entry, progress),
            )
        except asyncio.CancelledError:
            if entry.state is State.INDEXING:
                entry.state = State.PAUSED
            await self._refresh(entry)
            self.changed.emit(entry.owner)
            raise
        except (NoEmbeddingModel, NotAnEmbeddingModel, ModelNotFound) as error:
            self.choice.forget()
            self._fail(entry, error.text, Needs.SETTINGS)
            return
        except ProviderError as error:
            self.choice.forget()
            await self._refresh(entry)
            self._fail(entry, error.text, Needs.RESUME)
            return
        except (ParleyError, ValueError) as error:  # vectors of another model (ModelMismatch)
            log.warning("indexing %s stopped: %s", entry.name, error)
            self._fail(entry, Text.plain(str(error)), Needs.RESUME)
            return
        await self._refresh(entry)
        entry.state, entry.note, entry.needs = State.READY, None, Needs.NOTHING
        self.changed.emit(entry.owner)

    def _progress(self, entry: DocEntry, progress: Progress) -> None:
        entry.embedded = entry.chunks - progress.remaining
        self.changed.emit(entry.owner)

    def _note(self, entry: DocEntry, note: Text, needs: Needs) -> None:
        entry.note, entry.needs = note, needs
        self.changed.emit(entry.owner)

    def _fail(self, entry: DocEntry, note: Text, needs: Needs) -> None:
        entry.state = State.PROBLEM
        self._note(entry, note, needs)
