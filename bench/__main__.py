"""`python -m bench`: runs every benchmark and prints its table."""

from __future__ import annotations

import asyncio
import os
import sys

from PySide6.QtWidgets import QApplication

from bench import (
    discover_search,
    gguf_import,
    history_open,
    history_search,
    image_attach,
    markdown_stream,
    mcp_start,
    model_list,
    pull_progress,
    rich_answer,
    sidebar,
    soak,
    startup,
    stream_cpu,
    stream_render,
    tool_round,
)
from desktop.ui.event_loop import make_event_loop


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    loop = make_event_loop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(stream_render.run())
        loop.run_until_complete(markdown_stream.run())
        loop.run_until_complete(rich_answer.run())
        loop.run_until_complete(stream_cpu.run())
        loop.run_until_complete(history_open.run())
        loop.run_until_complete(sidebar.run())
        loop.run_until_complete(model_list.run())
        loop.run_until_complete(pull_progress.run())
        loop.run_until_complete(discover_search.run())
        loop.run_until_complete(image_attach.run())
        loop.run_until_complete(gguf_import.run())
        loop.run_until_complete(soak.run())
        loop.run_until_complete(tool_round.run())
        loop.run_until_complete(mcp_start.run())
    startup.run()
    history_search.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
