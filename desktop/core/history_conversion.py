"""Converting a conversation's history for another provider family, so a chat can switch
from one provider to another midway without the new one refusing the old turns.

- Text always goes through.
- Thinking goes back only to Ollama, which takes an assistant's ``thinking`` field. The
  OpenAI-style APIs have no field for it and Anthropic accepts only its own signed
  thinking blocks, so for them it is dropped (the history on disk keeps it).
- Images go only to a model that sees them; otherwise each message says, in words, how
  many images it had, so the model knows something was there.
- Tool results become plain user text for families whose tool messages need call ids
  this history does not keep.
- Anthropic wants user and assistant turns to alternate and no empty turn: neighbours
  with the same role are merged and empty turns are left out.
"""

from __future__ import annotations

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
    thinking = message.thinking if family is ProviderFamily.OLLAMA else ""
    if images and not (sees_images and role is Role.USER):
        content = _join(content, _images_note(len(images)))
        images = ()
    if role is Role.TOOL and family is not ProviderFamily.OLLAMA:
        role = Role.USER
        content = f"Tool result:\n{content}"
    return ChatMessage(role, content, images, thinking)


def _alternate(messages: list[ChatMessage]) -> list[ChatMessage]:
    """Anthropic's rules: system first, then alternating turns, none of them empty."""
    out: list[ChatMessage] = []
    for message in messages:
        if not message.content.strip() and not message.images:
            continue
        previous = out[-1] if out else None
        if previous is not None and previous.role is message.role:
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
