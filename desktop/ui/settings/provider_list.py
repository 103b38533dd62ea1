"""The list of providers, the Add… menu and a Remove that asks first.

Removing deletes the provider's settings and its API key from the keyring, which cannot
be taken back: the list asks in a bar under it, naming what goes, before it emits
``removeConfirmed`` (defect 21).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.providers.presets import PRESETS
from desktop.storage.settings import Settings
from desktop.ui.design import Space
from desktop.ui.icons import NAMES, icon
from desktop.ui.provider_registry import LOCAL_OLLAMA_ID, preset_or_custom
from desktop.ui.strings import provider_name
from desktop.ui.theme import DESTRUCTIVE, QUIET, set_kind

LIST_WIDTH = 240


class ProviderList(QWidget):
    addRequested = Signal(str)
    """A preset id from the Add… menu."""
    removeConfirmed = Signal(str)
    """A provider id the person confirmed to remove."""
    enabledToggled = Signal(str, bool)
    selectionChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(LIST_WIDTH)
        self.list = QListWidget()
        self.list.setObjectName("providerList")
        self.list.setAccessibleName(self.tr("Providers"))
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)  # full name in the tooltip
        self.add_button = QPushButton(icon("plus") if "plus" in NAMES else QIcon(), self.tr("Add…"))
        self.add_button.setAccessibleName(self.tr("Add a provider"))
        self.add_menu = QMenu(self.add_button)
        self._shown_settings: Settings | None = None
        self._fill_menu()
        self.add_button.setMenu(self.add_menu)
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.remove_button.setAccessibleName(self.tr("Remove the selected provider"))
        set_kind(self.remove_button, QUIET)

        self.confirm_bar = QFrame()
        self.confirm_bar.setObjectName("confirmBar")
        self.confirm_text = QLabel()
        self.confirm_text.setWordWrap(True)
        self.confirm_remove = QPushButton(self.tr("Remove"))
        set_kind(self.confirm_remove, DESTRUCTIVE)
        self.cancel_remove = QPushButton(self.tr("Cancel"))
        confirm_buttons = QHBoxLayout()
        confirm_buttons.addStretch(1)
        confirm_buttons.addWidget(self.cancel_remove)
        confirm_buttons.addWidget(self.confirm_remove)
        confirm_layout = QVBoxLayout(self.confirm_bar)
        confirm_layout.setContentsMargins(Space.M, Space.S, Space.M, Space.S)
        confirm_layout.addWidget(self.confirm_text)
        confirm_layout.addLayout(confirm_buttons)
        self.confirm_bar.setVisible(False)
        self._removing = ""

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(Space.S)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.confirm_bar)
        layout.addLayout(buttons)

        self.add_menu.triggered.connect(lambda action: self.addRequested.emit(str(action.data())))
        self.remove_button.clicked.connect(self.ask_to_remove)
        self.confirm_remove.clicked.connect(self._confirmed)
        self.cancel_remove.clicked.connect(self.cancel)
        self.list.currentRowChanged.connect(self._row_changed)
        self.list.itemChanged.connect(self._item_changed)

    def retranslate(self) -> None:
        """Every text in the language now in use."""
        self.add_menu.clear()
        self._fill_menu()
        if self._shown_settings is not None:
            self.fill(self._shown_settings)
        self.list.setAccessibleName(self.tr("Providers"))
        self.add_button.setText(self.tr("Add…"))
        self.add_button.setAccessibleName(self.tr("Add a provider"))
        self.remove_button.setText(self.tr("Remove…"))
        self.remove_button.setAccessibleName(self.tr("Remove the selected provider"))
        self.confirm_remove.setText(self.tr("Remove"))
        self.cancel_remove.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _fill_menu(self) -> None:
        local = [p for p in PRESETS if p.local]
        cloud = [p for p in PRESETS if not p.local and p.id != "custom"]
        self.add_menu.addSection(self.tr("On this computer or your network"))
        for preset in local:
            self.add_menu.addAction(provider_name(preset.name)).setData(preset.id)
        self.add_menu.addSection(self.tr("Cloud services"))
        for preset in cloud:
            self.add_menu.addAction(provider_name(preset.name)).setData(preset.id)
        self.add_menu.addSeparator()
        custom = preset_or_custom("custom")
        self.add_menu.addAction(provider_name(custom.name)).setData(custom.id)

    # -- contents --------------------------------------------------------------
    def fill(self, settings: Settings) -> None:
        """Show ``settings``' providers; the selection stays (and is not re-announced)
        when the selected provider is still there."""
        self._shown_settings = settings
        rows = [(LOCAL_OLLAMA_ID, self.tr("Ollama on this computer"), settings.ollama_enabled, "")]
        for entry in settings.providers:
            preset = preset_or_custom(entry.preset)
            name = entry.name or provider_name(preset.name)
            rows.append((entry.id, name, entry.enabled, entry.base_url))
        if rows == self._rows():
            return
        current = self.selected_id()
        self.list.blockSignals(True)
        self.list.clear()
        for provider_id, text, enabled, tip in rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, provider_id)
            item.setToolTip(tip or text)
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, tip or text)
            self._checkable(item, enabled)
            self.list.addItem(item)
        kept = self.select(current)
        self.list.blockSignals(False)
        if not kept:
            self.list.setCurrentRow(0)

    def _rows(self) -> list[tuple[str, str, bool, str]]:
        rows = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            tip = "" if row == 0 else item.toolTip()
            rows.append(
                (
                    str(item.data(Qt.ItemDataRole.UserRole)),
                    item.text(),
                    item.checkState() == Qt.CheckState.Checked,
                    tip if tip != item.text() else "",
                )
            )
        return rows

    @staticmethod
    def _checkable(item: QListWidgetItem, checked: bool) -> None:
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def selected_id(self) -> str:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def select(self, provider_id: str) -> bool:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == provider_id:
                self.list.setCurrentRow(row)
                return True
        return False

    def item_text(self, provider_id: str) -> str:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == provider_id:
                return item.text()
        return ""

    # -- removing ----------------------------------------------------------------
    def ask_to_remove(self) -> None:
        provider_id = self.selected_id()
        if provider_id in ("", LOCAL_OLLAMA_ID):
            return
        self._removing = provider_id
        self.confirm_text.setText(
            self.tr("Remove “{name}” and its stored API key? This cannot be undone.").format(
                name=self.item_text(provider_id)
            )
        )
        self.confirm_bar.setVisible(True)
        self.remove_button.setEnabled(False)
        self.cancel_remove.setFocus()

    def cancel(self) -> None:
        self._removing = ""
        self.confirm_bar.setVisible(False)
        self.remove_button.setEnabled(self.selected_id() not in ("", LOCAL_OLLAMA_ID))

    def _confirmed(self) -> None:
        provider_id = self._removing
        self.cancel()
        if provider_id:
            self.removeConfirmed.emit(provider_id)

    # -- reactions ---------------------------------------------------------------
    def _row_changed(self, _row: int) -> None:
        provider_id = self.selected_id()
        if self._removing and provider_id != self._removing:
            self.cancel()
        self.remove_button.setEnabled(
            provider_id not in ("", LOCAL_OLLAMA_ID) and not self._removing
        )
        self.selectionChanged.emit(provider_id)

    def _item_changed(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        self.enabledToggled.emit(str(item.data(Qt.ItemDataRole.UserRole)), checked)
