from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.storage.history import HistoryStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore.open(tmp_path / "history.sqlite3") as opened:
        yield opened
