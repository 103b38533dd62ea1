"""What an MCP server says, in core's words: its tools as :class:`RemoteTool`, a call's
result as a :class:`~desktop.core.tools.ToolResult`."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop.core.tools import ToolResult

MAX_TEXT = 200_000
"""Characters of a result kept (a server that returns a whole file must not fill memory)."""


@dataclass(frozen=True, slots=True)
class RemoteTool:
    """One tool as its server lists it."""

    name: str
    description: str = ""
    input_schema: Mapping[str, object] = field(
        default_factory=lambda: {"type": "object", "properties": {}}
    )
    read_only: bool = False
    title: str = ""


def remote_tool(tool: Any) -> RemoteTool:
    """A ``mcp.types.Tool`` as a :class:`RemoteTool`."""
    annotations = getattr(tool, "annotations", None)
    schema = dict(tool.input_schema or {}) or {"type": "object", "properties": {}}
    return RemoteTool(
        name=str(tool.name),
        description=str(tool.description or ""),
        input_schema=schema,
        read_only=bool(getattr(annotations, "read_only_hint", False)),
        title=str(getattr(tool, "title", "") or getattr(annotations, "title", "") or ""),
    )


def tool_result(call_id: str, name: str, result: Any) -> ToolResult:
    """A ``mcp.types.CallToolResult`` as core's result: the texts joined (structured
    content when there is no text), pictures apart, ``isError`` kept."""
    texts: list[str] = []
    images: list[bytes] = []
    for block in result.content or ():
        kind = getattr(block, "type", "")
        if kind == "text":
            texts.append(str(block.text))
        elif kind == "image":
            picture = _decode(getattr(block, "data", ""))
            if picture:
                images.append(picture)
        elif kind == "resource":
            resource = block.resource
            if getattr(resource, "text", None) is not None:
                texts.append(str(resource.text))
            else:
                texts.append(f"[resource {resource.uri} ({resource.mime_type or 'binary'})]")
        elif kind == "resource_link":
            texts.append(f"[{block.name}: {block.uri}]")
        elif kind == "audio":
            texts.append(f"[audio ({block.mime_type}) not shown]")
    content: object
    structured = result.structured_content
    if texts:
        content = "\n".join(texts)
    elif structured is not None:
        content = structured
    elif images:
        content = f"[{len(images)} image(s)]"
    else:
        content = ""
    if isinstance(content, str) and len(content) > MAX_TEXT:
        cut = len(content) - MAX_TEXT
        content = content[:MAX_TEXT] + f"\n[… {cut} more characters not kept]"
    return ToolResult(call_id, name, content, bool(result.is_error), tuple(images))


def _decode(data: str) -> bytes:
    try:
        return base64.b64decode(data, validate=False)
    except (binascii.Error, ValueError):
        return b""


def schema_text(schema: Mapping[str, object]) -> str:
    """A tool's input schema as people read it: indented JSON."""
    return json.dumps(schema, indent=2, ensure_ascii=False)
