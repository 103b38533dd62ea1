"""The document library as the window sees it: collections, folder and collection
documents being added and embedded, and re-embedding with a new model, as Qt signals.

One object for the Documents settings section, the library window, the chat settings'
collection checklist and the folder settings' document list: each listens to
``changed`` and asks the stores again (off the UI thread where it can be big). Indexing
runs in the app's TaskOwner: extract and chunk in a worker thread, then embed batch by
batch (desktop.documents.indexing), so Cancel or a closed app loses one batch at most
and a later run continues.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.core.embedding import Embedder
from desktop.core.errors import ParleyError
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.documents.collections import Collection, CollectionStore
from desktop.documents.indexing import Progress, add_file, embed_document
from desktop.documents.reembedding import ReembedPlan, RunProgress, plan, reembed
from desktop.services.embedder_choice import EmbedderChoice
from desktop.storage.document_store import DocumentStore
from desktop.ui.strings import translated
from desktop.ui.tasks import TaskOwner


def not_consented(where: Text) -> Text:
    return text(
        QT_TRANSLATE_NOOP(
            "core",
            "Documents are not sent to {where} until you allow it in Settings → Documents.",
        ),
        where=where,
    )


class DocumentLibrary(QObject):
    changed = Signal()
    """Documents or collections were added, removed or embedded further."""
    indexing = Signal(str, int, int)
    """(owner, chunks embedded, chunks in all): an owner's files being embedded."""
    indexed = Signal(str, str)
    """(owner, problem or ""): an owner's indexing run ended."""
    reembedding = Signal(object)
    """RunProgress of the re-embedding run."""
    reembedded = Signal(bool, str)
    """(finished, problem or ""): the re-embedding run ended (False: stopped or failed)."""

    def __init__(
        self,
        store: DocumentStore,
        choice: EmbedderChoice,
        tasks: TaskOwner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.choice = choice
        self.collections = CollectionStore(store)
        self.tasks = tasks
        self._tasks = tasks
        self.window: object | None = None
        """The library window, once opened (desktop/ui/documents/library_window.py)."""
        self._runs: dict[str, asyncio.Task[None]] = {}
        self._reembed: asyncio.Task[None] | None = None
        self.pull: Callable[[str], object] | None = None
        """Download a model with the local Ollama (the app's pull queue), when given."""
        self.rate: float | None = None
        """Characters per second the embedder was measured at (for the time estimate)."""

    def close(self) -> None:
        self.collections.close()

    # -- collections ---------------------------------------------------------------------
    def all_collections(self) -> list[Collection]:
        return self.collections.all()

    def create_collection(self, name: str) -> Collection:
        """Raises CollectionProblem for an empty, too long or taken name."""
        made = self.collections.create(name)
        self.changed.emit()
        return made

    def rename_collection(self, collection_id: int, name: str) -> Collection:
        renamed = self.collections.rename(collection_id, name)
        self.changed.emit()
        return renamed

    async def delete_owner(self, owner: str, collection_id: int | None = None) -> int:
        """Every document of ``owner`` with its chunks and vectors (and the collection)."""
        run = self._runs.get(owner)
        if run is not None and not run.done():  # stopped first: it adds to what goes
            run.cancel()
            await asyncio.wait([run])
        gone = await asyncio.to_thread(self.collections.delete_owner, owner, collection_id)
        self.changed.emit()
        return gone

    async def delete_document(self, document_id: int) -> None:
        await asyncio.to_thread(self.store.delete_document, document_id)
        self.changed.emit()

    # -- adding files --------------------------------------------------------------------
    def busy(self, owner: str) -> bool:
        run = self._runs.get(owner)
        return run is not None and not run.done()

    def add_files(self, owner: str, paths: Sequence[Path]) -> asyncio.Task[None]:
        """Read, store and embed ``paths`` for ``owner`` (after a run already going)."""
        previous = self._runs.get(owner)
        task = self._tasks.spawn(self._add(owner, list(paths), previous), name="documents")
        self._runs[owner] = task
        return task

    def resume(self, owner: str) -> asyncio.Task[None]:
        """Embed what an earlier, stopped run of ``owner`` left without vectors."""
        return self.add_files(owner, [])

    def cancel(self, owner: str) -> None:
        run = self._runs.get(owner)
        if run is not None:
            run.cancel()

    async def _add(
        self, owner: str, paths: list[Path], previous: asyncio.Task[None] | None
    ) -> None:
        if previous is not None and not previous.done():
            await asyncio.wait([previous])
        problems: list[str] = []
        try:
            for path in paths:
                try:
                    await add_file(self.store, path, owner)
                except ParleyError as error:
                    problems.append(translated(error))
                self.changed.emit()
            await self._embed_owner(owner)
        except (ParleyError, ValueError) as error:  # ValueError: ModelMismatch
            problems.append(translated(error))
        except asyncio.CancelledError:
            self.indexed.emit(owner, "")
            self.changed.emit()
            raise
        self.changed.emit()
        self.indexed.emit(owner, "\n".join(problems))

    async def _embed_owner(self, owner: str) -> None:
        documents = await asyncio.to_thread(self.store.documents, owner)
        waiting = [d for d in documents if not d.complete]
        if not waiting:
            return
        if not self.choice.consented:
            raise _Refused(not_consented(self.choice.describe()))
        embedder = await self.choice.current()
        total = sum(d.chunks for d in waiting)
        done = sum(d.embedded for d in waiting)
        self.indexing.emit(owner, done, total)
        started, first = time.monotonic(), done
        for document in waiting:
            if document.embed_model not in (None, embedder.model):
                await asyncio.to_thread(self.store.clear_vectors, document.id)
                done -= document.embedded
            base = done

            def step(progress: Progress, base: int = base) -> None:
                self.indexing.emit(owner, base + progress.embedded, total)

            done += await embed_document(self.store, embedder, document.id, progress=step)
        elapsed = time.monotonic() - started
        if first == 0 and done == total > 0 and elapsed > 0:  # a whole run: its pace
            ids = [d.id for d in waiting]
            _, characters = await asyncio.to_thread(self.collections.chunk_characters, ids)
            self.rate = characters / elapsed

    # -- re-embedding --------------------------------------------------------------------
    async def plan(self, model: str) -> ReembedPlan:
        return await asyncio.to_thread(plan, self.collections, model)

    async def measure_pace(self, embedder: Embedder, cost: ReembedPlan, sample: int = 16) -> float:
        """Characters a second ``embedder`` manages on a sample of the plan's passages (the
        model is loaded by a first, untimed call). Nothing is stored."""
        texts = await asyncio.to_thread(self.collections.sample_texts, list(cost.documents), sample)
        if not texts:
            return 0.0
        await embedder.embed(texts[:1])
        started = time.monotonic()
        await embedder.embed(texts)
        elapsed = time.monotonic() - started
        return sum(len(text) for text in texts) / elapsed if elapsed > 0 else 0.0

    @property
    def reembedding_now(self) -> bool:
        return self._reembed is not None and not self._reembed.done()

    def start_reembedding(self, cost: ReembedPlan) -> asyncio.Task[None]:
        """Embed the plan's documents with the model now chosen in the settings."""
        self.cancel_reembedding()
        task = self._tasks.spawn(self._run_reembedding(cost), name="re-embed")
        self._reembed = task
        return task

    def cancel_reembedding(self) -> None:
        if self._reembed is not None:
            self._reembed.cancel()

    async def _run_reembedding(self, cost: ReembedPlan) -> None:
        def measured(rate: float) -> None:
            self.rate = rate

        def step(progress: RunProgress) -> None:
            self.reembedding.emit(progress)

        try:
            embedder = await self.choice.current()
            await reembed(self.collections, embedder, cost, progress=step, rate=measured)
        except (ParleyError, ValueError) as error:
            self.changed.emit()
            self.reembedded.emit(False, translated(error))
            return
        except asyncio.CancelledError:
            self.changed.emit()
            self.reembedded.emit(False, "")
            raise
        self.changed.emit()
        self.reembedded.emit(True, "")


class _Refused(ParleyError):
    """Indexing that waits for the person's consent to a remote embedder."""
