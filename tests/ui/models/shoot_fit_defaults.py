"""Screenshots of a loaded model's measured fit, its defaults for new chats and the
defaults dialog (not part of the suite).

SHOTS=/tmp/shots ptest tests/ui/models/shoot_fit_defaults.py
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from desktop.app import AppServices
from desktop.ui.models.per_model import PerModelKeeping
from tests.servers.model_store import ModelName
from tests.ui.conftest import wait_until

SIZES = ((1180, 760), (1024, 640))
MODEL = "llama3.1:8b-instruct-q4_K_M"


@pytest.mark.skipif(not os.environ.get("SHOTS"), reason="SHOTS=<folder> takes screenshots")
async def test_shoot(ollama_server_factory, tiny_model_path, monkeypatch, qtbot):
    folder = Path(os.environ["SHOTS"])
    os.makedirs(folder, exist_ok=True)
    server = ollama_server_factory()
    server.publish(
        MODEL, tiny_model_path, family="llama", parameter_size="8.0B", quantization="Q4_K_M"
    )
    server.install(MODEL)
    monkeypatch.setenv("OLLAMA_HOST", server.url)
    services = AppServices.create()
    window = services.build_window()
    qtbot.addWidget(window)
    window.resize(*SIZES[0])
    window.show()
    window.show_page("models")
    pane = window.model_pane
    await wait_until(lambda: window.models.find(MODEL) is not None)
    keeping = pane.findChild(PerModelKeeping)
    keeping.available_ram = lambda: 12_000_000_000
    pane.installed.select(MODEL)
    dialog = keeping.open_defaults(MODEL)
    dialog.system_edit.setPlainText("You answer in one short paragraph, in plain words.")
    dialog.temperature.setValue(0.4)
    dialog.context.setValue(16384)
    for dark in (False, True):
        services.theme.set_choice("dark" if dark else "light")
        await asyncio.sleep(0.3)
        dialog.grab().save(str(folder / f"defaults-dialog-{'dark' if dark else 'light'}.png"))
    dialog.save_button.click()
    loaded = server.store.get(ModelName.parse(MODEL))
    server.mark_running(loaded, None, 8192, (6_900_000_000, 4_800_000_000))
    await wait_until(lambda: "Ollama measured" in pane.details.view.toPlainText())
    for dark in (False, True):
        services.theme.set_choice("dark" if dark else "light")
        for width, height in SIZES:
            window.resize(width, height)
            await asyncio.sleep(0.3)
            scheme = "dark" if dark else "light"
            window.grab().save(str(folder / f"models-fit-{width}x{height}-{scheme}.png"))
    await services.aclose()
    window.close()
