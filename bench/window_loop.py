"""Running benchmarks on the app's own event loop (qasync inside Qt), offscreen unless a
display platform is asked for: `python -m bench` runs them all, each module alone too."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Awaitable, Callable

from PySide6.QtWidgets import QApplication

from desktop.ui.event_loop import make_event_loop


def run_in_window_loop(*runs: Callable[[], Awaitable[object]]) -> None:
    """Each of ``runs`` in turn, on one application and loop."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    loop = make_event_loop(app)
    asyncio.set_event_loop(loop)
    with loop:
        for run in runs:
            loop.run_until_complete(run())
