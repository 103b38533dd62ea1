"""The Tools page against real MCP servers: adding, pasting JSON, starting, tools and
their schema, the log, failures with their remedy, switching off and removing."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.core.tool_policy import ToolPolicies
from desktop.core.toolbox import Policy
from desktop.tools.manager import McpServerManager, ServerState
from desktop.ui.tasks import TaskOwner
from desktop.ui.tools.key_values import Entry
from desktop.ui.tools.tool_model import DESCRIPTION_ROLE, POLICY_ROLE
from desktop.ui.tools.tools_page import ToolsPage
from tests.servers.mcp_fixtures import SERVER_SCRIPT, McpHttpServer, stdio_config
from tests.servers.mcp_test_server import WEATHER_DESCRIPTION
from tests.ui.conftest import wait_until

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
async def tasks() -> AsyncIterator[TaskOwner]:
    owner = TaskOwner()
    yield owner
    await owner.cancel_all()


@pytest.fixture
def make_page(
    qtbot: object, tasks: TaskOwner, mcp_manager_factory: Callable[..., McpServerManager]
) -> Callable[..., ToolsPage]:
    def make(**kwargs: object) -> ToolsPage:
        page = ToolsPage(mcp_manager_factory(**kwargs), tasks)
        qtbot.addWidget(page)  # type: ignore[attr-defined]
        page.resize(1100, 700)
        page.show()
        return page

    return make


async def test_an_empty_page_says_how_to_begin_and_pasted_json_adds_servers(
    make_page: Callable[..., ToolsPage], mcp_http_server: McpHttpServer
) -> None:
    page = make_page()
    assert page.stack.currentWidget() is page.empty
    assert page.empty_title.text() == "No MCP servers yet"
    document = {
        "mcpServers": {
            "local": {"command": sys.executable, "args": [str(SERVER_SCRIPT)]},
            "remote": {"url": mcp_http_server.url},
            "broken": {"args": ["x"]},
        }
    }
    dialog = page.paste_json()
    dialog.editor.setPlainText("{not json")
    assert not dialog.add.isEnabled()
    assert "not valid JSON" in dialog.problem.text()
    dialog.editor.setPlainText(json.dumps(document))
    assert dialog.add.isEnabled()
    assert "broken has neither" in dialog.problem.text()
    dialog.add.click()
    await page.idle()
    assert [server.name for server in page.manager.servers] == ["local", "remote"]
    assert page.stack.currentIndex() == 1
    assert page.notice.isVisible()
    assert page.notice_text.text().startswith("Added 2 servers.")
    assert "broken has neither" in page.notice_text.text()
    assert page.servers.current_name() == "local"


async def test_a_server_added_by_hand_starts_and_shows_its_tools_and_log(
    make_page: Callable[..., ToolsPage],
) -> None:
    page = make_page()
    dialog = page.add_server()
    dialog.name.setText("weather")
    dialog.command.setText(sys.executable)
    dialog.args.setText(str(SERVER_SCRIPT))
    dialog.env.add_row(Entry("UNIT", "c", False))
    dialog.save()
    await page.idle()
    assert page.manager.config("weather") is not None
    detail = page.detail
    assert detail.name.text() == "weather"
    assert detail.state.text() == "Starts when needed"
    assert detail.restart.text() == "Start"
    detail.restart.click()
    await page.idle()
    await wait_until(lambda: page.manager.status("weather").state is ServerState.RUNNING)
    assert detail.state.text().startswith("Running · ")
    count = len(page.manager.status("weather").tools)
    await wait_until(lambda: len(detail.tools.tools) == count)
    assert detail.restart.text() == "Restart"
    model = detail.tools.model
    rows = {
        model.index(row, 0).data(): model.index(row, 0).data(DESCRIPTION_ROLE)
        for row in range(model.rowCount())
    }
    assert rows["get_current_weather"] == WEATHER_DESCRIPTION  # every tool's name, description
    detail.tools.choose("get_current_weather")
    weather = detail.tools.detail
    assert weather.name.text() == "get_current_weather"
    assert weather.description.text() == WEATHER_DESCRIPTION
    assert not weather.badge.isHidden()  # read-only
    assert weather.schema is None  # made when first asked for
    weather.schema_button.click()
    assert weather.schema is not None and not weather.schema.isHidden()
    assert '"location"' in weather.schema.toPlainText()
    detail.tools.choose("slow")  # another tool: its own schema
    assert '"seconds"' in weather.schema.toPlainText()
    assert page.detail.tabs.tabText(0) == f"Tools ({len(rows)})"
    await wait_until(lambda: "parley test server starting" in detail.log.toPlainText())
    assert page.servers.server_row("weather").dot.property("state") == "running"


async def test_a_missing_command_shows_what_to_install(
    make_page: Callable[..., ToolsPage], tmp_path: Path
) -> None:
    page = make_page(environ={"PATH": str(tmp_path), "HOME": str(tmp_path)}, folders=[])
    document = {"mcpServers": {"files": {"command": "npx", "args": ["-y", "server-files"]}}}
    page.paste_json(json.dumps(document)).add.click()
    await page.idle()
    page.detail.restart.click()
    await page.idle()
    assert page.detail.problem.isVisible()
    said = page.detail.problem_text.text()
    assert said.startswith("The command npx was not found on this computer.")
    assert "Node.js" in said
    assert page.detail.state.text() == "Failed"
    assert page.servers.server_row("files").dot.property("state") == "failed"


async def test_a_server_is_switched_off_edited_and_removed(
    make_page: Callable[..., ToolsPage], tmp_path: Path
) -> None:
    page = make_page()
    await page.manager.save_server(stdio_config("one"))
    page.servers.server_row("one").switch.setChecked(False)
    await page.idle()
    assert page.manager.config("one").enabled is False  # type: ignore[union-attr]
    assert page.detail.state.text() == "Off"
    edit = page.edit_server("one")
    assert edit is not None
    edit.name.setText("renamed")
    edit.args.setText(f"{SERVER_SCRIPT} --flag")
    edit.save()
    await page.idle()
    renamed = page.manager.config("renamed")
    assert renamed is not None and renamed.args == (str(SERVER_SCRIPT), "--flag")
    assert page.servers.current_name() == "renamed"
    box = page.confirm_removal("renamed")
    remove = next(
        b for b in box.buttons() if box.buttonRole(b) is QMessageBox.ButtonRole.DestructiveRole
    )
    remove.click()
    await page.idle()
    assert page.manager.servers == []
    assert page.stack.currentWidget() is page.empty


async def test_a_file_of_servers_is_shown_before_it_is_added(
    make_page: Callable[..., ToolsPage], tmp_path: Path
) -> None:
    page = make_page()
    path = tmp_path / "claude_desktop_config.json"
    path.write_text(json.dumps({"mcpServers": {"time": {"command": "uvx"}}}), encoding="utf-8")
    dialog = page.read_json_file(os.fspath(path))
    assert dialog is not None
    assert dialog.add.text() == "Add 1 server"
    dialog.add.click()
    await page.idle()
    assert [server.name for server in page.manager.servers] == ["time"]


async def test_the_person_chooses_what_happens_when_a_servers_tools_are_called(
    make_page: Callable[..., ToolsPage],
) -> None:
    saved: list[dict[str, object]] = []
    policies = ToolPolicies(save=saved.append)
    page = make_page()
    config = await page.manager.save_server(stdio_config("weather"))
    assert page.detail.policy.isHidden()  # no policies in this window
    page.set_policies(policies)
    assert not page.detail.policy.isHidden()
    assert page.detail.policy.currentText() == "Ask me each time"
    page.detail.policy.setCurrentIndex(page.detail.policy.findData(Policy.ALLOW.value))
    page.detail.policy.activated.emit(page.detail.policy.currentIndex())
    assert policies.server_policy(config.identity) is Policy.ALLOW
    assert saved, "the book was saved"
    page.reload()
    assert page.detail.policy.currentText() == "Run without asking"


async def test_a_tool_can_have_its_own_choice_which_the_chat_then_follows(
    make_page: Callable[..., ToolsPage],
) -> None:
    """Per tool, not only per server: "never run" on one tool denies exactly the tool a
    chat is offered, and "as the server says" hands it back to the server's choice."""
    from desktop.tools.tool_source import McpToolSource

    policies = ToolPolicies()
    page = make_page()
    await page.manager.save_server(stdio_config("weather"))
    page.set_policies(policies)
    page.detail.restart.click()
    await page.idle()
    await wait_until(lambda: page.manager.status("weather").state is ServerState.RUNNING)
    count = len(page.manager.status("weather").tools)
    await wait_until(lambda: len(page.detail.tools.tools) == count)
    tools = page.detail.tools
    tools.choose("get_current_weather")
    choice = tools.detail.policy
    assert not choice.isHidden() and choice.currentText() == "As the server says"

    choice.setCurrentIndex(choice.findData(Policy.DENY.value))
    choice.activated.emit(choice.currentIndex())
    offered = {tool.name: tool for tool in await McpToolSource(page.manager).available_tools()}
    assert policies.policy(offered["get_current_weather"]) is Policy.DENY
    assert policies.policy(offered["slow"]) is Policy.ASK  # the others follow the server

    page.reload()
    tools.choose("get_current_weather")
    assert tools.detail.policy.currentText() == "Never run"
    row = tools.model.row_of("get_current_weather")
    assert tools.model.index(row, 0).data(POLICY_ROLE) == Policy.DENY.value  # its pill
    choice.setCurrentIndex(choice.findData(""))
    choice.activated.emit(choice.currentIndex())
    page.detail.policy.setCurrentIndex(page.detail.policy.findData(Policy.ALLOW.value))
    page.detail.policy.activated.emit(page.detail.policy.currentIndex())
    assert policies.policy(offered["get_current_weather"]) is Policy.ALLOW


async def test_new_log_lines_keep_the_persons_place_in_the_log(
    make_page: Callable[..., ToolsPage],
) -> None:
    """Each new line used to set the whole log again, which threw someone reading an
    earlier line back to the top."""
    page = make_page()
    await page.manager.save_server(stdio_config("weather"))
    page.detail.tabs.setCurrentWidget(page.detail.log)
    await page.manager.ensure_started("weather")
    said = "\n".join(f"line {number}" for number in range(300))
    await page.manager.call("weather", "say", {"text": said})
    log = page.detail.log
    await wait_until(lambda: "line 299" in log.toPlainText())
    bar = log.verticalScrollBar()
    assert bar.value() == bar.maximum() > 0  # it follows the end while the person is there
    bar.setValue(bar.maximum() // 2)
    place = bar.value()
    await page.manager.call("weather", "say", {"text": "one more"})
    await wait_until(lambda: log.toPlainText().endswith("one more"))
    assert bar.value() == place
    assert log.toPlainText().count("line 150\n") == 1  # appended, not repeated
