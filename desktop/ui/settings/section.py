"""The frame every settings section shares: a heading, what it is for, its content."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop.ui.design import Space


class Section(QWidget):
    """``body`` takes the section's content; the heading and subtitle are set here."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.heading.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("sectionSubtitle")
        self.subtitle.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Space.XL, Space.XL, Space.XL, Space.L)
        layout.setSpacing(Space.XS)
        layout.addWidget(self.heading)
        layout.addWidget(self.subtitle)
        layout.addSpacing(Space.M)
        self.body = QVBoxLayout()
        self.body.setSpacing(Space.M)
        layout.addLayout(self.body, 1)

    def title(self) -> str:
        return self.heading.text()

    def set_heading(self, title: str, subtitle: str) -> None:
        self.heading.setText(title)
        self.subtitle.setText(subtitle)


def card(parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    """A rounded, bordered card and its layout."""
    frame = QFrame(parent)
    frame.setObjectName("settingsCard")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(Space.L, Space.M, Space.L, Space.M)
    layout.setSpacing(Space.S)
    return frame, layout
