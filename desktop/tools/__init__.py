"""MCP servers as a source of tools: their settings, the JSON people paste, the processes
and sessions behind them (on the official ``mcp`` SDK), and :class:`McpToolSource`.

No Qt here: the Tools page (desktop/ui/tools) and the chat's tool loop use it through
plain calls, coroutines and :class:`~desktop.core.listeners.Listeners`.
"""
