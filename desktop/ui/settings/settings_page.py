"""The Settings page: a section list on the left, the chosen section beside it.

Sections: Providers, Default model, Documents, Images, Tools, History and backups, Appearance,
Shortcuts, About. The shell hosts the page; Esc asks it to go back (``closeRequested``).
Each section owns its widgets and subscribes to the settings it shows; the page only
switches between them. A section is scrolled as a whole only when the window is too
small for it, never inside another scroll area.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from desktop.storage.settings import SettingsStore
from desktop.ui.icons import icon
from desktop.ui.page_tasks import PageTasks
from desktop.ui.provider_registry import ProviderRegistry
from desktop.ui.settings.about_section import AboutSection
from desktop.ui.settings.appearance_box import AppearanceBox
from desktop.ui.settings.attachments_settings import ImageSettingsBox
from desktop.ui.settings.default_model_section import DefaultModelSection
from desktop.ui.settings.provider_form import ProviderForm
from desktop.ui.settings.providers_section import ProvidersSection
from desktop.ui.settings.shortcuts_section import ShortcutsSection
from desktop.ui.settings.tool_settings import ToolSettingsBox
from desktop.ui.tasks import TaskOwner
from desktop.ui.theme import Theme
from desktop.ui.translations import Translations

if TYPE_CHECKING:
    from desktop.ui.chat.prompts.prompt_book import PromptBook
    from desktop.ui.documents.library import DocumentLibrary
    from desktop.ui.settings.backup_section import BackupSection
    from desktop.ui.settings.documents_section import DocumentsSection
    from desktop.ui.settings.history_backups import HistoryBackups
    from desktop.ui.settings.prompts_section import PromptsSection

NAV_WIDTH = 192
SECTIONS = (
    "providers",
    "default-model",
    "documents",
    "images",
    "tools",
    "prompts",
    "backups",
    "appearance",
    "shortcuts",
    "about",
)


class SettingsPage(QWidget):
    closeRequested = Signal()
    """Esc: the shell goes back to the page the person came from."""
    sectionChanged = Signal(str)
    """The key of the section now shown (to remember it in UiState.settings_section)."""

    def __init__(
        self,
        providers: ProviderRegistry,
        settings_store: SettingsStore,
        tasks: TaskOwner,
        *,
        set_ollama_host: Callable[[str], None] | None = None,
        translations: Translations | None = None,
        theme: Theme | None = None,
        backups: HistoryBackups | None = None,
        prompts: PromptBook | None = None,
        documents: DocumentLibrary | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle(self.tr("Parley settings"))
        self._registry = providers
        self._tasks = PageTasks(tasks)
        settings = providers.settings

        self.providers = ProvidersSection(
            providers, settings_store, self._tasks, set_ollama_host=set_ollama_host
        )
        self.default_model = DefaultModelSection(providers, settings_store, self._tasks)
        self.documents: DocumentsSection | None = None
        if documents is not None:
            from desktop.ui.settings.documents_section import DocumentsSection

            self.documents = DocumentsSection(providers, settings_store, documents, self._tasks)
        self.images = ImageSettingsBox(settings, settings_store)
        self.tools = ToolSettingsBox(settings, settings_store)
        self.backups: BackupSection | None = None
        if backups is not None:
            from desktop.ui.settings.backup_section import BackupSection

            self.backups = BackupSection(backups)
        self.prompts: PromptsSection | None = None
        if prompts is not None:
            from desktop.ui.settings.prompts_section import PromptsSection

            self.prompts = PromptsSection(prompts)
        self.appearance: AppearanceBox | None = None
        if translations is not None and theme is not None:
            self.appearance = AppearanceBox(translations, theme, settings, settings_store)
        self.shortcuts = ShortcutsSection()
        self.about = AboutSection()

        self.nav = QListWidget()
        self.nav.setObjectName("settingsNav")
        self.nav.setAccessibleName(self.tr("Settings sections"))
        self.nav.setFixedWidth(NAV_WIDTH)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setFrameShape(QFrame.Shape.NoFrame)
        self.nav.setIconSize(QSize(18, 18))  # the rail's size, not the list's 32 px default
        self.stack = QStackedWidget()
        self._keys: list[str] = []
        names = self._section_names()
        for key, glyph, section in (
            ("providers", "server", self.providers),
            ("default-model", "box", self.default_model),
            ("documents", "file-text", self.documents),
            ("images", "image-plus", self.images),
            ("tools", "wrench", self.tools),
            ("prompts", "message-square", self.prompts),
            ("backups", "folder-open", self.backups),
            ("appearance", "eye", self.appearance),
            ("shortcuts", "keyboard", self.shortcuts),
            ("about", "info", self.about),
        ):
            if section is None:
                continue
            item = QListWidgetItem(icon(glyph), names[key])
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
            self.stack.addWidget(section if key == "providers" else _scrolling(section))
            self._keys.append(key)
        self._fit_nav()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)

        escape = QAction(self)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.triggered.connect(self.closeRequested)
        self.addAction(escape)
        self.nav.currentRowChanged.connect(self._section_chosen)
        self.nav.setCurrentRow(0)

    def _section_names(self) -> dict[str, str]:
        return {
            "providers": self.tr("Providers"),
            "default-model": self.tr("Default model"),
            "documents": self.tr("Documents"),
            "images": self.tr("Images"),
            "tools": self.tr("Tools"),
            "prompts": self.tr("Prompts"),
            "backups": self.tr("History and backups"),
            "appearance": self.tr("Appearance"),
            "shortcuts": self.tr("Shortcuts"),
            "about": self.tr("About"),
        }

    def retranslate(self) -> None:
        """Every text in the language now in use."""
        self.setWindowTitle(self.tr("Parley settings"))
        self.nav.setAccessibleName(self.tr("Settings sections"))
        names = self._section_names()
        for row, key in enumerate(self._keys):
            self.nav.item(row).setText(names[key])
        self._fit_nav()

    def _fit_nav(self) -> None:
        """As wide as its longest name in the language in use (never cut), at least
        NAV_WIDTH."""
        self.nav.ensurePolished()
        margins = self.nav.contentsMargins()
        widest = self.nav.sizeHintForColumn(0) + margins.left() + margins.right()
        self.nav.setFixedWidth(max(NAV_WIDTH, widest + 2 * self.nav.frameWidth() + 2))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    # -- navigation ----------------------------------------------------------------
    def show_section(self, key: str) -> None:
        """Show the section ``key`` (one of :data:`SECTIONS`); unknown keys are ignored."""
        if key in self._keys:
            self.nav.setCurrentRow(self._keys.index(key))

    def _section_chosen(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        self.sectionChanged.emit(self.current_section())

    def current_section(self) -> str:
        row = self.nav.currentRow()
        return self._keys[row] if 0 <= row < len(self._keys) else ""

    async def idle(self) -> None:
        """Wait until every action the page started has finished."""
        await self._tasks.idle()

    # -- the Providers section's actions, for the shell and tests -------------------
    @property
    def form(self) -> ProviderForm:
        return self.providers.form

    @property
    def provider_list(self) -> QListWidget:
        return self.providers.providers.list

    def add_provider(self, preset_id: str) -> str:
        self.show_section("providers")
        return self.providers.add_provider(preset_id)

    def select(self, provider_id: str) -> None:
        self.providers.select(provider_id)


def _scrolling(section: QWidget) -> QScrollArea:
    """The section in a frameless scroll area: it scrolls only on a window too small."""
    area = QScrollArea()
    area.setObjectName("settingsScroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(section)
    section.setAutoFillBackground(False)  # setWidget turned it on: the page's colour shows
    return area
