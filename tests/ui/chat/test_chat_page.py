"""The chat page as a person meets it: the empty state of a new chat, the composer card's
one Send/Stop button, drafts that belong to their conversation, the Export button and
the context meter of a model whose window is unknown."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMenu

from desktop.core.provider_config import ProviderConfig
from desktop.providers.credentials import key_host_for
from desktop.storage.settings import Settings, SettingsStore, default_settings_path
from desktop.ui.shell.main_window import MainWindow
from tests.pictures import encoded, sharp_pattern
from tests.servers.fixtures import TINY
from tests.servers.ollama_server import OllamaServer
from tests.servers.openai_server import OpenAIServer
from tests.ui.chat_fixtures import SCRIPTED, ask, ready_pane
from tests.ui.conftest import wait_until
from tests.ui.keys import activate

Opener = Callable[[], MainWindow]


@pytest.fixture
def two_servers(
    ollama_server: OllamaServer,
    openai_server_factory: Callable[..., OpenAIServer],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The local Ollama, and a keyless OpenAI-compatible server (no context window known)."""
    ollama_server.install(TINY)
    monkeypatch.setenv("OLLAMA_HOST", ollama_server.url)
    url = openai_server_factory(api_key=None).url + "/v1"
    entry = ProviderConfig(
        id="lab", preset="custom", name="Lab server", base_url=url, key_host=key_host_for(url)
    )
    SettingsStore(default_settings_path()).save(Settings(providers=[entry]))


def picture_file(path: Path) -> Path:
    path.write_bytes(encoded(sharp_pattern(24, 16), "PNG"))
    return path


async def test_a_new_chat_shows_the_model_and_starters_that_fill_the_composer(
    scripted, open_window: Opener
) -> None:
    pane = await ready_pane(open_window)
    assert pane.body.currentWidget() is pane.empty_state
    await wait_until(lambda: SCRIPTED in pane.empty_state.model_label.text())
    starter = pane.empty_state.starters[1]
    starter.click()
    assert pane.composer.toPlainText().strip() == starter.toolTip()
    assert pane.composer.hasFocus()
    await ask(pane, pane.composer.toPlainText())
    assert pane.body.currentWidget() is pane.messages


async def test_the_send_button_becomes_stop_while_an_answer_streams(
    scripted, open_window: Opener
) -> None:
    pane = await ready_pane(open_window)
    scripted.script([f"w{n} " for n in range(400)])
    scripted.inject(token_delay=0.01)
    pane.composer.setPlainText("Talk")
    pane.send_button.click()
    await wait_until(lambda: pane.streaming)
    assert pane.send_button.text() == "Stop" and pane.send_button.isEnabled()
    bubbles = pane.messages.bubbles
    await wait_until(lambda: len(bubbles()) == 2 and "w3 " in bubbles()[1].text())
    pane.send_button.click()
    await wait_until(lambda: not pane.streaming and pane.send_button.text() == "Send")
    assert "Stopped" in pane.messages.bubbles()[1].footer_text()


async def test_stop_at_once_after_send_gives_send_back(scripted, open_window: Opener) -> None:
    pane = await ready_pane(open_window)
    scripted.script([f"w{n} " for n in range(400)])
    scripted.inject(token_delay=0.01)
    pane.composer.setPlainText("Never mind")
    pane.send_button.click()
    pane.send_button.click()  # Stop, before the answer's first step
    await wait_until(lambda: pane.send_button.text() == "Send", timeout=2)
    assert not pane.streaming
    assert "Stopped" in pane.messages.bubbles()[1].footer_text()


async def test_send_waits_with_its_reason_while_a_picture_cannot_be_seen(
    ollama_server: OllamaServer, monkeypatch, open_window: Opener, tmp_path: Path
) -> None:
    ollama_server.install(TINY)
    monkeypatch.setenv("OLLAMA_HOST", ollama_server.url)
    pane = await ready_pane(open_window, TINY)
    pane.composer.setPlainText("What is in it?")
    assert pane.send_button.isEnabled()
    pane.draft.add_paths([picture_file(tmp_path / "a.png")])
    await wait_until(lambda: not pane.send_button.isEnabled(), timeout=5)
    assert "cannot see images" in pane.send_button.toolTip()
    pane.draft.remove(pane.draft.images[0].digest)
    await wait_until(lambda: pane.send_button.isEnabled())
    assert "cannot see" not in pane.send_button.toolTip()


async def test_a_draft_belongs_to_its_conversation_and_survives_a_restart(
    scripted, open_window: Opener, tmp_path: Path
) -> None:
    pane = await ready_pane(open_window)
    await ask(pane, "First conversation")
    first = pane.conversation_id
    pane.composer.setPlainText("half a thought")
    pane.draft.add_paths([picture_file(tmp_path / "a.png")])
    await wait_until(lambda: len(pane.draft.images) == 1)

    pane.new_conversation()
    assert pane.composer.toPlainText() == "" and pane.draft.images == ()
    await ask(pane, "Second conversation")
    second = pane.conversation_id
    assert pane.composer.toPlainText() == ""
    pane.composer.setPlainText("for the second")

    pane.open_conversation(first)
    assert pane.composer.toPlainText() == "half a thought"
    assert len(pane.draft.images) == 1
    pane.open_conversation(second)
    assert pane.composer.toPlainText() == "for the second" and pane.draft.images == ()

    window = pane.window()
    window.close()
    reopened = open_window().chat_pane
    reopened.open_conversation(first)
    assert reopened.composer.toPlainText() == "half a thought"
    assert len(reopened.draft.images) == 1


async def test_a_click_on_the_previous_conversation_after_ctrl_n_opens_it(
    scripted, open_window: Opener
) -> None:
    pane = await ready_pane(open_window)
    await ask(pane, "Remember me")
    await asyncio.sleep(0.05)
    window = pane.window()
    assert isinstance(window, MainWindow)
    opened = pane.conversation_id

    activate(window)
    pane.composer.setFocus()
    QTest.keyClick(pane.composer, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert pane.conversation_id is None
    listing = window.conversations
    assert listing.current_id() is None, "the list no longer marks the old conversation"
    row = listing.index_for(opened)
    assert row.isValid()
    QTest.mouseClick(
        listing.viewport(), Qt.MouseButton.LeftButton, pos=listing.visualRect(row).center()
    )
    await wait_until(lambda: pane.conversation_id == opened, timeout=2)
    assert pane.messages.bubbles()[0].text() == "Remember me"


async def test_export_shows_its_whole_label_and_offers_both_formats(
    scripted, open_window: Opener
) -> None:
    pane = await ready_pane(open_window)
    button = pane.export_button
    assert not button.isEnabled(), "nothing to export in a new chat"
    await ask(pane, "Hello")
    assert button.isEnabled()
    assert button.menu() is None, "no menu arrow is drawn over the label"
    room = button.fontMetrics().horizontalAdvance(button.text()) + button.iconSize().width()
    assert button.width() >= room
    button.click()
    menu = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible())
    assert [a.text() for a in menu.actions()] == ["As Markdown…", "As JSON (can be imported)…"]
    menu.close()


async def test_the_meter_shows_only_tokens_when_the_window_is_unknown(
    two_servers, open_window: Opener
) -> None:
    window = open_window()
    pane = window.chat_pane
    await wait_until(lambda: pane.available_models("lab"))
    pane.choose_model("lab", pane.available_models("lab")[0])
    pane.composer.setPlainText("How long is this?")
    await asyncio.sleep(0.1)
    assert "/" not in pane.meter.label.text()
    assert "tokens" in pane.meter.label.text()
    assert "unknown" in pane.meter.toolTip()
    assert pane.meter.bar.isHidden()

    pane.set_model("tiny:latest")  # Ollama is told the window with every request
    await wait_until(lambda: "/" in pane.meter.label.text())
    assert not pane.meter.bar.isHidden()


async def test_the_header_names_the_open_conversation_also_after_a_rename(
    scripted, open_window: Opener
) -> None:
    pane = await ready_pane(open_window)
    assert pane.header.title_label.text() == "New chat"
    await ask(pane, "Sourdough starter")
    assert pane.header.title_label.toolTip() == "Sourdough starter"
    window = pane.window()
    assert isinstance(window, MainWindow)
    assert pane.conversation_id is not None
    window.conversations.renameRequested.emit(pane.conversation_id, "Bread")
    assert pane.header.title_label.text() == "Bread"


async def test_the_empty_state_says_what_the_model_can_do_and_takes_a_setup_card(
    scripted, open_window: Opener
) -> None:
    pane = await ready_pane(open_window, "scripted-think:latest")
    chips = pane.empty_state.chips
    await wait_until(lambda: not chips["thinking"].isHidden())
    assert chips["vision"].isHidden() and chips["tools"].isHidden()
    pane.set_model(SCRIPTED)
    await wait_until(lambda: chips["thinking"].isHidden())

    card = QLabel("Set up a provider")
    pane.empty_state.set_setup_card(card)
    assert pane.empty_state.setup_card() is card and card.isVisible()
    pane.empty_state.set_setup_card(None)
    assert pane.empty_state.setup_card() is None and card.parent() is None
