"""Starting Parley: the window's frame is painted first, everything else right after.

What the frame needs — settings, language, look and the remembered geometry — is cheap;
the services behind the chat (history, providers, downloads) and the Chats page's own
modules are most of Parley's start. So the window shows its navigation rail and page
outline as soon as Qt can paint it, and ``desktop.app`` is imported and wired in after
that first paint. Timed by bench/startup.py: "shown" is the frame, "ready" the chats.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from desktop import APP_NAME, __version__
from desktop.storage.log_file import start_log_file
from desktop.storage.paths import config_dir
from desktop.storage.settings import Settings, SettingsStore, default_settings_path
from desktop.storage.ui_state import UiStateStore, default_ui_state_path
from desktop.ui.icons import app_icon
from desktop.ui.readiness import ReadinessReport
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.single_instance import SingleInstance, bring_to_front, instance_key
from desktop.ui.termination import TerminationSignals
from desktop.ui.theme import Theme
from desktop.ui.translations import Translations

FIRST_PAINT_WAIT_S = 0.5
"""How long the rest waits for the frame's first paint (a window that starts hidden or
minimised is never painted; it must not wait for it)."""


@dataclass
class Basics:
    """What the window's frame needs: the person's settings, language, look and layout."""

    settings_store: SettingsStore
    settings: Settings
    ui_state_store: UiStateStore
    translations: Translations
    theme: Theme

    @classmethod
    def load(cls) -> Basics:
        settings_store = SettingsStore(default_settings_path())
        settings = settings_store.load()
        translations = Translations()
        translations.apply(settings.language)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        theme = Theme(app, settings.theme)
        ui_state_store = UiStateStore(default_ui_state_path())
        return cls(settings_store, settings, ui_state_store, translations, theme)

    def frame(self) -> MainWindow:
        """The window with its rail and page outline; :meth:`AppServices.attach` fills it."""
        with self.theme.styled_at_once():
            return MainWindow(
                settings=self.settings,
                settings_store=self.settings_store,
                ui_state_store=self.ui_state_store,
                translations=self.translations,
                theme=self.theme,
            )


def wait_for_first_paint(readiness: ReadinessReport) -> None:
    """Run Qt's own loop until the frame has painted (at most FIRST_PAINT_WAIT_S): before
    asyncio and qasync are imported, which are the next ~50 ms of the start."""
    waiting = QEventLoop()
    readiness.recorded.connect(waiting.quit)
    QTimer.singleShot(round(FIRST_PAINT_WAIT_S * 1000), waiting.quit)
    if not readiness.reached("shown"):
        waiting.exec()
    readiness.recorded.disconnect(waiting.quit)


async def run_app(
    app: QApplication, window: MainWindow, basics: Basics, readiness: ReadinessReport
) -> int:
    """Build the services into the painted frame, and close them after the window."""
    import asyncio

    closed = asyncio.Event()
    app.lastWindowClosed.connect(closed.set)
    if not window.isVisible():
        return 0  # closed (or quit by a signal) before the services were loaded

    from desktop.app import SETTLE_AFTER_MS, AppServices, keep_startup_objects

    services = AppServices.create(basics)
    window.chatsReady.connect(lambda: readiness.watch(window, "ready"))
    window.chatsReady.connect(window.update)
    services.attach(window)
    QTimer.singleShot(SETTLE_AFTER_MS, keep_startup_objects)
    await closed.wait()
    await services.aclose()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    start_log_file()
    app = QApplication(list(argv) if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("parley")
    instance = SingleInstance(instance_key(config_dir()))
    if not instance.claim():
        return 0  # the running Parley was asked to come forward
    # The loop must outlive the window: run_app closes streams and connections after it.
    app.setQuitOnLastWindowClosed(False)
    app.setWindowIcon(app_icon())
    basics = Basics.load()
    window = basics.frame()
    readiness = ReadinessReport.from_environment(window)
    readiness.watch(window)
    instance.activationRequested.connect(lambda: bring_to_front(window))
    instance.activationRequested.connect(lambda: readiness.record("raised"))
    termination = TerminationSignals(window.close)
    window.show()
    # Layout requests and scroll-bar updates that showing posted run now, before the first
    # paint: otherwise the first frame can show a scroll bar that goes a moment later.
    QCoreApplication.sendPostedEvents()
    wait_for_first_paint(readiness)

    import asyncio

    from desktop.ui.event_loop import make_event_loop

    loop = make_event_loop(app)
    asyncio.set_event_loop(loop)
    try:
        with loop:
            return int(loop.run_until_complete(run_app(app, window, basics, readiness)))
    finally:
        termination.close()
        instance.close()


if __name__ == "__main__":
    sys.exit(main())
