"""Settings → Prompts: how many prompts and personas the library holds, where it is kept,
and the button that opens the library window (where they are edited, imported, exported).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.ui.chat.prompts.prompt_book import PromptBook
from desktop.ui.settings.section import Section, card
from desktop.ui.strings import counted, translated
from desktop.ui.theme import PRIMARY, set_kind


class PromptsSection(Section):
    def __init__(self, book: PromptBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        frame, layout = card()
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.how = QLabel()
        self.how.setObjectName("hint")
        self.how.setWordWrap(True)
        self.where = QLabel(str(book.store.path))
        self.where.setObjectName("pathText")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem = QLabel()
        self.problem.setObjectName("hint")
        self.problem.setWordWrap(True)
        row = QHBoxLayout()
        self.open_prompts, self.open_personas = QPushButton(), QPushButton()
        set_kind(self.open_prompts, PRIMARY)
        self.open_prompts.clicked.connect(lambda: book.show_window(self.window(), kind="prompt"))
        self.open_personas.clicked.connect(lambda: book.show_window(self.window(), kind="persona"))
        row.addWidget(self.open_prompts)
        row.addWidget(self.open_personas)
        row.addStretch(1)
        for widget in (self.counts, self.how, self.where, self.problem):
            layout.addWidget(widget)
        layout.addLayout(row)
        self.body.addWidget(frame)
        self.body.addStretch(1)
        book.changed.connect(self._count)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self.set_heading(
            self.tr("Prompts"),
            self.tr("Prompts you reuse, and personas: system prompts you can pick for a chat."),
        )
        self.how.setText(
            self.tr(
                "In the message box, type / at the start of a line to insert a prompt. "
                "Write {{name}} in a prompt for a value asked when it is inserted."
            )
        )
        self.open_prompts.setText(self.tr("Open the prompt library…"))
        self.open_personas.setText(self.tr("Personas…"))
        problem = self.book.store.load_problem
        self.problem.setText(translated(problem) if problem else "")
        self.problem.setVisible(bool(problem))
        self._count()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _count(self) -> None:
        own = self.book.own()
        prompts = sum(p.kind == "prompt" for p in own)
        self.counts.setText(
            counted(
                prompts, self.tr("Your library: 1 prompt"), self.tr("Your library: {count} prompts")
            )
            + " · "
            + counted(len(own) - prompts, self.tr("1 persona"), self.tr("{count} personas"))
            + " · "
            + self.tr("{count} built in").format(count=len(self.book.prompts()) - len(own))
        )
