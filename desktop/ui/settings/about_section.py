"""Settings → About: the version, and where Parley keeps its files (with Open folder)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from desktop import APP_NAME, __version__
from desktop.storage.paths import config_dir, data_dir
from desktop.storage.state_paths import logs_dir
from desktop.ui.design import Space
from desktop.ui.icons import icon
from desktop.ui.settings.section import Section, card

OpenUrl = Callable[[QUrl], object]


class AboutSection(Section):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        open_url: OpenUrl = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(parent)
        self.set_heading(self.tr("About"), self.tr("Version and where your files are."))
        self._open_url = open_url
        self.name = QLabel(APP_NAME)
        self.name.setObjectName("aboutName")
        self.version = QLabel(self.tr("Version {version}").format(version=__version__))
        self.version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        blurb = self.blurb = QLabel(
            self.tr("A desktop chat client for local models (Ollama and others) and cloud APIs.")
        )
        blurb.setObjectName("hint")
        blurb.setWordWrap(True)
        top, top_layout = card()
        top_layout.addWidget(self.name)
        top_layout.addWidget(self.version)
        top_layout.addWidget(blurb)

        paths, paths_layout = card()
        grid = QGridLayout()
        grid.setHorizontalSpacing(Space.L)
        grid.setVerticalSpacing(Space.S)
        grid.setColumnStretch(1, 1)
        self.folders: dict[str, tuple[Path, QPushButton]] = {}
        self._titles: dict[str, QLabel] = {}
        names = self._folder_names()
        for row, (key, path) in enumerate(
            (("config", config_dir()), ("data", data_dir()), ("logs", logs_dir()))
        ):
            label = names[key]
            title = self._titles[key] = QLabel(label)
            title.setObjectName("groupTitle")
            shown = QLabel(str(path))
            shown.setObjectName("pathText")
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setToolTip(str(path))
            button = QPushButton(icon("folder-open"), self.tr("Open folder"))
            button.setAccessibleName(self.tr("Open the folder: {what}").format(what=label))
            button.clicked.connect(lambda _checked=False, key=key: self.open_folder(key))
            grid.addWidget(title, row, 0)
            grid.addWidget(shown, row, 1)
            grid.addWidget(button, row, 2)
            self.folders[key] = (path, button)
        paths_layout.addLayout(grid)
        self.body.addWidget(top)
        self.body.addWidget(paths)
        self.body.addStretch(1)

    def _folder_names(self) -> dict[str, str]:
        return {
            "config": self.tr("Settings"),
            "data": self.tr("Conversations and images"),
            "logs": self.tr("Logs"),
        }

    def retranslate(self) -> None:
        """Every text in the language now in use."""
        self.set_heading(self.tr("About"), self.tr("Version and where your files are."))
        self.version.setText(self.tr("Version {version}").format(version=__version__))
        self.blurb.setText(
            self.tr("A desktop chat client for local models (Ollama and others) and cloud APIs.")
        )
        for key, label in self._folder_names().items():
            self._titles[key].setText(label)
            button = self.folders[key][1]
            button.setText(self.tr("Open folder"))
            button.setAccessibleName(self.tr("Open the folder: {what}").format(what=label))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def open_folder(self, key: str) -> Path:
        """Open the folder ``key`` ("config", "data", "logs") in the file manager,
        creating it first when nothing has been written there yet."""
        path = self.folders[key][0]
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._open_url(QUrl.fromLocalFile(str(path)))
        return path
