"""Tool calls over the OpenAI Chat Completions protocol (and Azure's), against the
OpenAI test server: tools offered, calls streamed as deltas by index, results sent back
as ``tool`` messages with their ``tool_call_id``, and the model's answer after them."""

from __future__ import annotations

import json

import httpx
import pytest

from desktop.core.errors import BadRequest, ToolsNotSupported
from desktop.core.events import ToolCallDelta
from desktop.core.history_conversion import HistoryAdapter
from desktop.core.messages import ChatMessage, ChatOptions, Role
from desktop.core.provider_config import AzureMode, ProviderFamily
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
    WEATHER_ARGUMENTS,
    WITH_TOOLS,
    after_calls,
)
from tests.servers.cloud_fixtures import OPENAI_KEY
from tests.servers.openai_server import CHAT, OpenAIServer, openai_error
from tests.servers.scripted_reply import ScriptedCall, ScriptedReply

MODEL = "gpt-test"
DEPLOYMENT_CHAT = "/openai/deployments/chat/chat/completions"


def openai(http: httpx.AsyncClient, server: OpenAIServer) -> HistoryAdapter:
    built = provider_for(http, "openai", f"{server.url}/v1", OPENAI_KEY)
    return HistoryAdapter(built.provider, ProviderFamily.OPENAI_COMPAT, built.sees_images)


def azure(http: httpx.AsyncClient, server: OpenAIServer) -> HistoryAdapter:
    built = provider_for(
        http,
        "azure",
        server.url,
        OPENAI_KEY,
        azure_mode=AzureMode.DEPLOYMENT.value,
        api_version="2024-10-21",
        deployments=("chat",),
    )
    return HistoryAdapter(built.provider, ProviderFamily.AZURE, built.sees_images)


def bodies(server: OpenAIServer, path: str = CHAT) -> list[dict[str, object]]:
    return [request.body for request in server.requests_to(path)]  # type: ignore[misc]


@pytest.mark.parametrize(
    ("connect", "model", "path"),
    [
        (openai, MODEL, CHAT),
        (azure, "chat", DEPLOYMENT_CHAT),
    ],
)
async def test_weather_call_result_and_answer(
    http: httpx.AsyncClient,
    openai_server: OpenAIServer,
    connect,
    model: str,
    path: str,  # type: ignore[no-untyped-def]
) -> None:
    weather = ScriptedCall("get_current_weather", WEATHER_ARGUMENTS, "call_sh1")
    openai_server.replies.push(
        ScriptedReply(text="", tool_calls=(weather,)), ScriptedReply(text=ANSWER)
    )
    provider = connect(http, openai_server)

    first = await collect(provider.chat(model, [QUESTION], WITH_TOOLS))
    [call] = calls_of(first)
    assert (call.name, call.arguments, call.call_id, call.problem) == (
        "get_current_weather",
        {"location": "上海"},
        "call_sh1",
        None,
    )
    assert done_of(first).reason == "tool_calls"
    assert text_of(first) == ""

    second = await collect(provider.chat(model, after_calls(call), WITH_TOOLS))
    assert text_of(second) == ANSWER
    assert done_of(second).reason == "stop"

    offered, answered = bodies(openai_server, path)
    assert offered["tools"][0] == {  # type: ignore[index]
        "type": "function",
        "function": {
            "name": "get_current_weather",
            "parameters": WITH_TOOLS.tools[0].parameters,  # type: ignore[index]
            "description": "Get the current weather in a given location",
        },
    }
    assert answered["messages"][1:] == [  # type: ignore[index]
        {
            "role": "assistant",
            "content": None,
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
            "content": json.dumps(REPORT, ensure_ascii=False),
        },
    ]


@pytest.mark.parametrize("interleave", [False, True])
async def test_parallel_calls_are_told_apart_by_index(
    http: httpx.AsyncClient, openai_server: OpenAIServer, interleave: bool
) -> None:
    """Two calls in one answer, their argument pieces one after the other or alternating
    in the stream: each call gets exactly its own pieces, and both results go back."""
    openai_server.replies.push(
        ScriptedReply(
            text="",
            tool_calls=(
                ScriptedCall("get_current_weather", WEATHER_ARGUMENTS, "call_a"),
                ScriptedCall("get_current_time", CLOCK_ARGUMENTS, "call_b"),
            ),
            interleave_calls=interleave,
        ),
        ScriptedReply(text=ANSWER),
    )
    provider = openai(http, openai_server)

    weather, clock = calls_of(await collect(provider.chat(MODEL, [QUESTION], WITH_TOOLS)))
    assert (weather.index, weather.call_id, weather.arguments) == (
        0,
        "call_a",
        {"location": "上海"},
    )
    assert (clock.index, clock.call_id, clock.arguments) == (1, "call_b", {"zone": "Asia/Shanghai"})

    answer = await collect(provider.chat(MODEL, after_calls(weather, clock), WITH_TOOLS))
    assert text_of(answer) == ANSWER  # the server refuses results that do not pair up
    sent = bodies(openai_server)[-1]["messages"]
    assert [m.get("tool_call_id") for m in sent[2:]] == ["call_a", "call_b"]  # type: ignore[union-attr,index]


async def test_arguments_split_across_many_chunks_are_joined(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    long_place = "上海市浦东新区世纪大道100号"
    arguments = json.dumps({"location": long_place}, ensure_ascii=False)
    openai_server.replies.push(
        ScriptedReply(text="", tool_calls=(ScriptedCall("get_current_weather", arguments),))
    )
    events = await collect(openai(http, openai_server).chat(MODEL, [QUESTION], WITH_TOOLS))
    [call] = calls_of(events)
    assert call.arguments == {"location": long_place}
    assert call.raw_arguments == arguments  # ten pieces, joined exactly
    pieces = [event for event in events if isinstance(event, ToolCallDelta)]
    # Progress while the arguments arrive (pieces that came in one read are joined).
    assert {(piece.index, piece.name) for piece in pieces} == {(0, "get_current_weather")}
    assert "".join(piece.arguments for piece in pieces) == arguments
    assert events.index(pieces[-1]) < events.index(call)


async def test_malformed_arguments_are_a_problem_on_the_call_not_a_crash(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    openai_server.replies.push(
        ScriptedReply(
            text="",
            tool_calls=(ScriptedCall("get_current_weather", '{"location": "上海', "call_bad"),),
        )
    )
    events = await collect(openai(http, openai_server).chat(MODEL, [QUESTION], WITH_TOOLS))
    [call] = calls_of(events)
    assert call.arguments == {}
    assert call.raw_arguments == '{"location": "上海'
    assert call.problem is not None
    assert "get_current_weather" in str(call.problem)
    assert "not valid JSON" in str(call.problem)
    assert done_of(events).reason == "tool_calls"

    # Not run: the model is told why, in a result the server takes, and answers again.
    openai_server.replies.push(ScriptedReply(text=ANSWER))
    told = ChatMessage(Role.TOOL, "", tool_result=unusable_arguments_result(call))
    history = [QUESTION, ChatMessage(Role.ASSISTANT, "", tool_calls=(call,)), told]
    provider = openai(http, openai_server)
    assert text_of(await collect(provider.chat(MODEL, history, WITH_TOOLS))) == ANSWER
    sent = bodies(openai_server)[-1]["messages"]
    assert sent[1]["tool_calls"][0]["function"]["arguments"] == '{"location": "上海'  # type: ignore[index]


async def test_a_model_without_tools_refuses_them_distinctly(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    openai_server.no_tools_models.add(MODEL)
    provider = openai(http, openai_server)
    with pytest.raises(ToolsNotSupported) as caught:
        await collect(provider.chat(MODEL, [QUESTION], WITH_TOOLS))
    assert caught.value.model == MODEL
    assert "cannot use tools" in caught.value.message
    assert "does not support tools" in caught.value.detail
    # Asked again without tools, the same model answers.
    assert text_of(await collect(provider.chat(MODEL, [QUESTION], ChatOptions())))


async def test_an_unanswered_call_is_still_refused_as_a_plain_bad_request(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    """The server's own pairing check: a refusal that is not about tools stays a BadRequest."""
    call = tool_call("get_current_weather", WEATHER_ARGUMENTS, "call_lost")
    history = [QUESTION, ChatMessage(Role.ASSISTANT, "", tool_calls=(call,)), QUESTION]
    with pytest.raises(BadRequest) as caught:
        await collect(openai(http, openai_server).chat(MODEL, history, WITH_TOOLS))
    assert not isinstance(caught.value, ToolsNotSupported)
    assert "call_lost" in caught.value.detail


async def test_no_tools_offered_sends_no_tools_key(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    await collect(openai(http, openai_server).chat(MODEL, [QUESTION], ChatOptions(tools=())))
    assert "tools" not in bodies(openai_server)[0]


async def test_pictures_a_tool_returned_follow_the_results_as_the_persons(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    """OpenAI takes images only from the user, and results must follow their calls at
    once: the pictures come in a user message after the last result."""
    shot = tool_call("take_screenshot", {}, "call_shot")
    weather = tool_call("get_current_weather", WEATHER_ARGUMENTS, "call_w", 1)
    history = [
        QUESTION,
        ChatMessage(Role.ASSISTANT, "", tool_calls=(shot, weather)),
        ChatMessage(
            Role.TOOL,
            "",
            tool_result=ToolResult("call_shot", "take_screenshot", "The screen:", images=(PNG,)),
        ),
        ChatMessage(Role.TOOL, "", tool_result=ToolResult("call_w", weather.name, REPORT)),
    ]
    await collect(openai(http, openai_server).chat(MODEL, history, WITH_TOOLS))
    sent = bodies(openai_server)[0]["messages"]
    assert [m["role"] for m in sent] == ["user", "assistant", "tool", "tool", "user"]  # type: ignore[index]
    assert sent[2]["content"] == "The screen:"  # type: ignore[index]
    assert "take_screenshot" in sent[4]["content"][0]["text"]  # type: ignore[index]
    assert openai_server.received_images == [("image/png", PNG)]


async def test_deepseek_gets_the_reasoning_of_a_call_turn_back(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    """DeepSeek's thinking mode refuses a call turn sent back without its
    ``reasoning_content``; other turns' thinking is still left out."""
    openai_server.needs_reasoning_back = True
    weather = ScriptedCall("get_current_weather", WEATHER_ARGUMENTS, "call_ds")
    openai_server.replies.push(
        ScriptedReply(text="", reasoning="The person asks about Shanghai.", tool_calls=(weather,)),
        ScriptedReply(text=ANSWER),
    )
    provider = openai(http, openai_server)
    first = await collect(provider.chat(MODEL, [QUESTION], WITH_TOOLS))
    [call] = calls_of(first)
    history = after_calls(call)
    history[1] = ChatMessage(Role.ASSISTANT, "", thinking=thinking_of(first), tool_calls=(call,))
    earlier = [
        ChatMessage(Role.USER, "Hi"),
        ChatMessage(Role.ASSISTANT, "Hello.", thinking="A greeting."),
    ]

    answer = await collect(provider.chat(MODEL, [*earlier, *history], WITH_TOOLS))
    assert text_of(answer) == ANSWER
    sent = bodies(openai_server)[-1]["messages"]
    assert sent[3]["reasoning_content"] == "The person asks about Shanghai."  # type: ignore[index]
    assert "reasoning_content" not in sent[1]  # type: ignore[operator]


@pytest.mark.parametrize(
    ("status", "said"),
    [
        (400, "registry.ollama.ai/library/llama3:latest does not support tools"),  # Ollama /v1
        (400, "'tools' is not supported with this model."),  # OpenAI
        (400, '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser'),
        (500, "tools param requires --jinja flag"),  # llama.cpp's server
    ],
)
async def test_each_servers_words_for_no_tools_are_recognised(
    http: httpx.AsyncClient, openai_server: OpenAIServer, status: int, said: str
) -> None:
    openai_server.inject(CHAT, status=status, body=openai_error(status, said), once=True)
    with pytest.raises(ToolsNotSupported) as caught:
        await collect(openai(http, openai_server).chat(MODEL, [QUESTION], WITH_TOOLS))
    assert said in caught.value.detail


async def test_the_same_words_without_tools_offered_are_not_a_tools_refusal(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    said = "registry.ollama.ai/library/llama3:latest does not support tools"
    openai_server.inject(CHAT, status=400, body=openai_error(400, said), once=True)
    with pytest.raises(BadRequest) as caught:
        await collect(openai(http, openai_server).chat(MODEL, [QUESTION], ChatOptions()))
    assert not isinstance(caught.value, ToolsNotSupported)


async def test_calls_sent_without_an_index_are_told_apart_by_their_ids(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    """Gemini's endpoint and some proxies send whole calls, one per chunk, with no index."""

    def frame(delta: dict[str, object], finish: str | None = None) -> str:
        choice = {"index": 0, "delta": delta, "finish_reason": finish}
        return f"data: {json.dumps({'id': 'c', 'choices': [choice]})}\n\n"

    def whole(call_id: str, name: str, arguments: str) -> dict[str, object]:
        function = {"name": name, "arguments": arguments}
        return {"id": call_id, "type": "function", "function": function}

    calls = [
        whole("g1", "get_current_weather", WEATHER_ARGUMENTS),
        whole("g2", "get_current_time", CLOCK_ARGUMENTS),
    ]
    body = "".join(frame({"tool_calls": [call]}) for call in calls)
    body += frame({}, "tool_calls") + "data: [DONE]\n\n"
    openai_server.inject(CHAT, status=200, body=body, headers={"Content-Type": "text/event-stream"})

    events = await collect(openai(http, openai_server).chat(MODEL, [QUESTION], WITH_TOOLS))
    weather, clock = calls_of(events)
    assert (weather.index, weather.call_id, weather.arguments) == (0, "g1", {"location": "上海"})
    assert (clock.index, clock.call_id, clock.arguments) == (1, "g2", {"zone": "Asia/Shanghai"})
