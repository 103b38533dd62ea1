"""The test servers' checks of tools and tool turns, in each family's words.

OpenAI: ``tools`` entries are functions with names; every ``tool`` message answers a
call of the assistant turn before it, and every call is answered before the next turn.
Anthropic: the user turn after ``tool_use`` blocks holds a ``tool_result`` for each;
with thinking on, the turn that called tools comes back starting with its thinking.
A model listed as refusing tools gets Ollama's "<model> does not support tools"; in
DeepSeek's thinking mode a call turn sent back without its ``reasoning_content`` is refused.
"""

from __future__ import annotations

from itertools import zip_longest
from typing import Any

from tests.servers.scripted_reply import ScriptedCall, argument_pieces


def call_deltas(calls: tuple[ScriptedCall, ...], *, interleave: bool) -> list[list[Any]]:
    """The ``tool_calls`` of each OpenAI chunk: a call's head (index, id, name), then its
    arguments in pieces; interleaved, all heads in one chunk and the pieces alternating."""
    heads = [
        {
            "index": index,
            "id": call.call_id,
            "type": "function",
            "function": {"name": call.name, "arguments": ""},
        }
        for index, call in enumerate(calls)
    ]
    pieces = [
        [{"index": index, "function": {"arguments": p}} for p in argument_pieces(call.arguments)]
        for index, call in enumerate(calls)
    ]
    if interleave:
        out = [heads] if heads else []
        for round_ in zip_longest(*pieces):
            out += [[piece] for piece in round_ if piece]
        return out
    out = []
    for head, parts in zip(heads, pieces, strict=True):
        out += [[head], *([part] for part in parts)]
    return out


def openai_tool_problem(
    body: dict[str, Any], refuses_tools: bool, *, needs_reasoning: bool = False
) -> str:
    """OpenAI's refusals of ``tools`` and of tool turns that do not pair up; "" if fine."""
    tools = body.get("tools")
    if tools and refuses_tools:
        return f"registry.ollama.ai/library/{body.get('model')}:latest does not support tools"
    for index, tool in enumerate(tools or []):
        function = tool.get("function") if isinstance(tool, dict) else None
        if tool.get("type") != "function" or not isinstance(function, dict):
            return f"Missing required parameter: 'tools[{index}].function'."
        if not function.get("name"):
            return f"Missing required parameter: 'tools[{index}].function.name'."
    waiting: list[str] = []
    for message in body.get("messages") or []:
        role = message.get("role")
        if role == "tool":
            call_id = message.get("tool_call_id")
            if call_id not in waiting:
                return (
                    "Invalid parameter: messages with role 'tool' must be a response to a "
                    "preceeding message with 'tool_calls'."
                )
            waiting.remove(call_id)
            continue
        if waiting:
            return (
                "An assistant message with 'tool_calls' must be followed by tool messages "
                "responding to each 'tool_call_id'. The following tool_call_ids did not have "
                f"response messages: {', '.join(waiting)}"
            )
        calls = message.get("tool_calls") if role == "assistant" else None
        if needs_reasoning and calls and "reasoning_content" not in message:
            return (
                "Missing `reasoning_content` field in the assistant message at message "
                f"index {body['messages'].index(message)}. For more information, please "
                "refer to https://api-docs.deepseek.com/guides/thinking_mode#tool-calls"
            )
        for call in message.get("tool_calls") or [] if role == "assistant" else []:
            if not isinstance((call.get("function") or {}).get("arguments"), str):
                return (
                    "Invalid type for 'messages.tool_calls.function.arguments': expected a string."
                )
            waiting.append(call.get("id"))
    return ""


def _ids(message: dict[str, Any], kind: str, key: str) -> list[str]:
    content = message.get("content")
    blocks = content if isinstance(content, list) else []
    return [str(block.get(key)) for block in blocks if block.get("type") == kind]


def anthropic_tool_problem(messages: list[dict[str, Any]], *, thinking: bool = False) -> str:
    """Anthropic's rule: the user turn after ``tool_use`` blocks answers each of them
    (and only them); "" when it does."""
    asked: list[str] = []
    for index, message in enumerate(messages):
        answered = _ids(message, "tool_result", "tool_use_id")
        unexpected = [call_id for call_id in answered if call_id not in asked]
        if unexpected:
            return (
                f"messages.{index}.content.0: unexpected `tool_use_id` found in `tool_result` "
                f"blocks: {unexpected[0]}. Each `tool_result` block must have a "
                "corresponding `tool_use` block in the previous message."
            )
        missing = [call_id for call_id in asked if call_id not in answered]
        if missing:
            return (
                f"messages.{index - 1}: `tool_use` ids were found without `tool_result` "
                f"blocks immediately after: {', '.join(missing)}. Each `tool_use` block must "
                "have a corresponding `tool_result` block in the next message."
            )
        asked = _ids(message, "tool_use", "id")
    if thinking and len(messages) > 1 and _ids(messages[-1], "tool_result", "tool_use_id"):
        calling = messages[-2].get("content")
        first = calling[0].get("type") if isinstance(calling, list) and calling else "text"
        if first not in ("thinking", "redacted_thinking"):
            return (
                f"messages.{len(messages) - 2}.content.0.type: Expected `thinking` or "
                f"`redacted_thinking`, but found `{first}`. When `thinking` is enabled, a final "
                "`assistant` message must start with a thinking block (preceeding the "
                "lastmost set of `tool_use` and `tool_result` blocks). We recommend you "
                "include thinking blocks from previous turns. To avoid this requirement, "
                "disable `thinking`."
            )
    return ""
