"""Tool rounds in the history: a SIGKILL mid-round keeps the call and its state, and
export to JSON and Markdown carries the calls (JSON reads them back)."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
from pathlib import Path

from desktop.core.conversation_export import exported, from_json, to_json, to_markdown
from desktop.core.image_preparation import stored_image
from desktop.core.messages import MessageState, Role
from desktop.core.tool_steps import ToolOutcome, ToolRound, ToolStep
from desktop.core.tools import tool_call
from desktop.storage.history import HistoryStore
from tests.pictures import encoded, left_blue_right_red
from tests.providers.tool_scenario import WEATHER_ARGUMENTS
from tests.servers.cloud_fixtures import OPENAI_KEY
from tests.servers.scripted_reply import ScriptedCall, ScriptedReply

REPO = Path(__file__).resolve().parents[2]


def test_a_kill_during_a_tool_round_leaves_the_call_and_its_state(openai_server, tmp_path):
    openai_server.replies.push(
        ScriptedReply(
            text="Let me look.",
            tool_calls=(ScriptedCall("get_current_weather", WEATHER_ARGUMENTS, "call_sh1"),),
        )
    )
    history = tmp_path / "history.sqlite3"
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.core.tool_round_child",
            str(history),
            f"{openai_server.url}/v1",
            OPENAI_KEY,
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"running"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        if child.stdout is not None:
            child.stdout.close()

    with HistoryStore.open(history) as store:
        assert store.mark_interrupted_streams() == 1
        [question, answer] = store.messages(1)
        assert question.content == "上海今天的天气怎么样?"
        assert (answer.state, answer.content) == (MessageState.INTERRUPTED, "Let me look.")
        [step] = answer.tool_rounds[0].steps
        assert (step.call.name, step.call.arguments, step.call.call_id) == (
            "get_current_weather",
            {"location": "上海"},
            "call_sh1",
        )
        assert (step.server, step.outcome) == ("weather", ToolOutcome.INTERRUPTED)


def saved_round(store: HistoryStore) -> int:
    conversation = store.create_conversation("Weather", "qwen3", "ollama")
    store.add_message(conversation.id, Role.USER, "上海今天的天气怎么样?")
    answer = store.add_message(
        conversation.id, Role.ASSISTANT, "Checking.晴，25°C。", model="qwen3"
    )
    call = tool_call("get_current_weather", WEATHER_ARGUMENTS, "call_1")
    store.save_tool_round(
        answer.id,
        ToolRound(
            0,
            len("Checking."),
            0,
            "sig",
            (
                ToolStep(
                    call,
                    "weather",
                    ToolOutcome.RAN,
                    {"location": "北京"},
                    {"temperature": 25},
                    duration=0.25,
                ),
                ToolStep(
                    tool_call("rm", '{"path": "/"}', "call_2", 1),
                    "files",
                    ToolOutcome.DENIED,
                    reason="no",
                ),
            ),
        ),
    )
    return conversation.id


def test_tool_rounds_survive_export_and_import(tmp_path):
    picture = stored_image(encoded(left_blue_right_red(8, 4), "PNG"))
    with HistoryStore.open(tmp_path / "a.sqlite3") as store:
        conversation_id = saved_round(store)
        answer_id = store.messages(conversation_id)[-1].id
        [first, _] = store.messages(conversation_id)[-1].tool_rounds[0].steps
        with_picture = dataclasses.replace(first, images=(picture.digest,))
        store.save_tool_step(answer_id, 0, 0, with_picture, [picture])
        conversation = store.get_conversation(conversation_id)
        messages = store.messages(conversation_id)
        path = [step.message for step in store.active_path(conversation_id)]
        kept = store.image(picture.digest)
        assert kept is not None
        document = to_json(exported(conversation, messages, [m.id for m in path], [kept]))
        markdown = to_markdown(conversation, path)
    assert "Tool call: weather · get_current_weather (ran, 0.25 s)" in markdown
    assert '"location": "北京"' in markdown and "Reason given: no" in markdown

    with HistoryStore.open(tmp_path / "b.sqlite3") as other:
        imported = other.import_conversation(from_json(document))
        [_, answer] = other.messages(imported.id)
    assert answer.tool_rounds == messages[-1].tool_rounds
    [ran, denied] = answer.tool_rounds[0].steps
    assert ran.arguments == {"location": "北京"} and ran.content == {"temperature": 25}
    assert (denied.outcome, denied.reason) == (ToolOutcome.DENIED, "no")
    assert answer.tool_rounds[0].signature == "sig"
    with HistoryStore.open(tmp_path / "b.sqlite3") as other:
        again = other.image(picture.digest)
    assert again is not None and again.data == picture.data


def test_deleting_the_answer_deletes_its_calls(tmp_path):
    with HistoryStore.open(tmp_path / "a.sqlite3") as store:
        conversation_id = saved_round(store)
        answer = store.messages(conversation_id)[-1]
        store.delete_message(answer.id)
        store.add_message(conversation_id, Role.ASSISTANT, "again")
        assert all(not m.tool_rounds for m in store.messages(conversation_id))
