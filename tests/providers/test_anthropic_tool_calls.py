"""Tool use over Anthropic's Messages API, against the Anthropic test server: tools with
an ``input_schema``, ``tool_use`` blocks streamed as ``input_json_delta`` pieces, results
as ``tool_result`` blocks in the user turn that follows, then the model's answer."""

from __future__ import annotations

import json

import httpx
import pytest

from desktop.core.errors import BadRequest, ToolsNotSupported
from desktop.core.events import ThinkingSignature, ToolCallDelta
from desktop.core.history_conversion import HistoryAdapter
from desktop.core.messages import ChatMessage, ChatOptions, Role
from desktop.core.provider_config import ProviderFamily
from desktop.core.tools import ToolResult, tool_call, unusable_arguments_result
from tests.providers.streams import (
    PNG,
    calls_of,
    collect,
    done_of,
    provider_for,
    text_of,
    thinking_of,
)
from tests.providers.tool_scenario import (
    ANSWER,
    CLOCK_ARGUMENTS,
    QUESTION,
    REPORT,
    WEATHER,
    WEATHER_ARGUMENTS,
    WITH_TOOLS,
    after_calls,
)
from tests.servers.anthropic_server import MESSAGES, AnthropicServer
from tests.servers.cloud_fixtures import ANTHROPIC_KEY
from tests.servers.scripted_reply import ScriptedCall, ScriptedReply

MODEL = "claude-test-4-5"


def claude(http: httpx.AsyncClient, server: AnthropicServer) -> HistoryAdapter:
    built = provider_for(http, "anthropic", server.url, ANTHROPIC_KEY)
    return HistoryAdapter(built.provider, ProviderFamily.ANTHROPIC, built.sees_images)


def bodies(server: AnthropicServer) -> list[dict[str, object]]:
    return [request.body for request in server.requests_to(MESSAGES)]  # type: ignore[misc]


async def test_weather_tool_use_result_and_answer(
    http: httpx.AsyncClient, anthropic_server: AnthropicServer
) -> None:
    weather = ScriptedCall("get_current_weather", WEATHER_ARGUMENTS, "toolu_01SH")
    anthropic_server.replies.push(
        ScriptedReply(text="我来查一下。", tool_calls=(weather,)), ScriptedReply(text=ANSWER)
    )
    provider = claude(http, anthropic_server)

    first = await collect(provider.chat(MODEL, [QUESTION], WITH_TOOLS))
    [call] = calls_of(first)
    pieces = [event for event in first if isinstance(event, ToolCallDelta)]
    assert {(p.index, p.name, p.call_id) for p in pieces} == {
        (0, "get_current_weather", "toolu_01SH")
    }
    assert "".join(piece.arguments for piece in pieces) == WEATHER_ARGUMENTS
    assert (call.name, call.arguments, call.call_id, call.index) == (
        "get_current_weather",
        {"location": "上海"},
        "toolu_01SH",
        0,
    )
    assert done_of(first).reason == "tool_calls"

    second = await collect(provider.chat(MODEL, after_calls(call, said=text_of(first)), WITH_TOOLS))
    assert text_of(second) == ANSWER

    offered, answered = bodies(anthropic_server)
    assert offered["tools"][0] == {  # type: ignore[index]
        "name": "get_current_weather",
        "input_schema": dict(WEATHER.parameters),
        "description": WEATHER.description,
    }
    assert answered["messages"][1:] == [  # type: ignore[index]
        {
            "role": "assistant",
            "content": [
                {"type": "text", "text": "我来查一下。"},
                {
                    "type": "tool_use",
                    "id": "toolu_01SH",
                    "name": "get_current_weather",
                    "input": {"location": "上海"},
                },
            ],
        },
        {
            "role": "user",
            "content": [
                {
                    "type": "tool_result",
                    "tool_use_id": "toolu_01SH",
                    "content": json.dumps(REPORT, ensure_ascii=False),
                }
            ],
        },
    ]


async def test_parallel_tool_uses_and_both_results_in_one_user_turn(
    http: httpx.AsyncClient, anthropic_server: AnthropicServer
) -> None:
    anthropic_server.replies.push(
        ScriptedReply(
            text="",
            tool_calls=(
                ScriptedCall("get_current_weather", WEATHER_ARGUMENTS, "toolu_a"),
                ScriptedCall("get_current_time", CLOCK_ARGUMENTS, "toolu_b"),
            ),
        ),
        ScriptedReply(text=ANSWER),
    )
    provider = claude(http, anthropic_server)

    weather, clock = calls_of(await collect(provider.chat(MODEL, [QUESTION], WITH_TOOLS)))
    assert (weather.index, weather.arguments) == (0, {"location": "上海"})
    assert (clock.index, clock.arguments) == (1, {"zone": "Asia/Shanghai"})

    answer = await collect(provider.chat(MODEL, after_calls(weather, clock), WITH_TOOLS))
    assert text_of(answer) == ANSWER  # the server refuses results that do not pair up
    results = bodies(anthropic_server)[-1]["messages"][-1]  # type: ignore[index]
    assert [block["tool_use_id"] for block in results["content"]] == ["toolu_a", "toolu_b"]


async def test_a_failed_tool_is_sent_back_as_an_error_result(
    http: httpx.AsyncClient, anthropic_server: AnthropicServer
) -> None:
    call = tool_call("get_current_weather", WEATHER_ARGUMENTS, "toolu_x")
    failed = ToolResult("toolu_x", "get_current_weather", "The weather service timed out.", True)
    history = [
        QUESTION,
        ChatMessage(Role.ASSISTANT, "", tool_calls=(call,)),
        ChatMessage(Role.TOOL, "", tool_result=failed),
    ]
    await collect(claude(http, anthropic_server).chat(MODEL, history, WITH_TOOLS))
    [block] = bodies(anthropic_server)[0]["messages"][-1]["content"]  # type: ignore[index]
    assert block == {
        "type": "tool_result",
        "tool_use_id": "toolu_x",
        "content": "The weather service timed out.",
        "is_error": True,
    }


async def test_malformed_input_json_is_a_problem_on_the_call(
    http: httpx.AsyncClient, anthropic_server: AnthropicServer
) -> None:
    anthropic_server.replies.push(
        ScriptedReply(
            text="", tool_calls=(ScriptedCall("get_current_weather", "[1, 2", "toolu_b"),)
        )
    )
    events = await collect(claude(http, anthropic_server).chat(MODEL, [QUESTION], WITH_TOOLS))
    [call] = calls_of(events)
    assert call.arguments == {}
    assert call.problem is not None and "not valid JSON" in str(call.problem)
    assert done_of(events).reason == "tool_calls"

    anthropic_server.replies.push(ScriptedReply(text=ANSWER))
    told = ChatMessage(Role.TOOL, "", tool_result=unusable_arguments_result(call))
    history = [QUESTION, ChatMessage(Role.ASSISTANT, "", tool_calls=(call,)), told]
    provider = claude(http, anthropic_server)
    assert text_of(await collect(provider.chat(MODEL, history, WITH_TOOLS))) == ANSWER
    result = bodies(anthropic_server)[-1]["messages"][-1]["content"][0]  # type: ignore[index]
    assert result["is_error"] is True


async def test_a_model_without_tools_refuses_them_distinctly(
    http: httpx.AsyncClient, anthropic_server: AnthropicServer
) -> None:
    """As Ollama's Anthropic-compatible route answers for a model without tools."""
    anthropic_server.no_tools_models.add(MODEL)
    with pytest.raises(ToolsNotSupported) as caught:
        await collect(claude(http, anthropic_server).chat(MODEL, [QUESTION], WITH_TOOLS))
    assert "does not support tools" in caught.value.detail


async def test_a_result_without_its_call_is_refused_as_a_plain_bad_request(
    http: httpx.AsyncClient, anthropic_server: AnthropicServer
) -> None:
    stray = ToolResult("toolu_nowhere", "get_current_weather", REPORT)
    history = [QUESTION, ChatMessage(Role.TOOL, "", tool_result=stray)]
    with pytest.raises(BadRequest) as caught:
        await collect(claude(http, anthropic_server).chat(MODEL, history, WITH_TOOLS))
    assert not isinstance(caught.value, ToolsNotSupported)
    assert "toolu_nowhere" in caught.value.detail


async def test_pictures_a_tool_returned_go_inside_its_result(
    http: httpx.AsyncClient, anthropic_server: AnthropicServer
) -> None:
    call = tool_call("take_screenshot", {}, "toolu_shot")
    shot = ToolResult("toolu_shot", "take_screenshot", "The screen now:", images=(PNG,))
    history = [
        QUESTION,
        ChatMessage(Role.ASSISTANT, "", tool_calls=(call,)),
        ChatMessage(Role.TOOL, "", tool_result=shot),
    ]
    await collect(claude(http, anthropic_server).chat(MODEL, history, WITH_TOOLS))
    [block] = bodies(anthropic_server)[0]["messages"][-1]["content"]  # type: ignore[index]
    assert block["type"] == "tool_result"
    assert [part["type"] for part in block["content"]] == ["text", "image"]
    assert anthropic_server.received_images == [("image/png", PNG)]


async def test_with_thinking_on_a_call_turn_goes_back_with_its_signed_thinking(
    http: httpx.AsyncClient, anthropic_server: AnthropicServer
) -> None:
    """Anthropic refuses a tool round whose calling turn does not start with its thinking
    block; the signature streamed with the thinking makes that possible."""
    weather = ScriptedCall("get_current_weather", WEATHER_ARGUMENTS, "toolu_think")
    anthropic_server.replies.push(
        ScriptedReply(text="", reasoning="The person asks about Shanghai.", tool_calls=(weather,)),
        ScriptedReply(text=ANSWER),
    )
    thinking = ChatOptions(tools=WITH_TOOLS.tools, think=True)
    provider = claude(http, anthropic_server)
    first = await collect(provider.chat(MODEL, [QUESTION], thinking))
    [call] = calls_of(first)
    [signature] = [event.signature for event in first if isinstance(event, ThinkingSignature)]
    history = after_calls(call)
    history[1] = ChatMessage(
        Role.ASSISTANT,
        "",
        thinking=thinking_of(first),
        tool_calls=(call,),
        thinking_signature=signature,
    )

    assert text_of(await collect(provider.chat(MODEL, history, thinking))) == ANSWER
    calling = bodies(anthropic_server)[-1]["messages"][1]["content"]  # type: ignore[index]
    assert calling[0] == {
        "type": "thinking",
        "thinking": "The person asks about Shanghai.",
        "signature": signature,
    }

    unsigned = [*history]
    unsigned[1] = ChatMessage(Role.ASSISTANT, "", thinking="lost", tool_calls=(call,))
    with pytest.raises(BadRequest, match="must start with a thinking block"):
        await collect(provider.chat(MODEL, unsigned, thinking))
