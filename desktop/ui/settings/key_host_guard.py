"""The question asked before a stored API key may go to a new host.

A key is confirmed for one host (``ProviderConfig.key_host``). When the base URL moves to
another host while a key is stored and none is typed, this note and checkbox appear;
until the box is ticked the provider keeps the old host and refuses to send the key
there (desktop.providers.credentials).
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget


class KeyHostGuard(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.confirm = QCheckBox()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.confirm)
        self.moved = False

    def update_for(self, *, stored_key: bool, typed_key: bool, host: str, confirmed: str) -> bool:
        """Word the question for ``host``; returns whether it must be asked."""
        self.moved = stored_key and not typed_key and bool(host) and host != confirmed
        if self.moved:
            self.note.setText(
                self.tr(
                    "The stored API key was confirmed for {old}. It is not sent to {new} "
                    "unless you confirm."
                ).format(old=confirmed, new=host)
                if confirmed
                else self.tr(
                    "The stored API key has not been confirmed for any address yet. It is "
                    "sent to {new} only when you confirm."
                ).format(new=host)
            )
            self.confirm.setText(self.tr("Send the API key to {new}").format(new=host))
        else:
            self.confirm.setChecked(False)
        return self.moved

    def key_host(self, host: str, confirmed: str) -> str:
        """The host the stored key may go to: the new one only once confirmed."""
        return confirmed if self.moved and not self.confirm.isChecked() else host
