"""Sending the first question of a new chat keeps the document chips: they follow their
documents to the saved conversation instead of being deleted and built again in the
send's turn (which stalled the window while the question went out)."""

from __future__ import annotations

from pathlib import Path

from desktop.ui.chat.documents.chat_documents import DRAFT_OWNER
from tests.servers.scripted_ollama import ScriptedOllama
from tests.ui.chat.documents.conftest import ready, settled
from tests.ui.chat_fixtures import ask


async def test_the_chips_stay_the_same_widgets_when_the_chat_is_saved(
    documents_window: object, scripted: ScriptedOllama, tmp_path: Path
) -> None:
    notes = tmp_path / "packing.txt"
    notes.write_text("Packing list for Lisbon:\n\n- passport\n- blue raincoat\n")
    _, window, documents = await documents_window()  # type: ignore[operator]
    pane = window.chat_pane
    pane.draft.add_paths([notes])
    [entry] = await settled(documents, DRAFT_OWNER)
    assert ready(entry)
    [before] = documents.chips.chips.values()
    scripted.script(["Take the blue raincoat [1]."])
    await ask(pane, "What coat should I pack?")
    assert documents.chips.owner != DRAFT_OWNER
    [after] = documents.chips.chips.values()
    assert after is before  # not deleted and built again
    assert after.isVisibleTo(window) and "packing.txt" in after.name.text()
