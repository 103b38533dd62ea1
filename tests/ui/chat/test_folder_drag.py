"""Dragging a conversation onto a folder in the sidebar, and out again to no folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.storage.history import HistoryStore
from desktop.ui.chat.conversation_model import FOLDER_ROLE
from desktop.ui.chat.conversation_sidebar import ConversationSidebar
from desktop.ui.tasks import TaskOwner
from tests.ui.conftest import wait_until


def editing(view: QWidget) -> QLineEdit:
    """The name editor open in the list (an earlier one may await deletion)."""
    return [e for e in view.findChildren(QLineEdit) if e.isVisible()][-1]


async def open_sidebar(qtbot: object, store: HistoryStore) -> tuple[ConversationSidebar, TaskOwner]:
    tasks = TaskOwner()
    sidebar = ConversationSidebar(store, tasks)
    qtbot.addWidget(sidebar)  # type: ignore[attr-defined]
    sidebar.resize(300, 600)
    sidebar.reload(None)
    sidebar.show()
    await wait_until(lambda: sidebar.list.painted)
    return sidebar, tasks


def drop_on(sidebar: ConversationSidebar, conversation_id: int, row: int | None) -> None:
    """Drag the conversation's row and drop it on ``row`` (None: the empty space below)."""
    view = sidebar.list
    source = view.index_for(conversation_id)
    data = view.model().mimeData([source])  # what the view puts in the drag
    if row is None:
        spot = QPointF(10, view.viewport().height() - 5)
    else:
        spot = QPointF(view.visualRect(view.model().index(row, 0)).center())
    drop = QDropEvent(
        spot,
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # The view's own drop handling (Qt delivers a Drop event only during a real drag).
    view.dragMoveEvent(
        move := QDragMoveEvent(
            spot.toPoint(), drop.possibleActions(), data, drop.buttons(), drop.modifiers()
        )
    )
    assert move.isAccepted()
    view.dropEvent(drop)
    assert drop.isAccepted()


async def test_make_a_folder_and_drag_a_conversation_in_and_out(
    qtbot: object, tmp_path: Path
) -> None:
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    budget = store.create_conversation("Budget 2026", "m")
    store.create_conversation("Holiday plans", "m")
    sidebar, tasks = await open_sidebar(qtbot, store)
    await wait_until(lambda: len(sidebar.list.titles()) == 2)

    view = sidebar.list
    store.folders.create("Work")
    sidebar.reload(None)
    work = store.folders.all()[0]
    await wait_until(lambda: view.model_.folder_row(work.id) is not None)
    row = view.model_.folder_row(work.id)
    assert row is not None and view.model_.headings()[0] == "Folders"
    await wait_until(lambda: view.model_.index(row).data() == "Work")
    assert view.state() != view.State.EditingState

    drop_on(sidebar, budget.id, row)
    assert store.conversation_summary(budget.id).folder_id == work.id  # type: ignore[union-attr]
    await wait_until(lambda: view.model_.folder_at(view.model_.folder_row(work.id) or 0).count == 1)  # type: ignore[union-attr]
    # The folder opened to show it, indented under the folder and not in the dated list.
    folder_row = view.model_.folder_row(work.id)
    assert folder_row is not None and view.model_.row_of(budget.id) == folder_row + 1
    assert view.model_.index(folder_row + 1).data(FOLDER_ROLE) is None

    drop_on(sidebar, budget.id, None)  # out again, onto the dated part
    assert store.conversation_summary(budget.id).folder_id is None  # type: ignore[union-attr]

    fresh = store.folders.create("New folder")  # a second "Work" beside it is refused
    await wait_until(lambda: view.state() != view.State.EditingState)
    assert not sidebar.folders.rename(fresh.id, "work")
    assert "already a folder named “work”" in sidebar.search_status.text()
    assert sidebar.search_status.isVisibleTo(sidebar)
    assert sorted(f.name for f in store.folders.all()) == ["New folder", "Work"]
    sub = store.folders.create("Clients", parent_id=work.id)
    from desktop.core.folders import FolderProblem

    try:
        store.folders.create("Deeper", parent_id=sub.id)
    except FolderProblem as problem:
        assert "one level deep" in str(problem)
    else:
        raise AssertionError("a third level was allowed")
    await tasks.cancel_all()
    store.close()
