"""The Tools page: the MCP servers that give models tools (desktop.tools does the work)."""
