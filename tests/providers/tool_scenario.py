"""The weather round of the documents Parley grew from, shared by every family's tests.

Asked "上海今天的天气怎么样?", the model calls ``get_current_weather`` with
``{"location": "上海"}``; the result goes back; the model answers.
"""

from __future__ import annotations

import json

from desktop.core.events import ToolCall
from desktop.core.messages import ChatMessage, ChatOptions, Role
from desktop.core.tools import ToolDefinition, ToolResult

QUESTION = ChatMessage(Role.USER, "上海今天的天气怎么样?")
WEATHER = ToolDefinition(
    "get_current_weather",
    "Get the current weather in a given location",
    {
        "type": "object",
        "properties": {"location": {"type": "string", "description": "The city, e.g. 上海"}},
        "required": ["location"],
    },
)
CLOCK = ToolDefinition("get_current_time", "The time now in a time zone")
WITH_TOOLS = ChatOptions(tools=(WEATHER, CLOCK))
WEATHER_ARGUMENTS = json.dumps({"location": "上海"}, ensure_ascii=False)
CLOCK_ARGUMENTS = json.dumps({"zone": "Asia/Shanghai"})
REPORT = {"location": "上海", "temperature": 25, "unit": "celsius", "condition": "晴"}
ANSWER = "上海今天晴，气温 25°C。"


def result_for(call: ToolCall, content: object = None) -> ChatMessage:
    """The tool message answering ``call`` (the weather report unless told otherwise)."""
    result = ToolResult(call.call_id, call.name, REPORT if content is None else content)
    return ChatMessage(Role.TOOL, "", tool_result=result)


def after_calls(*calls: ToolCall, said: str = "") -> list[ChatMessage]:
    """The question, the answer that made ``calls``, and a result for each."""
    return [
        QUESTION,
        ChatMessage(Role.ASSISTANT, said, tool_calls=calls),
        *(result_for(call) for call in calls),
    ]
