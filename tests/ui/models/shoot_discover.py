"""Screenshots of the Models page's Discover section for a person to look at (not part of
the suite).

    SHOTS=/tmp/shots ptest tests/ui/models/shoot_discover.py

Hugging Face results with a repo opened (a gated one too), a pull in progress, and the
Ollama library list; at 1180x760 and 1024x640, light and dark.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from desktop.app import AppServices
from desktop.core.hub_files import MachineMemory
from desktop.services.hub_search import HubSearch
from desktop.services.library_registry import LibraryRegistry
from tests.servers.hf_server import LLAMA_GATED, QWEN, sample_hub
from tests.servers.ollama_registry_server import RegistryServer
from tests.ui.conftest import wait_until

SIZES = ((1180, 760), (1024, 640))
GB = 1_000_000_000


@pytest.mark.skipif(not os.environ.get("SHOTS"), reason="SHOTS=<folder> takes screenshots")
async def test_shoot(ollama_server_factory, tiny_model_path, monkeypatch, qtbot):
    folder = Path(os.environ["SHOTS"])
    os.makedirs(folder, exist_ok=True)
    hub = sample_hub(extra=12)
    server = ollama_server_factory()
    server.publish(f"hf.co/{QWEN}:Q4_K_M", tiny_model_path)
    server.pull_rate = 20_000
    monkeypatch.setenv("OLLAMA_HOST", server.url)
    services = AppServices.create()
    window = services.build_window()
    qtbot.addWidget(window)
    window.resize(*SIZES[0])
    window.show()
    window.show_page("models")
    section = window.model_pane.discover
    section.machine = MachineMemory(ram=16 * GB, vram=8 * GB)
    registry = RegistryServer()
    registry.sizes = {("qwen3", "4b"): 2_600_000_000}
    registry.start()
    section.registry = LibraryRegistry(registry.url)
    section.set_hub(HubSearch(hub.url))
    section.switch.choose(1)
    page = section.page
    assert page is not None
    await wait_until(lambda: page.results.results.rowCount() > 0, 5)

    async def shoot(tag: str) -> None:
        for dark in (False, True):
            services.theme.set_choice("dark" if dark else "light")
            for width, height in SIZES:
                window.resize(width, height)
                await asyncio.sleep(0.3)
                scheme = "dark" if dark else "light"
                window.grab().save(str(folder / f"discover-{tag}-{width}x{height}-{scheme}.png"))

    page.results.select_row(0)
    await wait_until(lambda: page.detail.choices.topLevelItemCount() > 0, 5)
    page.detail.pull()
    await asyncio.sleep(1.0)
    await shoot("repo")
    page.search_edit.setText("llama")
    page.search_now()
    await wait_until(lambda: page.results.results.rowCount() == 1, 5)
    page.results.select_row(0)
    await wait_until(lambda: page.detail.title.text() == LLAMA_GATED, 5)
    await wait_until(lambda: page.detail.choices.topLevelItemCount() > 0, 5)
    await shoot("gated")
    page.search_edit.clear()
    page.source.choose(1)
    page.results.select_row(0)
    await asyncio.sleep(0.3)
    await shoot("library")
    hub.stop()
    page.source.choose(0)
    await wait_until(lambda: page.source.current() == 1, 5)
    await shoot("offline")
    await services.aclose()
    registry.stop()
