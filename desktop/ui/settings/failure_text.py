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
from desktop.providers.endpoint import display_url
from desktop.ui.strings import translated


def _headlines() -> dict[type[ProviderError], str]:
    """Each kind of failure's headline, in the current language (literal ``_tr`` calls,
    so the translation tools find them)."""
    return {
        KeyNotConfirmed: QCoreApplication.translate("FailureText", "Key not sent"),
        KeyNotChecked: QCoreApplication.translate("FailureText", "Key not checked"),
        AuthFailed: QCoreApplication.translate("FailureText", "Bad API key"),
        ModelNotFound: QCoreApplication.translate("FailureText", "Wrong URL"),
        QuotaExceeded: QCoreApplication.translate("FailureText", "Quota used up"),
        RateLimited: QCoreApplication.translate("FailureText", "Rate limited"),
        ProviderTimeout: QCoreApplication.translate("FailureText", "No answer"),
        ProtocolError: QCoreApplication.translate("FailureText", "Not the expected service"),
        TlsFailed: QCoreApplication.translate("FailureText", "TLS failure"),
        ProxyFailed: QCoreApplication.translate("FailureText", "Proxy failure"),
        HostNotFound: QCoreApplication.translate("FailureText", "Unknown host"),
        InvalidAddress: QCoreApplication.translate("FailureText", "Invalid URL"),
        ConnectionFailed: QCoreApplication.translate("FailureText", "Cannot connect"),
        BadRequest: QCoreApplication.translate("FailureText", "Request refused"),
        ServerError: QCoreApplication.translate("FailureText", "Server error"),
        StreamInterrupted: QCoreApplication.translate("FailureText", "Connection broke"),
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
    return QCoreApplication.translate("FailureText", "Failed")


def failure_text(error: ProviderError, *, proxy_url: str = "") -> str:
    text = f"{headline(error, proxy_url=proxy_url)}: {translated(error)}"
    if proxy_url and type(error) is ConnectionFailed:
        text += " " + QCoreApplication.translate(
            "FailureText",
            "The connection goes through the proxy {proxy}: check that it is running, or "
            "choose System proxy or No proxy.",
        ).format(proxy=display_url(proxy_url))
    return text
