"""Tool calls in the chat page over real HTTP and a real MCP server: the scripted Ollama
server asks for calls, the MCP test server (tests/servers/mcp_test_server.py, over stdio,
through McpToolSource) runs them. The approval card with the call's arguments, Run / edit
/ Deny / Always allow, a definition that changed between two starts, the cards inside the
answer, the round cap's message, Stop during a slow tool, and the calls shown again when
the conversation is opened later."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from desktop.core.messages import MessageState
from desktop.core.provider_config import ProviderConfig
from desktop.core.tool_policy import ToolPolicies
from desktop.core.tool_steps import ToolOutcome
from desktop.core.toolbox import Policy
from desktop.core.tools import definitions_tokens
from desktop.providers.credentials import key_host_for
from desktop.storage.history import default_history_path
from desktop.storage.settings import Settings, SettingsStore, default_settings_path
from desktop.storage.tool_policy_file import default_tool_policy_path
from desktop.tools.manager import McpServerManager
from desktop.tools.server_store import ServersFile, ServerStore, default_servers_path
from desktop.tools.tool_source import McpToolSource
from desktop.ui.chat.chat_pane import ChatPane
from desktop.ui.chat.tool_access import ToolAccess, wire_chat_tools
from desktop.ui.render.markdown_view import MarkdownView
from tests.servers.cloud_fixtures import OPENAI_KEY
from tests.servers.mcp_fixtures import read_events, stdio_config
from tests.servers.mcp_test_server import VARIANT_2_DESCRIPTION, WEATHER_DESCRIPTION
from tests.servers.openai_server import CHAT
from tests.servers.scripted_ollama import ScriptedModel, ScriptedOllama
from tests.servers.scripted_reply import ScriptedCall, ScriptedReply
from tests.ui.chat_fixtures import ready_pane
from tests.ui.conftest import wait_until

REPO = Path(__file__).resolve().parents[3]
TOOLS_MODEL = "qwen3:latest"
QUESTION = "上海今天的天气怎么样?"
ANSWER = "上海今天晴，气温 22°C。"
WEATHER_ARGUMENTS = json.dumps({"location": "上海"}, ensure_ascii=False)
WEATHER_CALL = ScriptedCall("get_current_weather", WEATHER_ARGUMENTS, "call_k3j9x0a1")


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[ScriptedOllama]:
    started = ScriptedOllama((ScriptedModel(TOOLS_MODEL, ("completion", "tools")),)).start()
    monkeypatch.setenv("OLLAMA_HOST", started.url)
    yield started
    started.stop()


@pytest.fixture
def events(tmp_path: Path) -> Path:
    return tmp_path / "mcp-events.txt"


@pytest.fixture
async def weather(mcp_manager: McpServerManager, events: Path) -> McpServerManager:
    """The MCP test server, named "weather", run over stdio when first needed."""
    await mcp_manager.save_server(stdio_config("weather", events))
    return mcp_manager


def identity(manager: McpServerManager) -> str:
    config = manager.config("weather")
    assert config is not None
    return config.identity


async def tool_pane(open_window, manager: McpServerManager, policies=None) -> ChatPane:  # type: ignore[no-untyped-def]
    pane = await ready_pane(open_window, TOOLS_MODEL)
    pane.runner.tools = ToolAccess(McpToolSource(manager), policies or ToolPolicies())
    return pane


def answer_bubble(pane: ChatPane):  # type: ignore[no-untyped-def]
    return pane.messages.bubbles()[-1]


async def approval(pane: ChatPane):  # type: ignore[no-untyped-def]
    await wait_until(
        lambda: (
            answer_bubble(pane).has_tool_steps()
            and answer_bubble(pane).tool_steps.approval is not None
        ),
        timeout=20,
    )
    return answer_bubble(pane).tool_steps.approval


def source_untouched(server: ScriptedOllama) -> bool:
    """Only the first request was made: no result went back."""
    return len(server.chat_bodies()) == 1


def only_card(pane: ChatPane):  # type: ignore[no-untyped-def]
    [card] = answer_bubble(pane).tool_steps.cards.values()
    return card


async def test_weather_question_asks_runs_and_answers(open_window, server, weather, events):
    server.script([], tool_calls=[WEATHER_CALL])
    pane = await tool_pane(open_window, weather)
    pane.composer.setPlainText(QUESTION)
    pane.send()

    card = await approval(pane)
    assert card.title.text() == "weather wants to run get_current_weather"
    assert card.description.text() == WEATHER_DESCRIPTION
    assert json.loads(card.editor.toPlainText()) == {"location": "上海"}
    server.script([ANSWER])
    card.run_button.click()
    await wait_until(lambda: not pane.streaming, timeout=20)

    bubble = answer_bubble(pane)
    assert bubble.text() == ANSWER
    tool_card = only_card(pane)
    assert tool_card.toggle.text() == "weather · get_current_weather"
    assert tool_card.outcome.text() == "Done"
    assert bubble.tool_steps.reached.text() == "Used tools on: weather"
    assert bubble.tool_steps.approval is None
    _, answered = server.chat_bodies()
    result = answered["messages"][-1]
    assert (result["role"], result["tool_name"], result["tool_call_id"]) == (
        "tool",
        "get_current_weather",
        "call_k3j9x0a1",
    )
    assert json.loads(result["content"]) == {
        "location": "上海",
        "temperature": 22,
        "unit": "celsius",
        "forecast": "sunny",
    }


async def test_edited_arguments_are_the_ones_run(open_window, server, weather):
    server.script([], tool_calls=[WEATHER_CALL])
    pane = await tool_pane(open_window, weather)
    pane.composer.setPlainText(QUESTION)
    pane.send()
    card = await approval(pane)
    card.editor.setPlainText('{"location": "北京", "unit": "fahrenheit"')  # a brace short
    assert not card.run_button.isEnabled() and "Not valid JSON" in card.problem.text()
    QTest.keyClick(card.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert source_untouched(server)  # Ctrl+Enter does nothing while the JSON is wrong
    card.editor.setPlainText('{"location": "北京", "unit": "fahrenheit"}')
    assert card.run_button.isEnabled() and card.problem.isHidden()
    server.script(["北京晴。"])
    QTest.keyClick(card.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    await wait_until(lambda: not pane.streaming, timeout=20)
    ran = json.loads(server.chat_bodies()[-1]["messages"][-1]["content"])
    assert (ran["location"], ran["unit"], ran["temperature"]) == ("北京", "fahrenheit", 72)
    assert json.loads(only_card(pane).arguments.text()) == {
        "location": "北京",
        "unit": "fahrenheit",
    }


async def test_deny_with_a_reason_tells_the_model(open_window, server, weather):
    server.script([], tool_calls=[WEATHER_CALL])
    pane = await tool_pane(open_window, weather)
    pane.composer.setPlainText(QUESTION)
    pane.send()
    card = await approval(pane)
    card.reason.setText("I am not in Shanghai")
    server.script(["Understood."])
    card.deny_button.click()
    await wait_until(lambda: not pane.streaming, timeout=20)
    told = server.chat_bodies()[-1]["messages"][-1]
    assert told["role"] == "tool" and "I am not in Shanghai" in told["content"]
    assert "did not allow" in told["content"]
    assert only_card(pane).outcome.text() == "Denied"
    assert answer_bubble(pane).tool_steps.reached.isHidden()  # no server was reached


async def test_always_allow_then_a_changed_definition_asks_again(
    open_window, server, weather, events
):
    policies = ToolPolicies()
    pane = await tool_pane(open_window, weather, policies)
    server.script([], tool_calls=[WEATHER_CALL])
    pane.composer.setPlainText(QUESTION)
    pane.send()
    card = await approval(pane)
    server.script(["OK."])
    card.always_button.click()
    await wait_until(lambda: not pane.streaming, timeout=20)

    server.script([], tool_calls=[WEATHER_CALL])  # asked again: runs without a card
    pane.composer.setPlainText("And tomorrow?")
    pane.send()
    await wait_until(
        lambda: (
            answer_bubble(pane).has_tool_steps()
            and "Done" in [c.outcome.text() for c in answer_bubble(pane).tool_steps.cards.values()]
        ),
        timeout=20,
    )
    server.script(["OK."])
    await wait_until(lambda: not pane.streaming, timeout=20)
    assert "Waiting for you" not in [
        c.outcome.text() for c in answer_bubble(pane).tool_steps.cards.values()
    ]

    # The server restarts with another definition of the tool: asked again, change shown.
    config = weather.config("weather")
    assert config is not None
    await weather.save_server(
        stdio_config("weather", events, PARLEY_MCP_VARIANT="2"), replacing="weather"
    )
    server.script([], tool_calls=[WEATHER_CALL])
    pane.composer.setPlainText("And the day after?")
    pane.send()
    card = await approval(pane)
    assert not card.changed.isHidden()
    changed = card.changed.text()
    assert "changed since you allowed it" in changed
    assert WEATHER_DESCRIPTION in changed and VARIANT_2_DESCRIPTION in changed
    assert "Parameter unit" in changed
    server.script(["OK."])
    card.deny_button.click()
    await wait_until(lambda: not pane.streaming, timeout=20)


async def test_the_round_cap_stops_with_a_clear_message(open_window, server, weather):
    server.script(["Again."], tool_calls=[WEATHER_CALL])  # the model never stops calling
    policies = ToolPolicies()
    policies.set_server_policy(identity(weather), Policy.ALLOW)
    pane = await tool_pane(open_window, weather, policies)
    pane.runner.tools.max_rounds = lambda: 2  # type: ignore[union-attr]
    pane.composer.setPlainText(QUESTION)
    pane.send()
    await wait_until(lambda: not pane.streaming, timeout=20)
    bubble = answer_bubble(pane)
    assert "Stopped after 2 rounds of tool calls" in bubble.footer_text()
    assert bubble.text().startswith("Again.")
    outcomes = [card.outcome.text() for card in bubble.tool_steps.cards.values()]
    assert outcomes == ["Done", "Done", "Not run"]


async def test_stop_during_a_slow_tool_cancels_it_and_keeps_the_answer(
    open_window, server, weather, events
):
    slow = ScriptedCall("slow", json.dumps({"seconds": 60}), "call_slow")
    server.script(["Let me wait."], tool_calls=[slow])
    pane = await tool_pane(open_window, weather)
    pane.composer.setPlainText("Wait a minute, please.")
    pane.send()
    card = await approval(pane)
    card.run_button.click()
    await wait_until(lambda: "slow started" in read_events(events), timeout=20)
    pane.stop()
    await wait_until(lambda: not pane.streaming)
    await wait_until(lambda: "slow cancelled" in read_events(events), timeout=20)
    bubble = answer_bubble(pane)
    assert bubble.text() == "Let me wait."
    assert only_card(pane).outcome.text() == "Cancelled"
    stored = weather_store_answer(pane)
    assert stored.state is MessageState.STOPPED
    assert stored.tool_rounds[0].steps[0].outcome is ToolOutcome.CANCELLED

    # Opened again, the answer shows its call and what became of it.
    conversation = pane.conversation_id
    pane.new_conversation()
    pane.open_conversation(conversation)
    assert only_card(pane).outcome.text() == "Cancelled"


def weather_store_answer(pane: ChatPane):  # type: ignore[no-untyped-def]
    conversation_id = pane.conversation_id
    assert conversation_id is not None
    return pane.session.reload()[-1].message


async def test_a_conversation_turns_servers_off_and_the_meter_counts_the_tools_on(
    open_window, server, weather
):
    pane = await ready_pane(open_window, TOOLS_MODEL)
    wire_chat_tools(pane, ToolAccess(McpToolSource(weather), ToolPolicies()), pane._tasks)
    chooser = pane.settings_panel.tools
    assert chooser.text() == "All servers"
    chooser.refresh()  # as when its menu opens
    await wait_until(lambda: chooser.tools, timeout=20)
    on = definitions_tokens([tool.definition for tool in chooser.tools])
    assert pane.meter.tool_tokens == on > 0
    assert f"take about {on} tokens" in pane.meter.toolTip()

    [weather_entry] = [a for a in chooser.menu().actions() if a.text() == "weather"]
    weather_entry.setChecked(False)
    assert chooser.text() == "Off"
    assert pane.meter.tool_tokens == 0
    server.script(["Hello."])
    pane.composer.setPlainText("Hi")
    pane.send()
    await wait_until(lambda: not pane.streaming, timeout=20)
    assert "tools" not in server.chat_bodies()[-1]
    assert pane.session.parameters().tool_servers == ()


async def test_the_app_lets_answers_use_the_configured_servers(open_window, server, events):
    # As after adding the server on the Tools page: the app wires it into the chat.
    ServerStore(default_servers_path()).save(ServersFile([stdio_config("weather", events)]))
    server.script([], tool_calls=[WEATHER_CALL])
    pane = await ready_pane(open_window, TOOLS_MODEL)
    pane.composer.setPlainText(QUESTION)
    pane.send()
    card = await approval(pane)
    server.script([ANSWER])
    card.always_button.click()
    await wait_until(lambda: not pane.streaming, timeout=20)
    assert answer_bubble(pane).text() == ANSWER
    assert only_card(pane).outcome.text() == "Done"
    assert "get_current_weather" in default_tool_policy_path().read_text(encoding="utf-8")


async def test_a_model_that_refuses_tools_is_asked_again_without_them(
    open_window, server, events, openai_server_factory
):
    ServerStore(default_servers_path()).save(ServersFile([stdio_config("weather", events)]))
    cloud = openai_server_factory(api_key=None)
    cloud.no_tools_models.add("gpt-test")
    url = cloud.url + "/v1"
    lab = ProviderConfig(
        id="lab", preset="custom", name="Lab", base_url=url, key_host=key_host_for(url)
    )
    SettingsStore(default_settings_path()).save(Settings(providers=[lab]))
    window = open_window()
    pane = window.chat_pane
    await wait_until(lambda: pane.available_models("lab"), timeout=20)
    pane.choose_model("lab", "gpt-test")
    pane.composer.setPlainText(QUESTION)
    pane.send()
    await wait_until(lambda: not pane.streaming, timeout=20)
    failed = answer_bubble(pane)
    assert "cannot use tools. Ask again without tools" in failed.footer_text()
    assert failed.retry_button.isVisible()
    assert cloud.requests_to(CHAT)[-1].body["tools"]

    cloud.replies.push(ScriptedReply(text="I cannot look it up, but Shanghai is often mild."))
    failed.retry_button.click()
    await wait_until(
        lambda: not pane.streaming and "mild" in answer_bubble(pane).text(), timeout=20
    )
    assert "tools" not in cloud.requests_to(CHAT)[-1].body


async def test_a_kill_during_a_tool_round_shows_the_call_on_restart(open_window, openai_server):
    """Parley (its chat service and tool loop, in a child process writing the real
    history file) is killed while the weather tool runs; the next start shows the call."""
    openai_server.replies.push(
        ScriptedReply(text="Let me look.", tool_calls=(WEATHER_CALL,)),
    )
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.core.tool_round_child",
            str(default_history_path()),
            f"{openai_server.url}/v1",
            OPENAI_KEY,
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"running"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        if child.stdout is not None:
            child.stdout.close()

    window = open_window()
    pane = window.chat_pane
    await wait_until(lambda: pane.conversation_id is not None and pane.messages.bubbles())
    bubble = answer_bubble(pane)
    assert bubble.text() == "Let me look."
    card = only_card(pane)
    assert card.toggle.text() == "weather · get_current_weather"
    assert card.outcome.text() == "Interrupted"
    assert json.loads(card.arguments.text()) == {"location": "上海"}


async def test_parallel_calls_are_asked_one_after_the_other(open_window, server, weather):
    calls = [
        ScriptedCall("picture", "{}", "call_pic"),
        ScriptedCall("fail", json.dumps({"message": "disk full"}), "call_fail"),
    ]
    server.script([], tool_calls=calls)
    pane = await tool_pane(open_window, weather)
    pane.composer.setPlainText("Draw something, then break something")
    pane.send()
    first = await approval(pane)
    assert first.title.text() == "weather wants to run picture"
    first.run_button.click()
    steps = answer_bubble(pane).tool_steps
    await wait_until(lambda: steps.approval not in (None, first), timeout=20)
    second = steps.approval
    assert second is not None and second.title.text() == "weather wants to run fail"
    server.script(["One picture, one failure."])
    second.run_button.click()
    await wait_until(lambda: not pane.streaming, timeout=20)

    picture, failed = steps.cards.values()
    assert (picture.outcome.text(), failed.outcome.text()) == ("Done", "Failed")
    assert picture.result_caption.text() == "Result, with a picture sent to the model"
    assert "disk full" in failed.result.text()
    sent = server.chat_bodies()[-1]["messages"]
    assert [m["tool_name"] for m in sent[-2:]] == ["picture", "fail"]
    assert sent[-2].get("images")  # Ollama takes the picture with the tool message
    assert picture.picture_row is not None and len(picture.picture_row.thumbs) == 1

    # Opened again: the picture's thumbnail is there, and opens the viewer.
    conversation = pane.conversation_id
    pane.new_conversation()
    pane.open_conversation(conversation)
    reopened, _ = answer_bubble(pane).tool_steps.cards.values()
    assert reopened.picture_row is not None
    [thumb] = reopened.picture_row.thumbs
    reopened.toggle.click()  # unfold the card, click the picture
    thumb.button.click()
    await wait_until(
        lambda: (v := pane.window().findChild(QWidget, "imageViewer")) and v.isVisible()
    )


async def test_the_approval_card_comes_into_view_below_a_long_conversation(
    open_window, server, weather
):
    pane = await tool_pane(open_window, weather)
    pane.window().resize(1024, 640)
    server.script([f"Line {n}.\n\n" for n in range(80)])  # a long earlier answer
    pane.composer.setPlainText("Tell me a long story")
    pane.send()
    await wait_until(lambda: not pane.streaming, timeout=20)
    server.script([], tool_calls=[WEATHER_CALL])
    pane.composer.setPlainText(QUESTION)
    pane.send()
    card = await approval(pane)
    viewport = pane.messages.viewport()
    await wait_until(
        lambda: viewport.rect().contains(
            card.run_button.mapTo(viewport, card.run_button.rect().bottomRight())
        )
    )
    server.script(["OK."])
    card.run_button.click()
    await wait_until(lambda: not pane.streaming, timeout=20)


async def test_a_call_being_written_shows_before_it_is_whole(
    open_window, openai_server_factory, server, weather
):
    """OpenAI streams a call's arguments in pieces: the answer says a call is coming."""
    cloud = openai_server_factory(api_key=None)
    url = cloud.url + "/v1"
    lab = ProviderConfig(
        id="lab", preset="custom", name="Lab", base_url=url, key_host=key_host_for(url)
    )
    SettingsStore(default_settings_path()).save(Settings(providers=[lab]))
    pane = await tool_pane(open_window, weather)
    await wait_until(lambda: pane.available_models("lab"), timeout=20)
    pane.choose_model("lab", "gpt-test")
    long_location = json.dumps({"location": "上海" * 200}, ensure_ascii=False)
    cloud.replies.push(
        ScriptedReply(
            text="",
            tool_calls=(ScriptedCall("get_current_weather", long_location, "call_1"),),
        ),
        ScriptedReply(text="OK."),
    )
    cloud.inject(token_delay=0.005, once=True)  # the arguments arrive over half a second
    pane.composer.setPlainText(QUESTION)
    pane.send()
    await wait_until(
        lambda: answer_bubble(pane).has_tool_steps() and answer_bubble(pane).tool_steps.arriving,
        timeout=20,
    )
    [line] = answer_bubble(pane).tool_steps.arriving.values()
    assert line.text() == "Preparing a call of get_current_weather…"
    card = await approval(pane)
    assert not answer_bubble(pane).tool_steps.arriving  # the whole call replaced it
    card.deny_button.click()
    await wait_until(lambda: not pane.streaming, timeout=20)


async def test_read_only_tools_run_unasked_once_the_person_opted_in(open_window, server, events):
    """The weather tool is annotated read-only; Settings say such tools need no asking."""
    ServerStore(default_servers_path()).save(ServersFile([stdio_config("weather", events)]))
    SettingsStore(default_settings_path()).save(Settings(tools_read_only_allowed=True))
    server.script([], tool_calls=[WEATHER_CALL])
    pane = await ready_pane(open_window, TOOLS_MODEL)
    pane.composer.setPlainText(QUESTION)
    pane.send()
    await wait_until(
        lambda: (
            answer_bubble(pane).has_tool_steps()
            and "Done" in [c.outcome.text() for c in answer_bubble(pane).tool_steps.cards.values()]
        ),
        timeout=20,
    )
    server.script([ANSWER])
    await wait_until(lambda: not pane.streaming, timeout=20)
    steps = answer_bubble(pane).tool_steps
    assert steps.approval is None  # never asked
    assert {c.outcome.text() for c in steps.cards.values()} <= {"Done", "Not run"}


def answer_parts(bubble) -> list[str]:  # type: ignore[no-untyped-def]
    """What an answer shows from top to bottom: its stretches of text, and "[tool]" for
    each round's cards (by where they sit on screen)."""
    body = bubble.body
    parts: list[tuple[int, str]] = []
    for page in body.pages():
        if page.isVisible() and page.blocks and page.view is not None:
            parts.append((page.mapTo(bubble, page.rect().topLeft()).y(), page.view.source_text()))
    for _, box in body.breaks():
        if box.isVisible():
            parts.append((box.mapTo(bubble, box.rect().topLeft()).y(), "[tool]"))
    return [text.strip() for _, text in sorted(parts)]


async def test_text_before_a_tool_round_stays_above_its_card_live_and_reopened(
    open_window, server, weather, monkeypatch
):
    server.script(["Let me check ", "the weather."], tool_calls=[WEATHER_CALL])
    pane = await tool_pane(open_window, weather)
    pane.composer.setPlainText(QUESTION)
    pane.send()
    card = await approval(pane)
    bubble = answer_bubble(pane)
    await wait_until(lambda: answer_parts(bubble) == ["Let me check the weather.", "[tool]"])
    assert card.isVisible()  # the approval card stands in the round, below the words
    server.script([ANSWER])
    card.run_button.click()
    await wait_until(lambda: not pane.streaming and not pane.runner.renderer.busy, timeout=20)

    expected = ["Let me check the weather.", "[tool]", ANSWER]
    assert answer_parts(bubble) == expected
    assert bubble.text() == "Let me check the weather." + ANSWER

    conversation = pane.conversation_id
    pane.new_conversation()
    drawn: list[str] = []
    set_text = MarkdownView.set_text

    def counted(view: MarkdownView, text: str, breaks=()) -> None:
        drawn.append(text)
        set_text(view, text, breaks)

    monkeypatch.setattr(MarkdownView, "set_text", counted)
    pane.open_conversation(conversation)
    reopened = answer_bubble(pane)
    await wait_until(lambda: answer_parts(reopened) == expected)
    assert drawn.count(reopened.text()) == 1, "the answer's text is drawn once, rounds in place"
    assert reopened.text() == "Let me check the weather." + ANSWER
    assert only_card(pane).outcome.text() == "Done"
