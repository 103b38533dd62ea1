"""Defaults for new chats, set on the Models page: a new chat with that model sends them;
another model and a chat already started do not."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from desktop.core.chat_parameters import ChatParameters
from desktop.services.provider_registry import LOCAL_OLLAMA_ID
from desktop.ui.models.defaults_dialog import ModelDefaultsDialog
from tests.servers.fixtures import TINY, TINY_THINK, TINY_VISION
from tests.ui.chat_fixtures import ask
from tests.ui.conftest import wait_until
from tests.ui.models.page_steps import open_models, select


def click_defaults_link(pane) -> None:
    """A mouse click on the link under "Defaults for new chats" in the details."""
    view = pane.details.view
    found = view.document().find("Set the defaults for new chats…")
    assert not found.isNull()
    view.setTextCursor(found)
    view.ensureCursorVisible()
    spot = view.cursorRect(found).center() - QPoint(20, 0)
    QTest.mousePress(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot
    )
    QTest.mouseRelease(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot
    )


def last_chat(server) -> dict:
    return server.requests_to("/api/chat")[-1].body


async def test_defaults_for_a_model_start_its_new_chats_only(ollama_env, open_window):
    ollama_env.install(TINY)
    ollama_env.install(TINY_VISION)
    window = await open_models(open_window)
    chat = window.chat_pane
    await wait_until(lambda: TINY in chat.available_models())
    chat.choose_model(LOCAL_OLLAMA_ID, TINY)
    await ask(chat, "before any defaults")  # a chat that exists before the defaults
    earlier = chat.conversation_id

    pane = window.model_pane
    window.show_page("models")
    await wait_until(lambda: window.models.find(TINY) is not None)
    select(pane, TINY)
    shown = pane.details.view.toPlainText()
    assert "New chats use the usual settings.\nSet the defaults for new chats…" in shown
    click_defaults_link(pane)
    dialog = window.findChild(ModelDefaultsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.system_edit.setPlainText("You talk like a pirate.")
    dialog.temperature.setValue(0.3)
    dialog.context.setValue(4096)
    dialog.save_button.click()

    shown = pane.details.view.toPlainText()
    assert "temperature 0.3 · context 4,096" in shown
    assert "You talk like a pirate." in shown
    assert pane.message.text() == f"New chats with {TINY} start with these settings."

    # A new chat with the model: the request carries its defaults.
    window.new_chat()
    chat.choose_model(LOCAL_OLLAMA_ID, TINY)
    assert chat.settings_panel.system_prompt.toPlainText() == "You talk like a pirate."
    await ask(chat, "ahoy")
    body = last_chat(ollama_env)
    assert body["model"] == TINY
    assert body["options"] == {"temperature": 0.3, "num_ctx": 4096}
    assert body["messages"][0] == {"role": "system", "content": "You talk like a pirate."}
    stored = window.chat_pane._chat.store.get_conversation(chat.conversation_id)
    assert stored.parameters == ChatParameters(temperature=0.3, num_ctx=4096)

    # Another model in a new chat: the plain settings again.
    window.new_chat()
    chat.choose_model(LOCAL_OLLAMA_ID, TINY)
    chat.choose_model(LOCAL_OLLAMA_ID, TINY_VISION)
    assert chat.settings_panel.system_prompt.toPlainText() == ""
    await ask(chat, "hello")
    body = last_chat(ollama_env)
    assert body["model"] == TINY_VISION
    assert "temperature" not in body["options"]
    assert all(message["role"] != "system" for message in body["messages"])

    # The chat that existed keeps its own settings with the same model.
    chat.open_conversation(earlier)
    await ask(chat, "still plain?")
    body = last_chat(ollama_env)
    assert body["model"] == TINY
    assert "temperature" not in body["options"]
    assert all(message["role"] != "system" for message in body["messages"])


async def test_cleared_defaults_leave_new_chats_plain(ollama_env, open_window):
    ollama_env.install(TINY)
    window = await open_models(open_window)
    pane = window.model_pane
    await wait_until(lambda: window.models.find(TINY) is not None)
    select(pane, TINY)
    click_defaults_link(pane)
    dialog = window.findChild(ModelDefaultsDialog)
    dialog.temperature.setValue(1.5)
    dialog.save_button.click()
    click_defaults_link(pane)
    dialog = next(d for d in window.findChildren(ModelDefaultsDialog) if d.isVisible())
    assert dialog.temperature.value() == 1.5, "the dialog shows the saved defaults"
    dialog.clear_button.click()
    dialog.save_button.click()
    assert pane.message.text() == f"New chats with {TINY} start with the usual settings."

    window.new_chat()
    window.chat_pane.choose_model(LOCAL_OLLAMA_ID, TINY)
    assert window.chat_pane.session.parameters().temperature is None


async def test_a_thinking_default_is_shown_and_sent(ollama_env, open_window):
    ollama_env.install(TINY_THINK)
    window = await open_models(open_window)
    pane = window.model_pane
    await wait_until(lambda: window.models.find(TINY_THINK) is not None)
    select(pane, TINY_THINK)
    await wait_until(lambda: pane.details_cache.get(window.models.find(TINY_THINK).digest))
    click_defaults_link(pane)
    dialog = window.findChild(ModelDefaultsDialog)
    assert dialog.think.isEnabled()
    assert [dialog.think.itemText(i) for i in range(dialog.think.count())] == [
        "As the model does",
        "On",
        "Off",
    ]
    dialog.think.setCurrentIndex(2)
    dialog.save_button.click()

    window.new_chat()
    chat = window.chat_pane
    await wait_until(lambda: TINY_THINK in chat.available_models())
    chat.choose_model(LOCAL_OLLAMA_ID, TINY_THINK)
    await wait_until(lambda: chat.think_combo.isVisible())
    assert chat.think_combo.currentText() == "Thinking off"
    await ask(chat, "think about it")
    assert last_chat(ollama_env)["think"] is False


async def test_the_new_chat_open_when_defaults_change_takes_them(ollama_env, open_window):
    ollama_env.install(TINY)
    window = await open_models(open_window)
    chat = window.chat_pane
    await wait_until(lambda: chat.current_model() == TINY)  # the first model, in a new chat
    pane = window.model_pane
    await wait_until(lambda: window.models.find(TINY) is not None)
    select(pane, TINY)
    click_defaults_link(pane)
    dialog = window.findChild(ModelDefaultsDialog)
    dialog.system_edit.setPlainText("Answer in French.")
    dialog.save_button.click()

    window.show_page("chats")
    assert chat.settings_panel.system_prompt.toPlainText() == "Answer in French."
    await ask(chat, "hello")
    assert last_chat(ollama_env)["messages"][0] == {
        "role": "system",
        "content": "Answer in French.",
    }
