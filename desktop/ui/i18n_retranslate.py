"""Switch the texts of widgets that already exist to a newly installed language.

Widgets set their texts once, with tr(), when they are built. Rather than teach every
widget a retranslateUi(), this walks the live widgets after a language switch: a text that
is the old language's rendering of a known source string (the .ts lists them all) is
replaced by the new language's rendering of the same string. The context the widget's
class (or one of its parents') translates with settles ties. Texts filled in at run time
with values ("Connected: 3 models") are not in the catalog; they switch the next time
their widget updates them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterable
from functools import cache, partial
from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

Source = tuple[str, str]
"""(context, source text) as in the .ts."""


@cache
def source_catalog(ts_file: Path) -> tuple[Source, ...]:
    """Every (context, source) pair of a Qt Linguist .ts file; empty when it is missing."""
    if not ts_file.exists():
        return ()
    root = ElementTree.parse(ts_file).getroot()
    pairs: list[Source] = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source")
            if source:
                pairs.append((name, source))
    return tuple(pairs)


class ShownTexts:
    """How each known source string reads in the language installed right now."""

    def __init__(self, catalog: Iterable[Source]) -> None:
        self._by_text: dict[str, list[Source]] = {}
        for context, source in catalog:
            shown = QCoreApplication.translate(context, source)
            self._by_text.setdefault(shown, []).append((context, source))

    def retranslated(self, text: str, contexts: tuple[str, ...]) -> str | None:
        """``text`` in the newly installed language, or None when it is not a known string."""
        candidates = self._by_text.get(text)
        if not candidates:
            return None
        chosen = next((c for c in candidates if c[0] in contexts), candidates[0])
        return QCoreApplication.translate(*chosen)


def _contexts(widget: QObject) -> tuple[str, ...]:
    """Class names tr() may have used for this widget's texts: its own and its parents'."""
    names: list[str] = []
    node: QObject | None = widget
    while node is not None:
        names.extend(cls.__name__ for cls in type(node).__mro__)
        node = node.parent()
    return tuple(names)


def _swap(
    shown: ShownTexts, contexts: tuple[str, ...], get: Callable[[], str], put: Callable[[str], None]
) -> None:
    text = get()
    if not text:
        return
    new = shown.retranslated(text, contexts)
    if new is not None and new != text:
        put(new)


def _swap_items(
    shown: ShownTexts,
    contexts: tuple[str, ...],
    count: int,
    get: Callable[[int], str],
    put: Callable[[int, str], None],
) -> None:
    for index in range(count):
        _swap(shown, contexts, partial(get, index), partial(put, index))


def _retranslate_widget(widget: QWidget, shown: ShownTexts) -> None:
    ctx = _contexts(widget)
    _swap(shown, ctx, widget.windowTitle, widget.setWindowTitle)
    _swap(shown, ctx, widget.toolTip, widget.setToolTip)
    _swap(shown, ctx, widget.statusTip, widget.setStatusTip)
    _swap(shown, ctx, widget.whatsThis, widget.setWhatsThis)
    _swap(shown, ctx, widget.accessibleName, widget.setAccessibleName)
    _swap(shown, ctx, widget.accessibleDescription, widget.setAccessibleDescription)
    if isinstance(widget, QAbstractButton | QLabel):
        _swap(shown, ctx, widget.text, widget.setText)
    if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        _swap(shown, ctx, widget.placeholderText, widget.setPlaceholderText)
    if isinstance(widget, QGroupBox):
        _swap(shown, ctx, widget.title, widget.setTitle)
    if isinstance(widget, QMenu):
        _swap(shown, ctx, widget.title, widget.setTitle)
    if isinstance(widget, QTabWidget):
        _swap_items(shown, ctx, widget.count(), widget.tabText, widget.setTabText)
        _swap_items(shown, ctx, widget.count(), widget.tabToolTip, widget.setTabToolTip)
    if isinstance(widget, QComboBox):
        _swap_items(shown, ctx, widget.count(), widget.itemText, widget.setItemText)
    if isinstance(widget, QListWidget):
        for row in range(widget.count()):
            item = widget.item(row)
            _swap(shown, ctx, item.text, item.setText)
            _swap(shown, ctx, item.toolTip, item.setToolTip)
    if isinstance(widget, QTreeWidget):
        header = widget.headerItem()
        _swap_items(shown, ctx, widget.columnCount(), header.text, header.setText)
    if isinstance(widget, QAbstractItemView):
        _refresh_model(widget)


def _refresh_model(view: QAbstractItemView) -> None:
    """Models that call tr() in data()/headerData() only need to be asked again."""
    model = view.model()
    if model is None:
        return
    root = QModelIndex()
    rows = model.rowCount(root)
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
    if columns:
        model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
    if rows:
        model.headerDataChanged.emit(Qt.Orientation.Vertical, 0, rows - 1)
    if rows and columns:
        model.dataChanged.emit(model.index(0, 0), model.index(rows - 1, columns - 1))
    view.viewport().update()


def _retranslate_action(action: QAction, shown: ShownTexts) -> None:
    ctx = _contexts(action)
    _swap(shown, ctx, action.text, action.setText)
    _swap(shown, ctx, action.toolTip, action.setToolTip)
    _swap(shown, ctx, action.statusTip, action.setStatusTip)
    _swap(shown, ctx, action.iconText, action.setIconText)


def retranslate_widgets(shown: ShownTexts, tops: Iterable[QWidget] | None = None) -> None:
    """Re-render every known text of the live widgets (default: all top-level windows)."""
    seen: set[int] = set()
    alive: list[QObject] = []  # keeps wrappers alive so their ids stay unique
    for top in QApplication.topLevelWidgets() if tops is None else tops:
        for widget in [top, *top.findChildren(QWidget)]:
            if id(widget) in seen:
                continue
            seen.add(id(widget))
            alive.append(widget)
            _retranslate_widget(widget, shown)
        for action in top.findChildren(QAction):
            if id(action) not in seen:
                seen.add(id(action))
                alive.append(action)
                _retranslate_action(action, shown)
