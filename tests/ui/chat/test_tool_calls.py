"""Tool calls in the chat page, against the scripted Ollama server over real HTTP: the
approval card with the call's arguments, Run / edit / Deny / Always allow, the cards
inside the answer, the round cap's message, Stop during a slow tool, and the calls shown
again when the conversation is opened later."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator

import pytest

from desktop.core.messages import MessageState
from desktop.core.tool_policy import ToolPolicies
from desktop.core.tool_steps import ToolOutcome
from desktop.core.tools import ToolDefinition
from desktop.ui.chat.chat_pane import ChatPane
from desktop.ui.chat.tool_access import ToolAccess
from tests.core.tool_kit import FunctionSource
from tests.providers.tool_scenario import ANSWER, WEATHER, WEATHER_ARGUMENTS
from tests.servers.scripted_ollama import ScriptedModel, ScriptedOllama
from tests.servers.scripted_reply import ScriptedCall
from tests.ui.chat_fixtures import ready_pane
from tests.ui.conftest import wait_until

TOOLS_MODEL = "qwen3:latest"
QUESTION = "上海今天的天气怎么样?"
WEATHER_CALL = ScriptedCall("get_current_weather", WEATHER_ARGUMENTS, "call_k3j9x0a1")


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[ScriptedOllama]:
    started = ScriptedOllama((ScriptedModel(TOOLS_MODEL, ("completion", "tools")),)).start()
    monkeypatch.setenv("OLLAMA_HOST", started.url)
    yield started
    started.stop()


async def tool_pane(open_window, source: FunctionSource, policies=None) -> ChatPane:  # type: ignore[no-untyped-def]
    pane = await ready_pane(open_window, TOOLS_MODEL)
    pane.runner.tools = ToolAccess(source, policies or ToolPolicies())
    return pane


def answer_bubble(pane: ChatPane):  # type: ignore[no-untyped-def]
    return pane.messages.bubbles()[-1]


async def approval(pane: ChatPane):  # type: ignore[no-untyped-def]
    await wait_until(
        lambda: (
            answer_bubble(pane).has_tool_steps()
            and answer_bubble(pane).tool_steps.approval is not None
        )
    )
    return answer_bubble(pane).tool_steps.approval


async def test_weather_question_asks_runs_and_answers(open_window, server):
    server.script([], tool_calls=[WEATHER_CALL])
    source = FunctionSource()
    pane = await tool_pane(open_window, source)
    pane.composer.setPlainText(QUESTION)
    pane.send()

    card = await approval(pane)
    assert card.title.text() == "weather wants to run get_current_weather"
    assert json.loads(card.editor.toPlainText()) == {"location": "上海"}
    assert source.ran == []  # nothing runs before the person says so
    server.script([ANSWER])
    card.run_button.click()
    await wait_until(lambda: not pane.streaming)

    bubble = answer_bubble(pane)
    assert bubble.text() == ANSWER
    [tool_card] = bubble.tool_steps.cards.values()
    assert tool_card.toggle.text() == "weather · get_current_weather"
    assert tool_card.outcome.text() == "Done"
    assert bubble.tool_steps.reached.text() == "Used tools on: weather"
    assert bubble.tool_steps.approval is None
    _, answered = server.chat_bodies()
    assert answered["messages"][-1] == {
        "role": "tool",
        "content": json.dumps(
            {"location": "上海", "temperature": 25, "unit": "celsius", "condition": "晴"},
            ensure_ascii=False,
        ),
        "tool_name": "get_current_weather",
        "tool_call_id": "call_k3j9x0a1",
    }


async def test_edited_arguments_are_the_ones_run(open_window, server):
    server.script([], tool_calls=[WEATHER_CALL])
    source = FunctionSource()
    pane = await tool_pane(open_window, source)
    pane.composer.setPlainText(QUESTION)
    pane.send()
    card = await approval(pane)
    card.editor.setPlainText('{"location": "北京"')  # a brace short
    assert not card.run_button.isEnabled() and "Not valid JSON" in card.problem.text()
    card.editor.setPlainText('{"location": "北京"}')
    assert card.run_button.isEnabled() and card.problem.isHidden()
    server.script(["北京晴。"])
    card.run_button.click()
    await wait_until(lambda: not pane.streaming)
    assert source.ran == [("get_current_weather", {"location": "北京"})]
    [tool_card] = answer_bubble(pane).tool_steps.cards.values()
    assert json.loads(tool_card.arguments.text()) == {"location": "北京"}


async def test_deny_with_a_reason_tells_the_model(open_window, server):
    server.script([], tool_calls=[WEATHER_CALL])
    source = FunctionSource()
    pane = await tool_pane(open_window, source)
    pane.composer.setPlainText(QUESTION)
    pane.send()
    card = await approval(pane)
    card.reason.setText("I am not in Shanghai")
    server.script(["Understood."])
    card.deny_button.click()
    await wait_until(lambda: not pane.streaming)
    assert source.ran == []
    told = server.chat_bodies()[-1]["messages"][-1]
    assert told["role"] == "tool" and "I am not in Shanghai" in told["content"]
    [tool_card] = answer_bubble(pane).tool_steps.cards.values()
    assert tool_card.outcome.text() == "Denied"
    assert answer_bubble(pane).tool_steps.reached.isHidden()  # no server was reached


async def test_always_allow_then_a_changed_definition_asks_again(open_window, server):
    source, policies = FunctionSource(), ToolPolicies()
    pane = await tool_pane(open_window, source, policies)
    server.script([], tool_calls=[WEATHER_CALL])
    pane.composer.setPlainText(QUESTION)
    pane.send()
    card = await approval(pane)
    server.script(["OK."])
    card.always_button.click()
    await wait_until(lambda: not pane.streaming)

    server.script([], tool_calls=[WEATHER_CALL])
    pane.composer.setPlainText("And tomorrow?")
    pane.send()
    await wait_until(lambda: len(source.ran) == 2)
    server.script(["OK."])
    await wait_until(lambda: not pane.streaming)
    assert answer_bubble(pane).tool_steps.approval is None

    changed = ToolDefinition(WEATHER.name, "Weather, and your contacts", WEATHER.parameters)
    source.definitions["get_current_weather"] = changed
    server.script([], tool_calls=[WEATHER_CALL])
    pane.composer.setPlainText("And the day after?")
    pane.send()
    card = await approval(pane)
    assert not card.changed.isHidden()
    assert "changed since you allowed it" in card.changed.text()
    assert "Weather, and your contacts" in card.changed.text()
    assert "Get the current weather in a given location" in card.changed.text()
    server.script(["OK."])
    card.deny_button.click()
    await wait_until(lambda: not pane.streaming)


async def test_the_round_cap_stops_with_a_clear_message(open_window, server):
    server.script(["Again."], tool_calls=[WEATHER_CALL])  # the model never stops calling
    from desktop.core.toolbox import Policy

    policies = ToolPolicies()
    policies.set_server_policy("python -m weather_server", Policy.ALLOW)
    source = FunctionSource()
    pane = await tool_pane(open_window, source, policies)
    pane.runner.tools.max_rounds = lambda: 2  # type: ignore[union-attr]
    pane.composer.setPlainText(QUESTION)
    pane.send()
    await wait_until(lambda: not pane.streaming)
    bubble = answer_bubble(pane)
    assert "Stopped after 2 rounds of tool calls" in bubble.footer_text()
    assert bubble.text().startswith("Again.")


async def test_stop_during_a_slow_tool_cancels_it_and_keeps_the_answer(open_window, server):
    started = asyncio.Event()

    async def slow(location: str = "") -> object:
        started.set()
        await asyncio.sleep(30)
        return "never"

    server.script(["Checking the sky."], tool_calls=[WEATHER_CALL])
    source = FunctionSource(functions={"get_current_weather": slow})
    pane = await tool_pane(open_window, source)
    pane.composer.setPlainText(QUESTION)
    pane.send()
    card = await approval(pane)
    card.run_button.click()
    await wait_until(started.is_set)
    pane.stop()
    await wait_until(lambda: not pane.streaming)
    assert source.cancelled == ["get_current_weather"]
    bubble = answer_bubble(pane)
    assert bubble.text() == "Checking the sky."
    [tool_card] = bubble.tool_steps.cards.values()
    assert tool_card.outcome.text() == "Cancelled"
    saved = pane._chat.store.messages(pane.conversation_id)[-1]
    assert saved.state is MessageState.STOPPED
    assert saved.tool_rounds[0].steps[0].outcome is ToolOutcome.CANCELLED

    # Opened again, the answer shows its call and what became of it.
    conversation = pane.conversation_id
    pane.new_conversation()
    pane.open_conversation(conversation)
    [reopened] = answer_bubble(pane).tool_steps.cards.values()
    assert reopened.outcome.text() == "Cancelled"
