"""Runs the real app offscreen, sends one prompt and streams until the process is killed.

Used by the crash-safety test: ``python -m tests.ui.app_driver MODEL PROMPT``.
"""

from __future__ import annotations

import asyncio
import os
import sys

import qasync
from PySide6.QtWidgets import QApplication

from desktop.app import AppServices


async def drive(model: str, prompt: str) -> None:
    services = AppServices.create()
    window = services.build_window()
    window.show()
    pane = window.chat_pane
    pane.new_conversation()  # whatever was open last time, this is a new chat
    while model not in pane.available_models():
        await asyncio.sleep(0.05)
    pane.set_model(model)
    pane.composer.setPlainText(prompt)
    pane.send()
    print("sent", flush=True)
    await asyncio.Event().wait()


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(drive(sys.argv[1], sys.argv[2]))


if __name__ == "__main__":
    main()
