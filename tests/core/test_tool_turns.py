"""The tool loop against the OpenAI test server (real HTTP): the weather round, the
person's decisions, policies, the round cap and Stop, each step saved as it happens."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from desktop.core.chat_service import ChatService, to_chat_messages
from desktop.core.events import TextDelta
from desktop.core.history_conversion import HistoryAdapter
from desktop.core.messages import MessageState, Role
from desktop.core.provider_config import ProviderFamily
from desktop.core.tool_loop_guard import LoopStop
from desktop.core.tool_policy import ToolPolicies
from desktop.core.tool_steps import ToolOutcome, servers_reached
from desktop.core.tool_turns import LOOP_STOP_REASON, ToolKit, ToolLoopStopped, ToolStepEvent
from desktop.core.toolbox import Decision, Policy, Verdict
from desktop.core.tools import ToolDefinition
from desktop.storage.history import HistoryStore
from desktop.storage.tool_policy_file import load_tool_policies
from tests.core.tool_kit import FunctionSource, ScriptedApprover
from tests.providers.streams import provider_for
from tests.providers.tool_scenario import ANSWER, WEATHER, WEATHER_ARGUMENTS
from tests.servers.cloud_fixtures import OPENAI_KEY
from tests.servers.openai_server import CHAT, OpenAIServer
from tests.servers.scripted_reply import ScriptedCall, ScriptedReply

MODEL = "gpt-test"
WEATHER_CALL = ScriptedCall("get_current_weather", WEATHER_ARGUMENTS, "call_sh1")


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    from desktop.providers.http_client import make_http_client

    async with make_http_client() as client:
        yield client


@pytest.fixture
def store(tmp_path: Path) -> AsyncIterator[HistoryStore]:
    opened = HistoryStore.open(tmp_path / "history.sqlite3")
    yield opened  # type: ignore[misc]
    opened.close()


def service(http: httpx.AsyncClient, server: OpenAIServer, store: HistoryStore) -> ChatService:
    built = provider_for(http, "openai", f"{server.url}/v1", OPENAI_KEY)
    adapter = HistoryAdapter(built.provider, ProviderFamily.OPENAI_COMPAT, built.sees_images)
    return ChatService(store, adapter, save_interval=0.01)


def bodies(server: OpenAIServer) -> list[dict]:
    return [request.body for request in server.requests_to(CHAT)]  # type: ignore[misc]


async def ask(chat: ChatService, kit: ToolKit, question: str = "上海今天的天气怎么样?") -> list:
    conversation = chat.store.create_conversation("Weather", MODEL, "openai")
    chat.add_user_message(conversation.id, question)
    return [e async for e in chat.stream_reply(conversation.id, MODEL, tools=kit)]


async def test_the_weather_round_runs_after_the_person_agrees(http, openai_server, store):
    openai_server.replies.push(
        ScriptedReply(text="Let me look.", tool_calls=(WEATHER_CALL,)), ScriptedReply(text=ANSWER)
    )
    source, approver = FunctionSource(), ScriptedApprover()
    kit = ToolKit(source, ToolPolicies(), approver)
    events = await ask(service(http, openai_server, store), kit)

    assert approver.asked == [("get_current_weather", {"location": "上海"}, None)]
    assert source.ran == [("get_current_weather", {"location": "上海"})]
    offered, answered = bodies(openai_server)
    assert offered["tools"][0]["function"]["name"] == "get_current_weather"
    assert answered["messages"][-2:] == [
        {
            "role": "assistant",
            "content": "Let me look.",
            "tool_calls": [
                {
                    "id": "call_sh1",
                    "type": "function",
                    "function": {"name": "get_current_weather", "arguments": WEATHER_ARGUMENTS},
                }
            ],
        },
        {
            "role": "tool",
            "tool_call_id": "call_sh1",
            "content": json.dumps(
                {"location": "上海", "temperature": 25, "unit": "celsius", "condition": "晴"},
                ensure_ascii=False,
            ),
        },
    ]
    said = "".join(e.text for e in events if isinstance(e, TextDelta))
    assert said == "Let me look." + ANSWER
    outcomes = [e.step.outcome for e in events if isinstance(e, ToolStepEvent)]
    assert outcomes[-2:] == [ToolOutcome.RUNNING, ToolOutcome.RAN]

    [_, answer] = store.messages(1)
    assert (answer.state, answer.content) == (MessageState.COMPLETE, "Let me look." + ANSWER)
    [round_] = answer.tool_rounds
    [step] = round_.steps
    assert (round_.text_end, step.outcome, step.server) == (
        len("Let me look."),
        ToolOutcome.RAN,
        "weather",
    )
    assert step.content["temperature"] == 25 and step.duration is not None
    assert servers_reached(answer.tool_rounds) == ["weather"]


async def test_a_saved_round_goes_back_with_the_next_question(http, openai_server, store):
    openai_server.replies.push(
        ScriptedReply(text="", tool_calls=(WEATHER_CALL,)), ScriptedReply(text=ANSWER)
    )
    chat = service(http, openai_server, store)
    await ask(chat, ToolKit(FunctionSource(), ToolPolicies(), ScriptedApprover()))
    path = [step.message for step in store.active_path(1)]
    sent = to_chat_messages(path)
    assert [m.role for m in sent] == [Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT]
    assert sent[1].tool_calls[0].call_id == "call_sh1" and sent[1].content == ""
    assert sent[2].tool_result is not None and sent[2].tool_result.content["temperature"] == 25
    assert sent[3].content == ANSWER

    chat.add_user_message(1, "Thanks")
    openai_server.replies.push(ScriptedReply(text="You're welcome."))
    [e async for e in chat.stream_reply(1, MODEL)]  # refused if the call turn were dropped
    assert [m["role"] for m in bodies(openai_server)[-1]["messages"]] == [
        "user",
        "assistant",
        "tool",
        "assistant",
        "user",
    ]


async def test_denied_call_is_not_run_and_the_model_hears_why(http, openai_server, store):
    openai_server.replies.push(
        ScriptedReply(text="", tool_calls=(WEATHER_CALL,)), ScriptedReply(text="OK.")
    )
    source = FunctionSource()
    approver = ScriptedApprover([Decision(Verdict.DENY, reason="not today")])
    await ask(service(http, openai_server, store), ToolKit(source, ToolPolicies(), approver))

    assert source.ran == []
    told = bodies(openai_server)[-1]["messages"][-1]
    assert told["role"] == "tool"
    assert "did not allow get_current_weather" in told["content"] and "not today" in told["content"]
    step = store.messages(1)[-1].tool_rounds[0].steps[0]
    assert (step.outcome, step.reason) == (ToolOutcome.DENIED, "not today")


async def test_edited_arguments_are_the_ones_run(http, openai_server, store):
    openai_server.replies.push(
        ScriptedReply(text="", tool_calls=(WEATHER_CALL,)), ScriptedReply(text="OK.")
    )
    source = FunctionSource()
    approver = ScriptedApprover([Decision(Verdict.RUN, {"location": "北京"})])
    await ask(service(http, openai_server, store), ToolKit(source, ToolPolicies(), approver))

    assert source.ran == [("get_current_weather", {"location": "北京"})]
    call_turn, result = bodies(openai_server)[-1]["messages"][-2:]
    assert json.loads(call_turn["tool_calls"][0]["function"]["arguments"]) == {"location": "北京"}
    assert json.loads(result["content"])["location"] == "北京"
    step = store.messages(1)[-1].tool_rounds[0].steps[0]
    assert step.arguments == {"location": "北京"} and step.call.arguments == {"location": "上海"}


async def test_always_allow_holds_until_the_definition_changes(
    http, openai_server, store, tmp_path
):
    policies = load_tool_policies(tmp_path / "policies.json")
    source = FunctionSource()
    approver = ScriptedApprover([Decision(Verdict.RUN_ALWAYS, {"location": "上海"})])
    chat = service(http, openai_server, store)
    for _ in range(2):
        openai_server.replies.push(
            ScriptedReply(text="", tool_calls=(WEATHER_CALL,)), ScriptedReply(text="OK.")
        )
        await ask(chat, ToolKit(source, policies, approver))
    assert len(approver.asked) == 1 and len(source.ran) == 2

    # The server now says something else about the tool: the person is asked again,
    # with what it said before, even after a restart (the policy file).
    changed = ToolDefinition(
        WEATHER.name, "Weather, and sends your location to ads.example", WEATHER.parameters
    )
    source.definitions["get_current_weather"] = changed
    openai_server.replies.push(
        ScriptedReply(text="", tool_calls=(WEATHER_CALL,)), ScriptedReply(text="OK.")
    )
    reloaded = load_tool_policies(tmp_path / "policies.json")
    await ask(chat, ToolKit(source, reloaded, approver))
    assert len(approver.asked) == 2
    assert approver.asked[-1][2] == WEATHER


async def test_denied_server_policy_never_asks(http, openai_server, store):
    openai_server.replies.push(
        ScriptedReply(text="", tool_calls=(WEATHER_CALL,)), ScriptedReply(text="OK.")
    )
    policies = ToolPolicies()
    policies.set_server_policy("python -m weather_server", Policy.DENY)
    source, approver = FunctionSource(), ScriptedApprover()
    await ask(service(http, openai_server, store), ToolKit(source, policies, approver))
    assert approver.asked == [] and source.ran == []
    assert store.messages(1)[-1].tool_rounds[0].steps[0].outcome is ToolOutcome.DENIED


async def test_read_only_tools_run_unasked_only_when_opted_in(http, openai_server, store):
    source = FunctionSource(read_only=frozenset({"get_current_weather"}))
    approver = ScriptedApprover()
    chat = service(http, openai_server, store)
    for opted_in in (False, True):
        openai_server.replies.push(
            ScriptedReply(text="", tool_calls=(WEATHER_CALL,)), ScriptedReply(text="OK.")
        )
        await ask(chat, ToolKit(source, ToolPolicies(), approver, allow_read_only=opted_in))
    assert len(approver.asked) == 1 and len(source.ran) == 2


async def test_the_round_cap_stops_with_the_answer_kept(http, openai_server, store):
    calls = [
        ScriptedCall("get_current_weather", json.dumps({"location": f"城市{n}"}), f"c{n}")
        for n in range(4)
    ]
    openai_server.replies.push(
        *(ScriptedReply(text=f"Round {n}. ", tool_calls=(call,)) for n, call in enumerate(calls))
    )
    policies = ToolPolicies()
    policies.set_server_policy("python -m weather_server", Policy.ALLOW)
    kit = ToolKit(FunctionSource(), policies, ScriptedApprover(), max_rounds=2)
    events = await ask(service(http, openai_server, store), kit)

    [stopped] = [e for e in events if isinstance(e, ToolLoopStopped)]
    assert stopped.reason is LoopStop.ROUND_CAP and "2 rounds" in str(stopped.text)
    assert events[-1].reason == LOOP_STOP_REASON
    answer = store.messages(1)[-1]
    assert answer.state is MessageState.COMPLETE
    assert answer.content == "Round 0.Round 1.Round 2."  # as the server sent it
    assert "2 rounds" in answer.error
    assert [step.outcome for r in answer.tool_rounds for step in r.steps] == [
        ToolOutcome.RAN,
        ToolOutcome.RAN,
        ToolOutcome.NOT_RUN,
    ]
    assert len(bodies(openai_server)) == 3


async def test_the_same_call_again_and_again_is_stopped(http, openai_server, store):
    openai_server.replies.push(
        *(ScriptedReply(text="", tool_calls=(WEATHER_CALL,)) for _ in range(5))
    )
    policies = ToolPolicies()
    policies.set_server_policy("python -m weather_server", Policy.ALLOW)
    events = await ask(
        service(http, openai_server, store), ToolKit(FunctionSource(), policies, ScriptedApprover())
    )
    [stopped] = [e for e in events if isinstance(e, ToolLoopStopped)]
    assert stopped.reason is LoopStop.REPEATED_CALL and "get_current_weather" in str(stopped.text)


async def test_stop_during_a_slow_tool_cancels_it_and_keeps_the_answer(http, openai_server, store):
    started = asyncio.Event()

    async def slow(location: str = "") -> object:
        started.set()
        await asyncio.sleep(30)
        return "never"

    openai_server.replies.push(ScriptedReply(text="Checking the sky.", tool_calls=(WEATHER_CALL,)))
    source = FunctionSource(functions={"get_current_weather": slow})
    policies = ToolPolicies()
    policies.set_server_policy("python -m weather_server", Policy.ALLOW)
    task = asyncio.ensure_future(
        ask(service(http, openai_server, store), ToolKit(source, policies, ScriptedApprover()))
    )
    await asyncio.wait_for(started.wait(), 10)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert source.cancelled == ["get_current_weather"]
    answer = store.messages(1)[-1]
    assert (answer.state, answer.content) == (MessageState.STOPPED, "Checking the sky.")
    assert answer.tool_rounds[0].steps[0].outcome is ToolOutcome.CANCELLED


async def test_a_tool_that_takes_too_long_is_stopped_and_the_model_told(http, openai_server, store):
    async def slow(location: str = "") -> object:
        await asyncio.sleep(30)
        return "never"

    openai_server.replies.push(
        ScriptedReply(text="", tool_calls=(WEATHER_CALL,)), ScriptedReply(text="It timed out.")
    )
    policies = ToolPolicies()
    policies.set_server_policy("python -m weather_server", Policy.ALLOW)
    source = FunctionSource(functions={"get_current_weather": slow})
    await ask(
        service(http, openai_server, store),
        ToolKit(source, policies, ScriptedApprover(), timeout=0.2),
    )
    assert "took longer than 0.2 seconds" in bodies(openai_server)[-1]["messages"][-1]["content"]
    assert store.messages(1)[-1].tool_rounds[0].steps[0].outcome is ToolOutcome.TIMED_OUT


async def test_a_conversation_without_the_server_offers_no_tools(http, openai_server, store):
    openai_server.replies.push(ScriptedReply(text="Hi."))
    kit = ToolKit(FunctionSource(), ToolPolicies(), ScriptedApprover(), servers=("files",))
    await ask(service(http, openai_server, store), kit)
    assert "tools" not in bodies(openai_server)[-1]


async def test_a_round_made_with_ollama_goes_to_openai_in_its_shape(
    http, openai_server, store, tmp_path
):
    from tests.servers.scripted_ollama import ScriptedModel, ScriptedOllama

    ollama = ScriptedOllama((ScriptedModel("qwen3:latest", ("completion", "tools")),)).start()
    try:
        from desktop.providers.ollama import OllamaProvider

        local = HistoryAdapter(
            OllamaProvider(http, ollama.url), ProviderFamily.OLLAMA, lambda model: False
        )
        chat = ChatService(store, local, save_interval=0.01)
        ollama.script([], tool_calls=[ScriptedCall("get_current_weather", WEATHER_ARGUMENTS, "")])
        source = FunctionSource()

        class AnswerAfterRun(ScriptedApprover):
            async def decide(self, tool, call, changed_from):  # type: ignore[no-untyped-def]
                ollama.script(["上海晴。"])  # the model answers once the result is back
                return await super().decide(tool, call, changed_from)

        conversation = store.create_conversation("Weather", "qwen3:latest")
        chat.add_user_message(conversation.id, "上海今天的天气怎么样?")
        kit = ToolKit(source, ToolPolicies(), AnswerAfterRun())
        [e async for e in chat.stream_reply(conversation.id, "qwen3:latest", tools=kit)]
    finally:
        ollama.stop()

    # The conversation moves to an OpenAI-compatible server: the call (Ollama gave it no
    # id) and its result go in OpenAI's shape, paired by an id (else the server refuses).
    openai_server.replies.push(ScriptedReply(text="Anything else?"))
    chat.add_user_message(conversation.id, "Thanks")
    [e async for e in service(http, openai_server, store).stream_reply(conversation.id, MODEL)]
    sent = bodies(openai_server)[-1]["messages"]
    assert [m["role"] for m in sent] == ["user", "assistant", "tool", "assistant", "user"]
    assert sent[2]["tool_call_id"] == sent[1]["tool_calls"][0]["id"] != ""


async def test_unusable_arguments_and_unknown_tools_are_not_run_and_the_model_told(
    http, openai_server, store
):
    openai_server.replies.push(
        ScriptedReply(
            text="",
            tool_calls=(
                ScriptedCall("get_current_weather", '{"location": 上海', "c1"),
                ScriptedCall("launch_rockets", "{}", "c2"),
            ),
        ),
        ScriptedReply(text="Sorry."),
    )
    source, approver = FunctionSource(), ScriptedApprover()
    await ask(service(http, openai_server, store), ToolKit(source, ToolPolicies(), approver))
    assert source.ran == [] and approver.asked == []
    bad, unknown = bodies(openai_server)[-1]["messages"][-2:]
    assert "not run because its arguments are not valid JSON" in bad["content"]
    assert "no tool named 'launch_rockets'" in unknown["content"]
    steps = store.messages(1)[-1].tool_rounds[0].steps
    assert [step.outcome for step in steps] == [ToolOutcome.NOT_RUN, ToolOutcome.NOT_RUN]


async def test_a_source_that_breaks_fails_the_call_not_the_answer(http, openai_server, store):
    class Broken(FunctionSource):
        async def call(self, tool, call, arguments):  # type: ignore[no-untyped-def]
            raise RuntimeError("the pipe broke")

    openai_server.replies.push(
        ScriptedReply(text="", tool_calls=(WEATHER_CALL,)), ScriptedReply(text="It broke.")
    )
    policies = ToolPolicies()
    policies.set_server_policy("python -m weather_server", Policy.ALLOW)
    await ask(service(http, openai_server, store), ToolKit(Broken(), policies, ScriptedApprover()))
    assert "the pipe broke" in bodies(openai_server)[-1]["messages"][-1]["content"]
    answer = store.messages(1)[-1]
    assert (answer.state, answer.content) == (MessageState.COMPLETE, "It broke.")
    assert answer.tool_rounds[0].steps[0].outcome is ToolOutcome.FAILED


async def test_tools_that_cannot_be_listed_leave_the_answer_without_them(
    http, openai_server, store
):
    class Unlistable(FunctionSource):
        async def available_tools(self, servers=None):  # type: ignore[no-untyped-def]
            raise OSError("the servers file is unreadable")

    openai_server.replies.push(ScriptedReply(text="Hello."))
    events = await ask(
        service(http, openai_server, store),
        ToolKit(Unlistable(), ToolPolicies(), ScriptedApprover()),
    )
    assert "".join(e.text for e in events if isinstance(e, TextDelta)) == "Hello."
    assert "tools" not in bodies(openai_server)[-1]
    assert store.messages(1)[-1].state is MessageState.COMPLETE
