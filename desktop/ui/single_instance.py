"""One Parley per person and config dir: a second launch asks the first to come forward.

The first instance listens on a local socket whose name is derived from the user and the
config dir, so private config dirs (tests, portable installs) get their own instance. On
Linux and macOS it is a Unix socket at the place QLocalServer would use (the temporary
folder), served with Python's socket module and a QSocketNotifier: QtNetwork and its
types cost ~15 ms of every start. Windows uses QtNetwork's named pipes.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import logging
import os
import socket
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

_RAISE = b"raise\n"
UNIX = hasattr(socket, "AF_UNIX")


def instance_key(config_dir: Path) -> str:
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "user"
    digest = hashlib.sha256(f"{user}\0{config_dir.resolve()}".encode()).hexdigest()
    return f"parley-{digest[:20]}"


def socket_path(key: str) -> str:
    """Where QLocalServer puts a server named ``key`` on Unix: in QDir::tempPath()."""
    return os.path.join(os.path.normpath(os.environ.get("TMPDIR") or "/tmp"), key)


def bring_to_front(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


class SingleInstance(QObject):
    """Either forwards this launch to a running instance or becomes the running one."""

    activationRequested = Signal()

    def __init__(self, key: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self._listener: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._clients: dict[socket.socket, tuple[QSocketNotifier, bytearray]] = {}
        self._server: QLocalServer | None = None
        self._qt_clients: list[QLocalSocket] = []

    def notify_running(self, timeout_ms: int = 1000) -> bool:
        """True if another instance answered and was asked to raise its window."""
        if not UNIX:
            return self._qt_notify_running(timeout_ms)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(timeout_ms / 1000)
            try:
                client.connect(socket_path(self.key))
                client.sendall(_RAISE)
            except OSError:
                return False
        return True

    def claim(self) -> bool:
        """True if this launch should run; False if a running instance took it over."""
        if self.notify_running():
            return False
        if self._listen():
            return True
        if self.notify_running():  # another launch won a race to listen
            return False
        self._remove_stale()  # left behind by a crashed instance
        if not self._listen():
            log.warning("single instance: cannot listen on %s", self.key)
        return True

    def close(self) -> None:
        for client in list(self._clients):
            self._drop(client)
        if self._listener is not None:
            assert self._notifier is not None
            self._notifier.setEnabled(False)
            self._listener.close()
            self._listener = None
            with contextlib.suppress(OSError):
                os.unlink(socket_path(self.key))
        if self._server is not None:
            self._server.close()
            self._server = None

    # -- Unix socket -------------------------------------------------------------
    def _listen(self) -> bool:
        if not UNIX:
            return self._qt_listen()
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        mask = os.umask(0o077)  # only this user may connect, as QLocalServer's UserAccess
        try:
            listener.bind(socket_path(self.key))
            listener.listen(8)
        except OSError:
            listener.close()
            return False
        finally:
            os.umask(mask)
        listener.setblocking(False)
        self._listener = listener
        self._notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)
        return True

    def _remove_stale(self) -> None:
        if not UNIX:
            from PySide6.QtNetwork import QLocalServer

            QLocalServer.removeServer(self.key)
            return
        with contextlib.suppress(OSError):
            os.unlink(socket_path(self.key))

    def _accept(self) -> None:
        assert self._listener is not None
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:  # nobody else waiting (BlockingIOError) or the socket closed
                return
            client.setblocking(False)
            notifier = QSocketNotifier(client.fileno(), QSocketNotifier.Type.Read, self)
            self._clients[client] = (notifier, bytearray())
            notifier.activated.connect(lambda *_, c=client: self._read(c))
            self._read(client)

    def _read(self, client: socket.socket) -> None:
        if client not in self._clients:
            return
        _, pending = self._clients[client]
        try:
            data = client.recv(4096)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        pending += data
        while (end := pending.find(b"\n")) >= 0:
            line = bytes(pending[: end + 1])
            del pending[: end + 1]
            if line == _RAISE:
                log.info("another launch asked this window to come forward")
                self.activationRequested.emit()
        if not data:  # the other launch has said its piece and gone
            self._drop(client)

    def _drop(self, client: socket.socket) -> None:
        notifier, _ = self._clients.pop(client)
        notifier.setEnabled(False)
        notifier.deleteLater()
        client.close()

    # -- QtNetwork (Windows) -----------------------------------------------------
    def _qt_notify_running(self, timeout_ms: int) -> bool:
        from PySide6.QtNetwork import QLocalSocket

        client = QLocalSocket()
        client.connectToServer(self.key)
        if not client.waitForConnected(timeout_ms):
            return False
        client.write(_RAISE)
        sent = client.waitForBytesWritten(timeout_ms)
        client.disconnectFromServer()
        if client.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            client.waitForDisconnected(timeout_ms)
        return sent

    def _qt_listen(self) -> bool:
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.key):
            server.deleteLater()
            return False
        server.newConnection.connect(self._qt_accept)
        self._server = server
        return True

    def _qt_accept(self) -> None:
        assert self._server is not None
        while (client := self._server.nextPendingConnection()) is not None:
            self._qt_clients.append(client)
            client.readyRead.connect(lambda c=client: self._qt_read(c))
            client.disconnected.connect(lambda c=client: self._qt_drop(c))
            self._qt_read(client)

    def _qt_read(self, client: QLocalSocket) -> None:
        while client.canReadLine():
            if bytes(client.readLine().data()) == _RAISE:
                log.info("another launch asked this window to come forward")
                self.activationRequested.emit()

    def _qt_drop(self, client: QLocalSocket) -> None:
        self._qt_read(client)
        if client in self._qt_clients:
            self._qt_clients.remove(client)
        client.deleteLater()
