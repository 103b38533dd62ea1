"""Pages nobody opens cost nothing at startup: the Models and Settings pages are imported
the first time they are shown, not when the window opens; the window's frame paints before
the services and the Chats page are imported (each checked in a fresh process)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.ui.shell.conftest import closed_port

SCRIPT = """
import asyncio, json, os, sys
from PySide6.QtWidgets import QApplication
from desktop.app import AppServices
from desktop.ui.event_loop import make_event_loop

LATE = ("desktop.ui.models.pane", "desktop.ui.settings.settings_page")

async def main():
    services = AppServices.create()
    window = services.build_window()
    window.show()
    await asyncio.sleep(0.2)
    at_start = {name: name in sys.modules for name in LATE}
    window.show_page("models")
    window.show_page("settings")
    opened = {name: name in sys.modules for name in LATE}
    window.close()
    await services.aclose()
    print(json.dumps({"at_start": at_start, "opened": opened}))

app = QApplication(sys.argv[:1])
app.setQuitOnLastWindowClosed(False)  # as desktop.app does: the loop outlives the window
loop = make_event_loop(app)
asyncio.set_event_loop(loop)
with loop:
    loop.run_until_complete(main())
"""


def test_models_and_settings_are_imported_when_first_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OLLAMA_HOST", f"127.0.0.1:{closed_port()}")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["at_start"] == {
        "desktop.ui.models.pane": False,
        "desktop.ui.settings.settings_page": False,
    }
    assert all(result["opened"].values())


LAUNCH_SCRIPT = """
import json, sys
from PySide6.QtWidgets import QApplication, QWidget
from desktop.ui import readiness

seen = {}
record = readiness.ReadinessReport.record

def watched(self, milestone):
    record(self, milestone)
    if milestone in seen:
        return
    window = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow")
    seen[milestone] = {
        "services": "desktop.app" in sys.modules,
        "chat page": "desktop.ui.chat.chat_pane" in sys.modules,
        "rail": [b.text() for b in window.rail.buttons.values()],
        "focus in chats": window.pages.currentWidget().isAncestorOf(window.focusWidget()),
        "columns": [
            (column.objectName(), column.width())
            for column in window.pages.currentWidget().findChildren(QWidget, "sidebarColumn")
        ],
    }
    if milestone == "ready":
        window.close()

readiness.ReadinessReport.record = watched
from desktop.launch import main
main([])
print(json.dumps(seen))
"""


def test_the_frame_paints_before_the_services_and_the_chats_page_load(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A person sees the window with its rail while the rest loads; then the Chats page
    appears with focus where a person starts (here: the setup card, nothing set up)."""
    monkeypatch.setenv("OLLAMA_HOST", f"127.0.0.1:{closed_port()}")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    done = subprocess.run(
        [sys.executable, "-c", LAUNCH_SCRIPT],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["shown"]["services"] is False and seen["shown"]["chat page"] is False
    assert seen["shown"]["rail"] == ["Chats", "Models", "Tools", "Settings"]
    assert seen["shown"]["columns"] == [["sidebarColumn", 280]], "the page's outline"
    assert seen["ready"] == {
        "services": True,
        "chat page": True,
        "rail": ["Chats", "Models", "Tools", "Settings"],
        "focus in chats": True,
        "columns": [["sidebarColumn", 280]],
    }


HTTP_SCRIPT = """
import asyncio, json, sys
from PySide6.QtWidgets import QApplication
from desktop.app import AppServices
from desktop.core.errors import ConnectionFailed
from desktop.ui.event_loop import make_event_loop

async def main():
    services = AppServices.create()
    window = services.build_window()
    window.show()
    shown = "httpx" in sys.modules
    try:
        await services.monitor.provider.version()
        said = "answered"
    except ConnectionFailed as error:
        said = type(error).__name__
    used = "httpx" in sys.modules
    window.close()
    await services.aclose()
    print(json.dumps({"shown": shown, "used": used, "said": said}))

app = QApplication(sys.argv[:1])
app.setQuitOnLastWindowClosed(False)
loop = make_event_loop(app)
asyncio.set_event_loop(loop)
with loop:
    loop.run_until_complete(main())
"""


def test_httpx_is_imported_on_the_first_request_not_before_the_window(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """httpx and its client (~60 ms) wait for the first request, after the first paint;
    that request then goes out and fails the way a stopped Ollama always did."""
    monkeypatch.setenv("OLLAMA_HOST", f"127.0.0.1:{closed_port()}")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    done = subprocess.run(
        [sys.executable, "-c", HTTP_SCRIPT], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"shown": False, "used": True, "said": "ConnectionFailed"}


INSTANCE_SCRIPT = """
import json, sys, tempfile, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from desktop.ui.single_instance import SingleInstance, instance_key

app = QApplication(sys.argv[:1])
key = instance_key(Path(tempfile.mkdtemp()))
first = SingleInstance(key)
raised = []
first.activationRequested.connect(lambda: raised.append(True))
claimed = first.claim()
second_claimed = SingleInstance(key).claim()
deadline = time.monotonic() + 10
while not raised and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
first.close()
after_close = SingleInstance(key)
print(json.dumps({
    "claimed": claimed, "second": second_claimed, "raised": len(raised),
    "qtnetwork": "PySide6.QtNetwork" in sys.modules, "again": after_close.claim(),
}))
after_close.close()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="Windows uses QtNetwork's named pipes")
def test_single_instance_works_without_loading_qtnetwork(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The running Parley is found, and asked once to come forward, over a Unix socket
    served without QtNetwork (~15 ms of every start); once it closes, the next claims."""
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    done = subprocess.run(
        [sys.executable, "-c", INSTANCE_SCRIPT],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {
        "claimed": True,
        "second": False,
        "raised": 1,
        "qtnetwork": False,
        "again": True,
    }
