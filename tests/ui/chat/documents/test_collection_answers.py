"""An answer draws on the collections ticked in the chat's settings and on its folder's
documents, through the real window: the request carries their passages."""

from __future__ import annotations

from pathlib import Path

from desktop.documents.owners import folder_owner
from desktop.storage.history import HistoryStore, default_history_path
from tests.servers.openai_server import OpenAIServer
from tests.servers.scripted_ollama import ScriptedOllama
from tests.ui.chat.documents.conftest import embedder_settings
from tests.ui.chat_fixtures import ask
from tests.ui.conftest import wait_until

KEY = "The spare key of the cabin is under the blue flowerpot by the woodshed."
BOILER = "The cabin's boiler is serviced every October by Kerttu Laine from Ivalo."


def system_text(body: dict[str, object]) -> str:
    messages = body["messages"]
    assert isinstance(messages, list)
    return "\n".join(m["content"] for m in messages if m["role"] == "system")


async def test_a_ticked_collection_and_the_folder_documents_reach_the_request(
    documents_window: object,
    scripted: ScriptedOllama,
    embedding_openai_server: OpenAIServer,
    tmp_path: Path,
) -> None:
    with HistoryStore.open(default_history_path()) as history:
        cabin = history.folders.create("Cabin")
    _, window, _ = await documents_window(embedder_settings(embedding_openai_server))  # type: ignore[operator]
    library = window._documents
    assert library is not None
    guide = library.create_collection("House guide")
    (tmp_path / "keys.txt").write_text(KEY, encoding="utf-8")
    (tmp_path / "boiler.txt").write_text(BOILER, encoding="utf-8")
    await library.add_files(guide.owner, [tmp_path / "keys.txt"])
    await library.add_files(folder_owner(cabin.id), [tmp_path / "boiler.txt"])
    pane = window.chat_pane

    scripted.script(["Under the blue flowerpot."])
    await ask(pane, "Where is the spare key?")
    assert "blue flowerpot" not in system_text(scripted.chat_bodies()[-1])  # not ticked yet

    chooser = pane.settings_panel.collections
    chooser.menu_.aboutToShow.emit()
    [entry] = [a for a in chooser.menu_.actions() if a.text() == "House guide"]
    entry.setChecked(True)
    scripted.script(["Under the blue flowerpot."])
    await ask(pane, "Where is the spare key?")
    assert "blue flowerpot" in system_text(scripted.chat_bodies()[-1])

    window.conversation_sidebar.folders.newChatRequested.emit(cabin.id)  # a chat in the folder
    scripted.script(["Kerttu Laine."])
    await ask(pane, "Who services the boiler?")
    await wait_until(lambda: pane.conversation_id is not None)
    assert "Kerttu Laine" in system_text(scripted.chat_bodies()[-1])
    assert "blue flowerpot" not in system_text(scripted.chat_bodies()[-1])  # not this chat's
