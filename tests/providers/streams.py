"""Helpers shared by the provider tests: draining streams, sample images, provider setup."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator

import httpx

from desktop.core.events import ChatEvent, Done, TextDelta, ThinkingDelta, ToolCall
from desktop.core.messages import ChatMessage, Role
from desktop.core.provider_config import ProviderConfig
from desktop.providers.credentials import key_host_for
from desktop.providers.factory import BuiltProvider, build_provider

HELLO = (ChatMessage(Role.USER, "Say hello."),)
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


async def collect(stream: AsyncIterator[ChatEvent]) -> list[ChatEvent]:
    return [event async for event in stream]


def text_of(events: list[ChatEvent]) -> str:
    return "".join(event.text for event in events if isinstance(event, TextDelta))


def thinking_of(events: list[ChatEvent]) -> str:
    return "".join(event.text for event in events if isinstance(event, ThinkingDelta))


def calls_of(events: list[ChatEvent]) -> list[ToolCall]:
    return [event for event in events if isinstance(event, ToolCall)]


def done_of(events: list[ChatEvent]) -> Done:
    assert isinstance(events[-1], Done), events[-1]
    assert sum(isinstance(event, Done) for event in events) == 1
    return events[-1]


def provider_for(
    client: httpx.AsyncClient,
    preset: str,
    base_url: str,
    key: str = "",
    *,
    key_host: str | None = None,
    **config: object,
) -> BuiltProvider:
    """A provider for ``preset`` at ``base_url``; the key is confirmed for that host."""
    entry = ProviderConfig(
        id=f"test-{preset}",
        preset=preset,
        base_url=base_url,
        key_host=key_host_for(base_url) if key_host is None else key_host,
        **config,  # type: ignore[arg-type]
    )
    return build_provider(entry, key, client)
