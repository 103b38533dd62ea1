"""Startup milestones for launchers and the startup benchmark: written only when asked."""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from desktop.ui.readiness import READY_FILE_ENV, ReadinessReport
from tests.ui.conftest import wait_until


def files(folder: Path) -> set[Path]:
    return set(folder.iterdir())


def milestones(path: Path) -> list[str]:
    return [line.split()[0] for line in path.read_text(encoding="utf-8").splitlines()]


async def test_the_first_paint_is_recorded_once_then_each_raise(
    qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ready = tmp_path / "ready"
    monkeypatch.setenv(READY_FILE_ENV, str(ready))
    window = QLabel("Parley")
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    report = ReadinessReport.from_environment(window)
    report.watch(window)
    before = time.time()

    window.show()
    await wait_until(ready.exists)
    window.update()
    await asyncio.sleep(0.1)  # a later paint adds nothing
    report.record("raised")  # a second launch brought the window forward

    assert milestones(ready) == ["shown", "raised"]
    stamp = float(ready.read_text(encoding="utf-8").split()[1])
    assert before - 1 <= stamp <= time.time()


async def test_without_the_variable_nothing_is_written(
    qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(READY_FILE_ENV, raising=False)
    window = QLabel("Parley")
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    report = ReadinessReport.from_environment(window)
    report.watch(window)
    before = files(tmp_path)
    window.show()
    await asyncio.sleep(0.2)  # painted by now
    assert files(tmp_path) == before


def test_an_unwritable_file_is_a_warning_not_a_crash(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    report = ReadinessReport(tmp_path / "missing folder" / "ready")
    report.record("shown")
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "missing folder" in warnings[0].getMessage()
