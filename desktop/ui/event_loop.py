"""The qasync event loop, with the async-generator hooks asyncio's own loops install.

qasync never calls ``sys.set_asyncgen_hooks``, so an async generator that is dropped
half-read (an HTTP stream, say) is finalised by the garbage collector outside any task,
where httpx/anyio cannot run their clean-up. With the hooks, its ``aclose()`` is scheduled
on the loop like on a standard asyncio loop, and ``shutdown_asyncgens`` works at exit.
"""

from __future__ import annotations

import sys

import qasync
from PySide6.QtWidgets import QApplication


def make_event_loop(
    app: QApplication, loop_type: type[qasync.QEventLoop] = qasync.QEventLoop
) -> qasync.QEventLoop:
    """``loop_type``: a QEventLoop subclass (the tests' holds callbacks between runs)."""
    loop = loop_type(app)
    sys.set_asyncgen_hooks(
        firstiter=loop._asyncgen_firstiter_hook,  # asyncio's own hooks (private API)
        finalizer=loop._asyncgen_finalizer_hook,
    )
    return loop
