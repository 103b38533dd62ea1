"""The shared HTTP error translation: status codes, server texts, Retry-After, safe URLs."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from desktop.core.errors import (
    AuthFailed,
    BadRequest,
    ModelNotFound,
    ProviderError,
    RateLimited,
    ServerError,
)
from desktop.providers.endpoint import Endpoint, display_url, error_text
from desktop.providers.status_errors import parse_retry_after, status_error

ENDPOINT = Endpoint(service="Example AI", url="https://user:s3cret@api.example.com/v1?key=abc")
NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("status", "kind", "advice"),
    [
        (401, AuthFailed, "API key"),
        (403, AuthFailed, "API key"),
        (404, ModelNotFound, "model name"),
        (429, RateLimited, "try again"),
        (400, BadRequest, "Check the model"),
        (422, BadRequest, "Check the model"),
        (500, ServerError, "Try again"),
        (503, ServerError, "Try again"),
    ],
)
def test_status_maps_onto_the_error_tree_with_advice(
    status: int, kind: type[ProviderError], advice: str
) -> None:
    error = status_error(status, b'{"error":"the server said so"}', httpx.Headers(), ENDPOINT)
    assert type(error) is kind
    assert error.status == status
    assert error.detail == "the server said so"
    assert advice.lower() in error.message.lower()
    assert "Example AI at https://api.example.com/v1" in error.message
    assert "s3cret" not in error.message
    assert "key=abc" not in error.message


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (b'{"error":"model \'x\' not found"}', "model 'x' not found"),
        (b'{"error":{"message":"Invalid API key","type":"auth"}}', "Invalid API key"),
        (b'{"type":"error","error":{"type":"overloaded_error","message":"Busy"}}', "Busy"),
        (b"404 page not found\n", "404 page not found"),
        (b"", ""),
        ("<html>Bad Gateway</html>", "<html>Bad Gateway</html>"),
    ],
)
def test_error_text_keeps_the_servers_own_words(body: bytes | str, text: str) -> None:
    assert error_text(body) == text


def test_retry_after_in_seconds_milliseconds_and_http_date() -> None:
    assert parse_retry_after(httpx.Headers({"Retry-After": "7"})) == 7.0
    assert parse_retry_after(httpx.Headers({"retry-after-ms": "1500", "Retry-After": "9"})) == 1.5
    date = httpx.Headers({"Retry-After": "Fri, 02 Jan 2026 03:04:35 GMT"})
    assert parse_retry_after(date, now=NOW) == 30.0
    past = httpx.Headers({"Retry-After": "Thu, 01 Jan 2026 00:00:00 GMT"})
    assert parse_retry_after(past, now=NOW) == 0.0
    assert parse_retry_after(httpx.Headers({"Retry-After": "soon"})) is None
    assert parse_retry_after(httpx.Headers()) is None


def test_rate_limit_message_says_how_long_to_wait() -> None:
    error = status_error(429, b"slow down", httpx.Headers({"Retry-After": "12.2"}), ENDPOINT)
    assert isinstance(error, RateLimited)
    assert error.retry_after == 12.2
    assert "Try again in 13 seconds" in error.message


def test_display_url_drops_credentials_and_query() -> None:
    assert display_url("http://u:p@[::1]:8080/base/?token=1#x") == "http://[::1]:8080/base"
