"""Screenshots of the Models page for a person to look at (not part of the suite).

    SHOTS=/tmp/shots ptest tests/ui/models/shoot_models_page.py

Several models (a long hf.co/… name, a 595.78M one), a download in progress, a loaded
model, and then Ollama stopped; at 1180x760 and 1024x640, light and dark.
"""

from __future__ import annotations

import asyncio
import os
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.app import AppServices
from tests.servers.fixtures import TINY, TINY_LOOP, TINY_THINK, TINY_VISION
from tests.servers.model_store import ModelName
from tests.ui.conftest import wait_until

SIZES = ((1180, 760), (1024, 640), (1920, 1080))
MODELS = (
    ("hf.co/unsloth/Qwen3-4B-Instruct-2507-GGUF:Q4_K_M", "4.0B", "Q4_K_M", ("completion", "tools")),
    ("qwen2.5:0.5b-instruct", "595.78M", "Q8_0", ("completion", "tools")),
    ("qwen3:4b-instruct-2507-q4_K_M", "4.0B", "Q4_K_M", ("completion", "tools", "thinking")),
    ("gemma3:4b", "4.3B", "Q4_K_M", ("completion", "vision")),
    ("nomic-embed-text:latest", "137M", "F16", ("embedding",)),
    ("llama3.2:3b", "3.2B", "Q4_K_M", ("completion", "tools")),
    ("deepseek-r1:8b", "8.2B", "Q4_K_M", ("completion", "thinking")),
    ("mistral-small3.2:24b", "24.0B", "Q4_K_M", ("completion", "vision", "tools")),
)


@pytest.mark.skipif(not os.environ.get("SHOTS"), reason="SHOTS=<folder> takes screenshots")
async def test_shoot(ollama_server_factory, tiny_model_path, monkeypatch, qtbot):
    folder = Path(os.environ["SHOTS"])
    os.makedirs(folder, exist_ok=True)
    empty = ollama_server_factory()
    monkeypatch.setenv("OLLAMA_HOST", empty.url)
    services = AppServices.create()
    window = services.build_window()
    qtbot.addWidget(window)
    window.resize(*SIZES[0])
    window.show()
    window.show_page("models")
    await wait_until(lambda: services.monitor.status.reachable, 5)
    await asyncio.sleep(0.5)
    window.grab().save(str(folder / "models-empty-1180x760-light.png"))
    await services.aclose()
    window.close()

    server = ollama_server_factory()
    monkeypatch.setenv("OLLAMA_HOST", server.url)
    for name, params, quant, capabilities in MODELS:
        server.publish(
            name, tiny_model_path, parameter_size=params, quantization=quant,
            capabilities=capabilities,
        )  # fmt: skip
        server.install(name)
    for name in (TINY_VISION, TINY_THINK):
        server.install(name)
    loaded = server.store.get(ModelName.parse(MODELS[2][0]))  # type: ignore[arg-type]
    assert loaded is not None
    server.mark_running(loaded, timedelta(minutes=4, seconds=12), 8192)
    server.pull_rate = 20_000

    services = AppServices.create()
    window = services.build_window()
    qtbot.addWidget(window)
    window.resize(*SIZES[0])
    window.show()
    window.show_page("models")
    pane = window.model_pane
    await wait_until(lambda: pane.installed.proxy.rowCount() == len(MODELS) + 2)
    pane.installed.select(MODELS[2][0])
    pane.pull_box.name_edit.setText(TINY)
    pane.pull_box.pull()
    pane.pull_box.name_edit.setText("nosuchmodel")
    pane.pull_box.pull()
    pane.pull_box.name_edit.setText(TINY_LOOP)
    pane.pull_box.pull()
    await wait_until(lambda: pane.running.running, 5)
    await asyncio.sleep(1.5)

    async def shoot(tag: str) -> None:
        for dark in (False, True):
            services.theme.set_choice("dark" if dark else "light")
            for width, height in SIZES:
                window.resize(width, height)
                await asyncio.sleep(0.3)
                scheme = "dark" if dark else "light"
                window.grab().save(str(folder / f"models-{tag}-{width}x{height}-{scheme}.png"))

    await shoot("up")
    pane.installed.select("nomic-embed-text:latest")
    pane.pull_box.name_edit.setText("ollama pull qwen3")
    await asyncio.sleep(0.5)
    await shoot("embedding")
    pane.pull_box.name_edit.clear()
    server.stop()
    await wait_until(lambda: pane.notice.isVisible(), 8)
    await asyncio.sleep(0.5)
    await shoot("down")
    await services.aclose()
