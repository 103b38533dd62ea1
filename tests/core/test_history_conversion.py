"""History conversion when a conversation moves to another provider family."""

from __future__ import annotations

import pytest

from desktop.core.history_conversion import convert_history
from desktop.core.messages import ChatMessage, Role
from desktop.core.provider_config import ProviderFamily
from desktop.core.tools import ToolResult, tool_call

PNG = b"\x89PNG\r\n\x1a\n-not-really"

HISTORY = [
    ChatMessage(Role.SYSTEM, "Be brief."),
    ChatMessage(Role.USER, "What is in this picture?", images=(PNG,)),
    ChatMessage(Role.ASSISTANT, "A cat.", thinking="The image shows whiskers."),
    ChatMessage(Role.USER, "And its colour?"),
]


def test_ollama_keeps_thinking_and_images_for_a_vision_model() -> None:
    assert convert_history(HISTORY, ProviderFamily.OLLAMA, sees_images=True) == HISTORY


@pytest.mark.parametrize(
    "family", [ProviderFamily.OPENAI_COMPAT, ProviderFamily.AZURE, ProviderFamily.ANTHROPIC]
)
def test_other_families_get_the_text_and_images_but_not_the_thinking(
    family: ProviderFamily,
) -> None:
    converted = convert_history(HISTORY, family, sees_images=True)

    assert [(m.role, m.content) for m in converted] == [(m.role, m.content) for m in HISTORY]
    assert converted[1].images == (PNG,)
    assert all(m.thinking == "" for m in converted)


def test_a_blind_model_is_told_an_image_was_there() -> None:
    converted = convert_history(HISTORY, ProviderFamily.OPENAI_COMPAT, sees_images=False)

    assert converted[1].images == ()
    assert converted[1].content.startswith("What is in this picture?\n\n[1 image attached")
    assert "does not accept images" in converted[1].content


def test_anthropic_gets_alternating_turns_without_empty_ones() -> None:
    history = [
        ChatMessage(Role.USER, "first"),
        ChatMessage(Role.ASSISTANT, "", thinking="only thought, no answer"),
        ChatMessage(Role.USER, "second"),
        ChatMessage(Role.TOOL, "42"),
        ChatMessage(Role.ASSISTANT, "done"),
    ]

    converted = convert_history(history, ProviderFamily.ANTHROPIC, sees_images=True)

    assert [(m.role, m.content) for m in converted] == [
        (Role.USER, "first\n\nsecond\n\nTool result:\n42"),
        (Role.ASSISTANT, "done"),
    ]


def test_openai_turns_tool_results_into_user_text_and_keeps_order() -> None:
    history = [ChatMessage(Role.USER, "q"), ChatMessage(Role.TOOL, "result")]
    converted = convert_history(history, ProviderFamily.OPENAI_COMPAT, sees_images=True)
    assert [(m.role, m.content) for m in converted] == [
        (Role.USER, "q"),
        (Role.USER, "Tool result:\nresult"),
    ]


def test_tool_rounds_move_to_another_family_with_ids_paired() -> None:
    """Ollama's older calls carry no id; OpenAI and Anthropic pair results by id, so
    each call gets one and its result the same."""
    weather = tool_call("get_current_weather", {"location": "上海"})
    clock = tool_call("get_current_time", {}, index=1)
    history = [
        ChatMessage(Role.USER, "上海今天的天气怎么样?"),
        ChatMessage(Role.ASSISTANT, "", tool_calls=(weather, clock)),
        ChatMessage(Role.TOOL, "", tool_result=ToolResult("", "get_current_weather", "晴")),
        ChatMessage(Role.TOOL, "", tool_result=ToolResult("", "get_current_time", "09:00")),
        ChatMessage(Role.ASSISTANT, "晴，九点。"),
    ]
    for family in (ProviderFamily.OPENAI_COMPAT, ProviderFamily.ANTHROPIC):
        converted = convert_history(history, family, sees_images=True)
        assert [m.role for m in converted] == [m.role for m in history]
        calls = converted[1].tool_calls
        assert [call.call_id for call in calls] == ["call_1", "call_2"]
        assert [m.tool_result.call_id for m in converted[2:4]] == ["call_1", "call_2"]  # type: ignore[union-attr]

    kept = convert_history(history, ProviderFamily.OLLAMA, sees_images=True)
    assert kept[1].tool_calls == (weather, clock)  # Ollama pairs by name: left as it was
