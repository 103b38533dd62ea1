"""Save a code block to a file the person picks (a window-modal dialog opened, not exec'd:
no nested event loop)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def suffix_for(language: str) -> str:
    """The usual file name ending for a fence's language (".txt" when unknown)."""
    if language:
        from pygments.lexers import find_lexer_class_by_name
        from pygments.util import ClassNotFound

        try:
            lexer = find_lexer_class_by_name(language.lower())
        except ClassNotFound:
            lexer = None
        for pattern in getattr(lexer, "filenames", []):
            if pattern.startswith("*.") and "[" not in pattern and "*" not in pattern[2:]:
                return str(pattern[1:])
    return ".txt"


def save_code(parent: QWidget, code: str, language: str) -> QFileDialog:
    """Ask where to save ``code``; it is written when a file is chosen."""
    title = QCoreApplication.translate("BlockDocumentView", "Save code")
    dialog = QFileDialog(parent, title, str(Path.home() / f"code{suffix_for(language)}"))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.fileSelected.connect(lambda path: _write(parent, Path(path), code))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def _write(parent: QWidget, path: Path, code: str) -> None:
    try:
        path.write_text(code if code.endswith("\n") else code + "\n", encoding="utf-8")
    except OSError as error:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("BlockDocumentView", "Save code"),
            QCoreApplication.translate(
                "BlockDocumentView", "The code could not be saved: {}"
            ).format(error.strerror or error),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.finished.connect(box.deleteLater)
        box.open()
