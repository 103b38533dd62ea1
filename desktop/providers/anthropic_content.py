"""Content blocks of Anthropic's Messages API for one message, and tool definitions.

A person's or assistant's turn is image and text blocks; an assistant's calls are
``tool_use`` blocks (the input an object), after its signed thinking when kept; a
result is a ``tool_result`` block whose content is its text, or text and image blocks
when the tool returned pictures.
"""

from __future__ import annotations

from desktop.core.events import ToolCall
from desktop.core.messages import ChatMessage, Role
from desktop.core.tools import ToolDefinition, ToolResult
from desktop.providers.images import base64_text, media_type

Json = dict[str, object]


def wire_tool(tool: ToolDefinition) -> Json:
    """``{name, description, input_schema}``: Anthropic's name for the JSON schema."""
    wired: Json = {"name": tool.name, "input_schema": dict(tool.parameters)}
    if tool.description:
        wired["description"] = tool.description
    return wired


def content_blocks(message: ChatMessage) -> list[Json]:
    """The blocks of ``message`` (none when it says nothing)."""
    if message.role is Role.TOOL and message.tool_result is not None:
        return [tool_result_block(message.tool_result)]
    blocks: list[Json] = []
    if message.role is Role.ASSISTANT and message.tool_calls and message.thinking_signature:
        signed = {"thinking": message.thinking, "signature": message.thinking_signature}
        blocks.append({"type": "thinking", **signed})
    blocks += [image_block(image) for image in message.images]
    if message.content.strip():
        blocks.append({"type": "text", "text": message.content})
    if message.role is Role.ASSISTANT:
        blocks += [
            {
                "type": "tool_use",
                "id": call.call_id,
                "name": call.name,
                "input": dict(call.arguments),
            }
            for call in message.tool_calls
        ]
    return blocks


def tool_use_block(call: ToolCall) -> Json:
    """A call sent back; arguments that were not an object go back as ``{}``."""
    return {
        "type": "tool_use",
        "id": call.call_id,
        "name": call.name,
        "input": dict(call.arguments),
    }


def tool_result_block(result: ToolResult) -> Json:
    content: str | list[Json] = result.text
    if result.images:
        parts: list[Json] = [{"type": "text", "text": result.text}] if result.text else []
        content = parts + [image_block(image) for image in result.images]
    block: Json = {"type": "tool_result", "tool_use_id": result.call_id, "content": content}
    if result.is_error:
        block["is_error"] = True
    return block


def image_block(image: bytes) -> Json:
    source = {"type": "base64", "media_type": media_type(image), "data": base64_text(image)}
    return {"type": "image", "source": source}
