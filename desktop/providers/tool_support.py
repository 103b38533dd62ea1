"""A refusal of the ``tools`` a request offered, told apart from other refusals.

Each family words it its own way: Ollama (native and /v1) "<model> does not support
tools" (400), OpenAI "'tools' is not supported with this model" (400, param ``tools``),
vLLM "tool choice requires --enable-auto-tool-choice", llama.cpp's server "tools param
requires --jinja flag" (a 500). Only a request that offered tools is checked.
"""

from __future__ import annotations

from desktop.core.errors import BadRequest, ProviderError, ServerError, ToolsNotSupported
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text

REFUSALS = (
    "does not support tools",
    "does not support tool",
    "'tools' is not supported",
    "tools is not supported",
    "tool use is not supported",
    "does not support function calling",
    "function calling is not supported",
    "tools param requires --jinja",
    "requires --enable-auto-tool-choice",
)


def refuses_tools(detail: str) -> bool:
    """Whether a server's words say the model takes no tools."""
    lowered = detail.lower()
    return any(words in lowered for words in REFUSALS)


def tools_refused(error: ProviderError, model: str, where: str | Text) -> ProviderError:
    """``error`` as :class:`ToolsNotSupported` when it is a refusal of the tools, else as is."""
    if isinstance(error, ToolsNotSupported) or not isinstance(error, BadRequest | ServerError):
        return error
    if not refuses_tools(error.detail or error.message):
        return error
    refused = ToolsNotSupported(
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "{model} at {where} cannot use tools. Ask again without tools, or choose a "
                "model that supports them.",
            ),
            model=model,
            where=where,
        ),
        detail=error.detail,
        status=error.status,
        model=model,
    )
    refused.__cause__ = error.__cause__
    return refused
