"""The real window as the benchmarks open it: private data dirs, a chosen model."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from desktop.app import AppServices
from desktop.ui.shell.main_window import MainWindow


def use_private_dirs(root: Path) -> None:
    """Settings and history go under ``root``, never the person's own."""
    os.environ["PARLEY_DATA_DIR"] = str(root / "data")
    os.environ["PARLEY_CONFIG_DIR"] = str(root / "config")


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
