"""Regenerate, edit and resend, delete, flip between versions; settings and the meter."""

from __future__ import annotations

from PySide6.QtTest import QTest

from desktop.storage.history import HistoryStore, default_history_path
from tests.ui.chat_fixtures import answered, ask, ready_pane


def texts(pane) -> list[str]:
    return [bubble.text() for bubble in pane.messages.bubbles()]


async def test_regenerate_keeps_the_old_answer_to_flip_back_to(scripted, open_window):
    scripted.script(["First answer."])
    pane = await ready_pane(open_window)
    await ask(pane, "Question")
    scripted.script(["Second answer."])
    first = pane.messages.bubbles()[-1]
    await answered(pane, first.regenerate_button.click)

    assert texts(pane) == ["Question", "Second answer."]
    answer = pane.messages.bubbles()[-1]
    assert answer.sibling_text() == "2/2"
    assert not answer.next_button.isEnabled() and answer.previous_button.isEnabled()
    answer.previous_button.click()
    assert texts(pane) == ["Question", "First answer."]
    assert pane.messages.bubbles()[-1].sibling_text() == "1/2"
    pane.messages.bubbles()[-1].next_button.click()
    assert texts(pane) == ["Question", "Second answer."]
    sent = scripted.chat_bodies()[-1]["messages"]
    assert [m["content"] for m in sent] == ["Question"], "the old answer is not sent back"


async def test_edit_and_resend_branches_and_old_branch_stays(scripted, open_window):
    scripted.script(["Answer A."])
    pane = await ready_pane(open_window)
    await ask(pane, "Question one")
    await ask(pane, "Follow-up")
    assert texts(pane) == ["Question one", "Answer A.", "Follow-up", "Answer A."]

    scripted.script(["Answer B."])
    first = pane.messages.bubbles()[0]
    first.edit_button.click()
    assert first.editor.toPlainText() == "Question one"
    first.editor.setPlainText("Question one, better")
    await answered(pane, first.send_edit_button.click)
    assert len(pane.messages.bubbles()) == 2
    assert texts(pane) == ["Question one, better", "Answer B."]
    assert pane.messages.bubbles()[0].sibling_text() == "2/2"
    assert [m["content"] for m in scripted.chat_bodies()[-1]["messages"]] == [
        "Question one, better"
    ]

    pane.messages.bubbles()[0].previous_button.click()
    assert texts(pane) == ["Question one", "Answer A.", "Follow-up", "Answer A."]


async def test_delete_a_message(scripted, open_window):
    scripted.script(["Reply."])
    pane = await ready_pane(open_window)
    await ask(pane, "Keep me")
    await ask(pane, "Delete me")
    pane.messages.bubbles()[2].delete_button.click()
    assert texts(pane) == ["Keep me", "Reply.", "Reply."]
    store = HistoryStore.open(default_history_path())
    try:
        assert [m.content for m in store.messages(pane.conversation_id)] == [
            "Keep me",
            "Reply.",
            "Reply.",
        ]
    finally:
        store.close()


async def test_settings_reach_the_server_and_stay_with_the_conversation(scripted, open_window):
    pane = await ready_pane(open_window)
    pane.settings_button.click()
    assert pane.settings_panel.isVisible()
    panel = pane.settings_panel
    panel.system_prompt.setPlainText("Answer like a pirate.")
    panel.temperature.setValue(0.3)
    panel.context.setValue(16384)
    panel.seed.setValue(42)
    panel.max_tokens.setValue(512)
    await ask(pane, "Hello")
    body = scripted.chat_bodies()[-1]
    assert body["messages"][0] == {"role": "system", "content": "Answer like a pirate."}
    assert body["options"] == {
        "temperature": 0.3,
        "num_ctx": 16384,
        "seed": 42,
        "num_predict": 512,
    }
    first = pane.conversation_id

    pane.new_conversation()
    assert panel.system_prompt.toPlainText() == "" and panel.context.value() == 0
    await ask(pane, "Defaults please")
    assert scripted.chat_bodies()[-1]["options"] == {"num_ctx": 8192}, "always sent"

    pane.open_conversation(first)
    assert panel.system_prompt.toPlainText() == "Answer like a pirate."
    assert (panel.temperature.value(), panel.seed.value()) == (0.3, 42)


async def test_context_meter_warns_before_the_window_is_full(scripted, open_window):
    pane = await ready_pane(open_window)
    pane.settings_panel.context.setValue(1024)
    await ask(pane, "Hi")
    usage = pane.meter.usage
    assert usage is not None and usage.window == 1024 and usage.exact
    assert not usage.near_limit
    pane.composer.setPlainText("x" * 3500)
    QTest.keyClicks(pane.composer, " more")
    assert pane.meter.usage.near_limit and not pane.meter.usage.over_limit
    assert "almost full" in pane.meter.toolTip()
    assert pane.meter.label.text().startswith("~"), "a draft is an estimate"
    pane.composer.setPlainText("x" * 4400)
    assert pane.meter.usage.over_limit
    assert "no longer fits" in pane.meter.toolTip()
    assert pane.meter.label.property("level") == "over"
