"""Folders in the sidebar as a person uses them: make one, drag a conversation onto it,
start a chat in it with its model and prompt, search only inside it, and find titles."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMenu, QWidget

from desktop.core.folders import FolderTools
from desktop.core.messages import Role
from desktop.storage.history import HistoryStore
from desktop.ui.chat.sidebar.conversation_model import FOLDER_ROLE
from desktop.ui.chat.sidebar.conversation_sidebar import ConversationSidebar
from desktop.ui.chat.sidebar.folder_settings import FolderSettingsDialog
from desktop.ui.chat.sidebar.search_results import CONVERSATION, MESSAGE
from desktop.ui.provider_registry import LOCAL_OLLAMA_ID
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.tasks import TaskOwner
from tests.ui.chat_fixtures import SCRIPTED, SCRIPTED_THINK, ask, ready_pane
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
    sidebar.folder_button.click()  # New folder: its name is ready to type
    editor = editing(view)
    assert view.state() == view.State.EditingState and editor.text() == "New folder"
    editor.selectAll()
    qtbot.keyClicks(editor, "Work")  # type: ignore[attr-defined]
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    await wait_until(lambda: [f.name for f in store.folders.all()] == ["Work"])
    work = store.folders.all()[0]
    await wait_until(lambda: "Work" in view.model_.stringList())
    row = view.model_.folder_row(work.id)
    assert row is not None and view.model_.headings()[0] == "Folders"
    assert view.state() != view.State.EditingState

    drop_on(sidebar, budget.id, row)
    assert store.conversation_summary(budget.id).folder_id == work.id  # type: ignore[union-attr]

    def count_shown() -> int | None:
        shown = view.model_.folder_at(view.model_.folder_row(work.id) or 0)
        return None if shown is None else shown.conversations

    await wait_until(lambda: count_shown() == 1)
    # The folder opened to show it, indented under the folder and not in the dated list.
    folder_row = view.model_.folder_row(work.id)
    assert folder_row is not None and view.model_.row_of(budget.id) == folder_row + 1
    assert view.model_.index(folder_row + 1).data(FOLDER_ROLE) is None

    drop_on(sidebar, budget.id, None)  # out again, onto the dated part
    assert store.conversation_summary(budget.id).folder_id is None  # type: ignore[union-attr]

    sidebar.folders.new_folder()  # a second "Work" beside it is refused, and said
    await wait_until(lambda: view.state() == view.State.EditingState)
    editor = editing(view)
    editor.selectAll()
    qtbot.keyClicks(editor, "work")  # type: ignore[attr-defined]
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    await wait_until(lambda: "already a folder named “work”" in sidebar.search_status.text())
    assert sidebar.search_status.isVisibleTo(sidebar)
    assert sorted(f.name for f in store.folders.all()) == ["New folder", "Work"]
    await wait_until(lambda: view.state() == view.State.EditingState)  # offered again
    qtbot.keyClick(editing(view), Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    await wait_until(lambda: view.state() != view.State.EditingState)
    assert not sidebar.search_status.isVisibleTo(sidebar)  # left as it was: said no more
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


async def test_deleting_a_folder_asks_and_keeps_its_conversations(
    qtbot: object, tmp_path: Path
) -> None:
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    chat = store.create_conversation("Kept", "m")
    work = store.folders.create("Work")
    store.folders.move_conversation(chat.id, work.id)
    sidebar, tasks = await open_sidebar(qtbot, store)
    sidebar.list.select_folder(work.id)
    sidebar.list.setFocus()
    qtbot.keyClick(sidebar.list, Qt.Key.Key_Delete)  # type: ignore[attr-defined]
    ask = sidebar.folders.ask
    assert ask is not None and ask.isVisible()
    assert ask.informativeText() == "Its conversation moves out to no folder."
    assert ask.checkBox() is not None and not ask.checkBox().isChecked()  # default: keep
    delete = next(b for b in ask.buttons() if b.text() == "Delete folder")
    delete.click()
    await wait_until(lambda: store.folders.all() == [])
    assert [c.title for c in store.list_conversations()] == ["Kept"]
    await wait_until(lambda: sidebar.list.titles() == ["Kept"])
    await tasks.cancel_all()
    store.close()


async def test_search_in_a_folder_finds_only_its_conversations_and_titles_first(
    qtbot: object, tmp_path: Path
) -> None:
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    work = store.folders.create("Work")
    clients = store.folders.create("Clients", parent_id=work.id)
    for title, folder in (
        ("Invoice template", work.id),
        ("Acme call", clients.id),
        ("Invoice from the plumber", None),
    ):
        chat = store.create_conversation(title, "m")
        store.add_message(chat.id, Role.USER, f"notes about the invoice ({title})")
        store.folders.move_conversation(chat.id, folder)
    sidebar, tasks = await open_sidebar(qtbot, store)
    await wait_until(lambda: len(sidebar.list.model_.summaries) == 3)

    sidebar.search_box.setText("invoice")  # everywhere: the titles come first
    await wait_until(lambda: any(r.kind == MESSAGE for r in sidebar.results.model_.results()))
    results = sidebar.results.model_.results()
    kinds = [r.kind for r in results if r.kind in (CONVERSATION, MESSAGE)]
    assert kinds.index(CONVERSATION) < kinds.index(MESSAGE)
    titles = {r.conversation_id for r in results if r.kind == CONVERSATION}
    assert len(titles) == 2  # "Invoice template" and "Invoice from the plumber"
    assert len({r.conversation_id for r in results if r.kind == MESSAGE}) == 3
    assert sidebar.search_status.text() == "2 conversations, 3 messages"

    sidebar.search_box.clear()
    sidebar.list.select_folder(work.id)
    assert not sidebar.folders.chip.isVisibleTo(sidebar)  # shown while searching
    sidebar.search_box.setText("invoice")
    assert sidebar.folders.chip.isVisibleTo(sidebar) and sidebar.folders.chip.text() == "In Work"
    await wait_until(lambda: any(r.kind == MESSAGE for r in sidebar.results.model_.results()))
    found = sidebar.results.model_.results()
    inside = {c.id for c in store.conversation_summaries() if c.folder_id is not None}
    hits = {r.conversation_id for r in found if r.kind in (CONVERSATION, MESSAGE)}
    assert hits == inside, "a search in Work found conversations outside it (or missed Clients)"
    assert sidebar.search_status.text() == "1 conversation, 2 messages", "never '1 conversations'"

    sidebar.folders.chip.click()  # off: everywhere again
    await wait_until(
        lambda: (
            len({r.conversation_id for r in sidebar.results.model_.results() if r.kind == MESSAGE})
            == 3
        )
    )

    # A conversation opened from a search, in a closed sub-folder: its folders open to show it.
    acme = next(c.id for c in store.conversation_summaries() if c.title == "Acme call")
    sidebar.search_box.clear()
    view = sidebar.list
    assert clients.id not in view.expanded and view.model_.row_of(acme) is None
    sidebar.show_current(acme)
    assert {work.id, clients.id} <= view.expanded
    assert view.current_id() == acme
    await tasks.cancel_all()
    store.close()


async def test_a_new_chat_in_a_folder_starts_with_its_model_and_prompt(
    open_window: Callable[[], MainWindow], scripted: object
) -> None:
    pane = await ready_pane(open_window)
    window = pane.window()
    assert isinstance(window, MainWindow)
    store = window._chat.store
    work = store.folders.create("Tax")
    store.folders.set_defaults(
        work.id,
        model=SCRIPTED_THINK,
        provider="ollama",
        system_prompt="Answer as a tax adviser.",
        tools=FolderTools(servers=()),  # tools off in this folder
    )
    sidebar = window.conversation_sidebar
    sidebar.reload(None)
    await wait_until(lambda: sidebar.list.model_.folder_row(work.id) is not None)

    # The folder settings offer the models the app can chat with.
    assert (LOCAL_OLLAMA_ID, SCRIPTED_THINK) in {
        (provider, model) for provider, _, model in sidebar.folders.model_choices()
    }
    sidebar.list.select_folder(work.id)
    sidebar.new_button.click()  # New chat while the folder is selected
    assert pane.current_model() == SCRIPTED_THINK
    assert pane.settings_panel.system_prompt.toPlainText() == "Answer as a tax adviser."
    await ask(pane, "What can I deduct?")
    conversation = store.get_conversation(pane.conversation_id or 0)
    assert conversation.model == SCRIPTED_THINK
    assert conversation.system_prompt == "Answer as a tax adviser."
    assert conversation.parameters.tool_servers == ()
    assert store.conversation_summary(conversation.id).folder_id == work.id  # type: ignore[union-attr]
    await wait_until(lambda: sidebar.list.model_.row_of(conversation.id) is not None)
    row = sidebar.list.model_.row_of(conversation.id)
    assert row is not None and sidebar.list.model_.index(row).data(FOLDER_ROLE) is None

    # Ctrl+N while a conversation of the folder is open: the next chat goes there too.
    window.new_chat()
    assert pane.current_model() == SCRIPTED_THINK
    await ask(pane, "And the home office?")
    second = pane.conversation_id
    assert second is not None and second != conversation.id
    assert store.conversation_summary(second).folder_id == work.id  # type: ignore[union-attr]

    # A conversation in no folder open: Ctrl+N starts a plain chat, in no folder.
    loose = store.create_conversation("Loose", SCRIPTED)
    sidebar.reload(None)
    await wait_until(lambda: sidebar.list.model_.row_of(loose.id) is not None)
    sidebar.list.select(loose.id)
    await wait_until(lambda: pane.conversation_id == loose.id)
    window.new_chat()
    assert pane.settings_panel.system_prompt.toPlainText() == ""
    await ask(pane, "Hello")
    assert store.conversation_summary(pane.conversation_id or 0).folder_id is None  # type: ignore[union-attr]

    # "New chat here" from the folder's menu.
    sidebar.folders.newChatRequested.emit(work.id)
    assert pane.settings_panel.system_prompt.toPlainText() == "Answer as a tax adviser."

    # A sub-folder with no settings of its own starts chats with its folder's.
    receipts = store.folders.create("Receipts", parent_id=work.id)
    sidebar.reload(None)
    await wait_until(lambda: sidebar.list.model_.folder_row(receipts.id) is not None)
    sidebar.list.select(loose.id)  # a plain chat first, so the next one visibly changes
    await wait_until(lambda: pane.conversation_id == loose.id)
    window.new_chat()
    assert pane.current_model() == SCRIPTED and not pane.settings_panel.system_prompt.toPlainText()
    sidebar.folders.newChatRequested.emit(receipts.id)
    assert pane.current_model() == SCRIPTED_THINK
    assert pane.settings_panel.system_prompt.toPlainText() == "Answer as a tax adviser."


async def test_folder_menus_settings_and_keyboard(qtbot: object, tmp_path: Path) -> None:
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    work = store.folders.create("Work")
    chat = store.create_conversation("Loose", "m")
    sidebar, tasks = await open_sidebar(qtbot, store)
    view = sidebar.list
    await wait_until(lambda: view.model_.row_of(chat.id) is not None)

    # A conversation's menu: Move to folder ▸ Work.
    row = view.model_.row_of(chat.id)
    assert row is not None
    view.customContextMenuRequested.emit(view.visualRect(view.model_.index(row)).center())
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    move = next(a.menu() for a in menu.actions() if a.text() == "Move to folder")
    assert isinstance(move, QMenu)
    next(a for a in move.actions() if a.text() == "Work").trigger()
    menu.close()
    assert store.conversation_summary(chat.id).folder_id == work.id  # type: ignore[union-attr]

    # A folder's menu names what can be done with it.
    folder_row = view.model_.folder_row(work.id)
    assert folder_row is not None
    view.customContextMenuRequested.emit(view.visualRect(view.model_.index(folder_row)).center())
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    assert [a.text() for a in menu.actions() if a.text()] == [
        "New chat here",
        "Rename",
        "New sub-folder",
        "Folder settings…",
        "Delete folder…",
    ]
    menu.close()
    await asyncio.sleep(0.05)  # the closed menu gives the focus back first

    # The keyboard opens and closes a folder.
    view.select_folder(work.id)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Left)  # type: ignore[attr-defined]
    assert work.id not in view.expanded and view.model_.row_of(chat.id) is None
    qtbot.keyClick(view, Qt.Key.Key_Right)  # type: ignore[attr-defined]
    assert work.id in view.expanded and view.model_.row_of(chat.id) is not None
    assert view.currentIndex().data(FOLDER_ROLE) == work.id

    # F2 renames the selected folder.
    view.select_folder(work.id)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)  # type: ignore[attr-defined]
    editor = editing(view)
    editor.selectAll()
    qtbot.keyClicks(editor, "Office")  # type: ignore[attr-defined]
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    await wait_until(lambda: [f.name for f in store.folders.all()] == ["Office"])
    await wait_until(lambda: "Office" in view.model_.stringList())

    # Folder settings: a model, a prompt, tools off.
    sidebar.folders.model_choices = lambda: [("ollama", "Ollama", "qwen3:4b")]
    dialog = sidebar.folders.open_settings(work.id)
    assert isinstance(dialog, FolderSettingsDialog) and dialog.isVisible()
    dialog.model.setCurrentIndex(dialog.model.findText("qwen3:4b · Ollama"))
    dialog.prompt.setPlainText("Answer briefly.")
    dialog.tools.setChecked(False)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    saved = store.folders.get(work.id)
    assert saved is not None
    assert (saved.provider, saved.model, saved.system_prompt) == (
        "ollama",
        "qwen3:4b",
        "Answer briefly.",
    )
    assert not saved.tools.enabled

    # Move to folder ▸ New folder: made, the conversation in it, its name ready to type.
    row = view.model_.row_of(chat.id)
    assert row is not None
    view.customContextMenuRequested.emit(view.visualRect(view.model_.index(row)).center())
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    move = next(a.menu() for a in menu.actions() if a.text() == "Move to folder")
    assert isinstance(move, QMenu)
    next(a for a in move.actions() if a.text() == "New folder").trigger()
    menu.close()
    fresh = next(f for f in store.folders.all() if f.name == "New folder")
    assert store.conversation_summary(chat.id).folder_id == fresh.id  # type: ignore[union-attr]
    await wait_until(lambda: view.state() == view.State.EditingState)
    qtbot.keyClick(editing(view), Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    await wait_until(lambda: view.state() != view.State.EditingState)
    await tasks.cancel_all()
    store.close()


async def test_a_folder_opened_while_the_list_is_read_stays_open(
    qtbot: object, tmp_path: Path
) -> None:
    """The list's rows are built on a worker thread for the list as it was when reading
    began; a folder opened meanwhile must not be shown closed again by them."""
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    work = store.folders.create("Work")
    budget = store.create_conversation("Budget 2026", "m")
    store.create_conversation("Holiday plans", "m")
    store.folders.move_conversation(budget.id, work.id)
    sidebar, _ = await open_sidebar(qtbot, store)
    view = sidebar.list
    await wait_until(lambda: sidebar._complete and view.titles() == ["Holiday plans"])
    build = view.row_builder()  # reading begins, the folder closed
    view.set_expanded(work.id, True)  # a click on the folder meanwhile
    assert view.titles() == ["Budget 2026", "Holiday plans"]
    folders = store.folders.all()
    summaries, counts = store.conversation_summaries(), store.folders.counts()
    built = build(summaries, folders, counts)
    view.set_summaries(summaries, None, folders=folders, counts=counts, built=built)
    assert view.titles() == ["Budget 2026", "Holiday plans"]
    assert view.model_.folder_at(view.model_.folder_row(work.id) or 0).expanded  # type: ignore[union-attr]
    fresh = view.row_builder()(summaries, folders, counts)
    view.set_summaries(summaries, None, folders=folders, counts=counts, built=fresh)
    assert view.model_.summaries is fresh.summaries  # rows built for the list as it is: used
    assert view.titles() == ["Budget 2026", "Holiday plans"]
    store.close()
