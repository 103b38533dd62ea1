"""`python -m bench`: runs every benchmark and prints its table."""

from __future__ import annotations

import sys

from bench import (
    discover_search,
    document_window,
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
from bench.window_loop import run_in_window_loop


def main() -> int:
    run_in_window_loop(
        stream_render.run,
        markdown_stream.run,
        rich_answer.run,
        stream_cpu.run,
        history_open.run,
        sidebar.run,
        model_list.run,
        pull_progress.run,
        discover_search.run,
        image_attach.run,
        gguf_import.run,
        soak.run,
        tool_round.run,
        mcp_start.run,
        document_window.run,
    )
    startup.run()
    history_search.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
