"""The sources under an answer read as a list: one source a row, in the answer's own size,
each a link in the look's link colour with its cost in the muted colour."""

from __future__ import annotations

from PySide6.QtGui import QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel

from desktop.core.cited_sources import CitedSource, SentSources
from desktop.ui.chat.documents.sources_view import SourcesView
from desktop.ui.theme import DARK, LIGHT, apply_theme
from desktop.ui.translations import CHINESE, Translations
from tests.ui.test_i18n import compiled_catalog  # noqa: F401 (builds the Chinese catalog)

SENT = SentSources(
    "retrieved",
    (
        CitedSource(1, 4, "island-report.pdf", 7, "", 0, 900, 383),
        CitedSource(2, 5, "ferry-times.md", None, "Ferry times", 0, 60, 18),
    ),
    401,
)


def test_each_source_is_a_row_in_the_answer_s_size_and_the_look_s_colours(
    qtbot, restore_look
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for look in (LIGHT, DARK):
        apply_theme(app, look)
        view, text = SourcesView(7, SENT), QLabel("An answer's text")
        for widget in (view, text):
            qtbot.addWidget(widget)
            widget.ensurePolished()
        assert view.list.font().pointSizeF() == text.font().pointSizeF()
        document = QTextDocument()
        document.setHtml(view.list.text())
        rows = document.toPlainText().split("\n")
        assert rows == [
            "[1] island-report.pdf, p. 7 · 383 tokens",
            "[2] ferry-times.md — Ferry times · 18 tokens",
        ]
        link = document.find("[1] island-report.pdf").charFormat()
        cost = document.find("383 tokens").charFormat()
        palette = app.palette()
        assert link.isAnchor() and not link.fontUnderline()
        assert link.foreground().color() == palette.color(QPalette.ColorRole.Link)
        assert cost.foreground().color() == palette.color(QPalette.ColorRole.PlaceholderText)


def test_each_source_s_cost_reads_in_chinese(qtbot) -> None:
    translations = Translations()
    translations.apply(CHINESE)
    try:
        view = SourcesView(7, SENT)
        qtbot.addWidget(view)
        document = QTextDocument()
        document.setHtml(view.list.text())
        assert document.toPlainText().split("\n")[0] == "[1] island-report.pdf, p. 7 · 383 个 token"
    finally:
        translations.close()
