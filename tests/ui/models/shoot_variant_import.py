"""Screenshots of the variant dialog and a GGUF import in progress (not part of the suite).

SHOTS=/tmp/shots ptest tests/ui/models/shoot_variant_import.py
"""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import pytest

from desktop.app import AppServices
from tests.servers.fixtures import TINY
from tests.ui.conftest import wait_until

SIZES = ((1180, 760), (1024, 640))


@pytest.mark.skipif(not os.environ.get("SHOTS"), reason="SHOTS=<folder> takes screenshots")
async def test_shoot(ollama_server_factory, tiny_model_path, monkeypatch, qtbot, tmp_path):
    folder = Path(os.environ["SHOTS"])
    os.makedirs(folder, exist_ok=True)
    server = ollama_server_factory(install=[TINY])
    monkeypatch.setenv("OLLAMA_HOST", server.url)
    services = AppServices.create()
    window = services.build_window()
    qtbot.addWidget(window)
    window.resize(*SIZES[0])
    window.show()
    window.show_page("models")
    pane = window.model_pane
    await wait_until(lambda: window.models.find(TINY) is not None)
    pane.installed.select(TINY)
    dialog = pane.open_variant(TINY)
    await wait_until(lambda: dialog.create_button.isEnabled())
    dialog.name_edit.setText("tiny-pirate")
    dialog.system_edit.setPlainText("You talk like a pirate.")
    dialog.parameters.add_row("num_ctx", "8192")
    dialog.create_button.click()
    await wait_until(lambda: dialog.modelfile.isVisible())

    big = tmp_path / "Qwen3-4B-Instruct-Q4_K_M.gguf"
    shutil.copyfile(tiny_model_path, big)
    os.truncate(big, 8 * 1024**3)
    for dark in (False, True):
        services.theme.set_choice("dark" if dark else "light")
        scheme = "dark" if dark else "light"
        await asyncio.sleep(0.3)
        dialog.grab().save(str(folder / f"variant-dialog-{scheme}.png"))
    dialog.reject()
    pane.importer.start(big)
    await wait_until(lambda: pane.importer.bar.value() > 0)
    for dark in (False, True):
        services.theme.set_choice("dark" if dark else "light")
        for width, height in SIZES:
            window.resize(width, height)
            await asyncio.sleep(0.3)
            scheme = "dark" if dark else "light"
            window.grab().save(str(folder / f"models-import-{width}x{height}-{scheme}.png"))
    pane.importer.cancel()
    await wait_until(lambda: not pane.importer.isVisible())
    await services.aclose()
    window.close()
