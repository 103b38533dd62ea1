"""The download queue on disk, so downloads pick up again after Parley restarts.

Only what a restart needs is kept: each name, whether it should resume or wait for the
person (cancelled or failed), and the error shown with it: Parley's sentence and the
server's own words (``detail``), so a failed card still says why after a restart. The
bytes themselves live in Ollama's partial blobs, which a new pull resumes from. Writes
are atomic; a damaged file is moved aside and explained, never deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from desktop.core.errors import FileShapeProblem, words_of
from desktop.core.saved_pull import RESUME, STATES, SavedPull
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.storage.json_file import read_json_object, remove_interrupted_writes, write_json_object
from desktop.storage.paths import data_dir
from desktop.storage.quarantine import set_aside

FORMAT_VERSION = 1


def default_pull_queue_path() -> Path:
    return data_dir() / "pull-queue.json"


class PullQueueStore:
    """The queue in one JSON file; satisfies desktop.core.saved_pull.PullQueueStore."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.load_problem: Text | None = None
        """After :meth:`load`, a plain explanation of what was wrong with the file, else None."""

    def load(self) -> list[SavedPull]:
        """The saved queue; never raises (a missing file is an empty queue)."""
        self.load_problem = None
        remove_interrupted_writes(self.path)
        try:
            raw = read_json_object(self.path)
            entries = [] if raw is None else _entries(raw)
        except (OSError, ValueError) as error:
            self._keep_bad_file(error)
            return []
        return [pull for entry in entries if (pull := _saved_pull(entry)) is not None]

    def save(self, pulls: Sequence[SavedPull]) -> None:
        document = {"version": FORMAT_VERSION, "pulls": [asdict(pull) for pull in pulls]}
        write_json_object(self.path, document)

    def _keep_bad_file(self, error: Exception) -> None:
        reason = text(
            QT_TRANSLATE_NOOP(
                "core",
                "The download queue {file} could not be read ({error}); the queue starts empty.",
            ),
            file=self.path.name,
            error=words_of(error),
        )
        self.load_problem = set_aside(self.path, reason)


def _entries(raw: dict[str, object]) -> list[object]:
    entries = raw.get("pulls")
    if not isinstance(entries, list):
        raise FileShapeProblem(
            Text(QT_TRANSLATE_NOOP("core", "it does not hold a list of downloads"))
        )
    return entries


def _saved_pull(entry: object) -> SavedPull | None:
    """One entry, or None when it is unusable (skipped rather than losing the rest)."""
    if not isinstance(entry, dict):
        return None
    name, state = entry.get("name"), entry.get("state", RESUME)
    if not isinstance(name, str) or not name.strip() or state not in STATES:
        return None
    error, detail = entry.get("error", ""), entry.get("detail", "")
    return SavedPull(
        name.strip(),
        str(state),
        error if isinstance(error, str) else "",
        detail if isinstance(detail, str) else "",
    )
