"""A headline for a failed "Test connection", naming the kind of problem first.

The error tree already carries an actionable message; the headline says in two words
which of the usual suspects it is (bad key, wrong URL, TLS, proxy), read from the error
type and, for connection failures, from the transport's own words in ``detail``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core.errors import (
    AuthFailed,
    ConnectionFailed,
    ModelNotFound,
    ProtocolError,
    ProviderError,
    ProviderTimeout,
    RateLimited,
)
from desktop.providers.credentials import KeyNotConfirmed
from desktop.providers.http_client import display_url
from desktop.ui.i18n_core import core_text

TLS_WORDS = ("certificate", "ssl", "tls", "handshake")
PROXY_WORDS = ("proxy", "socks")


def _tr(text: str) -> str:
    return QCoreApplication.translate("FailureText", text)


def headline(error: ProviderError, *, proxy_url: str = "") -> str:
    """``proxy_url``: the provider's own proxy, which a connection failure may be about."""
    said = f"{error.message} {error.detail}".lower()
    if isinstance(error, KeyNotConfirmed):
        return _tr("Key not sent")
    if isinstance(error, AuthFailed):
        return _tr("Bad API key")
    if isinstance(error, ModelNotFound):
        return _tr("Wrong URL")
    if isinstance(error, RateLimited):
        return _tr("Rate limited")
    if isinstance(error, ProviderTimeout):
        return _tr("No answer")
    if isinstance(error, ProtocolError):
        return _tr("Not the expected service")
    if any(word in said for word in TLS_WORDS):
        return _tr("TLS failure")
    if any(word in said for word in PROXY_WORDS) or (
        proxy_url and isinstance(error, ConnectionFailed)
    ):
        return _tr("Proxy failure")
    if isinstance(error, ConnectionFailed):
        if "not a valid url" in said:
            return _tr("Invalid URL")
        return _tr("Cannot connect")
    return _tr("Failed")


def failure_text(error: ProviderError, *, proxy_url: str = "") -> str:
    text = f"{headline(error, proxy_url=proxy_url)}: {core_text(error.message)}"
    if proxy_url and isinstance(error, ConnectionFailed) and "proxy" not in error.message.lower():
        text += " " + _tr(
            "The connection goes through the proxy {proxy}: check that it is running, or "
            "choose System proxy or No proxy."
        ).format(proxy=display_url(proxy_url))
    return text
