"""Tool calls over Ollama's /api/chat, against the scripted Ollama server: ``tools``
only for models with the ``tools`` capability, calls arriving whole (``id``,
``function.index``, arguments an object), results sent back as ``tool`` messages with
``tool_name``, then the model's answer."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator

import httpx
import pytest

from desktop.core.errors import ToolsNotSupported
from desktop.core.history_conversion import HistoryAdapter
from desktop.core.messages import ChatMessage, ChatOptions, Role
from desktop.core.provider_config import ProviderFamily
from desktop.core.tools import ToolResult, tool_call
from desktop.providers.ollama import OllamaProvider
from tests.providers.streams import PNG, calls_of, collect, done_of, text_of
from tests.providers.tool_scenario import (
    ANSWER,
    CLOCK_ARGUMENTS,
    QUESTION,
    REPORT,
    WEATHER_ARGUMENTS,
    WITH_TOOLS,
    after_calls,
)
from tests.servers.scripted_ollama import ScriptedModel, ScriptedOllama
from tests.servers.scripted_reply import ScriptedCall

TOOLS_MODEL = "qwen3:latest"
PLAIN_MODEL = "llama2:13b"


@pytest.fixture
def server() -> Iterator[ScriptedOllama]:
    started = ScriptedOllama(
        (
            ScriptedModel(TOOLS_MODEL, ("completion", "tools")),
            ScriptedModel(PLAIN_MODEL, ("completion",)),
        )
    ).start()
    yield started
    started.stop()


def ollama(http: httpx.AsyncClient, server: ScriptedOllama) -> HistoryAdapter:
    provider = OllamaProvider(http, server.url)
    return HistoryAdapter(provider, ProviderFamily.OLLAMA, lambda model: False)


async def test_weather_call_result_and_answer(
    http: httpx.AsyncClient, server: ScriptedOllama
) -> None:
    server.script(
        [], tool_calls=[ScriptedCall("get_current_weather", WEATHER_ARGUMENTS, "call_k3j9x0a1")]
    )
    provider = ollama(http, server)

    first = await collect(provider.chat(TOOLS_MODEL, [QUESTION], WITH_TOOLS))
    [call] = calls_of(first)
    assert (call.name, call.arguments, call.call_id, call.index, call.problem) == (
        "get_current_weather",
        {"location": "上海"},
        "call_k3j9x0a1",
        0,
        None,
    )
    assert done_of(first).reason == "tool_calls"  # Ollama said "stop": named as elsewhere

    server.script([ANSWER])
    second = await collect(provider.chat(TOOLS_MODEL, after_calls(call), WITH_TOOLS))
    assert text_of(second) == ANSWER

    offered, answered = server.chat_bodies()
    assert offered["tools"][0]["function"]["name"] == "get_current_weather"
    assert offered["tools"][0]["type"] == "function"
    assert answered["messages"][1:] == [
        {
            "role": "assistant",
            "content": "",
            "tool_calls": [
                {
                    "id": "call_k3j9x0a1",
                    "function": {
                        "index": 0,
                        "name": "get_current_weather",
                        "arguments": {"location": "上海"},
                    },
                }
            ],
        },
        {
            "role": "tool",
            "content": json.dumps(REPORT, ensure_ascii=False),
            "tool_name": "get_current_weather",
            "tool_call_id": "call_k3j9x0a1",
        },
    ]


async def test_parallel_calls_keep_their_index(
    http: httpx.AsyncClient, server: ScriptedOllama
) -> None:
    server.script(
        [],
        tool_calls=[
            ScriptedCall("get_current_weather", WEATHER_ARGUMENTS, "call_aaaaaaaa"),
            ScriptedCall("get_current_time", CLOCK_ARGUMENTS, "call_bbbbbbbb"),
        ],
    )
    provider = ollama(http, server)
    weather, clock = calls_of(await collect(provider.chat(TOOLS_MODEL, [QUESTION], WITH_TOOLS)))
    assert (weather.index, weather.name, clock.index, clock.name) == (
        0,
        "get_current_weather",
        1,
        "get_current_time",
    )
    server.script([ANSWER])
    assert (
        text_of(await collect(provider.chat(TOOLS_MODEL, after_calls(weather, clock), WITH_TOOLS)))
        == ANSWER
    )
    sent = server.chat_bodies()[-1]["messages"]
    assert [m.get("tool_name") for m in sent[2:]] == ["get_current_weather", "get_current_time"]


async def test_string_arguments_that_are_not_json_are_a_problem_not_a_crash(
    http: httpx.AsyncClient, server: ScriptedOllama
) -> None:
    """Some Ollama-compatible servers send arguments as a string; a broken one is kept
    as it came, with the problem named."""
    call = {"function": {"name": "get_current_weather", "arguments": "{location: 上海}"}}
    lines = [
        {"message": {"role": "assistant", "content": "", "tool_calls": [call]}, "done": False},
        {"message": {"role": "assistant", "content": ""}, "done": True, "done_reason": "stop"},
    ]
    body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    server.inject("/api/chat", status=200, body=body)
    events = await collect(ollama(http, server).chat(TOOLS_MODEL, [QUESTION], WITH_TOOLS))
    [broken] = calls_of(events)
    assert (broken.arguments, broken.raw_arguments) == ({}, "{location: 上海}")
    assert broken.problem is not None and "not valid JSON" in str(broken.problem)


async def test_a_model_without_the_tools_capability_refuses_them_distinctly(
    http: httpx.AsyncClient, server: ScriptedOllama
) -> None:
    provider = OllamaProvider(http, server.url)
    assert not (await provider.show(PLAIN_MODEL)).can_use_tools
    assert (await provider.show(TOOLS_MODEL)).can_use_tools
    assert (provider.takes_tools(PLAIN_MODEL), provider.takes_tools(TOOLS_MODEL)) == (False, True)

    with pytest.raises(ToolsNotSupported) as caught:
        await collect(provider.chat(PLAIN_MODEL, [QUESTION], WITH_TOOLS))
    assert caught.value.model == PLAIN_MODEL
    assert caught.value.detail == "registry.ollama.ai/library/llama2:13b does not support tools"
    # The retry without tools is answered.
    assert text_of(await collect(provider.chat(PLAIN_MODEL, [QUESTION], ChatOptions())))


async def test_pictures_a_tool_returned_go_with_its_tool_message(
    http: httpx.AsyncClient, server: ScriptedOllama
) -> None:
    shot = tool_call("take_screenshot", {})
    history = [
        QUESTION,
        ChatMessage(Role.ASSISTANT, "", tool_calls=(shot,)),
        ChatMessage(
            Role.TOOL,
            "",
            tool_result=ToolResult("", "take_screenshot", "The screen:", images=(PNG,)),
        ),
    ]
    await collect(ollama(http, server).chat(TOOLS_MODEL, history, WITH_TOOLS))
    sent = server.chat_bodies()[0]["messages"]
    assert sent[1]["tool_calls"] == [
        {"function": {"index": 0, "name": "take_screenshot", "arguments": {}}}
    ]
    assert sent[2] == {
        "role": "tool",
        "content": "The screen:",
        "tool_name": "take_screenshot",
        "images": [base64.b64encode(PNG).decode()],
    }
