"""The chat pane's own look (code blocks, actions, hits), following light or dark."""

from __future__ import annotations

CHAT_STYLE = """
QFrame#codeBlock { background: rgba(127, 127, 127, 0.10);
  border: 1px solid rgba(127, 127, 127, 0.25); border-radius: 6px; }
QFrame#codeBlock QTextBrowser { background: transparent; }
QLabel#codeLanguage { color: palette(placeholder-text); font-size: 8.5pt; }
QToolButton#codeCopy, QToolButton#bubbleAction { border: none; padding: 1px 6px;
  color: palette(placeholder-text); font-size: 8.5pt; }
QToolButton#codeCopy:hover, QToolButton#bubbleAction:hover { color: palette(highlight); }
QToolButton#bubbleAction:disabled { color: transparent; }
QToolButton#versionButton { border: none; padding: 0 4px; font-weight: 600; }
QLabel#siblingLabel { color: palette(placeholder-text); font-size: 8.5pt; }
QFrame[found="true"] { border: 2px solid palette(highlight); }
QLabel#contextLabel { color: palette(placeholder-text); font-size: 8.5pt; }
QLabel#contextLabel[level="near"] { color: #b06000; }
QLabel#contextLabel[level="over"] { color: #b3261e; font-weight: 600; }
QFrame#chatSettings { border-bottom: 1px solid rgba(127, 127, 127, 0.25); }
"""
