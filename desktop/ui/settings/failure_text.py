"""A headline for a failed "Test connection", naming the kind of problem first.

The error tree already carries an actionable message; the headline says in two words
which of the usual suspects it is (bad key, wrong URL, TLS, proxy). It is chosen from
the error's class (the nearest one in its ancestry that has a headline), never from
the words of the message: a provider named "LiteLLM proxy" is not a proxy failure.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core.errors import (
    AuthFailed,
    BadRequest,
    ConnectionFailed,
    HostNotFound,
    InvalidAddress,
    KeyNotChecked,
    ModelNotFound,
    ProtocolError,
    ProviderError,
    ProviderTimeout,
    ProxyFailed,
    QuotaExceeded,
    RateLimited,
    ServerError,
    StreamInterrupted,
    TlsFailed,
)
from desktop.providers.credentials import KeyNotConfirmed
from desktop.providers.http_client import display_url
from desktop.ui.i18n_core import core_text


def _tr(text: str) -> str:
    return QCoreApplication.translate("FailureText", text)


def _headlines() -> dict[type[ProviderError], str]:
    """Each kind of failure's headline, in the current language (literal ``_tr`` calls,
    so the translation tools find them)."""
    return {
        KeyNotConfirmed: _tr("Key not sent"),
        KeyNotChecked: _tr("Key not checked"),
        AuthFailed: _tr("Bad API key"),
        ModelNotFound: _tr("Wrong URL"),
        QuotaExceeded: _tr("Quota used up"),
        RateLimited: _tr("Rate limited"),
        ProviderTimeout: _tr("No answer"),
        ProtocolError: _tr("Not the expected service"),
        TlsFailed: _tr("TLS failure"),
        ProxyFailed: _tr("Proxy failure"),
        HostNotFound: _tr("Unknown host"),
        InvalidAddress: _tr("Invalid URL"),
        ConnectionFailed: _tr("Cannot connect"),
        BadRequest: _tr("Request refused"),
        ServerError: _tr("Server error"),
        StreamInterrupted: _tr("Connection broke"),
    }


def headline(error: ProviderError, *, proxy_url: str = "") -> str:
    """The headline of the nearest class in ``error``'s ancestry that has one.

    ``proxy_url``: the provider's own proxy. Every connection goes to it, so a plain
    connection failure of a provider with a proxy set is the proxy not answering.
    """
    headlines = _headlines()
    if type(error) is ConnectionFailed and proxy_url:
        return headlines[ProxyFailed]
    for kind in type(error).__mro__:
        if kind in headlines:
            return headlines[kind]
    return _tr("Failed")


def failure_text(error: ProviderError, *, proxy_url: str = "") -> str:
    text = f"{headline(error, proxy_url=proxy_url)}: {core_text(error.message)}"
    if proxy_url and type(error) is ConnectionFailed:
        text += " " + _tr(
            "The connection goes through the proxy {proxy}: check that it is running, or "
            "choose System proxy or No proxy."
        ).format(proxy=display_url(proxy_url))
    return text
