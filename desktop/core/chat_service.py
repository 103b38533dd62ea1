"""Runs one streamed answer for a conversation and keeps it safe on disk as it grows.

The answer row is created before the first token and rewritten at most every
``save_interval`` seconds, so a crash or SIGKILL loses about a second of text, never the
message. Stop (task cancellation) saves what arrived and marks it STOPPED; a provider
error saves it as FAILED with the error text, then re-raises for the UI.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Sequence
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar, cast

from desktop.core.answer_store import LEAF, AnswerStore, Leaf
from desktop.core.attachment import ImageAttachment
from desktop.core.chat_parameters import chat_options, thinks_in_levels
from desktop.core.cited_sources import DocumentsContext, ReplyDocuments
from desktop.core.conversation import StoredMessage
from desktop.core.errors import ProviderError
from desktop.core.events import ChatEvent, ChatStats, Done, TextDelta, ThinkingDelta
from desktop.core.messages import ChatMessage, ChatOptions, MessageState, Role
from desktop.core.model_records import ModelDetails
from desktop.core.text import Text
from desktop.core.token_estimate import estimate_tokens
from desktop.core.tool_steps import turn_messages
from desktop.core.tool_turns import ToolLoop, ToolLoopStopped
from desktop.core.toolbox import AvailableTool

if TYPE_CHECKING:
    from desktop.core.tool_turns import ToolKit, ToolLoopStopped, ToolStepEvent, ToolStepStore

    ReplyEvent = ChatEvent | ToolStepEvent | ToolLoopStopped

StoreT = TypeVar("StoreT", bound=AnswerStore)
log = logging.getLogger(__name__)


class ChatProvider(Protocol):
    def chat(
        self, model: str, messages: Sequence[ChatMessage], options: ChatOptions | None = None
    ) -> AsyncIterator[ChatEvent]: ...


class DetailsProvider(Protocol):
    async def show(self, name: str) -> ModelDetails: ...


def to_chat_messages(
    history: Sequence[StoredMessage],
    system_prompt: str = "",
    load_image: Callable[[str], bytes | None] | None = None,
) -> list[ChatMessage]:
    """The history a provider should see: finished turns only, never an empty answer.

    ``load_image`` turns an attached image's digest into its bytes (None: none attached).
    """
    out: list[ChatMessage] = []
    if system_prompt:
        out.append(ChatMessage(Role.SYSTEM, system_prompt))
    for message in history:
        if message.role is Role.ASSISTANT and message.tool_rounds:
            # An answer that called tools goes back as its turns (even one that failed
            # after them: the calls ran), each call answered.
            out += turn_messages(message.content, message.thinking, message.tool_rounds, load_image)
            continue
        if message.role is Role.ASSISTANT and (
            not message.content or message.state is MessageState.FAILED
        ):
            continue
        loaded = [load_image(digest) for digest in message.images] if load_image else []
        images = tuple(data for data in loaded if data is not None)
        out.append(ChatMessage(message.role, message.content, images, message.thinking))
    return out


def counted(done: Done, text: Sequence[str], thinking: Sequence[str]) -> Done:
    """``done`` with an estimated answer length when the server counted no tokens
    (llama.cpp's server sends no usage even when asked for it)."""
    if done.stats.completion_tokens is not None or not (text or thinking):
        return done
    tokens = estimate_tokens("".join(thinking)) + estimate_tokens("".join(text))
    stats = dataclasses.replace(done.stats, completion_tokens=tokens, estimated=True)
    return dataclasses.replace(done, stats=stats)


def with_documents(history: list[ChatMessage], context: DocumentsContext) -> list[ChatMessage]:
    """``history`` with the documents' sources in the system message (made if missing):
    the request carries them, the stored messages stay what the person wrote."""
    if history and history[0].role is Role.SYSTEM:
        first = history[0]
        merged = dataclasses.replace(first, content=f"{first.content}\n\n{context.text}")
        return [merged, *history[1:]]
    return [ChatMessage(Role.SYSTEM, context.text), *history]


def history_tokens(history: Sequence[ChatMessage]) -> int:
    return sum(estimate_tokens(message.content) for message in history)


async def _close(events: AsyncIterator[object]) -> None:
    """Close the provider stream inside the running task (not later, from the GC)."""
    close = getattr(events, "aclose", None)
    if close is not None:
        await close()


class ChatService(Generic[StoreT]):
    """Streams answers into ``store`` (any :class:`AnswerStore`; the app's is SQLite)."""

    def __init__(
        self,
        store: StoreT,
        provider: ChatProvider,
        *,
        save_interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._store = store
        self._provider = provider
        self._save_interval = save_interval
        self._clock = clock
        self._details: dict[tuple[object, str], ModelDetails | None] = {}
        """What each provider said about each model, keyed by (provider, model)."""

    @property
    def store(self) -> StoreT:
        return self._store

    def set_provider(self, provider: ChatProvider) -> None:
        """The provider used when a call names none."""
        self._provider = provider
        self.forget_details()

    def forget_details(self) -> None:
        """Drop what providers said about models (they were rebuilt or moved)."""
        self._details.clear()

    def add_user_message(
        self,
        conversation_id: int,
        text: str,
        *,
        parent_id: int | Leaf | None = LEAF,
        images: Sequence[ImageAttachment] = (),
    ) -> StoredMessage:
        """Adds the person's message after the last visible one, or, for an edit, as a new
        version next to the edited one (``parent_id``: the message both follow)."""
        return self._store.add_message(
            conversation_id, Role.USER, text, parent_id=parent_id, images=images
        )

    def _image_data(self, digest: str) -> bytes | None:
        image = self._store.image(digest)
        return image.data if image is not None else None

    async def model_details(
        self, model: str, provider: ChatProvider | None = None
    ) -> ModelDetails | None:
        """What ``provider`` (default: the service's) says about ``model`` (cached), or
        None when it cannot say (only Ollama describes its models)."""
        provider = self._provider if provider is None else provider
        key = (provider, model)
        if key in self._details:
            return self._details[key]
        show = getattr(provider, "show", None)
        details: ModelDetails | None = None
        if show is not None:
            try:
                details = await show(model)
            except ProviderError:
                return None  # not cached: the server may be back next time
        self._details[key] = details
        return details

    def cached_details(
        self, model: str, provider: ChatProvider | None = None
    ) -> ModelDetails | None:
        return self._details.get((self._provider if provider is None else provider, model))

    async def _options(
        self,
        conversation_id: int,
        model: str,
        given: ChatOptions | None,
        provider: ChatProvider,
    ) -> ChatOptions:
        """The conversation's settings, overridden by every field ``given`` sets."""
        details = await self.model_details(model, provider)
        parameters = self._store.get_conversation(conversation_id).parameters
        options = chat_options(
            parameters,
            model_window=details.context_length if details else None,
            can_think=bool(details and details.can_think),
            leveled=bool(details and thinks_in_levels(details.name, details.family)),
        )
        if given is None:
            return options
        overrides = {
            field.name: value
            for field in dataclasses.fields(given)
            if (value := getattr(given, field.name)) is not None and value != {}
        }
        return dataclasses.replace(options, **overrides)

    async def _tool_loop(
        self,
        kit: ToolKit | None,
        model: str,
        provider: ChatProvider,
        answer_id: int,
        snapshot: Callable[[], tuple[str, str]],
    ) -> tuple[ToolLoop, list[AvailableTool]] | None:
        """The loop of an answer that may call tools: None without tools, or when the
        model cannot take them (Ollama lists a model's capabilities; other providers
        refuse a request with tools, and the person is asked about a retry without)."""
        if kit is None:
            return None
        details = self.cached_details(model, provider)
        if details is not None and not details.can_use_tools:
            return None
        try:
            tools = await kit.offered()
        except Exception:  # the tools' defect must not cost the person the answer
            log.exception("the tools could not be listed; answering without them")
            return None
        if not tools:
            return None
        store = cast("ToolStepStore", self._store)
        return ToolLoop(kit, tools, store, answer_id, snapshot, self._clock), tools

    async def _with_documents(
        self,
        documents: ReplyDocuments,
        history: list[ChatMessage],
        path: Sequence[StoredMessage],
        answer_id: int,
        options: ChatOptions,
    ) -> list[ChatMessage]:
        question = next((m.content for m in reversed(path) if m.role is Role.USER), "")
        context = await documents.context_for(question, options.num_ctx, history_tokens(history))
        if context is None:
            return history
        documents.record(answer_id, context)
        return with_documents(history, context)

    async def stream_reply(
        self,
        conversation_id: int,
        model: str,
        options: ChatOptions | None = None,
        *,
        provider: ChatProvider | None = None,
        parent_id: int | None = None,
        on_created: Callable[[StoredMessage], None] | None = None,
        tools: ToolKit | None = None,
        documents: ReplyDocuments | None = None,
    ) -> AsyncGenerator[ReplyEvent, None]:
        """Ask ``model`` of ``provider`` (default: the service's) to answer the
        conversation; yields events as they arrive.

        The answer follows the last visible message, or ``parent_id`` when given (a
        regenerated answer: a new alternative next to the earlier ones). Options come from
        the conversation's parameters when not given; the context window is always set.
        Each call may name another provider: a conversation can move between them.
        With ``tools`` (and a model that takes them) the answer may call tools: see
        tool_turns.py; its rounds are saved with the answer as they happen.
        With ``documents``, the request carries the sources found for the last message
        (whole documents or retrieved passages), recorded with the answer for citations.
        """
        provider = self._provider if provider is None else provider
        if parent_id is not None:
            self._store.select_message(parent_id)
        conversation = self._store.get_conversation(conversation_id)
        path = [step.message for step in self._store.active_path(conversation_id)]
        if parent_id is not None:
            path = path[: [message.id for message in path].index(parent_id) + 1]
        history = to_chat_messages(path, conversation.system_prompt, self._image_data)
        answer = self._store.add_message(
            conversation_id,
            Role.ASSISTANT,
            "",
            state=MessageState.STREAMING,
            model=model,
            parent_id=path[-1].id if path else None,
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
            error: str | Text | None = None,
        ) -> None:
            self._store.update_message(
                answer.id,
                content="".join(text),
                thinking="".join(thinking),
                state=state,
                stats=stats,
                error=error,
            )

        def snapshot() -> tuple[str, str]:
            save()
            return "".join(text), "".join(thinking)

        stopped_by: Text | None = None
        try:
            options = await self._options(conversation_id, model, options, provider)
            if documents is not None:
                history = await self._with_documents(documents, history, path, answer.id, options)
            loop = await self._tool_loop(tools, model, provider, answer.id, snapshot)
        except asyncio.CancelledError:
            save(state=MessageState.STOPPED)
            raise
        except ProviderError as error:  # the question could not be embedded
            save(state=MessageState.FAILED, error=error.text)
            raise
        events: AsyncIterator[ReplyEvent]
        if loop is None:
            events = provider.chat(model, history, options)
        else:
            offered = tuple(tool.definition for tool in loop[1])
            options = dataclasses.replace(options, tools=offered)
            events = loop[0].run(
                lambda turns, options: provider.chat(model, turns, options), history, options
            )
        try:
            async for event in events:
                if isinstance(event, TextDelta):
                    text.append(event.text)
                elif isinstance(event, ThinkingDelta):
                    thinking.append(event.text)
                elif isinstance(event, Done):
                    done = True
                    event = counted(event, text, thinking)
                    # Indexing the answer for search takes milliseconds (tens for a long
                    # one): on a worker thread, while the window shows the last text.
                    await asyncio.to_thread(save, MessageState.COMPLETE, event.stats, stopped_by)
                elif isinstance(event, ToolLoopStopped):
                    stopped_by = event.text
                if self._clock() - last_save >= self._save_interval:
                    save()
                    last_save = self._clock()
                yield event
        except asyncio.CancelledError:
            if not done:
                save(state=MessageState.STOPPED)
            raise
        except ProviderError as error:
            save(state=MessageState.FAILED, error=error.text)
            raise
        except GeneratorExit:
            if not done:  # closed by the consumer before the answer ended
                save(state=MessageState.STOPPED)
            raise
        finally:
            await _close(events)
