"""The conversation session over a real history store: what a new chat remembers before
its first message, and how regenerate, retry, edit, flip and delete change the path."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from desktop.core.attachment import ImageAttachment
from desktop.core.chat_parameters import ChatParameters
from desktop.core.conversation import StoredMessage
from desktop.core.conversation_session import ConversationSession
from desktop.core.messages import MessageState, Role
from desktop.storage.history import LEAF, HistoryStore, Leaf


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore.open(tmp_path / "history.sqlite3") as opened:
        yield opened


@pytest.fixture
def session(store: HistoryStore) -> ConversationSession:
    def add_user_message(
        conversation_id: int,
        text: str,
        *,
        parent_id: int | Leaf | None = LEAF,
        images: Sequence[ImageAttachment] = (),
    ) -> StoredMessage:
        return store.add_message(
            conversation_id, Role.USER, text, parent_id=parent_id, images=images
        )

    return ConversationSession(store, add_user_message)


def answer(
    store: HistoryStore, session: ConversationSession, text: str, parent: int | None = None
) -> StoredMessage:
    """An answer as ChatService adds it: after ``parent``, else after the last message."""
    assert session.conversation_id is not None
    after = {} if parent is None else {"parent_id": parent}
    message = store.add_message(session.conversation_id, Role.ASSISTANT, text, model="m", **after)
    session.reload()
    return message


def contents(session: ConversationSession) -> list[str]:
    return [m.content for m in session.path]


def test_a_new_chat_keeps_its_settings_until_the_first_message(store, session):
    session.new(think="high")
    session.set_parameters(ChatParameters(temperature=0.2, think="high"))
    session.set_system_prompt("Be brief.")
    assert store.list_conversations() == [], "nothing is stored before the first message"

    session.send("Hello", (), title="Hello", model="m", provider_id="ollama")

    assert session.conversation_id is not None
    conversation = store.get_conversation(session.conversation_id)
    assert conversation.system_prompt == "Be brief."
    assert conversation.parameters == ChatParameters(temperature=0.2, think="high")
    assert contents(session) == ["Hello"]


def test_regenerate_keeps_the_old_answer_as_a_version(store, session):
    session.send("Q", (), title="Q", model="m", provider_id="ollama")
    first = answer(store, session, "A1")

    parent = session.regenerate(first.id)

    assert parent == session.path[0].id
    assert contents(session) == ["Q"], "the path ends at the question, ready for a new answer"
    assert parent is not None
    answer(store, session, "A2", parent)
    assert contents(session) == ["Q", "A2"]
    second = session.path[1]
    assert session.siblings[second.id] == (first.id, second.id)
    assert session.flip(second.id, -1) == first.id
    assert contents(session) == ["Q", "A1"]
    assert session.flip(first.id, -1) is None, "there is nothing before the first version"


def test_retry_drops_an_empty_failed_answer(store, session):
    session.send("Q", (), title="Q", model="m", provider_id="ollama")
    assert session.conversation_id is not None
    failed = store.add_message(
        session.conversation_id, Role.ASSISTANT, "", state=MessageState.FAILED, model="m"
    )
    session.reload()

    assert session.retry(failed.id) == session.path[0].id
    assert [m.content for m in store.messages(session.conversation_id)] == ["Q"]


def test_edit_makes_a_new_version_of_the_question(store, session):
    session.send("Old question", (), title="Q", model="m", provider_id="ollama")
    old = session.path[0]
    answer(store, session, "Old answer")

    session.edit(old.id, "New question", [])

    assert contents(session) == ["New question"]
    assert session.siblings[session.path[0].id] == (old.id, session.path[0].id)


def test_delete_and_reopen(store, session):
    session.send("Q", (), title="Q", model="m", provider_id="ollama")
    reply = answer(store, session, "A")
    conversation_id = session.conversation_id
    assert conversation_id is not None

    session.delete(reply.id)
    assert contents(session) == ["Q"]

    session.new()
    assert (session.conversation_id, session.path) == (None, [])
    session.open(conversation_id)
    assert contents(session) == ["Q"]
    session.move_to("lab", "other-model")
    assert store.get_conversation(conversation_id).model == "other-model"
