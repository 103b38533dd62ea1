"""Settings → Appearance: language and light/dark, both applied at once.

The combos follow the settings: a change made elsewhere (a menu, another page) shows
here too, through the settings' change notifications.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from desktop.storage.settings import Settings, SettingsStore
from desktop.ui.design import Space
from desktop.ui.settings.section import Section, card
from desktop.ui.strings import relabel_row
from desktop.ui.theme import DARK, LIGHT, SYSTEM, Theme
from desktop.ui.translations import LANGUAGES, Translations


class AppearanceBox(Section):
    def __init__(
        self,
        translations: Translations,
        theme: Theme,
        settings: Settings,
        store: SettingsStore,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.set_heading(self.tr("Appearance"), self.tr("Language and light or dark look."))
        self._translations = translations
        self._theme = theme
        self._settings = settings
        self._store = store
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("System language"), SYSTEM)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.theme = QComboBox()
        self.theme.setAccessibleName(self.tr("Light or dark"))
        self.theme.addItem(self.tr("System"), SYSTEM)
        self.theme.addItem(self.tr("Light"), LIGHT)
        self.theme.addItem(self.tr("Dark"), DARK)
        self._show(translations.choice, theme.choice)
        note = self.note = QLabel(self.tr("Both apply at once, to every open page and message."))
        note.setObjectName("hint")
        note.setWordWrap(True)
        frame, inner = card()
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(Space.L)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Look"), self.theme)
        inner.addLayout(form)
        inner.addWidget(note)
        self.body.addWidget(frame)
        self.body.addStretch(1)
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.theme.currentIndexChanged.connect(self._theme_chosen)
        unsubscribe = settings.subscribe(self._setting_changed)
        self.destroyed.connect(lambda *_: unsubscribe())

    def retranslate(self) -> None:
        """Every text in the language now in use."""
        self.set_heading(self.tr("Appearance"), self.tr("Language and light or dark look."))
        self.note.setText(self.tr("Both apply at once, to every open page and message."))
        self.language.setAccessibleName(self.tr("Language"))
        self.language.setItemText(0, self.tr("System language"))
        self.theme.setAccessibleName(self.tr("Light or dark"))
        self.theme.setItemText(0, self.tr("System"))
        self.theme.setItemText(1, self.tr("Light"))
        self.theme.setItemText(2, self.tr("Dark"))
        relabel_row(self.language, self.tr("Language"))
        relabel_row(self.theme, self.tr("Look"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _show(self, language: str, look: str) -> None:
        for combo, value in ((self.language, language), (self.theme, look)):
            with QSignalBlocker(combo):
                combo.setCurrentIndex(max(combo.findData(value), 0))

    def _setting_changed(self, name: str) -> None:
        if name in ("language", "theme"):
            self._show(self._settings.language, self._settings.theme)

    def _language_chosen(self, _index: int) -> None:
        choice = str(self.language.currentData())
        self._settings.language = choice
        self._store.save(self._settings)
        self._translations.apply(choice)

    def _theme_chosen(self, _index: int) -> None:
        choice = str(self.theme.currentData())
        self._settings.theme = choice
        self._store.save(self._settings)
        self._theme.set_choice(choice)
