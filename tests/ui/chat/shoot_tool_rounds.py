"""Screenshots of an answer with a tool round between its words (not part of the suite).

    SHOTS=/tmp/shots ptest tests/ui/chat/shoot_tool_rounds.py

Text, the weather call's card, more text: at 1180x760 and 1024x640, light and dark.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.ui.theme import apply_theme
from tests.ui.chat.test_tool_calls import (  # noqa: F401 (fixtures)
    QUESTION,
    WEATHER_CALL,
    approval,
    events,
    server,
    tool_pane,
    weather,
)
from tests.ui.conftest import wait_until

SIZES = ((1180, 760), (1024, 640))
BEFORE = (
    os.environ.get("BEFORE")  # "-": the model calls at once
    or "Let me check the current weather in **Shanghai** with the weather tool."
)
AFTER = (
    "\n\nIt is **sunny** in Shanghai today, 22 °C.\n\n"
    "| Time | Sky | °C |\n|:--|:--|--:|\n| Morning | sunny | 18 |\n| Afternoon | sunny | 22 |\n\n"
    "A light jacket is enough in the evening."
)


@pytest.mark.skipif(not os.environ.get("SHOTS"), reason="SHOTS=<folder> takes screenshots")
async def test_shoot(open_window, server, weather):  # noqa: F811
    folder = Path(os.environ["SHOTS"])
    folder.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240
    server.script([BEFORE] if BEFORE != "-" else [], tool_calls=[WEATHER_CALL])
    pane = await tool_pane(open_window, weather)
    window = pane.window()
    window.resize(*SIZES[0])
    pane.composer.setPlainText(QUESTION)
    pane.send()
    card = await approval(pane)
    await asyncio.sleep(0.3)
    window.grab().save(str(folder / "tool-round-asking-1180x760-light.png"))
    server.script([AFTER])
    card.run_button.click()
    await wait_until(lambda: not pane.streaming and not pane.runner.renderer.busy, timeout=20)
    for dark in (False, True):
        apply_theme(QApplication.instance(), "dark" if dark else "light")  # type: ignore[arg-type]
        for width, height in SIZES:
            window.resize(width, height)
            await asyncio.sleep(0.3)
            name = f"tool-round-{width}x{height}-{'dark' if dark else 'light'}.png"
            window.grab().save(str(folder / name))
