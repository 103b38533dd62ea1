"""The open conversation: which one, the path shown, each message's versions, and the
parameters and system prompt chosen before its first message exists.

Qt-free: the chat page asks it to send, regenerate, retry, edit, flip and delete, and
shows what it answers. It depends on the small ``SessionStore`` Protocol, which the
history store satisfies, and on an ``add_user_message`` function (ChatService's).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, overload

from desktop.core.attachment import ImageAttachment
from desktop.core.chat_parameters import ChatParameters
from desktop.core.conversation import Conversation, PathStep, StoredMessage
from desktop.core.messages import Role


@dataclass(frozen=True, slots=True)
class Draft:
    """What was written (and attached) but not sent yet, kept per conversation."""

    text: str = ""
    images: tuple[ImageAttachment, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.text.strip() or self.images)


class SessionStore(Protocol):
    def create_conversation(
        self, title: str, model: str, provider: str = ..., system_prompt: str = ...
    ) -> Conversation: ...
    def get_conversation(self, conversation_id: int) -> Conversation: ...
    def set_parameters(self, conversation_id: int, parameters: ChatParameters) -> bool: ...
    def set_system_prompt(self, conversation_id: int, prompt: str) -> bool: ...
    def set_model(self, conversation_id: int, model: str, provider: str | None = ...) -> bool: ...
    def active_path(self, conversation_id: int) -> list[PathStep]: ...
    def select_message(self, message_id: int) -> bool: ...
    def get_message(self, message_id: int) -> StoredMessage: ...
    def delete_message(self, message_id: int) -> bool: ...
    def image(self, digest: str) -> ImageAttachment | None: ...


class UserMessageWriter(Protocol):
    def __call__(
        self,
        conversation_id: int,
        text: str,
        *,
        parent_id: int | None = ...,
        images: Sequence[ImageAttachment] = ...,
    ) -> StoredMessage: ...


class PathMessages(Sequence[StoredMessage]):
    """The messages of the path's steps, each decoded when first read (the steps are the
    session's own: this view follows them)."""

    __slots__ = ("_steps",)

    def __init__(self, steps: list[PathStep]) -> None:
        self._steps = steps

    def __len__(self) -> int:
        return len(self._steps)

    @overload
    def __getitem__(self, index: int) -> StoredMessage: ...
    @overload
    def __getitem__(self, index: slice) -> list[StoredMessage]: ...
    def __getitem__(self, index: int | slice) -> StoredMessage | list[StoredMessage]:
        if isinstance(index, slice):
            return [step.message for step in self._steps[index]]
        return self._steps[index].message

    def __iter__(self) -> Iterator[StoredMessage]:
        return (step.message for step in self._steps)

    def __reversed__(self) -> Iterator[StoredMessage]:
        return (step.message for step in reversed(self._steps))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"PathMessages({len(self)} messages)"


class ConversationSession:
    def __init__(self, store: SessionStore, add_user_message: UserMessageWriter) -> None:
        self._store = store
        self._add_user_message = add_user_message
        self.conversation_id: int | None = None
        self.steps: list[PathStep] = []
        """The visible path, first to last; a step's message is decoded when first read."""
        self.siblings: dict[int, tuple[int, ...]] = {}
        self.pending = ChatParameters()
        """Parameters for a conversation that has no message yet."""
        self.pending_prompt = ""

    # -- which conversation ----------------------------------------------------
    @property
    def path(self) -> PathMessages:
        """The visible path's messages (read-only; each decoded when first read)."""
        return PathMessages(self.steps)

    def new(self, think: bool | str | None = None) -> None:
        self.conversation_id = None
        self.steps = []
        self.siblings = {}
        self.pending = ChatParameters(think=think)
        self.pending_prompt = ""

    def open(self, conversation_id: int) -> Conversation:
        conversation = self._store.get_conversation(conversation_id)
        self.conversation_id = conversation_id
        self.reload()
        return conversation

    def reload(self) -> list[PathStep]:
        """The visible path again from the store (after an answer, a flip, a delete)."""
        if self.conversation_id is None:
            return []
        steps = self._store.active_path(self.conversation_id)
        self._take(steps)
        return steps

    def _take(self, steps: list[PathStep]) -> None:
        self.steps = list(steps)  # send() appends: not to the list the caller holds
        self.siblings = {step.message_id: step.sibling_ids for step in steps}

    # -- settings --------------------------------------------------------------
    def parameters(self) -> ChatParameters:
        if self.conversation_id is None:
            return self.pending
        return self._store.get_conversation(self.conversation_id).parameters

    def set_parameters(self, parameters: ChatParameters) -> None:
        if self.conversation_id is None:
            self.pending = parameters
        else:
            self._store.set_parameters(self.conversation_id, parameters)

    def set_system_prompt(self, prompt: str) -> None:
        if self.conversation_id is None:
            self.pending_prompt = prompt
        else:
            self._store.set_system_prompt(self.conversation_id, prompt)

    def move_to(self, provider_id: str, model: str) -> None:
        """The open conversation continues with ``model`` of ``provider_id``."""
        if self.conversation_id is not None:
            self._store.set_model(self.conversation_id, model, provider_id)

    def earlier_model(self) -> str:
        """The model that gave the last answer on the path ("" if none did)."""
        return next(
            (m.model for m in reversed(self.path) if m.role is Role.ASSISTANT and m.model), ""
        )

    # -- writing ---------------------------------------------------------------
    def send(
        self,
        text: str,
        images: Sequence[ImageAttachment],
        *,
        title: str,
        model: str,
        provider_id: str,
    ) -> StoredMessage:
        """The person's message, starting the conversation with it if there is none."""
        if self.conversation_id is None:
            conversation = self._store.create_conversation(
                title, model, provider_id, system_prompt=self.pending_prompt
            )
            self._store.set_parameters(conversation.id, self.pending)
            self.conversation_id = conversation.id
        message = self._add_user_message(self.conversation_id, text, images=images)
        self.steps.append(PathStep(message, (message.id,)))
        self.siblings[message.id] = (message.id,)
        return message

    def truncate_to(self, message_id: int | None) -> list[PathStep]:
        """The path only up to ``message_id`` (None: nothing), ready for a new branch."""
        assert self.conversation_id is not None
        if message_id is not None:
            self._store.select_message(message_id)
        steps = self._store.active_path(self.conversation_id)
        ids = [step.message_id for step in steps]
        kept = steps[: ids.index(message_id) + 1] if message_id is not None else []
        self._take(kept)
        return kept

    def regenerate(self, message_id: int) -> int | None:
        """Ready a new answer beside ``message_id``: the parent to answer (None: cannot)."""
        if self.conversation_id is None:
            return None
        parent = self._store.get_message(message_id).parent_id
        if parent is not None:
            self.truncate_to(parent)
        return parent

    def retry(self, message_id: int) -> int | None:
        """Ready a new try after a failed answer; an empty failed answer is not kept."""
        if self.conversation_id is None:
            return None
        failed = self._store.get_message(message_id)
        if not failed.content and not failed.thinking:
            self._store.delete_message(message_id)
        if failed.parent_id is not None:
            self.truncate_to(failed.parent_id)
        return failed.parent_id

    def images_of(self, message_id: int) -> list[ImageAttachment]:
        message = self._store.get_message(message_id)
        return [image for d in message.images if (image := self._store.image(d))]

    def edit(self, message_id: int, text: str, images: Sequence[ImageAttachment]) -> list[PathStep]:
        """A new version of the person's message; the old branch stays reachable."""
        assert self.conversation_id is not None
        parent = self._store.get_message(message_id).parent_id
        self.truncate_to(parent)
        self._add_user_message(self.conversation_id, text, parent_id=parent, images=images)
        return self.reload()

    def delete(self, message_id: int) -> list[PathStep]:
        self._store.delete_message(message_id)
        return self.reload()

    def flip(self, message_id: int, step: int) -> int | None:
        """Show the version ``step`` away from ``message_id``; the one now shown, if any."""
        siblings = self.siblings.get(message_id, ())
        if message_id not in siblings:
            return None
        index = siblings.index(message_id) + step
        if not 0 <= index < len(siblings):
            return None
        self._store.select_message(siblings[index])
        self.reload()
        return siblings[index]
