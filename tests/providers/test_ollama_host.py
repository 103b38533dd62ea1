"""Finding Ollama: Settings value, then OLLAMA_HOST as Ollama's clients read it, then default."""

from __future__ import annotations

import pytest

from desktop.providers.ollama_host import DEFAULT_OLLAMA_HOST, resolve_ollama_host

IPV6 = "[0001:002:003:0004::1]"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1.2.3.4", "http://1.2.3.4:11434"),
        (":56789", "http://127.0.0.1:56789"),
        ("1.2.3.4:56789", "http://1.2.3.4:56789"),
        ("http://1.2.3.4", "http://1.2.3.4:80"),
        ("https://1.2.3.4", "https://1.2.3.4:443"),
        ("https://1.2.3.4:56789", "https://1.2.3.4:56789"),
        ("example.com", "http://example.com:11434"),
        ("example.com:56789", "http://example.com:56789"),
        ("http://example.com", "http://example.com:80"),
        ("https://example.com", "https://example.com:443"),
        ("example.com/", "http://example.com:11434"),
        ("example.com/path", "http://example.com:11434/path"),
        ("https://example.com:56789/path/", "https://example.com:56789/path"),
        (IPV6, f"http://{IPV6}:11434"),
        (f"{IPV6}:56789", f"http://{IPV6}:56789"),
        (f"http://{IPV6}", f"http://{IPV6}:80"),
        (f"https://{IPV6}:56789/path/", f"https://{IPV6}:56789/path"),
        ("0.0.0.0", "http://127.0.0.1:11434"),
        ("0.0.0.0:8080", "http://127.0.0.1:8080"),
        ("[::]:8080", "http://[::1]:8080"),
        ("  localhost:11434  ", "http://localhost:11434"),
        ("ollama.com", "https://ollama.com:443"),
    ],
)
def test_ollama_host_forms(value: str, expected: str) -> None:
    assert resolve_ollama_host(None, {"OLLAMA_HOST": value}) == expected


def test_settings_value_wins_over_the_environment() -> None:
    environ = {"OLLAMA_HOST": "10.0.0.9:1234"}
    assert resolve_ollama_host("gpu-box:9999/", environ) == "http://gpu-box:9999"


def test_blank_settings_fall_back_to_environment_then_default() -> None:
    assert resolve_ollama_host("  ", {"OLLAMA_HOST": ":5555"}) == "http://127.0.0.1:5555"
    assert resolve_ollama_host(None, {"OLLAMA_HOST": ""}) == DEFAULT_OLLAMA_HOST
    assert resolve_ollama_host("", {}) == DEFAULT_OLLAMA_HOST


def test_process_environment_is_read_when_none_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_ollama_host(None) == DEFAULT_OLLAMA_HOST
    monkeypatch.setenv("OLLAMA_HOST", "https://ollama.example.org")
    assert resolve_ollama_host(None) == "https://ollama.example.org:443"


@pytest.mark.parametrize(
    ("value", "explanation"),
    [
        ("localhost:abc", "port"),
        ("localhost:70000", "port"),
        ("localhost:0", "port"),
        ("ftp://files.example.com", "scheme"),
        ("http://", "no host"),
        ("::1", "brackets"),
        ("[::1:11434", "brackets"),
        ("my host", "not a valid host name"),
    ],
)
def test_invalid_values_say_what_is_wrong_and_where_it_came_from(
    value: str, explanation: str
) -> None:
    with pytest.raises(ValueError, match="OLLAMA_HOST") as from_env:
        resolve_ollama_host(None, {"OLLAMA_HOST": value})
    assert explanation in str(from_env.value)
    with pytest.raises(ValueError, match="in Settings") as from_settings:
        resolve_ollama_host(value, {})
    assert explanation in str(from_settings.value)
