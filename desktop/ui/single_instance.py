"""One Parley per person and config dir: a second launch asks the first to come forward.

The first instance listens on a local socket (a Unix socket or a Windows named pipe)
whose name is derived from the user and the config dir, so private config dirs (tests,
portable installs) get their own instance.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

_RAISE = b"raise\n"


def instance_key(config_dir: Path) -> str:
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "user"
    digest = hashlib.sha256(f"{user}\0{config_dir.resolve()}".encode()).hexdigest()
    return f"parley-{digest[:20]}"


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
        self._server: QLocalServer | None = None
        self._clients: list[QLocalSocket] = []

    def notify_running(self, timeout_ms: int = 1000) -> bool:
        """True if another instance answered and was asked to raise its window."""
        socket = QLocalSocket()
        socket.connectToServer(self.key)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(_RAISE)
        sent = socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.waitForDisconnected(timeout_ms)
        return sent

    def claim(self) -> bool:
        """True if this launch should run; False if a running instance took it over."""
        if self.notify_running():
            return False
        if self._listen():
            return True
        if self.notify_running():  # another launch won a race to listen
            return False
        QLocalServer.removeServer(self.key)  # left behind by a crashed instance
        if not self._listen():
            log.warning("single instance: cannot listen on %s", self.key)
        return True

    def _listen(self) -> bool:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.key):
            server.deleteLater()
            return False
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _accept(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            self._clients.append(socket)
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            if bytes(socket.readLine().data()) == _RAISE:
                log.info("another launch asked this window to come forward")
                self.activationRequested.emit()

    def _drop(self, socket: QLocalSocket) -> None:
        self._read(socket)
        if socket in self._clients:
            self._clients.remove(socket)
        socket.deleteLater()
