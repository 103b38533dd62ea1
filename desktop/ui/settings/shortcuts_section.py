"""Settings → Shortcuts: every window shortcut, as the F1 sheet lists them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from desktop.ui.design import Space
from desktop.ui.settings.section import Section, card
from desktop.ui.shell.shortcuts import SHORTCUTS, shown_keys


class ShortcutsSection(Section):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_heading(
            self.tr("Shortcuts"),
            self.tr("Keys that work anywhere in the window. F1 shows them too."),
        )
        frame, inner = card()
        grid = QGridLayout()
        grid.setHorizontalSpacing(Space.XL)
        grid.setVerticalSpacing(Space.S)
        grid.setColumnStretch(1, 1)
        self.rows: list[tuple[QLabel, QLabel]] = []
        for row, shortcut in enumerate(SHORTCUTS):
            keys = QLabel(shown_keys(shortcut.keys))
            keys.setObjectName("shortcutKeyCap")
            what = QLabel(QCoreApplication.translate("Shortcuts", shortcut.what))
            what.setWordWrap(True)
            keys.setBuddy(what)
            grid.addWidget(keys, row, 0, Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(what, row, 1)
            self.rows.append((keys, what))
        inner.addLayout(grid)
        self.body.addWidget(frame)
        self.body.addStretch(1)

    def retranslate(self) -> None:
        """Every text in the language now in use."""
        self.set_heading(
            self.tr("Shortcuts"),
            self.tr("Keys that work anywhere in the window. F1 shows them too."),
        )
        for (keys, what), shortcut in zip(self.rows, SHORTCUTS, strict=True):
            keys.setText(shown_keys(shortcut.keys))
            what.setText(QCoreApplication.translate("Shortcuts", shortcut.what))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
