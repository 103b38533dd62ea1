"""The Tools page in the app's window, with the app's own services."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QApplication

from desktop.app import AppServices
from desktop.ui.shell.main_window import TOOLS
from desktop.ui.tools.tools_page import ToolsPage
from tests.servers.mcp_fixtures import stdio_config
from tests.ui.conftest import wait_until

pytestmark = pytest.mark.timeout(120)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


async def test_quitting_the_app_ends_every_server_it_started_and_their_children(
    qtbot: object,
) -> None:
    application = QApplication.instance()
    assert isinstance(application, QApplication)
    quits = application.quitOnLastWindowClosed()
    application.setQuitOnLastWindowClosed(False)
    services = AppServices.create()
    window = services.build_window()
    try:
        window.show()
        page = window.show_page(TOOLS)
        assert isinstance(page, ToolsPage)
        assert window.rail.buttons[TOOLS].isChecked()
        manager = page.manager
        assert manager is services.tools
        await manager.save_server(stdio_config("weather"))
        source = services.tool_source
        assert source is not None
        names = [tool.name for tool in await source.available_tools()]
        assert "get_current_weather" in names
        pid = json.loads((await manager.call("weather", "server_pid", {})).text)["pid"]
        child = json.loads((await manager.call("weather", "spawn_child", {})).text)["pid"]
        await wait_until(lambda: page.detail.state.text().startswith("Running"))
    finally:
        window.close()
        await services.aclose()
        window.deleteLater()
        application.setQuitOnLastWindowClosed(quits)
    await wait_until(lambda: not _alive(pid) and not _alive(child), timeout=15)
