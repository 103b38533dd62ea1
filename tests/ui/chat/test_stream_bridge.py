"""The bridge passes every event on as it comes (in order, nothing lost, nothing held
back), keeps the window's event loop turning during a flood, and says how the stream
ended only once it is over."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator

from PySide6.QtCore import QTimer

from desktop.core.errors import ProviderError
from desktop.core.events import ChatEvent, Done, TextDelta, ThinkingDelta
from desktop.ui.chat.stream_bridge import StreamBridge
from desktop.ui.tasks import TaskOwner
from tests.ui.conftest import wait_until

FLOOD = [f"word{n} 你好 🌍\n" for n in range(20_000)]


async def flood(pieces: list[str], thinking: str = "") -> AsyncGenerator[ChatEvent, None]:
    """Everything at once, as a local server faster than the window would send it."""
    if thinking:
        yield ThinkingDelta(thinking)
    for piece in pieces:
        yield TextDelta(piece)
    yield Done()


class Screen:
    """What slots connected to the bridge saw, and how the event loop fared meanwhile."""

    def __init__(self, bridge: StreamBridge) -> None:
        self.bridge = bridge
        self.text: list[str] = []
        self.thinking: list[str] = []
        self.ended: list[tuple[str, bool]] = []  # how, and whether it still ran then
        self.ticks = 0
        self._timer = QTimer()
        self._timer.setInterval(1)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        bridge.textArrived.connect(self.text.append)
        bridge.thinkingArrived.connect(self.thinking.append)
        bridge.finished.connect(lambda _done: self._ended("finished"))
        bridge.stopped.connect(lambda: self._ended("stopped"))
        bridge.failed.connect(lambda error: self._ended(str(error)))

    def _tick(self) -> None:
        self.ticks += 1

    def _ended(self, how: str) -> None:
        self.ended.append((how, self.bridge.running))


async def test_a_flood_is_passed_on_piece_by_piece_while_the_loop_keeps_running(
    qtbot: object,
) -> None:
    tasks = TaskOwner()
    bridge = StreamBridge(tasks)
    screen = Screen(bridge)
    bridge.start(flood(FLOOD))
    ticks_before = screen.ticks
    await wait_until(lambda: bool(screen.ended), timeout=30)
    assert screen.text == FLOOD, "every piece, in order, none merged or lost"
    assert screen.ticks - ticks_before > 5, "timers kept firing during the flood"
    assert screen.ended == [("finished", False)], "said once, when the stream is over"
    await tasks.cancel_all()


async def test_thinking_comes_first(qtbot: object) -> None:
    tasks = TaskOwner()
    bridge = StreamBridge(tasks)
    screen = Screen(bridge)
    bridge.start(flood(["The answer."], thinking="Let me see."))
    await wait_until(lambda: bool(screen.ended), timeout=5)
    assert screen.thinking == ["Let me see."]
    assert screen.text == ["The answer."]
    await tasks.cancel_all()


async def test_stop_during_a_fast_stream_keeps_every_piece_handed_over(qtbot: object) -> None:
    """The chat service saves a piece as it hands it over; the window must get it too."""
    tasks = TaskOwner()
    bridge = StreamBridge(tasks)
    screen = Screen(bridge)
    handed: list[str] = []

    async def fast() -> AsyncGenerator[ChatEvent, None]:
        for n in range(1_000_000):
            handed.append(f"{n} ")
            yield TextDelta(f"{n} ")
        yield Done()

    bridge.start(fast())
    await wait_until(lambda: len(handed) > 1000)
    bridge.stop()
    await wait_until(lambda: bool(screen.ended))
    assert "".join(screen.text) == "".join(handed)
    assert screen.ended == [("stopped", False)]
    await tasks.cancel_all()


async def test_stop_before_the_first_step_says_stopped_once(qtbot: object) -> None:
    tasks = TaskOwner()
    bridge = StreamBridge(tasks)
    screen = Screen(bridge)
    bridge.start(flood(["never shown"]))
    bridge.stop()
    await wait_until(lambda: bool(screen.ended))
    await asyncio.sleep(0.05)
    assert screen.ended == [("stopped", False)]
    assert screen.text == []
    await tasks.cancel_all()


async def test_a_failure_is_said_after_the_text_before_it(qtbot: object) -> None:
    tasks = TaskOwner()
    bridge = StreamBridge(tasks)
    screen = Screen(bridge)

    async def failing() -> AsyncGenerator[ChatEvent, None]:
        yield TextDelta("Half an ")
        raise ProviderError("the server went away")

    bridge.start(failing())
    await wait_until(lambda: bool(screen.ended))
    assert screen.text == ["Half an "]
    assert screen.ended == [("the server went away", False)]
    await tasks.cancel_all()
