"""The card that previews a backup before it replaces the history.

It shows what the backup's facts table says (conversations, messages, images, the date
range, when and by which Parley it was made) and asks before anything is replaced.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.storage.backup import BackupInfo
from desktop.ui.design import Space
from desktop.ui.formatting import format_bytes, format_date
from desktop.ui.settings.section import card
from desktop.ui.strings import add_named_row, relabel_row
from desktop.ui.theme import DESTRUCTIVE, QUIET, set_kind


def _day(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d") if moment else ""


class RestorePreview(QWidget):
    restoreRequested = Signal(object)
    """The previewed backup's BackupInfo: the person pressed Restore."""
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info: BackupInfo | None = None
        frame, inner = card(self)
        self.title = QLabel()
        self.title.setObjectName("groupTitle")
        self.title.setWordWrap(True)
        self.conversations = QLabel()
        self.messages = QLabel()
        self.images = QLabel()
        self.dates = QLabel()
        self.made = QLabel()
        self.made.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.form.setHorizontalSpacing(Space.L)
        self.form.setVerticalSpacing(Space.XS)
        for value in (self.conversations, self.messages, self.images, self.dates, self.made):
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            add_named_row(self.form, value)
        self.warning = QLabel()
        self.warning.setObjectName("hint")
        self.warning.setWordWrap(True)
        self.restore = QPushButton()
        set_kind(self.restore, DESTRUCTIVE)
        self.cancel = QPushButton()
        set_kind(self.cancel, QUIET)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.restore)
        inner.addWidget(self.title)
        inner.addLayout(self.form)
        inner.addWidget(self.warning)
        inner.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(frame)
        self.restore.clicked.connect(self._restore)
        self.cancel.clicked.connect(self._dismiss)
        self.retranslate()
        self.hide()

    def show_info(self, info: BackupInfo) -> None:
        self.info = info
        self.retranslate()
        self.show()

    def retranslate(self) -> None:
        """Every text in the language now in use."""
        self.restore.setText(self.tr("Restore"))
        self.cancel.setText(self.tr("Cancel"))
        self.warning.setText(
            self.tr(
                "Your history now is replaced by this one. It is kept as a backup first, "
                "so you can undo the restore."
            )
        )
        for field, name in (
            (self.conversations, self.tr("Conversations")),
            (self.messages, self.tr("Messages")),
            (self.images, self.tr("Images")),
            (self.dates, self.tr("Dates")),
            (self.made, self.tr("Made")),
        ):
            relabel_row(field, name)
        info = self.info
        if info is None:
            return
        self.title.setText(self.tr("Restore {file}?").format(file=info.path.name))
        self.conversations.setText(f"{info.conversations:,}")
        self.messages.setText(f"{info.messages:,}")
        self.images.setText(f"{info.images:,}")
        first, last = _day(info.first_at), _day(info.last_at)
        if not first:
            self.dates.setText(self.tr("no messages"))
        elif first == last:
            self.dates.setText(first)
        else:
            self.dates.setText(self.tr("{first} to {last}").format(first=first, last=last))
        self.made.setText(
            self.tr("{when} by Parley {version} · {size}").format(
                when=format_date(info.created_at),
                version=info.app_version or "?",
                size=format_bytes(info.size),
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _restore(self) -> None:
        if self.info is not None:
            self.restoreRequested.emit(self.info)
        self.hide()

    def _dismiss(self) -> None:
        self.info = None
        self.hide()
        self.dismissed.emit()
