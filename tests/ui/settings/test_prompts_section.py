"""Settings → Prompts: counts, the library window from there, and a damaged library file
explained instead of a crash."""

from __future__ import annotations

from typing import cast

from desktop.core.prompt_library import Prompt
from desktop.storage.paths import config_dir
from desktop.storage.prompt_library_file import default_prompt_library_path
from desktop.ui.chat.prompts.prompt_library_window import PromptLibraryWindow
from desktop.ui.settings.settings_page import SettingsPage


async def test_the_section_counts_the_library_and_opens_it(open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window()
    page = cast("SettingsPage", window.show_page("settings"))
    page.show_section("prompts")
    assert page.current_section() == "prompts"
    section = page.prompts
    assert section is not None
    assert section.counts.text().startswith("Your library: 0 prompts · 0 personas · ")
    section.book.store.replace_all([Prompt("A", "a"), Prompt("P", "p", "persona")])
    assert section.counts.text().startswith("Your library: 1 prompt · 1 persona · ")
    section.open_personas.click()
    library = section.book.window
    assert isinstance(library, PromptLibraryWindow) and library.isVisible()
    assert library.kind == "persona"
    assert [library.list.item(i).text() for i in range(library.list.count())][-1] == "P"
    library.close()


async def test_a_damaged_library_is_set_aside_and_said(open_window) -> None:  # type: ignore[no-untyped-def]
    config_dir().mkdir(parents=True, exist_ok=True)
    default_prompt_library_path().write_text('{"version": 1, "prompts": [{"name": 3}]}')
    window = open_window()
    assert "prompt library prompts.json could not be read" in window.statusBar().currentMessage()
    page = cast("SettingsPage", window.show_page("settings"))
    section = page.prompts
    assert section is not None and not section.problem.isHidden()
    assert "The old file was kept as" in section.problem.text()
    kept = [p for p in config_dir().iterdir() if p.name.startswith("prompts.json.bad-")]
    assert len(kept) == 1
