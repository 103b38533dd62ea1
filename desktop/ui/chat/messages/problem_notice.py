"""What went wrong with an answer, where it happened: a tinted notice with Retry.

Built only for an answer that failed or was interrupted; statistics and "Stopped" stay on
the answer's muted footer line.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.ui.icons import icon

ICON_PX = 16


class ProblemNotice(QFrame):
    """The failure in words (the server's own included), and Retry when it can help."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerProblem")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.setSpacing(8)
        self._mark = QLabel()
        self._mark.setContentsMargins(0, 1, 0, 0)  # beside the first line of text
        self._draw_mark()
        layout.addWidget(self._mark, 0, Qt.AlignmentFlag.AlignTop)
        self.label = QLabel()
        self.label.setObjectName("answerProblemText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1, Qt.AlignmentFlag.AlignTop)
        # Texts in the context they always had: "MessageBubble".
        self.retry_button = QPushButton()
        self.retry_button.setObjectName("retryButton")
        self.retry_button.setIcon(icon("refresh-cw"))
        self.retranslate()
        self.retry_button.hide()
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.retry_button.setText(QCoreApplication.translate("MessageBubble", "Retry"))
        self.retry_button.setAccessibleName(
            QCoreApplication.translate("MessageBubble", "Ask the model again")
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._draw_mark()  # in the new look's colour
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _draw_mark(self) -> None:
        self._mark.setPixmap(icon("circle-alert", "warning").pixmap(QSize(ICON_PX, ICON_PX)))

    def show_problem(self, text: str, *, retry: bool) -> None:
        """Show ``text`` ("" hides the notice), with Retry if ``retry``."""
        self.label.setText(text)
        self.retry_button.setVisible(retry)
        self.setVisible(bool(text))

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()
