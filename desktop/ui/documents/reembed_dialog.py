"""Asking before every stored document is embedded again with a newly chosen model.

Shows what it costs: the documents and passages, about how many tokens, and about how long
at the pace measured on this machine (the new model timed on a few passages, or the last
run). Re-embed starts the run; Keep … leaves the
old model chosen (vectors of two models are never compared, so a half-way state is never
searched as if it were whole).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.documents.reembedding import ReembedPlan
from desktop.ui.design import Space
from desktop.ui.strings import counted, number
from desktop.ui.theme import PRIMARY, set_kind


def duration(seconds: float) -> str:
    """ "about 40 seconds", "about 3 minutes", "about 2 hours" (rounded)."""
    from PySide6.QtCore import QCoreApplication

    translate = QCoreApplication.translate
    if seconds < 90:
        return counted(
            max(1, round(seconds)),
            translate("ReembedDialog", "about 1 second"),
            translate("ReembedDialog", "about {count} seconds"),
        )
    if seconds < 90 * 60:
        minutes = translate("ReembedDialog", "about {count} minutes")
        return minutes.format(count=round(seconds / 60))
    hours = translate("ReembedDialog", "about {count} hours")
    return hours.format(count=round(seconds / 3600, 1))


class ReembedDialog(QDialog):
    def __init__(
        self,
        cost: ReembedPlan,
        old_model: str,
        rate: float | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reembedDialog")
        self.cost = cost
        self._old = old_model
        self._rate = rate
        layout = QVBoxLayout(self)
        layout.setContentsMargins(Space.XL, Space.XL, Space.XL, Space.L)
        layout.setSpacing(Space.M)
        self.title = QLabel()
        self.title.setObjectName("dialogTitle")
        self.title.setWordWrap(True)
        self.counts = QLabel()
        self.counts.setObjectName("reembedCounts")
        self.counts.setWordWrap(True)
        self.explain = QLabel()
        self.explain.setObjectName("hint")
        self.explain.setWordWrap(True)
        for label in (self.title, self.counts, self.explain):
            layout.addWidget(label)
        self.buttons = QDialogButtonBox()
        self.keep = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.go: QPushButton = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        set_kind(self.go, PRIMARY)
        self.go.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.retranslate()

    def retranslate(self) -> None:
        cost = self.cost
        self.setWindowTitle(self.tr("Embed documents again?"))
        self.title.setText(
            self.tr("Embed your documents again with {model}?").format(model=cost.model)
        )
        documents = counted(
            len(cost.documents), self.tr("1 document"), self.tr("{count} documents")
        )
        chunks = counted(cost.chunks, self.tr("1 passage"), self.tr("{count} passages"))
        tokens = self.tr("about {count} tokens").format(count=number(cost.tokens))
        seconds = cost.seconds(self._rate)
        took = (
            self.tr("At the pace measured on this computer: {time}.").format(time=duration(seconds))
            if seconds is not None
            else self.tr("How long it takes depends on the model and this computer.")
        )
        self.counts.setText(f"{documents} · {chunks} · {tokens}\n{took}")
        self.explain.setText(
            self.tr(
                "Vectors from {old} cannot be compared with those of {model}. Parley embeds "
                "every document again in the background; you can stop and continue later. "
                "Until it is done, documents not yet embedded again are found by their words "
                "only."
            ).format(old=self._old or self.tr("the earlier model"), model=cost.model)
        )
        self.keep.setText(self.tr("Keep {old}").format(old=self._old) if self._old
                          else self.tr("Cancel"))  # fmt: skip
        self.go.setText(self.tr("Embed again"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
