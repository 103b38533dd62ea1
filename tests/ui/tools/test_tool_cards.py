"""A server's tools on the Tools page: one painted list, whatever the number of tools; the
keyboard moves through it and sets a tool's policy; each row reads out its tool."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from desktop.core.toolbox import Policy
from desktop.tools.results import RemoteTool
from desktop.ui.theme import DARK, LIGHT, apply_theme
from desktop.ui.tools.tool_cards import ToolCards
from desktop.ui.tools.tool_delegate import first_lines
from desktop.ui.tools.tool_model import POLICY_ROLE, SERVERS_CHOICE

LONG = (
    "Read the complete contents of a file from the file system. Handles various text "
    "encodings and provides detailed error messages if the file cannot be read. Only works "
    "within allowed directories, and never follows a link out of them."
)


def tools(count: int) -> tuple[RemoteTool, ...]:
    return tuple(
        RemoteTool(
            f"tool_{number}",
            LONG if number % 2 else f"Tool number {number}",
            {"type": "object", "properties": {f"arg_{number}": {"type": "string"}}},
            read_only=number % 3 == 0,
        )
        for number in range(count)
    )


@pytest.fixture
def cards(qtbot: object) -> ToolCards:
    widget = ToolCards()
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.resize(700, 500)
    widget.show()
    return widget


async def test_a_server_with_many_tools_costs_no_widget_per_tool(cards: ToolCards) -> None:
    """Each tool used to be a card of six widgets, built, styled and laid out when the
    server's tools arrived: 30-150 ms with the window still on every first start."""
    cards.set_tools(tools(3))
    await asyncio.sleep(0.05)
    few = len(cards.findChildren(QWidget))
    cards.set_tools(tools(40))
    await asyncio.sleep(0.05)  # (the cards came a few per loop turn)
    assert cards.model.rowCount() == 40
    assert len(cards.findChildren(QWidget)) == few
    assert cards.detail.name.text() == "tool_0"  # the first is chosen and shown in full


async def test_arrow_keys_move_through_the_tools_and_the_menu_key_sets_a_policy(
    cards: ToolCards,
) -> None:
    chosen: list[tuple[str, str]] = []
    cards.policyChosen.connect(lambda name, value: chosen.append((name, value)))
    cards.policy_of = lambda tool: Policy.ALLOW if tool.name == "tool_2" else None
    cards.set_tools(tools(5))
    view = cards.list
    view.setFocus()
    assert view.focusPolicy() & Qt.FocusPolicy.TabFocus
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert cards.detail.name.text() == "tool_1"
    assert cards.detail.description.text() == LONG  # whole, where the row shows two lines
    assert cards.detail.policy.currentText() == "As the server says"
    QTest.keyClick(view, Qt.Key.Key_Down)
    assert cards.detail.name.text() == "tool_2"
    assert cards.detail.policy.currentText() == "Run without asking"

    menu_key = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), view.mapToGlobal(QPoint(0, 0))
    )
    QApplication.sendEvent(view, menu_key)
    menu = view.menu
    assert menu is not None and menu.isVisible()
    words = [action.text() for action in menu.actions()]
    assert words == ["As the server says", "Run without asking", "Never run"]
    assert [action.isChecked() for action in menu.actions()] == [False, True, False]
    menu.actions()[2].trigger()
    menu.close()
    assert chosen == [("tool_2", Policy.DENY.value)]
    assert cards.model.index(2, 0).data(POLICY_ROLE) == Policy.DENY.value  # the row's pill
    assert cards.detail.policy.currentText() == "Never run"

    QTest.keyClick(view, Qt.Key.Key_Return)  # Enter: on to the chosen tool's policy
    assert cards.detail.policy.hasFocus()
    cards.detail.policy.setCurrentIndex(cards.detail.policy.findData(SERVERS_CHOICE))
    cards.detail.policy.activated.emit(cards.detail.policy.currentIndex())
    assert chosen[-1] == ("tool_2", SERVERS_CHOICE)


async def test_each_row_reads_out_its_tool_and_policy(cards: ToolCards) -> None:
    cards.policy_of = lambda tool: Policy.DENY
    cards.set_tools(tools(4))
    row = cards.model.index(3, 0)
    assert row.data(Qt.ItemDataRole.AccessibleTextRole) == "tool_3"
    said = row.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert said == "Read the complete contents of a file from the file system. Handles " + (
        LONG.split("Handles ", 1)[1] + ". read-only. Never run"
    )
    assert cards.list.accessibleName() == "Tools of this server"


async def test_a_long_description_shows_two_lines_and_every_row_one_height(
    cards: ToolCards,
) -> None:
    cards.set_tools(tools(2))
    font = cards.list.font()
    lines = first_lines(LONG, font, 300)
    assert len(lines) == 2
    assert lines[-1].endswith("…")
    assert first_lines("Short", font, 300) == ["Short"]
    short, long = (cards.list.visualRect(cards.model.index(row, 0)) for row in (0, 1))
    assert short.height() == long.height()


async def test_the_chosen_tool_stays_chosen_when_the_server_lists_its_tools_again(
    cards: ToolCards,
) -> None:
    cards.set_tools(tools(6))
    cards.choose("tool_4")
    cards.detail.schema_button.click()
    assert cards.detail.schema is not None and '"arg_4"' in cards.detail.schema.toPlainText()
    cards.set_tools(tools(8))  # a restart with two more tools
    assert cards.detail.name.text() == "tool_4"
    cards.set_tools(())
    assert cards.detail.isHidden()


@pytest.mark.parametrize("dark", [False, True])
async def test_the_list_paints_in_light_and_dark(cards: ToolCards, dark: bool) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, DARK if dark else LIGHT)
    try:
        cards.policy_of = lambda tool: Policy.ALLOW if tool.read_only else None
        cards.set_tools(tools(12))
        picture = cards.grab().toImage()
        assert not picture.isNull()
        colours = {picture.pixel(x, 60) for x in range(0, picture.width(), 7)}
        assert len(colours) > 3  # rows drawn, not an empty list
    finally:
        apply_theme(app, LIGHT)


async def test_warming_up_leaves_the_list_as_it_was(cards: ToolCards) -> None:
    """The page draws a sample tool once, unseen, before any server has started."""
    cards.hide()
    shown: list[tuple[str, str]] = []
    cards.policyChosen.connect(lambda name, value: shown.append((name, value)))
    cards.warm_up()
    assert cards.model.rowCount() == 0 and cards.detail.isHidden() and not shown
    cards.set_tools(tools(3))
    cards.warm_up()  # once only, and never over real tools
    assert cards.model.rowCount() == 3 and cards.detail.name.text() == "tool_0"


async def test_a_forty_line_description_scrolls_below_the_list_instead_of_pushing_it_out(
    cards: ToolCards,
) -> None:
    described = "\n".join(f"- point {line} of how to use this tool" for line in range(40))
    cards.set_tools((RemoteTool("sequentialthinking", described),))
    await asyncio.sleep(0.05)
    area = cards.detail.description_area
    line = cards.detail.description.fontMetrics().lineSpacing()
    assert area.height() <= 5 * line
    assert area.verticalScrollBar().maximum() > 0  # the rest is there, scrolled to
    assert cards.list.height() > 100
