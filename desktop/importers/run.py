"""A preview or an import of an export, in the import worker process (worker.py; in a
thread of the app if that cannot start).

The caller passes a :class:`Progress`: the job writes how far it has read and reads
whether Cancel was pressed (worker.py carries both between the processes). An import
writes batches of about :data:`BATCH_MESSAGES` messages, each a short transaction, hidden
until the last is written (storage/bulk_import.py): a failure, Cancel or kill leaves the
visible history as it was.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

from desktop.core.conversation_export import ExportedConversation
from desktop.importers.model import ImportCancelled, Preview, ReadConversation, Report
from desktop.importers.source import ExportFile
from desktop.storage.bulk_import import BulkImport

BATCH_MESSAGES = 500
SWITCH_INTERVAL_S = 0.001
"""How long the UI thread may wait for the GIL while an import's worker holds it."""


@contextmanager
def gil_handoff() -> Iterator[None]:
    """While a worker thread reads or writes an export, hand the GIL over sooner (when it
    runs in the app's process: worker.py's fallback).

    The worker is busy Python (JSON, trees, rows) for minutes; the UI thread needs the GIL
    several times in each turn of its loop (every call from Qt into Python) and waits up
    to the interpreter's switch interval, 5 ms, each time: a turn that should take 2 ms
    took 20–60. At 1 ms the worker loses a few percent."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(min(before, SWITCH_INTERVAL_S))
    try:
        yield
    finally:
        sys.setswitchinterval(before)


@dataclass(slots=True)
class Progress:
    """Shared between the worker (writes ``done``) and the UI (sets ``cancelled``)."""

    done: float = 0.0
    cancelled: bool = False
    quitting: bool = False
    """The app is closing: stop at once, without deleting what was written (it stays
    hidden, and the next start's purge of the trash deletes it)."""
    phase: str = "read"
    """"read" while an export is read, "write" while an import writes."""

    def update(self, done: float) -> None:
        self.done = done
        if self.cancelled:
            raise ImportCancelled


def _aware(item: ReadConversation) -> ReadConversation:
    """Dates without a zone (an old Parley file) taken as UTC, so they compare."""
    conversation = item.conversation
    if conversation is None or conversation.created_at.tzinfo is not None:
        return item
    from dataclasses import replace

    fixed = replace(
        conversation,
        created_at=conversation.created_at.replace(tzinfo=UTC),
        updated_at=conversation.updated_at.replace(tzinfo=UTC)
        if conversation.updated_at.tzinfo is None
        else conversation.updated_at,
    )
    return replace(item, conversation=fixed)


def preview(path: Path, history: Path, progress: Progress) -> Preview:
    """What the export holds and how much of it the history has already.
    Raises ImportProblem (the file) or ImportCancelled."""
    with gil_handoff():
        return _preview(path, history, progress)


def _preview(path: Path, history: Path, progress: Progress) -> Preview:
    export = ExportFile(path)
    result = Preview(export.app, export.size)
    sources: list[str] = []
    for item in export.conversations(decode=False, progress=progress.update):
        if progress.cancelled:
            raise ImportCancelled
        item = _aware(item)
        result.count(item)
        if item.conversation is not None and item.conversation.source_id:
            sources.append(item.conversation.source_id)
    with BulkImport(history) as bulk:
        result.present = len(bulk.present(sources))
    return result


def import_export(path: Path, history: Path, progress: Progress) -> Report:
    """Import every conversation the history does not have yet, all or nothing.
    Raises ImportProblem (the file, after which nothing is written) or ImportCancelled."""
    with gil_handoff():
        return _import(path, history, progress)


def _import(path: Path, history: Path, progress: Progress) -> Report:
    export = ExportFile(path)
    report = Report(export.app)
    with BulkImport(history) as bulk:
        bulk.discard_unfinished()
        batch: list[ExportedConversation] = []
        size = 0
        try:
            for item in export.conversations(decode=True, progress=progress.update):
                if progress.cancelled:
                    raise ImportCancelled
                if item.notes:
                    report.notes.append((item.title, item.notes))
                if item.conversation is None:
                    if item.problem is not None:
                        report.problems.append((item.title, item.problem))
                    continue
                batch.append(_aware(item).conversation)  # type: ignore[arg-type]
                size += len(item.conversation.messages) + 1
                if size >= BATCH_MESSAGES:
                    _write(bulk, batch, report)
                    batch, size = [], 0
            _write(bulk, batch, report)
            if progress.cancelled:
                raise ImportCancelled
            progress.phase = "finish"
            report.added = bulk.finish()
        except BaseException:
            if not progress.quitting:
                bulk.discard()
            raise
    return report


def _write(bulk: BulkImport, batch: list[ExportedConversation], report: Report) -> None:
    if not batch:
        return
    skipped = set(bulk.write(batch))
    report.present += len(skipped)
    report.messages += sum(
        len(item.messages) for item in batch if not item.source_id or item.source_id not in skipped
    )
