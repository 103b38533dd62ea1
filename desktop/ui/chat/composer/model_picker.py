"""One picker for every enabled provider's models: grouped, searchable, local first.

A button shows the current choice; clicking it opens a popup with a search field over
a tree (one group per provider, local providers first, a group's problem shown in
place of its models, wrapped). Choosing a model emits ``modelChosen(provider_id, model)``.

Embedding-only models are listed, marked and disabled with the reason: a chat request
to them fails (HTTP 400), so they are never offered, searched into or auto-picked
(``chat_models()``/``first_chat_model()`` give only the models that can chat). A group
says where its server runs: this machine, your network, or the cloud.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.network_place import Place
from desktop.ui.chat.composer.picker_button import PickerButton
from desktop.ui.provider_registry import ModelGroup, ProviderRegistry
from desktop.ui.strings import provider_name, translated
from desktop.ui.tasks import TaskOwner

PROVIDER_ROLE = Qt.ItemDataRole.UserRole
MODEL_ROLE = Qt.ItemDataRole.UserRole + 1
POPUP_WIDTH = 420


def place_text(place: Place) -> str:
    return {
        Place.MACHINE: QCoreApplication.translate("ModelPicker", "this machine"),
        Place.NETWORK: QCoreApplication.translate("ModelPicker", "your network"),
        Place.CLOUD: QCoreApplication.translate("ModelPicker", "cloud"),
    }[place]


class ModelPickerPopup(QFrame):
    """The search field and the grouped tree."""

    chosen = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._shown: tuple[list[ModelGroup], tuple[str, str]] | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search models…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search models"))
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Models by provider"))
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)  # a group's problem wraps; model names elide at the right
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        self.resize(POPUP_WIDTH, 420)
        self._notes: list[QTreeWidgetItem] = []
        """Rows that explain why a group has no models: they wrap."""
        self.search.textChanged.connect(self.apply_filter)
        self.search.installEventFilter(self)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)

    def retranslate(self) -> None:
        """Every text in the language now in use (the list is filled again)."""
        self.search.setPlaceholderText(self.tr("Search models…"))
        self.search.setAccessibleName(self.tr("Search models"))
        self.tree.setAccessibleName(self.tr("Models by provider"))
        if self._shown is not None:
            self.set_groups(*self._shown)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def set_groups(self, groups: list[ModelGroup], current: tuple[str, str]) -> None:
        self._shown = (groups, current)
        self.tree.clear()
        self._notes = []
        for group in groups:
            where = place_text(group.place)
            name = provider_name(group.provider_name)
            header = QTreeWidgetItem([f"{name}  ·  {where}"])
            header.setToolTip(0, header.text(0))
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = header.font(0)
            font.setBold(True)
            header.setFont(0, font)
            self.tree.addTopLevelItem(header)
            if group.problem:
                problem = translated(group.error or group.problem)
                note = QTreeWidgetItem([problem])
                note.setFlags(Qt.ItemFlag.NoItemFlags)
                note.setToolTip(0, problem)
                header.addChild(note)
                self._notes.append(note)
            elif not group.models:
                note = QTreeWidgetItem([self.tr("No models")])
                note.setFlags(Qt.ItemFlag.NoItemFlags)
                header.addChild(note)
            for choice in group.models:
                # A word, not an emoji: many Linux desktops have no emoji font.
                seen = self.tr("  ·  sees images") if choice.sees_images else ""
                if not choice.chat:
                    seen = self.tr("  ·  embedding model")
                item = QTreeWidgetItem([choice.label + seen])
                item.setData(0, PROVIDER_ROLE, choice.provider_id)
                item.setData(0, MODEL_ROLE, choice.model)
                tip = f"{name}: {choice.model}"
                if not choice.chat:
                    # Listed (the person may look for it) but not choosable: say why.
                    item.setFlags(Qt.ItemFlag.NoItemFlags)
                    tip += "\n" + self.tr(
                        "An embedding model: it turns text into vectors for search and "
                        "cannot answer in a chat."
                    )
                item.setToolTip(0, tip)
                header.addChild(item)
                if (choice.provider_id, choice.model) == current and choice.chat:
                    self.tree.setCurrentItem(item)
        self.tree.expandAll()
        self.fit_notes()
        self.apply_filter(self.search.text())

    def fit_notes(self) -> None:
        """Give each problem note the height of its wrapped text (a tree row's own size
        hint ignores the column width, so a long explanation would be cut off)."""
        # The item's text rectangle is narrower than the column (margins, focus frame).
        width = self.tree.viewport().width() - self.tree.indentation() - 28
        if not self.tree.isVisible():
            width = self.width() - 2 * 6 - self.tree.indentation() - 32
        metrics = self.tree.fontMetrics()
        for note in self._notes:
            box = metrics.boundingRect(
                QRect(0, 0, max(width, 80), 10_000), Qt.TextFlag.TextWordWrap, note.text(0)
            )
            note.setSizeHint(0, QSize(max(width, 80), box.height() + 10))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_notes()

    def _groups(self) -> list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]]:
        groups: list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]] = []
        for index in range(self.tree.topLevelItemCount()):
            header = self.tree.topLevelItem(index)
            if header is not None:
                children = [header.child(row) for row in range(header.childCount())]
                groups.append((header, [child for child in children if child is not None]))
        return groups

    def apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for header, children in self._groups():
            group_matches = needle in header.text(0).lower()
            visible = 0
            for child in children:
                is_model = child.data(0, MODEL_ROLE) is not None
                shown = (
                    not needle or group_matches or (is_model and needle in child.text(0).lower())
                )
                child.setHidden(not shown)
                visible += shown
            header.setHidden(bool(needle) and visible == 0)

    def visible_models(self) -> list[tuple[str, str]]:
        """(provider id, model) of every model row that the search leaves visible and that
        can chat, in order."""
        return [
            (str(child.data(0, PROVIDER_ROLE)), str(child.data(0, MODEL_ROLE)))
            for header, children in self._groups()
            if not header.isHidden()
            for child in children
            if child.data(0, MODEL_ROLE) is not None
            and not child.isHidden()
            and child.flags() & Qt.ItemFlag.ItemIsEnabled
        ]

    def choose_first_visible(self) -> bool:
        shown = self.visible_models()
        if shown:
            self.chosen.emit(*shown[0])
        return bool(shown)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        model = item.data(0, MODEL_ROLE)
        if model is not None and item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.chosen.emit(str(item.data(0, PROVIDER_ROLE)), str(model))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the search field picks the first match; Down moves into the list."""
        if watched is self.search and isinstance(event, QKeyEvent):
            if event.type() == QEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
            ):
                return self.choose_first_visible()
            if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
                self.tree.setFocus()
                return True
        return super().eventFilter(watched, event)


class ModelPicker(QWidget):
    """The button the chat pane embeds; ``modelChosen(provider_id, model)`` when the
    person picks one, ``loaded`` whenever the lists of models have been (re)read."""

    modelChosen = Signal(str, str)
    loaded = Signal()

    def __init__(
        self, registry: ProviderRegistry, tasks: TaskOwner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._registry = registry
        self._tasks = tasks
        self._current = ("", "")
        self._loads = 0
        """Number of the latest load: an older, slower answer must not overwrite it."""
        self.groups: list[ModelGroup] = []
        self.button = PickerButton(self.tr("Choose a model"))
        self.button.setToolTip(self.tr("Models of every enabled provider"))
        self.button.setAccessibleName(self.tr("Model to chat with"))
        self.popup = ModelPickerPopup(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        self.button.clicked.connect(self.open_popup)
        self.popup.chosen.connect(self._chosen)
        registry.changed.connect(self._registry_changed)

    def retranslate(self) -> None:
        """Every text in the language now in use."""
        self.button.setAccessibleName(self.tr("Model to chat with"))
        self.set_current(*self._current)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    @property
    def current(self) -> tuple[str, str]:
        return self._current

    def set_current(self, provider_id: str, model: str) -> None:
        self._current = (provider_id, model)
        slot = self._registry.slot(provider_id)
        where = provider_name(slot.name) if slot is not None else provider_id
        self.button.set_choice(model, where)
        if model:
            self.button.setToolTip(
                self.tr("{model} from {provider}").format(model=model, provider=where)
            )
        else:
            self.button.setToolTip(self.tr("Models of every enabled provider"))

    def models_of(self, provider_id: str) -> list[str]:
        """The models the last load listed for ``provider_id``."""
        return [
            choice.model
            for group in self.groups
            if group.provider_id == provider_id
            for choice in group.models
        ]

    def chat_models(self) -> list[tuple[str, str]]:
        """(provider id, model) of every listed model that can chat, local ones first."""
        return [
            (group.provider_id, choice.model)
            for group in self.groups
            for choice in group.models
            if choice.chat
        ]

    def first_chat_model(self) -> tuple[str, str] | None:
        """What to pick when nothing is chosen: the first model that can chat, if any."""
        offered = self.chat_models()
        return offered[0] if offered else None

    def _registry_changed(self) -> None:
        self.set_current(*self._current)  # the provider's name may have changed
        self.refresh()

    def refresh(self) -> None:
        self._tasks.spawn(self.load(), name="model-picker")

    async def load(self) -> None:
        """Ask every provider for its models and show them (local first)."""
        self._loads += 1
        load = self._loads
        groups = await self._registry.all_models()
        if load != self._loads:
            return
        self.groups = groups
        self.popup.set_groups(self.groups, self._current)
        self.loaded.emit()

    def open_popup(self) -> None:
        corner = self.mapToGlobal(self.button.geometry().bottomLeft())
        screen = self.screen().availableGeometry()
        self.popup.move(
            max(screen.left(), min(corner.x(), screen.right() - self.popup.width())),
            max(screen.top(), min(corner.y(), screen.bottom() - self.popup.height())),
        )
        self.popup.search.clear()
        self.popup.show()
        self.popup.search.setFocus()
        self.refresh()

    def _chosen(self, provider_id: str, model: str) -> None:
        self.popup.hide()
        self.set_current(provider_id, model)
        self.modelChosen.emit(provider_id, model)
