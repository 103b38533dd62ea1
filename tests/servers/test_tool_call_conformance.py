"""Streamed tool calls from the test servers, read by the official clients.

If ``ollama``, ``openai`` and ``anthropic`` assemble our servers' tool calls (two in
parallel) and send results back that the servers accept, the tool tests against those
servers mean something: the shapes are the real services'.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import anthropic
import ollama
import openai
import pytest

from tests.servers.anthropic_server import AnthropicServer
from tests.servers.cloud_fixtures import ANTHROPIC_KEY, OPENAI_KEY
from tests.servers.openai_server import OpenAIServer
from tests.servers.scripted_ollama import ScriptedModel, ScriptedOllama
from tests.servers.scripted_reply import ScriptedCall, ScriptedReply
from tests.servers.sdk_clients import kept

QUESTION = "上海今天的天气怎么样?"
WEATHER_ARGUMENTS = json.dumps({"location": "上海"}, ensure_ascii=False)
CLOCK_ARGUMENTS = json.dumps({"zone": "Asia/Shanghai"})
PARAMETERS = {
    "type": "object",
    "properties": {"location": {"type": "string"}},
    "required": ["location"],
}
FUNCTION_TOOL: Any = {
    "type": "function",
    "function": {
        "name": "get_current_weather",
        "description": "Get the current weather",
        "parameters": PARAMETERS,
    },
}
ANTHROPIC_TOOL: Any = {
    "name": "get_current_weather",
    "description": "Get the current weather",
    "input_schema": PARAMETERS,
}
ANSWER = "上海今天晴，气温 25°C。"
REPORT = '{"temperature": 25, "condition": "晴"}'


def parallel(interleave: bool = False) -> ScriptedReply:
    return ScriptedReply(
        text="",
        tool_calls=(
            ScriptedCall("get_current_weather", WEATHER_ARGUMENTS, "call_a"),
            ScriptedCall("get_current_time", CLOCK_ARGUMENTS, "call_b"),
        ),
        interleave_calls=interleave,
    )


# -- OpenAI ------------------------------------------------------------------------------


@pytest.mark.parametrize("interleave", [False, True])
def test_openai_sdk_assembles_parallel_calls_and_sends_results_back(
    openai_server: OpenAIServer, interleave: bool
) -> None:
    openai_server.replies.push(parallel(interleave), ScriptedReply(text=ANSWER))
    client = kept(
        openai.OpenAI(base_url=f"{openai_server.url}/v1", api_key=OPENAI_KEY, max_retries=0)
    )
    question: list[Any] = [{"role": "user", "content": QUESTION}]

    with client.chat.completions.stream(
        model="gpt-test", messages=question, tools=[FUNCTION_TOOL]
    ) as stream:
        final = stream.get_final_completion()
    [choice] = final.choices
    assert choice.finish_reason == "tool_calls"
    calls = choice.message.tool_calls or []
    assert [(c.id, c.function.name, json.loads(c.function.arguments)) for c in calls] == [  # type: ignore[union-attr]
        ("call_a", "get_current_weather", {"location": "上海"}),
        ("call_b", "get_current_time", {"zone": "Asia/Shanghai"}),
    ]

    answered = [
        *question,
        choice.message.model_dump(exclude_none=True),
        *({"role": "tool", "tool_call_id": c.id, "content": REPORT} for c in calls),
    ]
    reply = client.chat.completions.create(model="gpt-test", messages=answered, stream=True)
    assert "".join(chunk.choices[0].delta.content or "" for chunk in reply if chunk.choices) == (
        ANSWER
    )


def test_openai_sdk_sees_unpaired_tool_messages_refused(openai_server: OpenAIServer) -> None:
    client = kept(
        openai.OpenAI(base_url=f"{openai_server.url}/v1", api_key=OPENAI_KEY, max_retries=0)
    )
    stray: list[Any] = [
        {"role": "user", "content": QUESTION},
        {"role": "tool", "tool_call_id": "call_nowhere", "content": REPORT},
    ]
    with pytest.raises(openai.BadRequestError, match="must be a response to a preceeding"):
        client.chat.completions.create(model="gpt-test", messages=stray)


def test_azure_sdk_streams_a_tool_call_from_a_deployment(openai_server: OpenAIServer) -> None:
    openai_server.replies.push(
        ScriptedReply(text="", tool_calls=(ScriptedCall("get_current_weather", WEATHER_ARGUMENTS),))
    )
    client = kept(
        openai.AzureOpenAI(
            azure_endpoint=openai_server.url,
            api_key=OPENAI_KEY,
            api_version="2024-10-21",
            max_retries=0,
        )
    )
    with client.chat.completions.stream(
        model="chat", messages=[{"role": "user", "content": QUESTION}], tools=[FUNCTION_TOOL]
    ) as stream:
        final = stream.get_final_completion()
    [call] = final.choices[0].message.tool_calls or []
    assert json.loads(call.function.arguments) == {"location": "上海"}  # type: ignore[union-attr]


# -- Anthropic ---------------------------------------------------------------------------


def test_anthropic_sdk_assembles_parallel_tool_uses_and_sends_results_back(
    anthropic_server: AnthropicServer,
) -> None:
    anthropic_server.replies.push(parallel(), ScriptedReply(text=ANSWER))
    client = kept(
        anthropic.Anthropic(base_url=anthropic_server.url, api_key=ANTHROPIC_KEY, max_retries=0)
    )
    question: list[Any] = [{"role": "user", "content": QUESTION}]

    with client.messages.stream(
        model="claude-test-4-5", max_tokens=256, messages=question, tools=[ANTHROPIC_TOOL]
    ) as stream:
        final = stream.get_final_message()
    assert final.stop_reason == "tool_use"
    uses = [block for block in final.content if block.type == "tool_use"]
    assert [(use.id, use.name, use.input) for use in uses] == [
        ("call_a", "get_current_weather", {"location": "上海"}),
        ("call_b", "get_current_time", {"zone": "Asia/Shanghai"}),
    ]

    answered: list[Any] = [
        *question,
        {"role": "assistant", "content": [use.model_dump() for use in uses]},
        {
            "role": "user",
            "content": [
                {"type": "tool_result", "tool_use_id": use.id, "content": REPORT} for use in uses
            ],
        },
    ]
    with client.messages.stream(
        model="claude-test-4-5", max_tokens=256, messages=answered, tools=[ANTHROPIC_TOOL]
    ) as stream:
        assert stream.get_final_text() == ANSWER


def test_anthropic_sdk_sees_a_missing_tool_result_refused(
    anthropic_server: AnthropicServer,
) -> None:
    client = kept(
        anthropic.Anthropic(base_url=anthropic_server.url, api_key=ANTHROPIC_KEY, max_retries=0)
    )
    use = {"type": "tool_use", "id": "toolu_1", "name": "get_current_weather", "input": {}}
    unanswered: list[Any] = [
        {"role": "user", "content": QUESTION},
        {"role": "assistant", "content": [use]},
        {"role": "user", "content": "Well?"},
    ]
    with pytest.raises(anthropic.BadRequestError, match="without `tool_result` blocks"):
        client.messages.create(model="claude-test-4-5", max_tokens=64, messages=unanswered)


# -- Ollama ------------------------------------------------------------------------------


@pytest.fixture
def scripted() -> Iterator[ScriptedOllama]:
    server = ScriptedOllama(
        (ScriptedModel("qwen3:latest", ("completion", "tools")), ScriptedModel("llama2:13b"))
    ).start()
    yield server
    server.stop()


def test_ollama_client_reads_parallel_calls_and_sends_results_back(
    scripted: ScriptedOllama,
) -> None:
    scripted.script(
        [],
        tool_calls=[
            ScriptedCall("get_current_weather", WEATHER_ARGUMENTS, "call_aaaaaaaa"),
            ScriptedCall("get_current_time", CLOCK_ARGUMENTS, "call_bbbbbbbb"),
        ],
    )
    client = kept(ollama.Client(host=scripted.url))
    question: list[Any] = [{"role": "user", "content": QUESTION}]
    chunks = list(client.chat("qwen3", messages=question, tools=[FUNCTION_TOOL], stream=True))
    calls = [call for chunk in chunks for call in chunk.message.tool_calls or []]
    assert [(call.function.name, dict(call.function.arguments)) for call in calls] == [
        ("get_current_weather", {"location": "上海"}),
        ("get_current_time", {"zone": "Asia/Shanghai"}),
    ]
    assert chunks[-1].done

    scripted.script([ANSWER])
    answered = [
        *question,
        {"role": "assistant", "content": "", "tool_calls": [call.model_dump() for call in calls]},
        {"role": "tool", "content": REPORT, "tool_name": "get_current_weather"},
        {"role": "tool", "content": "09:00", "tool_name": "get_current_time"},
    ]
    reply = client.chat("qwen3", messages=answered, tools=[FUNCTION_TOOL], stream=True)
    assert "".join(chunk.message.content or "" for chunk in reply) == ANSWER
    sent = scripted.chat_bodies()[-1]["messages"]
    assert sent[1]["tool_calls"][0]["function"]["arguments"] == {"location": "上海"}


def test_ollama_client_sees_tools_refused_for_a_model_without_them(
    scripted: ScriptedOllama,
) -> None:
    client = kept(ollama.Client(host=scripted.url))
    with pytest.raises(ollama.ResponseError) as caught:
        client.chat(
            "llama2:13b", messages=[{"role": "user", "content": QUESTION}], tools=[FUNCTION_TOOL]
        )
    assert caught.value.status_code == 400
    assert caught.value.error == "registry.ollama.ai/library/llama2:13b does not support tools"
