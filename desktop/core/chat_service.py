"""Runs one streamed answer for a conversation and keeps it safe on disk as it grows.

The answer row is created before the first token and rewritten at most every
``save_interval`` seconds, so a crash or SIGKILL loses about a second of text, never the
message. Stop (task cancellation) saves what arrived and marks it STOPPED; a provider
error saves it as FAILED with the error text, then re-raises for the UI.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Sequence
from typing import Protocol

from desktop.core.conversation import StoredMessage
from desktop.core.errors import ProviderError
from desktop.core.events import ChatEvent, ChatStats, Done, TextDelta, ThinkingDelta
from desktop.core.messages import ChatMessage, ChatOptions, MessageState, Role
from desktop.storage.history import HistoryStore


class ChatProvider(Protocol):
    def chat(
        self, model: str, messages: Sequence[ChatMessage], options: ChatOptions | None = None
    ) -> AsyncIterator[ChatEvent]: ...


def to_chat_messages(
    history: Sequence[StoredMessage], system_prompt: str = ""
) -> list[ChatMessage]:
    """The history a provider should see: finished turns only, never an empty answer."""
    out: list[ChatMessage] = []
    if system_prompt:
        out.append(ChatMessage(Role.SYSTEM, system_prompt))
    for message in history:
        if message.role is Role.ASSISTANT and (
            not message.content or message.state is MessageState.FAILED
        ):
            continue
        out.append(ChatMessage(message.role, message.content, thinking=message.thinking))
    return out


async def _close(events: AsyncIterator[ChatEvent]) -> None:
    """Close the provider stream inside the running task (not later, from the GC)."""
    close = getattr(events, "aclose", None)
    if close is not None:
        await close()


class ChatService:
    def __init__(
        self,
        store: HistoryStore,
        provider: ChatProvider,
        *,
        save_interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._store = store
        self._provider = provider
        self._save_interval = save_interval
        self._clock = clock

    @property
    def store(self) -> HistoryStore:
        return self._store

    def set_provider(self, provider: ChatProvider) -> None:
        self._provider = provider

    def add_user_message(self, conversation_id: int, text: str) -> StoredMessage:
        return self._store.add_message(conversation_id, Role.USER, text)

    async def stream_reply(
        self,
        conversation_id: int,
        model: str,
        options: ChatOptions | None = None,
        *,
        on_created: Callable[[StoredMessage], None] | None = None,
    ) -> AsyncGenerator[ChatEvent, None]:
        """Ask ``model`` to answer the conversation; yields events as they arrive."""
        conversation = self._store.get_conversation(conversation_id)
        history = to_chat_messages(
            self._store.messages(conversation_id), conversation.system_prompt
        )
        answer = self._store.add_message(
            conversation_id, Role.ASSISTANT, "", state=MessageState.STREAMING, model=model
        )
        if on_created is not None:
            on_created(answer)
        text: list[str] = []
        thinking: list[str] = []
        last_save = self._clock()
        done = False

        def save(
            state: MessageState | None = None,
            stats: ChatStats | None = None,
            error: str | None = None,
        ) -> None:
            self._store.update_message(
                answer.id,
                content="".join(text),
                thinking="".join(thinking),
                state=state,
                stats=stats,
                error=error,
            )

        events = self._provider.chat(model, history, options)
        try:
            async for event in events:
                if isinstance(event, TextDelta):
                    text.append(event.text)
                elif isinstance(event, ThinkingDelta):
                    thinking.append(event.text)
                elif isinstance(event, Done):
                    done = True
                    save(state=MessageState.COMPLETE, stats=event.stats)
                if self._clock() - last_save >= self._save_interval:
                    save()
                    last_save = self._clock()
                yield event
        except asyncio.CancelledError:
            if not done:
                save(state=MessageState.STOPPED)
            raise
        except ProviderError as error:
            save(state=MessageState.FAILED, error=error.message)
            raise
        except GeneratorExit:
            if not done:  # closed by the consumer before the answer ended
                save(state=MessageState.STOPPED)
            raise
        finally:
            await _close(events)
