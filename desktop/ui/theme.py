"""A calm, consistent look that follows the system's light or dark palette."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

_STYLE = """
QWidget {{ font-size: 10pt; }}
QLabel#paneTitle {{ font-weight: 600; font-size: 11pt; padding: 4px 2px; }}
QLabel#hint {{ color: {muted}; padding: 6px 2px; }}
QLabel#bubbleHeader {{ font-weight: 600; color: {muted}; }}
QLabel#bubbleFooter {{ color: {muted}; font-size: 9pt; }}
QLabel#bubbleFooter[warning="true"] {{ color: {warning}; }}
QFrame#userBubble {{ background: {user_bg}; border: none; border-radius: 10px; }}
QFrame#assistantBubble {{ background: {base}; border: 1px solid {border}; border-radius: 10px; }}
QFrame#userBubble QTextBrowser, QFrame#assistantBubble QTextBrowser {{ background: transparent; }}
QWidget#messageColumn {{ background: {window}; }}
QFrame#statusBanner {{ border: 1px solid {border}; border-radius: 8px; background: {base}; }}
QFrame#statusBanner[problem="true"] {{ border-color: {warning}; background: {warning_bg}; }}
QFrame#notice {{ border-top: 1px solid {warning}; background: {warning_bg}; }}
QPlainTextEdit {{ border: 1px solid {border}; border-radius: 8px; padding: 6px; }}
QPushButton {{ padding: 5px 14px; border: 1px solid {border}; border-radius: 6px;
  background: {base}; }}
QPushButton:hover {{ border-color: {accent}; }}
QPushButton:default {{ background: {accent}; color: white; border-color: {accent}; }}
QPushButton:disabled {{ color: {muted}; background: {window}; border-color: {border}; }}
QPushButton:focus {{ border: 2px solid {accent}; }}
QTableView, QListWidget {{ border: 1px solid {border}; border-radius: 6px; }}
QLineEdit {{ padding: 4px 6px; border: 1px solid {border}; border-radius: 6px; }}
QTextBrowser#thinkingView {{ color: {muted}; border-left: 3px solid {border}; padding-left: 6px; }}
QToolButton#thinkingToggle {{ border: none; color: {muted}; font-weight: 600; }}
"""


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = app.palette()
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    colors = {
        "muted": "#9aa0a6" if dark else "#5f6368",
        "warning": "#f28b82" if dark else "#b3261e",
        "warning_bg": "#3c2a2a" if dark else "#fdecea",
        "user_bg": "#2b3a4a" if dark else "#e8f0fe",
        "border": "#3c4043" if dark else "#dadce0",
        "accent": "#8ab4f8" if dark else "#1a73e8",
        "base": palette.color(QPalette.ColorRole.Base).name(),
        "window": palette.color(QPalette.ColorRole.Window).name(),
    }
    app.setStyleSheet(_STYLE.format(**colors))
