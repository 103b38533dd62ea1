"""What Parley sends to Ollama's /api/chat: the body, its messages and their tool parts.

Only what is set is sent, so Ollama's defaults stay in force. Tools are offered in the
OpenAI function shape Ollama shares; an assistant's calls go back with their arguments
as an object, a result as a ``tool`` message naming its tool (``tool_name``) and call.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from desktop.core.events import ToolCall
from desktop.core.messages import ChatMessage, ChatOptions, Role
from desktop.providers.images import base64_text
from desktop.providers.openai_records import wire_tool

Json = dict[str, object]


def chat_request(model: str, messages: Sequence[ChatMessage], options: ChatOptions) -> Json:
    """The /api/chat body: only what is set is sent, so Ollama's defaults stay in force."""
    body: Json = {
        "model": model,
        "messages": [wire_message(message) for message in messages],
        "stream": True,
    }
    if options.think is not None:
        body["think"] = options.think
    if options.keep_alive is not None:
        body["keep_alive"] = options.keep_alive
    if options.tools:
        body["tools"] = [wire_tool(tool) for tool in options.tools]
    if sampling := _sampling(options):
        body["options"] = sampling
    return body


def _sampling(options: ChatOptions) -> Json:
    chosen: Mapping[str, object | None] = {
        "temperature": options.temperature,
        "top_p": options.top_p,
        "num_ctx": options.num_ctx,
        "seed": options.seed,
        "num_predict": options.num_predict,
    }
    sampling: Json = {key: value for key, value in chosen.items() if value is not None}
    sampling.update(options.extra)
    return sampling


def wire_message(message: ChatMessage) -> Json:
    """One message of /api/chat. An assistant's calls go back with their arguments as an
    object; a result is a ``tool`` message naming its tool (``tool_name``) and call."""
    wire: dict[str, object] = {"role": message.role.value, "content": message.content}
    if message.images:
        wire["images"] = [base64_text(image) for image in message.images]
    if message.thinking:
        wire["thinking"] = message.thinking
    if message.role is Role.ASSISTANT and message.tool_calls:
        wire["tool_calls"] = [_wire_call(call) for call in message.tool_calls]
    result = message.tool_result
    if message.role is Role.TOOL and result is not None:
        wire["content"] = result.text
        wire["tool_name"] = result.name
        if result.call_id:
            wire["tool_call_id"] = result.call_id
        if result.images:
            wire["images"] = [base64_text(image) for image in result.images]
    return wire


def _wire_call(call: ToolCall) -> Json:
    function = {"index": call.index, "name": call.name, "arguments": dict(call.arguments)}
    return {"id": call.call_id, "function": function} if call.call_id else {"function": function}
