"""The download queue on disk, so downloads pick up again after Parley restarts.

Only what a restart needs is kept: each name, whether it should resume or wait for the
person (cancelled or failed), and the error shown with it: Parley's sentence and the
server's own words (``detail``), so a failed card still says why after a restart. The
bytes themselves live in Ollama's partial blobs, which a new pull resumes from. Writes
are atomic; a damaged file is moved aside and explained, never deleted.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from desktop.storage.paths import data_dir
from desktop.storage.quarantine import move_aside
from desktop.storage.settings import _write_atomically, remove_interrupted_writes

RESUME = "resume"
CANCELLED = "cancelled"
FAILED = "failed"
STATES = frozenset({RESUME, CANCELLED, FAILED})
FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class SavedPull:
    name: str
    state: str = RESUME
    error: str = ""
    detail: str = ""
    """The server's own words about the failure (e.g. Ollama's error line)."""


def default_pull_queue_path() -> Path:
    return data_dir() / "pull-queue.json"


class PullQueueStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.load_problem: str | None = None
        """After :meth:`load`, a plain explanation of what was wrong with the file, else None."""

    def load(self) -> list[SavedPull]:
        """The saved queue; never raises (a missing file is an empty queue)."""
        self.load_problem = None
        remove_interrupted_writes(self.path)
        try:
            raw: object = json.loads(self.path.read_bytes().decode("utf-8"))
            entries = _entries(raw)
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as error:
            self._keep_bad_file(error)
            return []
        return [pull for entry in entries if (pull := _saved_pull(entry)) is not None]

    def save(self, pulls: Sequence[SavedPull]) -> None:
        document = {"version": FORMAT_VERSION, "pulls": [asdict(pull) for pull in pulls]}
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        _write_atomically(self.path, text.encode("utf-8"))

    def _keep_bad_file(self, error: Exception) -> None:
        reason = f"The download queue {self.path.name} could not be read ({error})."
        try:
            kept = move_aside(self.path, "bad")
        except OSError as move_error:
            self.load_problem = f"{reason} It could not be moved aside: {move_error}."
        else:
            self.load_problem = f"{reason} It was kept as {kept}; the queue starts empty."


def _entries(raw: object) -> list[object]:
    if not isinstance(raw, dict) or not isinstance(raw.get("pulls"), list):
        raise ValueError("it does not hold a list of downloads")
    entries: list[object] = raw["pulls"]
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
