"""`/` in the composer: the prompt picker, the variable form, personas in the chat
settings, and the library window (edit, import, export, bad files), in the real window."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from desktop.core.prompt_library import Prompt
from desktop.ui.chat.chat_pane import ChatPane
from desktop.ui.chat.prompts.prompt_book import PromptBook
from desktop.ui.chat.prompts.prompt_form import PromptForm
from desktop.ui.chat.prompts.prompt_library_window import PromptLibraryWindow
from desktop.ui.chat.prompts.prompt_picker import PromptPicker
from desktop.ui.chat.prompts.prompt_slash import SlashPrompts
from tests.ui.chat_fixtures import ask, ready_pane
from tests.ui.conftest import wait_until
from tests.ui.keys import activate, press

TRIP = Prompt("Trip plan", "Plan a trip about {{topic}} for {{ days }} days.", tags=("travel",))
GREET = Prompt("Greeting", "Hello there, please help me.")


async def prompt_pane(open_window, prompts=(TRIP, GREET)) -> tuple[ChatPane, SlashPrompts]:  # type: ignore[no-untyped-def]
    pane = await ready_pane(open_window)
    slash = pane.card.slash
    assert slash is not None, "the app gives the composer the prompt library"
    slash.book.store.replace_all(list(prompts))
    activate(pane.window())
    pane.composer.setFocus()
    return pane, slash


def typed(qtbot, pane: ChatPane, words: str) -> None:  # type: ignore[no-untyped-def]
    activate(pane.window())
    pane.composer.setFocus()
    qtbot.keyClicks(pane.composer, words)


def picker_of(slash: SlashPrompts) -> PromptPicker:
    assert slash.picker is not None
    return slash.picker


def names(picker: PromptPicker) -> list[str]:
    return [picker.list.item(i).text() for i in range(picker.list.count())]


async def test_slash_tr_enter_asks_for_the_variables_and_inserts_the_filled_prompt(
    qtbot, scripted, open_window
):
    pane, slash = await prompt_pane(open_window)
    typed(qtbot, pane, "/tr")
    picker = picker_of(slash)
    assert picker.isVisible() and names(picker) == ["Trip plan"]
    assert picker.geometry().intersects(pane.window().rect())
    press(qtbot, pane.composer, Qt.Key.Key_Return)
    assert not picker.isVisible()
    form = slash.form
    assert isinstance(form, PromptForm) and form.isVisible()
    assert list(form.fields) == ["topic", "days"]
    assert pane.composer.toPlainText() == "/tr", "nothing changes before the form is filled"
    activate(form)
    assert QApplication.focusWidget() is form.fields["topic"], "the first field has focus"
    qtbot.keyClicks(form.fields["topic"], "Kyoto")
    form.fields["topic"].insert(" 京都")  # QTest types ASCII only; an input method types this
    qtbot.keyClick(form.fields["topic"], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.fields["days"], "Tab moves to the next field"
    qtbot.keyClicks(form.fields["days"], "3")
    qtbot.keyClick(form.fields["days"], Qt.Key.Key_Return)
    await wait_until(lambda: not form.isVisible())
    assert pane.composer.toPlainText() == "Plan a trip about Kyoto 京都 for 3 days."
    assert not pane.streaming and not scripted.chat_bodies(), "Enter in the form does not send"


async def test_the_picker_filters_as_one_types_and_moves_with_the_arrows(
    qtbot, scripted, open_window
):
    pane, slash = await prompt_pane(open_window)
    typed(qtbot, pane, "/")
    picker = picker_of(slash)
    everything = names(picker)
    assert {"Trip plan", "Greeting"} <= set(everything)
    typed(qtbot, pane, "g")
    assert names(picker)[0] == "Greeting"
    typed(qtbot, pane, "reet")
    assert names(picker) == ["Greeting"]
    pane.composer.clear()
    typed(qtbot, pane, "/travel")  # a tag matches too
    assert names(picker) == ["Trip plan"]
    pane.composer.clear()
    typed(qtbot, pane, "/")
    press(qtbot, pane.composer, Qt.Key.Key_Down)
    assert picker.current() == slash.book.prompts("prompt")[1]
    press(qtbot, pane.composer, Qt.Key.Key_Up)
    assert picker.current() == slash.book.prompts("prompt")[0]


async def test_a_prompt_without_variables_is_inserted_at_once_by_enter_or_click(
    qtbot, scripted, open_window
):
    pane, slash = await prompt_pane(open_window)
    pane.composer.setPlainText("First line\n")
    pane.composer.moveCursor(pane.composer.textCursor().MoveOperation.End)
    typed(qtbot, pane, "/greet")
    press(qtbot, pane.composer, Qt.Key.Key_Return)
    assert slash.form is None
    assert pane.composer.toPlainText() == "First line\nHello there, please help me."
    assert not slash.open

    pane.composer.clear()
    typed(qtbot, pane, "/gr")
    picker = picker_of(slash)
    row = picker.list.visualItemRect(picker.list.item(0)).center()
    qtbot.mouseClick(picker.list.viewport(), Qt.MouseButton.LeftButton, pos=row)
    assert pane.composer.toPlainText() == "Hello there, please help me."


async def test_esc_closes_the_picker_and_leaves_the_text(qtbot, scripted, open_window):
    pane, slash = await prompt_pane(open_window)
    stops: list[bool] = []
    (stop,) = [
        s for s in pane.findChildren(QShortcut) if s.key() == QKeySequence(Qt.Key.Key_Escape)
    ]
    stop.activated.connect(lambda: stops.append(True))
    typed(qtbot, pane, "/tr")
    assert slash.open
    press(qtbot, pane.composer, Qt.Key.Key_Escape)
    assert not slash.open and pane.composer.toPlainText() == "/tr"
    assert stops == [], "Esc closed the list; it did not ask to stop an answer"
    typed(qtbot, pane, "i")
    assert not slash.open, "it stays closed for that line"
    press(qtbot, pane.composer, Qt.Key.Key_Escape)
    assert stops == [True], "with the list closed Esc stops as before"

    pane.composer.clear()
    typed(qtbot, pane, "/tr")
    press(qtbot, pane.composer, Qt.Key.Key_Return)
    form = slash.form
    assert form is not None
    press(qtbot, form.fields["topic"], Qt.Key.Key_Escape)
    await wait_until(lambda: not form.isVisible())
    assert pane.composer.toPlainText() == "/tr", "Esc in the form leaves the text"


async def test_a_slash_inside_a_line_or_before_a_space_stays_plain_text(
    qtbot, scripted, open_window
):
    pane, slash = await prompt_pane(open_window)
    typed(qtbot, pane, "see /tr")
    assert not slash.open
    pane.composer.clear()
    typed(qtbot, pane, "/usr")
    picker = picker_of(slash)
    assert slash.open and picker.empty.isVisible(), "no match yet: it says so"
    typed(qtbot, pane, " /bin is a folder")
    assert not slash.open
    assert pane.composer.toPlainText() == "/usr /bin is a folder"
    press(qtbot, pane.composer, Qt.Key.Key_Return)
    await wait_until(lambda: scripted.chat_bodies())
    assert scripted.chat_bodies()[-1]["messages"][-1]["content"] == "/usr /bin is a folder"


async def test_a_persona_fills_the_system_prompt_that_is_sent(qtbot, scripted, open_window):
    pane, slash = await prompt_pane(open_window)
    pirate = Prompt("Pirate", "Answer like a pirate.", "persona")
    slash.book.store.replace_all([TRIP, pirate])
    pane.settings_button.click()
    panel = pane.settings_panel
    chooser = panel.persona
    labels = [chooser.itemText(i) for i in range(chooser.count())]
    assert "Code reviewer" in labels and "Pirate" in labels and labels[0] == "None"
    row = labels.index("Code reviewer")
    chooser.setCurrentIndex(row)
    chooser.activated.emit(row)
    reviewer = chooser.itemData(row)
    assert panel.system_prompt.toPlainText() == reviewer.text
    await ask(pane, "Review this")
    assert scripted.chat_bodies()[-1]["messages"][0] == {"role": "system", "content": reviewer.text}

    panel.system_prompt.setPlainText(reviewer.text + " Be kind.")
    assert chooser.currentText() == "Custom", "edited afterwards: Custom"
    row = labels.index("Pirate")
    chooser.activated.emit(row)
    assert chooser.currentText() == "Pirate"
    await ask(pane, "Hello")
    assert scripted.chat_bodies()[-1]["messages"][0]["content"] == "Answer like a pirate."
    chooser.activated.emit(0)  # None
    assert panel.system_prompt.toPlainText() == ""
    await ask(pane, "Plain")
    assert scripted.chat_bodies()[-1]["messages"][0]["role"] == "user"


def library(slash: SlashPrompts) -> PromptLibraryWindow:
    window = slash.book.window
    assert isinstance(window, PromptLibraryWindow) and window.isVisible()
    return window


async def test_manage_prompts_opens_the_library_where_prompts_are_added_and_deleted(
    qtbot, scripted, open_window
):
    pane, slash = await prompt_pane(open_window)
    typed(qtbot, pane, "/")
    picker_of(slash).manage.click()
    window = library(slash)
    assert not slash.open
    window.new_button.click()
    editor = window.editor
    assert not editor.save_button.isEnabled(), "no name, no text: nothing to save"
    editor.name.setText("Trip plan")
    editor.text.setPlainText("Another {{topic")
    assert editor.problem.text().startswith("Another one is already called")
    assert not editor.save_button.isEnabled()
    editor.name.setText("Poem")
    assert "no partner" in editor.problem.text() and editor.save_button.isEnabled()
    editor.text.setPlainText("Write a poem about {{topic}}.")
    assert editor.hint.text() == "Asks for: topic"
    editor.save_button.click()
    assert [p.name for p in slash.book.own()] == ["Trip plan", "Greeting", "Poem"]

    pane.composer.clear()
    typed(qtbot, pane, "/po")
    assert names(picker_of(slash)) == ["Poem"], "the picker lists it at once"
    press(qtbot, pane.composer, Qt.Key.Key_Escape)

    builtin = next(p for p in slash.book.prompts("prompt") if p.builtin)
    window.list.setCurrentRow(0)
    assert window.editor.prompt == builtin and window.editor.name.isReadOnly()
    assert not window.delete_button.isEnabled()
    window.duplicate_button.click()
    assert window.editor.prompt is not None and window.editor.prompt.name == builtin.name + " (2)"
    window.delete_button.click()
    assert window.question is not None
    delete = next(b for b in window.question.buttons() if b.text() == "Delete")
    delete.click()
    assert builtin.name + " (2)" not in [p.name for p in slash.book.own()]


async def test_import_and_export_round_trip_and_bad_files_leave_the_library(
    qtbot, scripted, open_window, tmp_path: Path
):
    pane, slash = await prompt_pane(open_window)
    book: PromptBook = slash.book
    window = book.show_window(pane.window())
    assert isinstance(window, PromptLibraryWindow)
    exported = tmp_path / "mine.json"
    window.export_path(exported)
    assert window.status.text() == "Exported 2 prompts to mine.json."
    book.store.replace_all([])
    window.import_path(exported)
    assert book.own() == [TRIP, GREET]
    assert window.status.text() == "Imported 2 prompts."
    window.import_path(exported)
    assert window.status.text() == "Imported 0 prompts. 2 were already in the library."

    changed = tmp_path / "changed.json"
    changed.write_text(
        json.dumps({"version": 1, "prompts": [{"name": "Trip plan", "text": "New"}]})
    )
    window.import_path(changed)
    assert "kept beside the old ones: “Trip plan (2)”" in window.status.text()
    assert [p.name for p in book.own()] == ["Trip plan", "Greeting", "Trip plan (2)"]

    before = book.store.path.read_bytes()
    for content, words in (
        (b'{"version": 2, "prompts": []}', "written by a newer Parley"),
        (b'{"conversations": []}', "it has no list of prompts"),
        (b"[1, 2]", "prompt number 1 cannot be read: it is not an object"),
        (b"{truncated", "Expecting property name"),
    ):
        bad = tmp_path / "bad.json"
        bad.write_bytes(content)
        window.import_path(bad)
        assert words in window.status.text()
        assert window.status.text().endswith("Your library is unchanged.")
        assert window.status.property("problem") is True
    assert book.store.path.read_bytes() == before


def test_picker_places_itself_above_the_caret_without_room_below(qtbot) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QWidget

    host = QWidget()
    qtbot.addWidget(host)
    host.resize(600, 400)
    picker = PromptPicker(host)
    picker.show_matches([TRIP, GREET], "")
    picker.place(QRect(40, 380, 2, 16), host)
    assert picker.geometry().bottom() < 380 and picker.geometry().top() >= 0
    picker.place(QRect(40, 20, 2, 16), host)
    assert picker.geometry().top() > 36
    assert picker.mapTo(host, QPoint(0, 0)).x() >= 0


def test_the_form_warns_about_an_unmatched_brace_and_inserts_as_written(qtbot) -> None:  # type: ignore[no-untyped-def]
    form = PromptForm(Prompt("Broken", "Say {{word}} and {{oops} here"))
    qtbot.addWidget(form)
    filled: list[str] = []
    form.filled.connect(filled.append)
    form.open()
    assert list(form.fields) == ["word"]
    assert form.warning.isVisible() and "has no partner" in form.warning.text()
    form.fields["word"].setText("hi")
    form.insert_button.click()
    assert filled == ["Say hi and {{oops} here"]
    assert not form.isVisible()
    fine = PromptForm(Prompt("Fine", "{{a}}"))
    qtbot.addWidget(fine)
    fine.open()
    assert not fine.warning.isVisible()
    fine.reject()


async def test_edits_are_kept_when_moving_on_or_closing_the_library(qtbot, scripted, open_window):  # type: ignore[no-untyped-def]
    pane, slash = await prompt_pane(open_window)
    window = slash.book.show_window(pane.window())
    assert isinstance(window, PromptLibraryWindow)
    rows = [window.list.item(i).text() for i in range(window.list.count())]
    window.list.setCurrentRow(rows.index("Trip plan"))
    window.editor.text.setPlainText("Plan a weekend in {{city}}.")
    window.list.setCurrentRow(rows.index("Greeting"))  # a click elsewhere does not lose it
    assert window.editor.prompt == GREET
    assert [p.text for p in slash.book.own()] == ["Plan a weekend in {{city}}.", GREET.text]

    window.new_button.click()
    window.editor.name.setText("Unfinished")  # no text: it cannot be saved, and is not
    window.show_kind("persona")
    assert [p.name for p in slash.book.own()] == ["Trip plan", "Greeting"]
    window.show_kind("prompt")
    window.new_button.click()
    window.editor.name.setText("Haiku")
    window.editor.text.setPlainText("A haiku about {{season}}.")
    window.close()
    assert not window.isVisible()
    assert [p.name for p in slash.book.own()] == ["Trip plan", "Greeting", "Haiku"]


async def test_the_open_picker_follows_the_message_box_when_the_window_resizes(
    qtbot, scripted, open_window
):  # type: ignore[no-untyped-def]
    pane, slash = await prompt_pane(open_window)
    window = pane.window()
    typed(qtbot, pane, "/")
    picker = picker_of(slash)

    def gap() -> int:
        box_top = pane.composer.mapTo(window, QPoint(0, 0)).y()
        return box_top - picker.geometry().bottom()

    assert 0 < gap() < 40, "just above the message box"
    window.resize(window.width(), window.height() - 120)
    await wait_until(lambda: 0 < gap() < 40)
