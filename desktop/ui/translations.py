"""Parley's languages: the system's by default, or the one picked in Settings, switched live.

English is the source language and needs no translator. For Simplified Chinese Parley
installs its own compiled catalog (resources/translations/parley_zh_CN.qm, built from the
.ts by ``make``) and Qt's own (standard dialogs, context menus).

Installing or removing a translator makes Qt send ``QEvent.LanguageChange`` to every
widget; each widget that shows words sets them again in its ``changeEvent`` (a
``retranslate`` method that ``__init__`` calls too), and widgets that show a Text from
core or a provider keep the Text and translate it again (desktop/ui/strings.py). Objects
that are not widgets (item models) are told by the view that shows them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)

from desktop.resources import resource_path

SYSTEM = ""
ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES: dict[str, str] = {ENGLISH: "English", CHINESE: "简体中文"}
"""Each language's name in itself, as the language menu shows it."""
CATALOG_NAME = "parley"


def translations_dir() -> Path:
    return resource_path("translations")


def system_language(locale: QLocale | None = None) -> str:
    """The first of the system's UI languages Parley has, else English."""
    for tag in (locale or QLocale.system()).uiLanguages():
        if tag.lower().startswith("zh"):
            return CHINESE
        if tag.lower().startswith("en"):
            return ENGLISH
    return ENGLISH


def resolve_language(choice: str, locale: QLocale | None = None) -> str:
    return choice if choice in LANGUAGES else system_language(locale)


class Translations(QObject):
    """Owns the installed translators; ``apply`` switches language, live."""

    changed = Signal(str)
    """The language now in use ("en", "zh_CN"), after a switch."""

    def __init__(self, directory: Path | None = None) -> None:
        super().__init__()
        self.directory = directory or translations_dir()
        self.choice = SYSTEM
        self.language = ENGLISH
        self._installed: list[QTranslator] = []
        self._default_locale = QLocale()

    def catalog_file(self, language: str) -> Path:
        return self.directory / f"{CATALOG_NAME}_{language}.qm"

    def available(self, language: str) -> bool:
        return language == ENGLISH or self.catalog_file(language).exists()

    def apply(self, choice: str) -> str:
        """Use ``choice`` ("" for the system's language); returns the language now in use."""
        self.choice = choice if choice in LANGUAGES else SYSTEM
        language = resolve_language(self.choice)
        if not self.available(language):
            language = ENGLISH
        if language == self.language:
            return language
        QLocale.setDefault(QLocale(language))  # before the LanguageChange events go out
        self._remove()
        if language != ENGLISH:
            self._install(language)
        self.language = language
        # Qt posts one LanguageChange per window and translator: deliver them now, so the
        # window reads in the new language when this returns.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        self.changed.emit(language)
        return language

    def _install(self, language: str) -> None:
        app = QCoreApplication.instance()
        assert app is not None
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in (
            (CATALOG_NAME, str(self.directory)),
            ("qtbase", qt_dir),
        ):
            translator = QTranslator(self)
            if translator.load(f"{name}_{language}", folder):
                app.installTranslator(translator)
                self._installed.append(translator)

    def _remove(self) -> None:
        app = QCoreApplication.instance()
        for translator in self._installed:
            if app is not None:
                app.removeTranslator(translator)
        self._installed.clear()

    def close(self) -> None:
        """Back to English (the app's translators are process-wide; tests share them)."""
        if self.language != ENGLISH:
            self._remove()
            self.language = ENGLISH
            QLocale.setDefault(self._default_locale)
