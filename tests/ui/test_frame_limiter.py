"""However fast the conversation changes, it is painted at most once per frame, and
always with the latest content."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from desktop.ui.frame_limiter import FrameLimiter
from tests.ui.conftest import wait_until


async def test_changes_within_a_frame_wait_for_it_then_paint_once(qtbot: object) -> None:
    label = QLabel("start")
    label.show()
    prepared: list[str] = []
    frames = FrameLimiter(label, interval_ms=50, before_paint=lambda: prepared.append(label.text()))
    frames.changed()
    assert label.updatesEnabled() and not frames.holding, "the first change is painted at once"
    for n in range(5):
        label.setText(f"change {n}")
        frames.changed()
    assert frames.holding and not label.updatesEnabled()
    await wait_until(lambda: not frames.holding, timeout=2)
    assert label.updatesEnabled()
    assert prepared == ["change 4"], "one frame, prepared with the latest content"


async def test_release_paints_what_is_held_right_away(qtbot: object) -> None:
    label = QLabel()
    label.show()
    frames = FrameLimiter(label, interval_ms=10_000)
    frames.changed()
    frames.changed()
    assert not label.updatesEnabled()
    frames.release()
    assert label.updatesEnabled() and not frames.holding
