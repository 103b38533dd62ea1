"""SIGTERM and SIGINT close Parley like the close button, then give the signals back."""

from __future__ import annotations

import asyncio
import os
import signal

import pytest

from desktop.ui.termination import TerminationSignals
from tests.ui.conftest import wait_until


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
async def test_a_signal_closes_through_the_event_loop(qtbot: object, number: int) -> None:
    before = signal.getsignal(number)
    closed: list[bool] = []
    signals = TerminationSignals(lambda: closed.append(True))
    try:
        os.kill(os.getpid(), number)  # a logout, `kill` or Ctrl+C in the terminal
        await wait_until(lambda: closed, timeout=5)
        await asyncio.sleep(0.05)
        assert closed == [True], "one close per signal"
    finally:
        signals.close()
    assert signal.getsignal(number) is before, "the previous handler is back"


async def test_after_close_a_signal_no_longer_reaches_the_window(qtbot: object) -> None:
    closed: list[bool] = []
    signals = TerminationSignals(lambda: closed.append(True))
    signals.close()
    previous = signal.signal(signal.SIGTERM, lambda *_: closed.append(False))
    try:
        os.kill(os.getpid(), signal.SIGTERM)
        await asyncio.sleep(0.1)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert closed == [False], "only the handler put back saw it"
