"""Language and light/dark choices; both apply at once, without a restart."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QWidget

from desktop.storage.settings import Settings, SettingsStore
from desktop.ui.theme import DARK, LIGHT, SYSTEM, Theme
from desktop.ui.translations import LANGUAGES, Translations


class AppearanceBox(QGroupBox):
    def __init__(
        self,
        translations: Translations,
        theme: Theme,
        settings: Settings,
        store: SettingsStore,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Appearance"), parent)
        self._translations = translations
        self._theme = theme
        self._settings = settings
        self._store = store
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("System language"), SYSTEM)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(translations.choice), 0))
        self.theme = QComboBox()
        self.theme.setAccessibleName(self.tr("Light or dark"))
        self.theme.addItem(self.tr("System"), SYSTEM)
        self.theme.addItem(self.tr("Light"), LIGHT)
        self.theme.addItem(self.tr("Dark"), DARK)
        self.theme.setCurrentIndex(max(self.theme.findData(theme.choice), 0))
        note = QLabel(
            self.tr(
                "Both apply at once. A few status messages switch language when they next change."
            )
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Look"), self.theme)
        form.addRow(note)
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.theme.currentIndexChanged.connect(self._theme_chosen)

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
