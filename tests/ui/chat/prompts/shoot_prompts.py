"""Screenshots of the prompt picker, its variable form, the library window and Settings →
Prompts (not part of the suite).

    SHOTS=/tmp/shots ptest tests/ui/chat/prompts/shoot_prompts.py

At 1180x760 and 1024x640, light and dark.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.core.prompt_library import Prompt
from desktop.ui.chat.prompts.prompt_library_window import PromptLibraryWindow
from desktop.ui.theme import apply_theme
from tests.ui.chat.prompts.test_prompt_picker import GREET, TRIP, prompt_pane, typed
from tests.ui.chat_fixtures import ask
from tests.ui.keys import activate

SIZES = ((1180, 760), (1024, 640))
MORE = [
    Prompt("Translate to {{language}}", "Translate this into {{language}}:\n\n{{text}}"),
    Prompt("Trace the bug", "Here is a stack trace. Find the likely cause:\n\n{{trace}}"),
    Prompt("旅行计划", "帮我规划一次去{{城市}}的{{天数}}天旅行。", tags=("travel",)),
    Prompt("Pirate", "Answer like a pirate.", "persona"),
]


@pytest.mark.skipif(not os.environ.get("SHOTS"), reason="SHOTS=<folder> takes screenshots")
async def test_shoot(qtbot, scripted, open_window):  # type: ignore[no-untyped-def]
    folder = Path(os.environ["SHOTS"])
    folder.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240
    pane, slash = await prompt_pane(open_window, (TRIP, GREET, *MORE))
    window = pane.window()
    scripted.script(["Sure — here is a short plan for **Kyoto** in 3 days."])
    await ask(pane, "Hello")
    await asyncio.sleep(0.5)
    app = QApplication.instance()
    for dark in (False, True):
        scheme = "dark" if dark else "light"
        apply_theme(app, scheme)  # type: ignore[arg-type]
        for width, height in SIZES:
            window.resize(width, height)
            pane.composer.clear()
            activate(window)  # the offscreen window's activation arrives a turn later
            await asyncio.sleep(0.2)
            typed(qtbot, pane, "/tr")
            await asyncio.sleep(0.2)
            window.grab().save(str(folder / f"prompt-picker-{width}x{height}-{scheme}.png"))
            pane.composer.clear()
            typed(qtbot, pane, "/tr")
            slash.choose(TRIP)
            form = slash.form
            assert form is not None
            form.fields["topic"].setText("Kyoto")
            await asyncio.sleep(0.2)
            form.grab().save(str(folder / f"prompt-form-{width}x{height}-{scheme}.png"))
            form.reject()
            await asyncio.sleep(0.1)
        library = slash.book.show_window(window)
        assert isinstance(library, PromptLibraryWindow)
        library.list.setCurrentRow(2)
        await asyncio.sleep(0.2)
        library.grab().save(str(folder / f"prompt-library-{scheme}.png"))
        library.show_kind("persona")
        library.list.setCurrentRow(1)
        await asyncio.sleep(0.2)
        library.grab().save(str(folder / f"prompt-library-personas-{scheme}.png"))
        library.close()
        window.resize(*SIZES[0])
        pane.settings_button.click()
        pane.settings_panel.persona.setCurrentIndex(2)
        pane.settings_panel.persona.activated.emit(2)
        await asyncio.sleep(0.2)
        window.grab().save(str(folder / f"persona-{scheme}.png"))
        pane.settings_button.click()
        window.show_page("settings")
        window.pages.page("settings").show_section("prompts")  # type: ignore[attr-defined]
        await asyncio.sleep(0.2)
        window.grab().save(str(folder / f"settings-prompts-{scheme}.png"))
        window.show_page("chats")
