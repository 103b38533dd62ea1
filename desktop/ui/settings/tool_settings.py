"""Settings → Tools: how far an answer may go with tools before Parley stops it, and
whether tools their server marks read-only run without asking.

The servers themselves (which run, their tools, each one's allow / ask / deny) are on the
Tools page; these two limits apply to every conversation.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QSpinBox, QWidget

from desktop.core.tool_loop_guard import DEFAULT_MAX_ROUNDS
from desktop.storage.settings import Settings, SettingsStore
from desktop.ui.design import Space
from desktop.ui.settings.section import Section, card
from desktop.ui.strings import add_named_row, relabel_row

MAX_ROUND_CAP = 50


class ToolSettingsBox(Section):
    """The round cap and the read-only opt-in; saved as they change."""

    def __init__(
        self, settings: Settings, store: SettingsStore, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._store = store
        self.round_cap = QSpinBox()
        self.round_cap.setRange(1, MAX_ROUND_CAP)
        self.round_cap.setValue(settings.tool_round_cap or DEFAULT_MAX_ROUNDS)
        self.round_cap.valueChanged.connect(self._cap_changed)
        self.read_only = QCheckBox()
        self.read_only.setChecked(settings.tools_read_only_allowed)
        self.read_only.toggled.connect(self._read_only_changed)
        self.cap_note = QLabel()
        self.read_only_note = QLabel()
        for note in (self.cap_note, self.read_only_note):
            note.setObjectName("hint")
            note.setWordWrap(True)
        frame, inner = card()
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(Space.L)
        add_named_row(form, self.round_cap)
        inner.addLayout(form)
        inner.addWidget(self.cap_note)
        inner.addSpacing(Space.S)
        inner.addWidget(self.read_only)
        inner.addWidget(self.read_only_note)
        self.body.addWidget(frame)
        self.body.addStretch(1)
        self.retranslate()
        unsubscribe = settings.subscribe(self._setting_changed)
        self.destroyed.connect(lambda *_: unsubscribe())

    def retranslate(self) -> None:
        """Every text in the language now in use."""
        self.set_heading(
            self.tr("Tools"),
            self.tr(
                "Limits for models that call tools. Servers and their tools are on the Tools page."
            ),
        )
        relabel_row(self.round_cap, self.tr("Rounds of tool calls per answer"))
        self.round_cap.setAccessibleName(self.tr("Rounds of tool calls per answer"))
        self.cap_note.setText(
            self.tr(
                "An answer that calls tools more often than this is stopped, with what it "
                "wrote so far kept. The same call made again and again stops it sooner."
            )
        )
        self.read_only.setText(self.tr("Run tools marked read-only without asking"))
        self.read_only_note.setText(
            self.tr(
                "A server can say a tool only reads (searching, fetching a page). Its word "
                "is trusted only if this is on; tools you set to Deny stay denied."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _setting_changed(self, name: str) -> None:
        """Show a value changed elsewhere, without saving it back."""
        if name == "tool_round_cap":
            with QSignalBlocker(self.round_cap):
                self.round_cap.setValue(self._settings.tool_round_cap or DEFAULT_MAX_ROUNDS)
        elif name == "tools_read_only_allowed":
            with QSignalBlocker(self.read_only):
                self.read_only.setChecked(self._settings.tools_read_only_allowed)

    def _cap_changed(self, value: int) -> None:
        self._settings.tool_round_cap = value
        self._store.save(self._settings)

    def _read_only_changed(self, on: bool) -> None:
        self._settings.tools_read_only_allowed = on
        self._store.save(self._settings)
