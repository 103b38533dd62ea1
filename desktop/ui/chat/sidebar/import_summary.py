"""What an export holds (before an import) or what an import did (after): three figures,
the date range, and the lists of parts kept as notes and conversations that could not be
read. Shown by ImportDialog."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.text import Text
from desktop.importers.model import Preview, Report
from desktop.ui.design import Space
from desktop.ui.strings import counted, number, translated

DETAIL_ROWS = 200
"""Rows listed at most (the count says how many there are)."""


def day(moment: datetime) -> str:
    local = moment.astimezone()
    return QLocale().toString(QDate(local.year, local.month, local.day), "d MMM yyyy")


class Figure(QFrame):
    """A big number with a caption under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importFigure")
        column = QVBoxLayout(self)
        column.setContentsMargins(Space.M, Space.S, Space.M, Space.S)
        column.setSpacing(0)
        self.value = QLabel()
        self.value.setObjectName("importFigureValue")
        self.caption = QLabel()
        self.caption.setObjectName("importFigureCaption")
        column.addWidget(self.value)
        column.addWidget(self.caption)

    def show_count(self, value: int, caption: str) -> None:
        self.value.setText(number(value))
        self.caption.setText(caption)


class ImportSummary(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importSummary")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(Space.S)
        figures = QHBoxLayout()
        figures.setSpacing(Space.S)
        self.conversations = Figure()
        self.messages = Figure()
        self.images = Figure()
        for figure in (self.conversations, self.messages, self.images):
            figures.addWidget(figure, 1)
        column.addLayout(figures)
        self.range = QLabel()
        self.range.setObjectName("importLine")
        self.present = QLabel()
        self.present.setObjectName("importLine")
        self.notes_label = QLabel()
        self.notes_label.setObjectName("importLine")
        self.notes_label.setWordWrap(True)
        self.problems_label = QLabel()
        self.problems_label.setObjectName("importLine")
        self.problems_label.setProperty("warning", True)
        self.problems_label.setWordWrap(True)
        self.details = QPlainTextEdit()
        self.details.setObjectName("importDetails")
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("What is left out or kept as notes"))
        for widget in (self.range, self.present, self.notes_label, self.problems_label):
            column.addWidget(widget)
        column.addWidget(self.details, 1)

    def show_preview(self, preview: Preview) -> None:
        self.conversations.show_count(preview.conversations, self.tr("conversations"))
        self.messages.show_count(preview.messages, self.tr("messages"))
        self.images.show_count(preview.images, self.tr("images"))
        self.images.show()
        if preview.first is not None and preview.last is not None:
            self.range.setText(
                self.tr("From {first} to {last}").format(
                    first=day(preview.first), last=day(preview.last)
                )
            )
        self.range.setVisible(preview.first is not None)
        self.present.setText(
            counted(
                preview.present,
                self.tr("1 conversation already in your history will be skipped."),
                self.tr("{count} conversations already in your history will be skipped."),
            )
        )
        self.present.setVisible(preview.present > 0)
        self._lists(preview.notes, preview.problems, before=True)

    def show_report(self, report: Report) -> None:
        self.conversations.show_count(report.added, self.tr("conversations added"))
        self.messages.show_count(report.messages, self.tr("messages added"))
        self.images.hide()
        self.range.hide()
        self.present.setText(
            counted(
                report.present,
                self.tr("1 conversation was already present and skipped."),
                self.tr("{count} conversations were already present and skipped."),
            )
        )
        self.present.setVisible(report.present > 0)
        self._lists(report.notes, report.problems, before=False)

    def _lists(
        self,
        notes: list[tuple[str, tuple[str, ...]]],
        problems: list[tuple[str, Text]],
        *,
        before: bool,
    ) -> None:
        parts = sum(len(kinds) for _, kinds in notes)
        if before:
            words = counted(
                parts,
                self.tr("1 part Parley cannot show will be kept as a note in its message."),
                self.tr(
                    "{count} parts Parley cannot show will be kept as notes in their messages."
                ),
            )
        else:
            words = counted(
                parts,
                self.tr("1 part was kept as a note in its message."),
                self.tr("{count} parts were kept as notes in their messages."),
            )
        self.notes_label.setText(words)
        self.notes_label.setVisible(parts > 0)
        if before:
            words = counted(
                len(problems),
                self.tr("1 conversation cannot be read and will be left out."),
                self.tr("{count} conversations cannot be read and will be left out."),
            )
        else:
            words = counted(
                len(problems),
                self.tr("1 conversation could not be read and was left out."),
                self.tr("{count} conversations could not be read and were left out."),
            )
        self.problems_label.setText(words)
        self.problems_label.setVisible(bool(problems))
        rows = [f"{title} — {translated(problem)}" for title, problem in problems]
        rows += [f"{title} — {', '.join(kinds)}" for title, kinds in notes]
        if len(rows) > DETAIL_ROWS:
            more = self.tr("… and {count} more").format(count=number(len(rows) - DETAIL_ROWS))
            rows = [*rows[:DETAIL_ROWS], more]
        self.details.setPlainText("\n".join(rows))
        self.details.setVisible(bool(rows))

    def detail_rows(self) -> list[str]:
        return self.details.toPlainText().splitlines()
