"""API keys in the operating system's keyring, one entry per provider id, service ``parley``.

The backend is chosen deliberately instead of through ``keyring.get_keyring()``: only
the platform's own encrypted stores are used (Secret Service or KWallet on Linux, the
macOS Keychain, the Windows Credential Locker). keyring's fail/null backends, the
plaintext and "encrypted file" backends of keyrings.alt/keyrings.cryptfile (which prompt
on a terminal) and anything else unknown count as *no backend*: keys are then kept in
memory for this run only, never in a file, and :attr:`SecretStore.persistent` is False
so the UI can say so.

The plain methods block (D-Bus, Keychain); the ``a``-prefixed ones run them in a
worker thread for the UI. A store makes one keyring call at a time: gnome-keyring answers
two at once with a spurious "Prompt dismissed" or a missing item now and then (2 of 400
rounds of three threads on a loaded machine), which would cost the session its keyring.

The ``a``-prefixed methods never pass a key to the executor as an argument nor get it
back as a bare result: executors log both at DEBUG level (qasync's does), so the key
crosses the thread inside a closure and a :class:`SealedKey`. Keys are never logged,
and ``repr`` never shows them.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import sys
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.text import QT_TRANSLATE_NOOP, Text, text

if TYPE_CHECKING:  # keyring itself loads with the first backend (off the UI thread)
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE = "parley"


@dataclass(frozen=True, slots=True)
class _TrustedBackend:
    module: str
    name: str
    label: str


TRUSTED_BACKENDS: dict[str, tuple[_TrustedBackend, ...]] = {
    "linux": (
        _TrustedBackend("keyring.backends.SecretService", "Keyring", "Secret Service"),
        _TrustedBackend("keyring.backends.libsecret", "Keyring", "Secret Service (libsecret)"),
        _TrustedBackend("keyring.backends.kwallet", "DBusKeyring", "KWallet"),
    ),
    "darwin": (_TrustedBackend("keyring.backends.macOS", "Keyring", "macOS Keychain"),),
    "win32": (
        _TrustedBackend("keyring.backends.Windows", "WinVaultKeyring", "Windows Credential Locker"),
    ),
}

_NO_KEYRING_HINT = {
    "linux": QT_TRANSLATE_NOOP(
        "core",
        "Start a Secret Service (GNOME Keyring or KWallet) and unlock it, then restart Parley.",
    ),
    "darwin": QT_TRANSLATE_NOOP(
        "core", "Check that the login Keychain is available and unlocked, then restart Parley."
    ),
    "win32": QT_TRANSLATE_NOOP(
        "core",
        "Check that the Windows Credential Manager service is running, then restart Parley.",
    ),
}
_ANY_KEYRING_HINT = QT_TRANSLATE_NOOP("core", "Install a system keyring, then restart Parley.")


def _platform() -> str:
    return "linux" if sys.platform.startswith(("linux", "freebsd", "openbsd")) else sys.platform


def _trusted_label(backend: KeyringBackend) -> str:
    """The name of ``backend`` if it is one of the platform's own stores, else ""."""
    kind = type(backend)
    for trusted in TRUSTED_BACKENDS.get(_platform(), ()):
        if kind.__module__ == trusted.module and kind.__name__ == trusted.name:
            return trusted.label
    return ""


def _describe(backend: KeyringBackend) -> str:
    kind = type(backend)
    return f"{kind.__module__}.{kind.__name__}"


def _probe() -> tuple[KeyringBackend | None, list[str]]:
    """The first working trusted backend, or None and why each one failed."""
    reasons: list[str] = []
    for trusted in TRUSTED_BACKENDS.get(_platform(), ()):
        try:
            module = importlib.import_module(trusted.module)
            backend: KeyringBackend = getattr(module, trusted.name)()
            priority = float(backend.priority)
        except Exception as error:  # an unusable backend raises anything from its probe
            reasons.append(f"{trusted.label}: {error}")
            continue
        if priority > 0:
            return backend, []
        reasons.append(f"{trusted.label}: not available")
    return None, reasons


def _what_to_do() -> Text:
    return Text(_NO_KEYRING_HINT.get(_platform(), _ANY_KEYRING_HINT))


def _details(internals: str) -> Text:
    """The system's own words (never translated), then what to do (translated)."""
    return Text("{internals}\n{todo}", {"internals": Text.plain(internals), "todo": _what_to_do()})


def choose_backend() -> tuple[KeyringBackend | None, str]:
    """The first working trusted backend for this platform, or None and why not."""
    backend, reasons = _probe()
    return (backend, "") if backend is not None else (None, _no_keyring_problem(reasons))


def _no_keyring_problem(reasons: list[str]) -> str:
    detail = f" ({'; '.join(reasons)})" if reasons else ""
    return (
        f"No system keyring is available{detail}. API keys are kept in memory for this "
        f"session only and must be entered again after a restart. {_what_to_do()}"
    )


@dataclass(frozen=True, slots=True)
class SealedKey:
    """A key crossing threads; its repr (what loggers print) never shows it."""

    value: str

    def __repr__(self) -> str:
        return "SealedKey(•••)" if self.value else "SealedKey(empty)"

    __str__ = __repr__


class SecretStore:
    """API keys by provider id: in the OS keyring if one works, else in memory for this run."""

    def __init__(
        self,
        backend: KeyringBackend | None,
        *,
        problem: str = "",
        details: Text | None = None,
    ) -> None:
        self._lock = threading.Lock()
        self._keyring_calls = threading.Lock()
        self._session: dict[str, str] = {}
        self._backend: KeyringBackend | None = None
        self.backend_name = ""
        self.problem = problem
        """Why keys are not persistent (empty when they are), in one technical sentence."""
        self.details: Text = details or Text.plain(problem)
        """The internals behind :attr:`problem` (each backend's failure, what to do),
        for a "Details" disclosure: the UI says the plain part itself."""
        if backend is not None:
            label = _trusted_label(backend)
            if label:
                self._backend, self.backend_name = backend, label
            else:
                self.problem = (
                    f"The keyring backend {_describe(backend)} is not a system keyring (it "
                    "does not work, or keeps keys in a plain or terminal-locked file), so it "
                    "is not used. API keys are kept in memory for this session only."
                )
                self.details = text(
                    QT_TRANSLATE_NOOP(
                        "core", "{backend} is not one of this platform's own keyrings. {todo}"
                    ),
                    backend=_describe(backend),
                    todo=_what_to_do(),
                )
        elif not problem:
            self.problem = (
                "No keyring is in use. API keys are kept in memory for this session only."
            )

    @classmethod
    def open(cls) -> SecretStore:
        """The store on this platform's own keyring (blocking: it probes D-Bus)."""
        backend, reasons = _probe()
        if backend is not None:
            return cls(backend)
        return cls(None, problem=_no_keyring_problem(reasons), details=_details("\n".join(reasons)))

    @property
    def persistent(self) -> bool:
        """Whether keys outlive this run (they are in a working system keyring)."""
        return self._backend is not None

    def get(self, provider_id: str) -> str:
        """The key for ``provider_id``, or "" when none is stored."""
        with self._lock:
            if provider_id in self._session:
                return self._session[provider_id]
            backend = self._backend
        if backend is None:
            return ""
        from keyring.errors import KeyringError

        try:
            with self._keyring_calls:
                key = backend.get_password(SERVICE, provider_id) or ""
        except KeyringError as error:
            self._lose_backend(f"reading a key failed: {type(error).__name__}")
            return ""
        with self._lock:
            self._session.setdefault(provider_id, key)
            return self._session[provider_id]

    def set(self, provider_id: str, key: str) -> None:
        """Remember ``key`` for ``provider_id``; an empty key deletes it."""
        if not key:
            self.delete(provider_id)
            return
        with self._lock:
            self._session[provider_id] = key
            backend = self._backend
        if backend is None:
            return
        from keyring.errors import KeyringError

        try:
            with self._keyring_calls:
                backend.set_password(SERVICE, provider_id, key)
        except KeyringError as error:
            self._lose_backend(f"saving a key failed: {type(error).__name__}")

    def delete(self, provider_id: str) -> None:
        with self._lock:
            self._session.pop(provider_id, None)
            backend = self._backend
        if backend is None:
            return
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            with self._keyring_calls:
                backend.delete_password(SERVICE, provider_id)
        except PasswordDeleteError:
            pass  # nothing was stored
        except KeyringError as error:
            self._lose_backend(f"deleting a key failed: {type(error).__name__}")

    async def aget(self, provider_id: str) -> str:
        """:meth:`get` in a worker thread."""
        sealed = await asyncio.to_thread(lambda: SealedKey(self.get(provider_id)))
        return sealed.value

    async def aset(self, provider_id: str, key: str) -> None:
        """:meth:`set` in a worker thread."""
        await asyncio.to_thread(lambda: self.set(provider_id, key))

    async def adelete(self, provider_id: str) -> None:
        """:meth:`delete` in a worker thread."""
        await asyncio.to_thread(lambda: self.delete(provider_id))

    def _lose_backend(self, what: str) -> None:
        """The keyring stopped working: keep going on session-only keys, and say so."""
        log.warning(
            "the %s keyring failed (%s); keys are kept for this session", self.backend_name, what
        )
        with self._lock:
            label = self.backend_name
            self._backend = None
            self.problem = (
                f"The {label} keyring stopped working ({what}). API keys entered now are kept "
                "in memory for this session only. Unlock or restart the keyring, then restart "
                "Parley."
            )
            self.details = text(
                QT_TRANSLATE_NOOP(
                    "core",
                    "{label}: {what}. Unlock or restart the keyring, then restart Parley.",
                ),
                label=label,
                what=Text.plain(what),
            )

    def __repr__(self) -> str:
        where = self.backend_name or "memory only"
        return f"<SecretStore {where}, {len(self._session)} key(s) held>"
