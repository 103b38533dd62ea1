"""Fixtures of the Models page tests: the window pointed at the Ollama test server."""

from __future__ import annotations

import pytest

from tests.servers.ollama_server import OllamaServer


@pytest.fixture
def ollama_env(ollama_server: OllamaServer, monkeypatch: pytest.MonkeyPatch) -> OllamaServer:
    monkeypatch.setenv("OLLAMA_HOST", ollama_server.url)
    return ollama_server
