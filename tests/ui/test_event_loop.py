"""A stream dropped half-read is closed on the loop, so the server sees the disconnect."""

from __future__ import annotations

import asyncio
import gc

from desktop.core.events import TextDelta
from desktop.core.messages import ChatMessage, Role
from desktop.providers.http_client import make_http_client
from desktop.providers.ollama import OllamaProvider


async def test_abandoned_stream_is_closed_on_the_loop(ollama_server):
    ollama_server.install("tiny-loop:latest")
    async with make_http_client() as client:
        provider = OllamaProvider(client, ollama_server.url)
        stream = provider.chat("tiny-loop:latest", [ChatMessage(Role.USER, "go")])
        received = 0
        async for event in stream:
            received += isinstance(event, TextDelta)
            if received == 3:
                break
        del stream, event
        gc.collect()
        assert await asyncio.to_thread(ollama_server.wait_for_disconnect, 5)
