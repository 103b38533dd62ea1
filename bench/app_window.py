"""The real window as the benchmarks open it: private data dirs, a chosen model, and a
scripted model server in its own process (as Ollama would be)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

from desktop.app import AppServices
from desktop.ui.chat.chat_pane import ChatPane
from desktop.ui.chat.messages.message_bubble import MessageBubble
from desktop.ui.shell.main_window import MainWindow


def use_private_dirs(root: Path) -> None:
    """Settings and history go under ``root``, never the person's own."""
    os.environ["PARLEY_DATA_DIR"] = str(root / "data")
    os.environ["PARLEY_CONFIG_DIR"] = str(root / "config")


@asynccontextmanager
async def fresh_window(size: tuple[int, int]) -> AsyncIterator[tuple[AppServices, MainWindow]]:
    """The app's services and shown window over empty private dirs, no Ollama reachable;
    closed after."""
    with tempfile.TemporaryDirectory() as scratch:
        use_private_dirs(Path(scratch))
        os.environ["OLLAMA_HOST"] = "http://127.0.0.1:9"
        services = AppServices.create()
        window = services.build_window()
        window.resize(*size)
        window.show()
        await asyncio.sleep(0.3)
        try:
            yield services, window
        finally:
            window.close()
            await services.aclose()


async def open_chat(model: str) -> tuple[AppServices, MainWindow]:
    """Services and their shown window, with ``model`` chosen once a provider lists it."""
    services = AppServices.create()
    window = services.build_window()
    window.show()
    pane = window.chat_pane
    while model not in pane.available_models():
        await asyncio.sleep(0.01)
    pane.set_model(model)
    return services, window


async def send(pane: ChatPane) -> MessageBubble:
    """Press Send; the answer's bubble, once it shows (a frame after the person's
    message; its request left at once)."""
    shown = len(pane.messages.bubbles())
    pane.send()
    while len(pane.messages.bubbles()) < shown + 2:
        await asyncio.sleep(0.001)
    return pane.messages.bubbles()[-1]


@contextmanager
def model_server(root: Path, pieces: Sequence[str], server: Sequence[str]) -> Iterator[str]:
    """``python -m <server> <script> ...`` sending ``pieces``, in its own process; yields
    its URL and stops it after."""
    script = root / "script.json"
    script.write_text(json.dumps(list(pieces)), encoding="utf-8")
    module, *options = server
    process = subprocess.Popen(
        [sys.executable, "-m", module, str(script), *options],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        if not url:
            raise RuntimeError(f"{module} did not start (see its error above)")
        yield url
    finally:
        if process.stdin is not None:
            process.stdin.close()
        process.wait(timeout=10)


@asynccontextmanager
async def chat_with_server(
    root: Path,
    pieces: Sequence[str],
    server: Sequence[str],
    *,
    model: str,
    size: tuple[int, int],
) -> AsyncIterator[tuple[str, AppServices, MainWindow]]:
    """The window chatting with ``python -m <server> <script> ...``, which sends ``pieces``;
    yields the server's URL, the services and the window, and closes all three after."""
    with model_server(root, pieces, server) as url:
        os.environ["OLLAMA_HOST"] = url
        services, window = await open_chat(model)
        window.resize(*size)
        try:
            yield url, services, window
        finally:
            window.close()
            await services.aclose()
