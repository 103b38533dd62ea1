"""Converting a conversation's history for another provider family, so a chat can switch
from one provider to another midway without the new one refusing the old turns.

- Text always goes through.
- Thinking goes back to Ollama, which takes an assistant's ``thinking`` field. On turns
  that called tools it goes to OpenAI-compatible servers too (DeepSeek's thinking mode
  wants its ``reasoning_content`` there), and to Anthropic when it is Anthropic's own,
  signed thinking. Otherwise the OpenAI-style APIs have no field for it and Anthropic
  accepts only its own signed thinking blocks, so it is dropped (the history on disk
  keeps it).
- Images go only to a model that sees them; otherwise each message says, in words, how
  many images it had, so the model knows something was there.
- Tool calls and their results go over in the new family's shape (each provider writes
  it); calls that came without an id (older Ollama) get one, and their results the same,
  since OpenAI and Anthropic pair results with calls by id. A tool message without a
  result (an old history's plain text) becomes user text for families other than Ollama.
- Anthropic wants user and assistant turns to alternate and no empty turn: neighbours
  with the same role are merged and empty turns are left out; turns with tool calls or
  results are never merged into text (the provider puts results in one user turn).
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

from desktop.core.chat_service import ChatProvider
from desktop.core.events import ChatEvent
from desktop.core.messages import ChatMessage, ChatOptions, Role
from desktop.core.provider_config import ProviderFamily


def _images_note(count: int) -> str:
    noun = "image" if count == 1 else "images"
    return f"[{count} {noun} attached here; not shown because this model does not accept images]"


def _join(first: str, second: str) -> str:
    return "\n\n".join(part for part in (first, second) if part)


def _convert_one(message: ChatMessage, family: ProviderFamily, sees_images: bool) -> ChatMessage:
    content = message.content
    role = message.role
    images = message.images
    thinking = message.thinking if _keeps_thinking(message, family) else ""
    if images and not (sees_images and role is Role.USER):
        content = _join(content, _images_note(len(images)))
        images = ()
    if role is Role.TOOL and message.tool_result is None and family is not ProviderFamily.OLLAMA:
        role = Role.USER
        content = f"Tool result:\n{content}"
    return dataclasses.replace(
        message, role=role, content=content, images=images, thinking=thinking
    )


def _keeps_thinking(message: ChatMessage, family: ProviderFamily) -> bool:
    """Ollama takes thinking back; DeepSeek (OpenAI-compatible) needs it on the turns
    that called tools, or refuses the next request ("Missing reasoning_content"), and so
    does Anthropic with thinking on (signed: only its own thinking goes back)."""
    if family is ProviderFamily.OLLAMA:
        return True
    if family is ProviderFamily.ANTHROPIC:
        return bool(message.tool_calls and message.thinking_signature)
    return family is ProviderFamily.OPENAI_COMPAT and bool(message.tool_calls)


def _with_call_ids(messages: list[ChatMessage]) -> list[ChatMessage]:
    """Calls without an id get ``call_<n>``; a result without one takes its call's (by name)."""
    out: list[ChatMessage] = []
    given: dict[str, str] = {}  # tool name -> id of its latest call not yet answered
    number = 0
    for message in messages:
        if message.tool_calls and any(not call.call_id for call in message.tool_calls):
            calls = []
            for call in message.tool_calls:
                if not call.call_id:
                    number += 1
                    call = dataclasses.replace(call, call_id=f"call_{number}")
                calls.append(call)
            message = dataclasses.replace(message, tool_calls=tuple(calls))
        for call in message.tool_calls:
            given[call.name] = call.call_id
        result = message.tool_result
        if result is not None and not result.call_id and result.name in given:
            result = dataclasses.replace(result, call_id=given.pop(result.name))
            message = dataclasses.replace(message, tool_result=result)
        out.append(message)
    return out


def _has_tools(message: ChatMessage) -> bool:
    return bool(message.tool_calls) or message.tool_result is not None


def _alternate(messages: list[ChatMessage]) -> list[ChatMessage]:
    """Anthropic's rules: system first, then alternating turns, none of them empty."""
    out: list[ChatMessage] = []
    for message in messages:
        if not message.content.strip() and not message.images and not _has_tools(message):
            continue
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.role is message.role
            and not _has_tools(previous)
            and not _has_tools(message)
        ):
            out[-1] = ChatMessage(
                message.role,
                _join(previous.content, message.content),
                previous.images + message.images,
            )
        else:
            out.append(message)
    return out


def convert_history(
    messages: Sequence[ChatMessage], family: ProviderFamily, *, sees_images: bool
) -> list[ChatMessage]:
    """``messages`` as ``family`` can take them back (see the module notes)."""
    converted = [_convert_one(message, family, sees_images) for message in messages]
    if family is not ProviderFamily.OLLAMA:
        converted = _with_call_ids(converted)
    if family is ProviderFamily.ANTHROPIC:
        return _alternate(converted)
    return converted


class HistoryAdapter:
    """A chat provider that converts the history for its family before every request.

    ``sees_images(model)`` says whether a model takes images (preset table, the
    person's overrides, or Ollama's capabilities).
    """

    def __init__(
        self,
        provider: ChatProvider,
        family: ProviderFamily,
        sees_images: Callable[[str], bool],
    ) -> None:
        self.provider = provider
        self.family = family
        self._sees_images = sees_images

    def chat(
        self, model: str, messages: Sequence[ChatMessage], options: ChatOptions | None = None
    ) -> AsyncIterator[ChatEvent]:
        history = convert_history(messages, self.family, sees_images=self._sees_images(model))
        return self.provider.chat(model, history, options)

    def __getattr__(self, name: str) -> Any:
        """Everything else (``show``, ``list_models``...) is the wrapped provider's."""
        return getattr(self.provider, name)
