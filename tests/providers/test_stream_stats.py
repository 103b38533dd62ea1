"""Token counts and rates a person can trust (defects 14 and 15), over real HTTP.

A short answer that a gateway passes on in one read once read as "53621.3 tok/s"; a
llama.cpp server that sends no usage left the answer with no count at all.
"""

from __future__ import annotations

import httpx
import pytest

from desktop.core.events import MIN_RATE_SECONDS, ChatStats
from tests.providers.streams import HELLO, collect, done_of, provider_for, text_of
from tests.servers.llama_server import MODEL_ALIAS, LlamaServer
from tests.servers.openai_server import OpenAIServer
from tests.servers.scripted_reply import ScriptedReply

THIRTEEN_WORDS = "One two three four five six seven eight nine ten eleven twelve thirteen."


async def test_an_answer_in_one_read_is_timed_from_the_request(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    openai_server.replies.push(
        ScriptedReply(text=THIRTEEN_WORDS, first_byte_delay=0.4, in_one_write=True)
    )
    built = provider_for(http, "litellm", f"{openai_server.url}/v1", openai_server.api_key or "")

    stats = done_of(await collect(built.provider.chat("gpt-test", HELLO))).stats

    assert stats.completion_tokens == 13
    assert stats.eval_seconds is not None and stats.eval_seconds >= 0.4
    rate = stats.tokens_per_second
    assert rate is not None
    assert 5 < rate <= 13 / 0.4  # not tens of thousands


async def test_a_rate_over_a_few_milliseconds_is_not_shown(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    openai_server.replies.push(ScriptedReply(text=THIRTEEN_WORDS, in_one_write=True))
    built = provider_for(http, "openai", f"{openai_server.url}/v1", openai_server.api_key or "")

    stats = done_of(await collect(built.provider.chat("gpt-test", HELLO))).stats

    assert stats.completion_tokens == 13
    assert stats.eval_seconds is not None and stats.eval_seconds < MIN_RATE_SECONDS
    assert stats.tokens_per_second is None


async def test_llama_cpp_timings_are_the_servers_own(
    http: httpx.AsyncClient, openai_server: OpenAIServer
) -> None:
    openai_server.replies.push(
        ScriptedReply(text=THIRTEEN_WORDS, sends_usage=False, server_timings_ms=650.0)
    )
    built = provider_for(http, "llamacpp", f"{openai_server.url}/v1", openai_server.api_key or "")

    stats = done_of(await collect(built.provider.chat("gpt-test", HELLO))).stats

    assert stats.completion_tokens == 13
    assert not stats.estimated
    assert stats.eval_seconds == pytest.approx(0.65)
    assert stats.prompt_eval_seconds == pytest.approx(0.0125)
    assert stats.tokens_per_second == pytest.approx(20.0)


@pytest.mark.parametrize(
    ("tokens", "seconds", "rate"),
    [
        (13, 0.0002, None),  # one read: microseconds between first and last piece
        (5, 2.0, None),  # too few tokens to call it a rate
        (34, 0.5, 68.0),
        (8, MIN_RATE_SECONDS, 32.0),
    ],
)
def test_rates_below_the_floor_are_none(tokens: int, seconds: float, rate: float | None) -> None:
    assert ChatStats(completion_tokens=tokens, eval_seconds=seconds).tokens_per_second == rate


async def test_real_llama_cpp_server_sends_no_usage(
    http: httpx.AsyncClient, llama_server: LlamaServer
) -> None:
    """What makes the estimate necessary: llama-cpp-python ignores include_usage."""
    built = provider_for(http, "llamacpp", llama_server.url)

    events = await collect(built.provider.chat(MODEL_ALIAS, HELLO))

    assert text_of(events)
    assert done_of(events).stats.completion_tokens is None
