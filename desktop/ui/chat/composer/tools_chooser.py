"""Which tool servers and tools this conversation uses (a row of the chat settings).

A button names the choice ("All servers", "2 of 3 servers", "Off") and opens a menu: a
checkable entry per server, and under it one per tool. The list comes from the tool
source when the menu opens (servers start off the UI thread when first listed); until
then the conversation's saved choice is kept as it is. Every change is reported as the
conversation's ``tool_servers`` / ``tools_off``, and the definitions now on, for the
context meter.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from desktop.core.toolbox import AvailableTool, ToolSource
from desktop.core.tools import ToolDefinition
from desktop.ui.icons import icon
from desktop.ui.tasks import TaskOwner


class ToolsChooser(QToolButton):
    choiceChanged = Signal()
    """The person turned a server or tool on or off (read :meth:`choice`)."""
    definitionsChanged = Signal(object)  # list[ToolDefinition] now on

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolsChooser")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setIcon(icon("wrench", "muted"))
        self._menu = QMenu(self)
        self._menu.aboutToShow.connect(self.refresh)
        self.setMenu(self._menu)
        self._source: ToolSource | None = None
        self._tasks: TaskOwner | None = None
        self.tools: list[AvailableTool] = []
        self.servers: tuple[str, ...] | None = None
        self.tools_off: tuple[str, ...] = ()
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Tools this conversation may use"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self.setIcon(icon("wrench", "muted"))  # in the new look's colour

    def set_source(self, source: ToolSource | None, tasks: TaskOwner) -> None:
        self._source = source
        self._tasks = tasks
        self.setEnabled(source is not None)
        self._fill()  # listed when the menu opens: no server starts before it is needed

    def load(self, servers: Sequence[str] | None, tools_off: Sequence[str] | None) -> None:
        """A conversation's saved choice (not reported as a change)."""
        self.servers = None if servers is None else tuple(servers)
        self.tools_off = tuple(tools_off or ())
        self._fill()
        self.definitionsChanged.emit(self.definitions())

    def choice(self) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
        return self.servers, self.tools_off or None

    def definitions(self) -> list[ToolDefinition]:
        return [tool.definition for tool in self.tools if self._on(tool)]

    def refresh(self) -> None:
        """List the tools again (every enabled server's: the choice is made among them)."""
        if self._source is None or self._tasks is None:
            return
        self._tasks.spawn(self._list(self._source), name="list-tools")

    async def _list(self, source: ToolSource) -> None:
        self.show_tools(await source.available_tools(None))

    def show_tools(self, tools: Sequence[AvailableTool]) -> None:
        self.tools = list(tools)
        self._fill()
        self.definitionsChanged.emit(self.definitions())

    def _server_names(self) -> list[str]:
        return list(dict.fromkeys(tool.server for tool in self.tools))

    def _on(self, tool: AvailableTool) -> bool:
        server_on = self.servers is None or tool.server in self.servers
        return server_on and tool.name not in self.tools_off

    def _used(self, names: Sequence[str]) -> list[str]:
        return [name for name in names if self.servers is None or name in self.servers]

    def _fill(self) -> None:
        self._label()
        self._rebuild_menu()

    def _label(self) -> None:
        names = self._server_names()
        used = self._used(names)
        if self._source is None:
            self.setText(self.tr("No tool servers"))
        elif self.servers is not None and not self.servers:
            self.setText(self.tr("Off"))
        elif self.servers is None:
            self.setText(self.tr("All servers"))
        else:
            self.setText(self.tr("{on} of {all} servers").format(on=len(used), all=len(names)))

    def _rebuild_menu(self) -> None:
        names = self._server_names()
        used = self._used(names)
        self._menu.clear()
        if not names:
            empty = self._menu.addAction(self.tr("No tools yet: add servers on the Tools page"))
            empty.setEnabled(False)
            return
        for name in names:
            server = self._menu.addAction(name)
            bold = server.font()
            bold.setBold(True)
            server.setFont(bold)
            server.setCheckable(True)
            server.setChecked(name in used)
            server.toggled.connect(lambda on, name=name: self._toggle_server(name, on))
            for tool in (t for t in self.tools if t.server == name):
                entry = QAction(f"    {tool.name}", self._menu)
                entry.setCheckable(True)
                entry.setChecked(tool.name not in self.tools_off)
                entry.setEnabled(name in used)
                entry.setToolTip(tool.definition.description)
                entry.toggled.connect(lambda on, tool=tool.name: self._toggle_tool(tool, on))
                self._menu.addAction(entry)

    def _toggle_server(self, name: str, on: bool) -> None:
        names = self._server_names()
        current = set(names if self.servers is None else self.servers)
        current = current | {name} if on else current - {name}
        self.servers = None if current >= set(names) else tuple(n for n in names if n in current)
        self._changed()

    def _toggle_tool(self, tool: str, on: bool) -> None:
        off = [name for name in self.tools_off if name != tool]
        self.tools_off = tuple(off if on else [*off, tool])
        self._changed()

    def _changed(self) -> None:
        self._label()
        # Not now: the entry whose signal this is would be deleted while it emits it.
        QTimer.singleShot(0, self, self._rebuild_menu)
        self.choiceChanged.emit()
        self.definitionsChanged.emit(self.definitions())
