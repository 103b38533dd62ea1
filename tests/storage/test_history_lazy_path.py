"""The visible path's messages are decoded from their rows only when first read: a message
decoded late is the same message the store gives when asked for it directly, whatever it
holds (stats, an error as a key and values, pictures, tool rounds, versions)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.events import ChatStats
from desktop.core.image_preparation import stored_image
from desktop.core.messages import MessageState, Role
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.core.tool_steps import ToolOutcome, ToolRound, ToolStep
from desktop.core.tools import tool_call
from desktop.storage import history
from desktop.storage.history import HistoryStore
from tests.pictures import encoded, left_blue_right_red

PICTURES = [stored_image(encoded(left_blue_right_red(8 + n, 4), "PNG")) for n in range(2)]

stats = st.builds(
    ChatStats,
    prompt_tokens=st.none() | st.integers(0, 10**6),
    completion_tokens=st.none() | st.integers(0, 10**6),
    total_seconds=st.none() | st.floats(0, 1e4, allow_nan=False),
    eval_seconds=st.none() | st.floats(0, 1e4, allow_nan=False),
    estimated=st.booleans(),
)
errors = st.one_of(
    st.just(""),
    st.text(max_size=30),
    st.builds(
        lambda status, said: text(
            QT_TRANSLATE_NOOP("core", "{where} refused access (HTTP {status}).{said}"),
            where="服务",
            status=status,
            said=Text.plain(said),
        ),
        st.integers(100, 599),
        st.text(max_size=20),
    ),
)
outcomes = st.sampled_from([o for o in ToolOutcome if not o.live])
rounds = st.lists(
    st.tuples(outcomes, st.text(max_size=20), st.none() | st.floats(0, 60, allow_nan=False)),
    max_size=2,
)
messages = st.lists(
    st.fixed_dictionaries(
        {
            "content": st.text(max_size=60),
            "thinking": st.text(max_size=20),
            "stats": st.none() | stats,
            "state": st.sampled_from([s for s in MessageState if s is not MessageState.STREAMING]),
            "error": errors,
            "pictures": st.integers(0, len(PICTURES)),
            "calls": rounds,
            "parent": st.integers(0, 10**6),  # which earlier message it follows
        }
    ),
    min_size=1,
    max_size=12,
)


def store_conversation(store: HistoryStore, drawn: list[dict[str, object]]) -> int:
    chat = store.create_conversation("Lazy", "m")
    ids: list[int | None] = [None]
    for number, spec in enumerate(drawn):
        role = Role.USER if number % 2 == 0 else Role.ASSISTANT
        parent = ids[int(spec["parent"]) % len(ids)] if number % 3 == 2 else ids[-1]  # type: ignore[call-overload]
        message = store.add_message(
            chat.id,
            role,
            str(spec["content"]),
            model="" if role is Role.USER else "m:latest",
            thinking=str(spec["thinking"]),
            parent_id=parent,
            images=PICTURES[: int(spec["pictures"])],  # type: ignore[call-overload]
        )
        error = spec["error"]
        store.update_message(
            message.id,
            state=spec["state"],  # type: ignore[arg-type]
            stats=spec["stats"],  # type: ignore[arg-type]
            error=error or None,  # type: ignore[arg-type]
        )
        calls = spec["calls"]
        assert isinstance(calls, list)
        if calls:
            steps = tuple(
                ToolStep(
                    tool_call("lookup", {"q": words}, f"call_{number}_{n}", n),
                    "server",
                    outcome,
                    content=words or None,
                    duration=duration,
                )
                for n, (outcome, words, duration) in enumerate(calls)
            )
            store.save_tool_round(message.id, ToolRound(0, 0, 0, "", steps))
        ids.append(message.id)
    return chat.id


def test_a_message_decoded_late_is_the_one_the_store_gives(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "history.sqlite3") as store:

        @settings(
            max_examples=40,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture],
        )
        @given(drawn=messages, order=st.randoms(use_true_random=False))
        def check(drawn: list[dict[str, object]], order: random.Random) -> None:
            conversation_id = store_conversation(store, drawn)
            steps = store.active_path(conversation_id)
            eager = {message.id: message for message in store.messages(conversation_id)}
            assert steps, "a conversation with messages shows some"
            for step in order.sample(steps, len(steps)):  # read in any order
                assert step.message == store.get_message(step.message_id)
                assert step.message == eager[step.message_id]
                assert step.message is step.message, "decoded once"
                assert step.message_id in step.sibling_ids
                assert all(eager[s].parent_id == step.message.parent_id for s in step.sibling_ids)

        check()


def test_opening_a_path_decodes_no_message(tmp_path: Path, monkeypatch) -> None:
    """Only the messages read are decoded (a long conversation shows its last few)."""
    with HistoryStore.open(tmp_path / "history.sqlite3") as store:
        chat = store.create_conversation("Long", "m")
        for number in range(200):
            role = Role.USER if number % 2 == 0 else Role.ASSISTANT
            store.add_message(chat.id, role, f"message {number}")
        decoded: list[int] = []
        original = history.message_from_row

        def counting(row):  # type: ignore[no-untyped-def]
            decoded.append(row[0])  # its id
            return original(row)

        monkeypatch.setattr(history, "message_from_row", counting)
        steps = store.active_path(chat.id)
        assert len(steps) == 200 and decoded == []
        assert [step.message.content for step in steps[-3:]] == [
            "message 197",
            "message 198",
            "message 199",
        ]
        assert decoded == [step.message_id for step in steps[-3:]]


def test_a_long_path_read_in_any_order_is_the_stored_conversation(tmp_path: Path) -> None:
    """Rows are read a chunk at a time (PATH_CHUNK on each side of the first decoded):
    from the end (opening), from the start (export) or from the middle, the same."""
    with HistoryStore.open(tmp_path / "history.sqlite3") as store:
        chat = store.create_conversation("Long", "m")
        for number in range(5 * history.PATH_CHUNK):
            role = Role.USER if number % 2 == 0 else Role.ASSISTANT
            store.add_message(chat.id, role, f"message {number}")
        stored = store.messages(chat.id)
        assert [s.message for s in store.active_path(chat.id)] == stored
        assert [s.message for s in reversed(store.active_path(chat.id))] == stored[::-1]
        steps = store.active_path(chat.id)
        middle = len(steps) // 2
        assert [s.message for s in steps[middle:] + steps[:middle]] == (
            stored[middle:] + stored[:middle]
        )


def test_a_message_deleted_before_it_is_read_is_said_to_be_gone(tmp_path: Path) -> None:
    with HistoryStore.open(tmp_path / "history.sqlite3") as store:
        chat = store.create_conversation("Chat", "m")
        first = store.add_message(chat.id, Role.USER, "first")
        store.add_message(chat.id, Role.ASSISTANT, "second")
        steps = store.active_path(chat.id)
        store.delete_message(first.id)
        with pytest.raises(KeyError):
            _ = steps[0].message
        assert steps[1].message.content == "second"
