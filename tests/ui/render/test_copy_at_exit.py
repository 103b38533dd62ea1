"""Quitting after copying a formula ends the process cleanly: the clipboard deletes what it
holds after Python has ended, and a copy made in Python took the process down (SIGSEGV)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from desktop.ui.render.block_document_view import BlockDocumentView
    view = BlockDocumentView()
    view.setPlainText("Take a formula")
    view.selectAll()
    view.copy()
    assert app.clipboard().text() == "Take a formula"
    """
)


def test_the_process_ends_cleanly_after_a_copy() -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=environment, capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
