"""Discover's right-hand panel: the chosen repo's quantizations (or a library model's tags)
with sizes and whether each fits this computer, and Pull.

    unsloth/Qwen3-4B-Instruct-2507-GGUF
    ↓ 182.3K · ♥ 512 · 2025-08-06 · apache-2.0
    Quantization   Size      On this computer
    IQ2_XS         1.4 GB    Fits in GPU memory
    Q4_K_M         2.5 GB    Fits in RAM
    BF16 (2 files) 8.1 GB    Too big
    Estimated for a 4,096-token context …
                                         [Pull Q4_K_M]
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.hub_files import FitVerdict, MachineMemory, Placement, QuantFile, fit, pull_name
from desktop.core.ollama_library import LibraryModel
from desktop.services.hub_search import HubRepoFiles
from desktop.ui.fitting_label import WrappingLabel
from desktop.ui.formatting import format_bytes
from desktop.ui.icons import current_colors, icon
from desktop.ui.models.capability_badges import capability_label
from desktop.ui.models.discover_results import hub_facts
from desktop.ui.theme import PRIMARY, set_kind

CONTEXT = 4096
FIT_COLOR = {Placement.VRAM: "success", Placement.TOO_BIG: "warning"}
"""Colour roles of the fit column (the others in the text colour)."""
NAME_ROLE = Qt.ItemDataRole.UserRole + 21


class DiscoverDetail(QWidget):
    pullRequested = Signal(str)

    def __init__(self, machine: Callable[[], MachineMemory], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._machine = machine
        self._shown: HubRepoFiles | LibraryModel | None = None
        self._choose_shown = True
        """The title asks to choose a model (said again on a language change)."""
        self._library_view: tuple[dict[str, int] | None, str] = (None, "")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 14)
        outer.setSpacing(8)
        body = QWidget()
        body.setObjectName("discoverDetailBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 14, 16, 0)
        layout.setSpacing(8)
        self.title = WrappingLabel()
        self.title.setObjectName("detailName")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        self.facts = WrappingLabel()
        self.facts.setObjectName("detailFacts")
        layout.addWidget(self.facts)
        self.notice = WrappingLabel()
        self.notice.setObjectName("discoverNotice")
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.notice.setOpenExternalLinks(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.notice.hide()
        layout.addWidget(self.notice)
        self.choices = QTreeWidget()
        self.choices.setObjectName("discoverChoices")
        self.choices.setColumnCount(3)
        self.choices.setRootIsDecorated(False)
        self.choices.setUniformRowHeights(True)
        self.choices.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.choices.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        # Takes the room there is (at least a few rows), so the note under it stays in sight.
        self.choices.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.choices.setMinimumHeight(110)
        layout.addWidget(self.choices, 1)
        self.note = WrappingLabel()
        self.note.setObjectName("discoverNote")
        layout.addWidget(self.note)
        # The facts scroll when the card is short; Pull stays in sight under them.
        scroll = QScrollArea()
        scroll.setObjectName("discoverDetailScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        actions = QHBoxLayout()
        actions.setContentsMargins(16, 0, 16, 0)
        actions.addStretch(1)
        self.pull_button = QPushButton(icon("download", "accent_text"), "")
        set_kind(self.pull_button, PRIMARY)
        actions.addWidget(self.pull_button)
        outer.addLayout(actions)
        self.choices.currentItemChanged.connect(lambda *_: self._update_pull())
        self.choices.itemDoubleClicked.connect(lambda *_: self.pull())
        self.pull_button.clicked.connect(self.pull)
        self.retranslate()
        self.show_nothing()

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language change."""
        self._update_pull()
        if isinstance(self._shown, HubRepoFiles):
            self.show_repo(self._shown)
        elif isinstance(self._shown, LibraryModel):
            self.show_library(self._shown, *self._library_view)
        elif self._choose_shown:
            self.title.setText(self.tr("Choose a model on the left"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            # the fit column's colours, once the new look is all set (its flag comes after)
            QTimer.singleShot(0, self.retranslate)

    # -- what it shows --------------------------------------------------------------------

    def show_nothing(self, text: str = "") -> None:
        self._shown = None
        self._choose_shown = not text
        self.title.setText(text or self.tr("Choose a model on the left"))
        self.facts.setText("")
        self._set_notice("")
        self.choices.clear()
        self.choices.hide()
        self.note.hide()
        self._update_pull()

    def show_loading(self, repo_id: str) -> None:
        self.show_nothing(repo_id)
        self.facts.setText(self.tr("Reading the repository's files…"))

    def show_error(self, repo_id: str, text: str) -> None:
        self.show_nothing(repo_id)
        self._set_notice(html.escape(text))

    def show_repo(self, repo: HubRepoFiles) -> None:
        self._shown = repo
        model = repo.model
        self.title.setText(model.repo_id)
        self.facts.setText(hub_facts(model))
        if model.gated:
            words = self.tr(
                "This repository is gated: accept its licence on huggingface.co, signed "
                "in, and add Ollama's public key to your Hugging Face account; until then "
                "Ollama cannot download it."
            )
            link = self.tr("Open its page")
            self._set_notice(
                f"{html.escape(words)} <a href='{html.escape(repo.page_url)}'>"
                f"{html.escape(link)}</a>"
                if repo.page_url
                else html.escape(words)
            )
        elif not repo.quants:
            self._set_notice(
                html.escape(self.tr("This repository has no GGUF files Ollama can run."))
            )
        else:
            self._set_notice("")
        self.choices.setHeaderLabels(
            [self.tr("Quantization"), self.tr("Size"), self.tr("On this computer")]
        )
        rows = []
        for quant in repo.quants:
            label = quant.quant
            if quant.parts > 1:
                label = self.tr("{quant} ({n} files)").format(quant=quant.quant, n=quant.parts)
            rows.append((label, quant, pull_name(model.repo_id, quant.quant)))
        self._fill(rows, preferred="Q4_K_M")
        self.note.setText(
            self.tr(
                "Memory is estimated for a {n}-token context from the file size; Ollama "
                "downloads the file named by the quantization."
            ).format(n=f"{CONTEXT:,}")
        )

    def show_library(
        self, model: LibraryModel, sizes: dict[str, int] | None = None, checked: str = ""
    ) -> None:
        """``sizes``: fresh from the registry (else the shipped ones); ``checked``: a line
        on where the sizes come from."""
        self._shown = model
        self._library_view = (sizes, checked)
        self.title.setText(model.name)
        words = ", ".join(capability_label(c) for c in model.capabilities)
        described = model.described(QLocale().name())
        self.facts.setText(f"{described}\n{words}" if words else described)
        self._set_notice("")
        self.choices.setHeaderLabels([self.tr("Tag"), self.tr("Size"), self.tr("On this computer")])
        fresh = sizes or {}
        rows = [
            (
                tag.tag,
                QuantFile("Q4_K_M", (), fresh.get(tag.tag, tag.size)),
                model.pull_name(tag.tag),
            )
            for tag in model.tags
        ]
        self._fill(rows, preferred=model.default_tag)
        self.note.setText(
            self.tr(
                "Memory is estimated for a {n}-token context from the download size; without "
                "a tag Ollama pulls {name}."
            ).format(n=f"{CONTEXT:,}", name=model.pull_name())
            + (f"\n{checked}" if checked else "")
        )

    def _fill(self, rows: list[tuple[str, QuantFile, str]], preferred: str) -> None:
        kept = self.chosen_name()  # the same list drawn again keeps the person's choice
        if any(name == kept for _label, _quant, name in rows):
            preferred = next(label for label, _quant, name in rows if name == kept)
        self.choices.clear()
        machine = self._machine()
        colors = current_colors()
        current = None
        for label, quant, name in rows:
            verdict = fit(quant, machine, CONTEXT)
            item = QTreeWidgetItem(
                [label, format_bytes(quant.size) if quant.size else "—", self._fit_words(verdict)]
            )
            item.setData(0, NAME_ROLE, name)
            role = FIT_COLOR.get(verdict.placement)
            if role is not None:
                item.setForeground(2, QColor(getattr(colors, role)))
            item.setToolTip(2, self._fit_detail(verdict, machine))
            item.setData(
                2, Qt.ItemDataRole.AccessibleDescriptionRole, self._fit_detail(verdict, machine)
            )
            self.choices.addTopLevelItem(item)
            if label == preferred or (current is None and verdict.placement is Placement.VRAM):
                current = item
        self.choices.setVisible(bool(rows))
        self.note.setVisible(bool(rows))
        current = current or self.choices.topLevelItem(0)
        if current is not None:
            self.choices.setCurrentItem(current)
        self._update_pull()

    def _fit_words(self, verdict: FitVerdict) -> str:
        return {
            Placement.VRAM: self.tr("Fits in GPU memory"),
            Placement.RAM: self.tr("Fits in RAM"),
            Placement.TOO_BIG: self.tr("Too big"),
            Placement.UNKNOWN: "—",
        }[verdict.placement]

    def _fit_detail(self, verdict: FitVerdict, machine: MachineMemory) -> str:
        if verdict.need <= 0:
            return ""
        text = self.tr("Needs about {need}.").format(need=format_bytes(verdict.need))
        if machine.ram:
            text += " " + self.tr("This computer has {ram} of RAM").format(
                ram=format_bytes(machine.ram)
            )
            text += (
                self.tr(" and {vram} of GPU memory.").format(vram=format_bytes(machine.vram))
                if machine.vram
                else "."
            )
        return text

    def _set_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # -- Pull -----------------------------------------------------------------------------

    def chosen_name(self) -> str:
        item = self.choices.currentItem()
        name = item.data(0, NAME_ROLE) if item is not None else None
        return name if isinstance(name, str) else ""

    def choose(self, label: str) -> bool:
        """Select the row whose first column says ``label`` (tests, keyboard)."""
        for row in range(self.choices.topLevelItemCount()):
            item = self.choices.topLevelItem(row)
            if item is not None and item.text(0) == label:
                self.choices.setCurrentItem(item)
                return True
        return False

    def pull(self) -> None:
        name = self.chosen_name()
        if name:
            self.pullRequested.emit(name)

    def _update_pull(self) -> None:
        name = self.chosen_name()
        chosen = name.rsplit(":", 1)[-1] if name else ""
        self.pull_button.setText(
            self.tr("Pull {choice}").format(choice=chosen) if chosen else self.tr("Pull")
        )
        self.pull_button.setToolTip(name)
        self.pull_button.setAccessibleName(
            self.tr("Download {name} with Ollama").format(name=name) if name else self.tr("Pull")
        )
        self.pull_button.setEnabled(bool(name))
