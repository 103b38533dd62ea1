"""The bridge shows a flood of text in slices with the window responsive in between,
and never loses or reorders a character."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator

from PySide6.QtCore import QTimer

from desktop.core.events import ChatEvent, Done, TextDelta, ThinkingDelta
from desktop.ui.chat.stream_bridge import StreamBridge
from desktop.ui.tasks import TaskOwner
from tests.ui.conftest import wait_until

FLOOD = "".join(f"word{n} 你好 🌍\n" for n in range(20_000))


async def flood(text: str, thinking: str = "") -> AsyncGenerator[ChatEvent, None]:
    """Everything at once, as a local server faster than the window would send it."""
    if thinking:
        yield ThinkingDelta(thinking)
    for start in range(0, len(text), 4096):
        yield TextDelta(text[start : start + 4096])
    yield Done()


class Screen:
    """What a slot connected to the bridge saw, and how the event loop fared meanwhile."""

    def __init__(self, bridge: StreamBridge) -> None:
        self.text: list[str] = []
        self.thinking: list[str] = []
        self.finished_with: str | None = None
        self.ticks = 0
        self._timer = QTimer()
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        bridge.textFlushed.connect(lambda chunk: self._shown(self.text, chunk))
        bridge.thinkingFlushed.connect(lambda chunk: self._shown(self.thinking, chunk))
        bridge.finished.connect(lambda _done: setattr(self, "finished_with", "".join(self.text)))

    def _tick(self) -> None:
        self.ticks += 1

    def _shown(self, into: list[str], chunk: str) -> None:
        into.append(chunk)
        time.sleep(0.0005)  # drawing costs something: a slice must stop in time


async def test_a_flood_is_shown_in_slices_while_the_loop_keeps_running(qtbot: object) -> None:
    tasks = TaskOwner()
    bridge = StreamBridge(tasks)
    screen = Screen(bridge)
    bridge.start(flood(FLOOD))
    ticks_before = screen.ticks
    await wait_until(lambda: screen.finished_with is not None, timeout=30)
    assert screen.finished_with == FLOOD, "finished only once every character was shown"
    assert len(screen.text) > 20, "shown in many slices, not at once"
    assert screen.ticks - ticks_before > 20, "timers kept firing between the slices"
    assert not bridge.running
    await tasks.cancel_all()


async def test_thinking_is_shown_first_and_sliced_too(qtbot: object) -> None:
    tasks = TaskOwner()
    bridge = StreamBridge(tasks)
    screen = Screen(bridge)
    thoughts = FLOOD[:200_000]
    bridge.start(flood("The answer.", thinking=thoughts))
    await wait_until(lambda: screen.finished_with is not None, timeout=30)
    assert "".join(screen.thinking) == thoughts
    assert len(screen.thinking) > 5
    assert screen.finished_with == "The answer."
    await tasks.cancel_all()


async def test_stop_in_the_middle_of_a_backlog_shows_the_rest_at_once(qtbot: object) -> None:
    tasks = TaskOwner()
    bridge = StreamBridge(tasks)
    screen = Screen(bridge)
    stopped: list[str] = []
    bridge.stopped.connect(lambda: stopped.append("".join(screen.text)))

    async def endless() -> AsyncGenerator[ChatEvent, None]:
        yield TextDelta(FLOOD)
        await asyncio.Event().wait()  # the server goes on thinking
        yield Done()

    bridge.start(endless())
    await wait_until(lambda: len(screen.text) >= 2)
    bridge.stop()
    await wait_until(lambda: bool(stopped))
    assert stopped == [FLOOD], "nothing that had arrived is lost by stopping"
    assert not bridge.running
    await tasks.cancel_all()


async def test_stop_during_a_fast_stream_keeps_every_piece_handed_over(qtbot: object) -> None:
    """The chat service saves a piece as it hands it over; the window must show it too."""
    tasks = TaskOwner()
    bridge = StreamBridge(tasks)
    screen = Screen(bridge)
    handed: list[str] = []
    stopped: list[str] = []
    bridge.stopped.connect(lambda: stopped.append("".join(screen.text)))

    async def fast() -> AsyncGenerator[ChatEvent, None]:
        for n in range(1_000_000):
            handed.append(f"{n} ")
            yield TextDelta(f"{n} ")
        yield Done()

    bridge.start(fast())
    await wait_until(lambda: len(handed) > 1000)
    bridge.stop()
    await wait_until(lambda: bool(stopped))
    assert stopped == ["".join(handed)]
    await tasks.cancel_all()
