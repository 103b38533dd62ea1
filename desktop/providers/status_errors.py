"""An HTTP error status (>= 400) as an error of the tree, with advice a person can act on.

Every provider family reuses :func:`status_error`, so the same kind of refusal reads
the same whichever service sent it. The body's ``type``/``code`` come before the status
(a wrong LiteLLM key is a 400, a used-up quota a 429); ``Retry-After`` is honoured.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from desktop.core.errors import (
    AuthFailed,
    BadRequest,
    KeyNotChecked,
    ModelNotFound,
    ProviderError,
    QuotaExceeded,
    RateLimited,
    ServerError,
)
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.providers.endpoint import LITELLM, Endpoint, display_url, error_text, truncate
from desktop.providers.error_body import (
    AUTH_KINDS,
    CONTEXT_KINDS,
    KEY_NOT_CHECKED_KINDS,
    MODEL_KINDS,
    QUOTA_KINDS,
    RATE_KINDS,
    TOO_LARGE_KINDS,
    ErrorBody,
    read_error_body,
)

if TYPE_CHECKING:  # httpx (~60 ms) is imported on the first request, after the first paint
    import httpx


def parse_retry_after(headers: httpx.Headers, now: datetime | None = None) -> float | None:
    """Seconds to wait from ``retry-after-ms`` or ``Retry-After`` (seconds or an HTTP-date)."""
    millis = _number(headers.get("retry-after-ms"))
    if millis is not None:
        return max(millis / 1000, 0.0)
    value = headers.get("retry-after")
    if value is None:
        return None
    seconds = _number(value)
    if seconds is not None:
        return max(seconds, 0.0)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - (now or datetime.now(UTC))).total_seconds(), 0.0)


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def status_error(
    status: int, body: bytes | str, headers: httpx.Headers, endpoint: Endpoint
) -> ProviderError:
    """The error for an HTTP status >= 400; ``detail`` is the server's text.

    The body's ``type``/``code`` come before the status: a wrong LiteLLM key is a 400
    ``no_db_connection``, a used-up quota a 429 ``insufficient_quota``.
    """
    detail = error_text(body)
    said = _said(detail)
    where = endpoint.where
    kinds = read_error_body(body)
    if kinds.any_of(KEY_NOT_CHECKED_KINDS) or _litellm_without_db(status, kinds, endpoint):
        return _key_not_checked(status, detail, endpoint)
    if status in (401, 403) or kinds.any_of(AUTH_KINDS):
        return _key_refused(status, detail, said, endpoint)
    if status == 404 or kinds.any_of(MODEL_KINDS):
        return ModelNotFound(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{where} does not know the model or address requested (HTTP {status}). "
                    "Check the model name and the endpoint URL in Settings.{said}",
                ),
                where=where,
                status=status,
                said=said,
            ),
            detail=detail,
            status=status,
        )
    if kinds.any_of(QUOTA_KINDS):
        return QuotaExceeded(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{where} refused the request because the account's quota or credit is "
                    "used up (HTTP {status}). Check the plan and billing of the account; "
                    "waiting will not help.{said}",
                ),
                where=where,
                status=status,
                said=said,
            ),
            detail=detail,
            status=status,
        )
    if status == 429 or kinds.any_of(RATE_KINDS):
        retry_after = parse_retry_after(headers)
        wait = (
            text(
                QT_TRANSLATE_NOOP("core", "Try again in {seconds} seconds."),
                seconds=math.ceil(retry_after),
            )
            if retry_after is not None
            else Text(QT_TRANSLATE_NOOP("core", "Wait a moment and try again."))
        )
        return RateLimited(
            text(
                QT_TRANSLATE_NOOP(
                    "core", "{where} is limiting how many requests you may send. {wait}"
                ),
                where=where,
                wait=wait,
            ),
            detail=detail,
            status=status,
            retry_after=retry_after,
        )
    if status == 413 or kinds.any_of(TOO_LARGE_KINDS):
        return BadRequest(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The request was too large for {where} (HTTP {status}). Start a new "
                    "conversation, or attach fewer or smaller images.{said}",
                ),
                where=where,
                status=status,
                said=said,
            ),
            detail=detail,
            status=status,
        )
    if kinds.any_of(CONTEXT_KINDS):
        return BadRequest(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "The conversation is longer than the model at {where} can read (HTTP "
                    "{status}). Start a new conversation, or choose a model with a larger "
                    "context window.{said}",
                ),
                where=where,
                status=status,
                said=said,
            ),
            detail=detail,
            status=status,
        )
    if 400 <= status < 500:
        return BadRequest(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{where} rejected the request (HTTP {status}).{said} Check the model and "
                    "its options.",
                ),
                where=where,
                status=status,
                said=said,
            ),
            detail=detail,
            status=status,
        )
    return ServerError(
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "{where} had an internal problem (HTTP {status}).{said} Try again in a "
                "moment; if it keeps happening, check the server's logs.",
            ),
            where=where,
            status=status,
            said=said,
        ),
        detail=detail,
        status=status,
    )


def _said(detail: str) -> Text:
    """ " It said: …" with the server's own words (never translated), or nothing."""
    if not detail:
        return Text.plain("")
    return text(
        QT_TRANSLATE_NOOP("core", " It said: {words}"), words=Text.plain(truncate(detail, 200))
    )


def _key_refused(status: int, detail: str, said: Text, endpoint: Endpoint) -> AuthFailed:
    service = Text(endpoint.service)
    if endpoint.key_sent is False and status == 401:
        return AuthFailed(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{where} asks for an API key (HTTP 401), and none is set. Enter the "
                    "API key of {service} in Settings.{said}",
                ),
                where=endpoint.where,
                service=service,
                said=said,
            ),
            detail=detail,
            status=status,
        )
    return AuthFailed(
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "{where} refused access (HTTP {status}). Check the API key of {service} and "
                "the endpoint in Settings.{said}",
            ),
            where=endpoint.where,
            status=status,
            service=service,
            said=said,
        ),
        detail=detail,
        status=status,
    )


def _litellm_without_db(status: int, kinds: ErrorBody, endpoint: Endpoint) -> bool:
    """LiteLLM's plain-text 500: a key that is not the master key, and no prisma to look
    it up with (or no key at all)."""
    return endpoint.gateway == LITELLM and status == 500 and not kinds.is_json


def _key_not_checked(status: int, detail: str, endpoint: Endpoint) -> AuthFailed:
    url = display_url(endpoint.url)
    service = Text(endpoint.service)
    if endpoint.key_sent is False:
        return AuthFailed(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "LiteLLM at {url} asks for a key (HTTP {status}), and none is set. Enter "
                    "LiteLLM's master key as the API key of {service} in Settings.",
                ),
                url=url,
                status=status,
                service=service,
            ),
            detail=detail,
            status=status,
        )
    if status >= 500:  # no body to say why: name the usual cause, and where to look
        return KeyNotChecked(
            text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "LiteLLM at {url} failed while checking the API key of {service} (HTTP "
                    "{status}), as it does when a key other than its master key needs a "
                    "database it cannot reach (the prisma extra is not installed). Enter the "
                    "master key in Settings, or see LiteLLM's log.",
                ),
                url=url,
                service=service,
                status=status,
            ),
            detail=detail,
            status=status,
        )
    return KeyNotChecked(
        text(
            QT_TRANSLATE_NOOP(
                "core",
                "LiteLLM at {url} could not check the API key of {service} (HTTP {status}): "
                "a key other than LiteLLM's master key is looked up in its database, and "
                "none is connected. Enter the master key in Settings, or connect a database "
                "to LiteLLM.",
            ),
            url=url,
            service=service,
            status=status,
        ),
        detail=detail,
        status=status,
    )
