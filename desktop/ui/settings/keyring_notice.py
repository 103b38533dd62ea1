"""Where API keys are kept, said once: a quiet line, or a plain warning with Details.

Without a system keyring the warning says in one sentence what it means for the person;
the internals (which backend failed and why: DBUS_SESSION_BUS_ADDRESS, a missing
python-dbus…) wait behind "Details".
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.storage.secrets import SecretStore
from desktop.ui.design import Space
from desktop.ui.strings import translated
from desktop.ui.theme import QUIET, set_kind


class KeyringNotice(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ok_line = QLabel()
        self.ok_line.setObjectName("keyringOk")
        self.ok_line.setWordWrap(True)
        self.warning = QFrame()
        self.warning.setObjectName("keyringNotice")
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.details_button = QPushButton()
        set_kind(self.details_button, QUIET)
        self.details_button.setCheckable(True)
        self.details = QLabel()
        self.details.setObjectName("keyringDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setVisible(False)
        top = QHBoxLayout()
        top.addWidget(self.headline, 1)
        top.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignTop)
        inner = QVBoxLayout(self.warning)
        inner.setContentsMargins(Space.M, Space.S, Space.M, Space.S)
        inner.addLayout(top)
        inner.addWidget(self.details)
        self.warning.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.ok_line)
        layout.addWidget(self.warning)
        self.details_button.toggled.connect(self.details.setVisible)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.ok_line.setText(self.tr("Looking for the system keyring…"))
        self.headline.setText(
            self.tr(
                "No system keyring was found, so API keys you enter are kept only until "
                "Parley closes."
            )
        )
        self.details_button.setText(self.tr("Details"))
        self.details_button.setAccessibleName(self.tr("Show why there is no keyring"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def show_store(self, secrets: SecretStore) -> None:
        persistent = secrets.persistent
        self.ok_line.setVisible(persistent)
        self.warning.setVisible(not persistent)
        if persistent:
            self.ok_line.setText(
                self.tr(
                    "API keys are kept in the system keyring ({name}), never in a file."
                ).format(name=translated(secrets.backend_name))
            )
        else:
            self.details.setText(translated(secrets.details))

    def shown_text(self) -> str:
        """What a person reads without opening Details."""
        return self.ok_line.text() if self.ok_line.isVisibleTo(self) else self.headline.text()
