"""A second launch brings the running window forward instead of opening another Parley."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app_process import AppProcess


@pytest.fixture
def launches() -> Iterator[list[AppProcess]]:
    started: list[AppProcess] = []
    yield started
    for app in started:
        app.kill()


def launch(launches: list[AppProcess], root: Path) -> AppProcess:
    app = AppProcess(root).start()
    launches.append(app)
    return app


def test_second_launch_raises_the_first_and_exits(
    tmp_path: Path, launches: list[AppProcess]
) -> None:
    first = launch(launches, tmp_path / "parley")
    first.wait_for("shown")

    started = time.monotonic()
    second = launch(launches, tmp_path / "parley")
    assert second.wait(timeout=20) == 0
    elapsed = time.monotonic() - started

    first.wait_for("raised")
    assert len(first.milestones("shown")) == 1, "the second launch must not open a window"
    assert first.process is not None and first.process.poll() is None
    assert elapsed < 10, f"the second launch took {elapsed:.1f} s to hand over"

    assert first.terminate() == 0
    assert (tmp_path / "parley" / "config" / "settings.json").exists(), "state saved on SIGTERM"


def test_separate_config_dirs_run_separately(tmp_path: Path, launches: list[AppProcess]) -> None:
    one = launch(launches, tmp_path / "one")
    other = launch(launches, tmp_path / "other")
    one.wait_for("shown")
    other.wait_for("shown")
    assert one.terminate() == 0
    assert other.terminate() == 0


def test_a_crashed_instance_does_not_block_the_next(
    tmp_path: Path, launches: list[AppProcess]
) -> None:
    crashed = launch(launches, tmp_path / "parley")
    crashed.wait_for("shown")
    crashed.kill()  # SIGKILL: the local socket is left behind

    again = launch(launches, tmp_path / "parley")
    again.wait_for("shown", count=2)
    assert again.terminate() == 0
