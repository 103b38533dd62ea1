"""Screenshots of Settings → History and backups (not part of the suite).

SHOTS=/tmp/shots ptest tests/ui/settings/shoot_backups.py
"""

from __future__ import annotations

import asyncio
import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.app import AppServices
from desktop.storage.backup import BackupKind, write_backup
from desktop.storage.backup_schedule import default_backup_folder
from desktop.storage.history import HistoryStore, default_history_path
from tests.storage.backup_history import fill
from tests.ui.conftest import wait_until

SIZES = ((1180, 760), (1024, 640))


@pytest.mark.skipif(not os.environ.get("SHOTS"), reason="SHOTS=<folder> takes screenshots")
async def test_shoot(qtbot: object) -> None:
    folder = Path(os.environ["SHOTS"])
    os.makedirs(folder, exist_ok=True)
    with HistoryStore.open(default_history_path()) as history:
        fill(history, 24, 6)
        now = datetime.now(UTC)
        for day in range(1, 5):
            write_backup(
                history.path,
                default_backup_folder(),
                BackupKind.DAILY,
                app_version="0.1.0",
                now=now - timedelta(days=day, hours=3),
            )
    services = AppServices.create()
    window = services.build_window()
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.resize(*SIZES[0])
    window.show()
    page = window.open_settings()
    page.show_section("backups")
    section = page.backups
    assert section is not None
    await wait_until(lambda: len(section.backups.kept) == 4)
    section.back_up.click()
    await wait_until(lambda: len(section.backups.kept) == 5)
    section.kept.setCurrentRow(2)
    section.preview_file(str(section.backups.kept[2].path))
    await wait_until(lambda: section.preview.isVisible())
    for dark in (False, True):
        services.theme.set_choice("dark" if dark else "light")
        for width, height in SIZES:
            window.resize(width, height)
            await asyncio.sleep(0.3)
            scheme = "dark" if dark else "light"
            window.grab().save(str(folder / f"backups-{width}x{height}-{scheme}.png"))
    from desktop.storage import backup

    backup.PAGES_PER_STEP = 1  # slow enough to be seen
    shown = section.backups._progress

    def slowly(done: int, total: int) -> None:
        time.sleep(0.03)
        shown(done, total)

    section.backups._progress = slowly  # type: ignore[method-assign]
    section.preview.cancel.click()
    section.back_up.click()
    await wait_until(lambda: section.backups.done > 10)
    await asyncio.sleep(0.2)
    window.grab().save(str(folder / "backups-running-dark.png"))
    section.cancel.click()
    await wait_until(lambda: not section.backups.running)
    backup.PAGES_PER_STEP = 256
    await services.aclose()
    window.close()
