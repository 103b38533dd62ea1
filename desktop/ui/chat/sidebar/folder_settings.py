"""A folder's settings: the model a new chat in it starts with, its system prompt (a persona
can fill it), whether its chats may use tools, and its documents. Saved when the person
clicks Save; documents are added and removed at once (embedding takes a while and goes on
in the background), and every chat in the folder draws on them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.folders import Folder, FolderTools
from desktop.documents.owners import folder_owner
from desktop.storage.history import HistoryStore
from desktop.ui.chat.prompts.prompt_persona import PersonaChooser
from desktop.ui.design import Space

if TYPE_CHECKING:
    from desktop.ui.documents.library import DocumentLibrary
    from desktop.ui.documents.owner_documents import OwnerDocuments


class FolderSettingsDialog(QDialog):
    def __init__(
        self,
        store: HistoryStore,
        folder: Folder,
        models: list[tuple[str, str, str]],
        parent: QWidget | None = None,
        *,
        documents: DocumentLibrary | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("folderSettings")
        self._store = store
        self._folder = folder
        layout = QVBoxLayout(self)
        layout.setSpacing(Space.M)
        self.intro = QLabel()
        self.intro.setObjectName("hint")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.model = QComboBox()
        self.model.addItem("", ("", ""))
        choices = list(models)
        if folder.model and (folder.provider, folder.model) not in {(p, m) for p, _, m in models}:
            choices.append((folder.provider, folder.provider, folder.model))
        for provider_id, provider_name, model in choices:
            self.model.addItem(f"{model} · {provider_name}", (provider_id, model))
            if (provider_id, model) == (folder.provider, folder.model):
                self.model.setCurrentIndex(self.model.count() - 1)
        self.model_label = QLabel()
        form.addRow(self.model_label, self.model)
        self.prompt = QPlainTextEdit(folder.system_prompt)
        self.prompt.setObjectName("folderPrompt")
        self.prompt.setMinimumHeight(120)
        self.prompt_label = QLabel()
        self.persona = PersonaChooser(self.prompt)
        self.persona_label = QLabel()
        form.addRow(self.persona_label, self.persona)
        form.addRow(self.prompt_label, self.prompt)
        self.tools = QCheckBox()
        self.tools.setChecked(folder.tools.enabled)
        form.addRow("", self.tools)
        layout.addLayout(form)
        self.documents_title = QLabel()
        self.documents_title.setObjectName("groupTitle")
        self.documents_hint = QLabel()
        self.documents_hint.setObjectName("hint")
        self.documents_hint.setWordWrap(True)
        self.documents: OwnerDocuments | None = None
        if documents is not None:
            from desktop.ui.documents.owner_documents import OwnerDocuments

            self.documents = OwnerDocuments(documents, documents.tasks, folder_owner(folder.id))
            self.documents.setMinimumHeight(150)
            layout.addWidget(self.documents_title)
            layout.addWidget(self.documents_hint)
            layout.addWidget(self.documents, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(560, 640 if documents is not None else 400)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Folder settings — {name}").format(name=self._folder.name))
        self.intro.setText(
            self.tr(
                "A new chat in this folder starts with these. Its system prompt replaces the "
                "model's own default prompt."
            )
        )
        self.model.setItemText(0, self.tr("The model chosen in the app"))
        self.model_label.setText(self.tr("Model"))
        self.prompt_label.setText(self.tr("System prompt"))
        self.persona_label.setText(self.tr("Persona"))
        self.documents_title.setText(self.tr("Documents"))
        self.documents_hint.setText(
            self.tr(
                "Every chat in this folder can draw on these files. They are added at once "
                "and stay until you remove them or delete the folder."
            )
        )
        self.prompt.setPlaceholderText(self.tr("Instructions for every chat in this folder"))
        self.tools.setText(self.tr("Chats in this folder may use tools"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def save(self) -> None:
        provider, model = self.model.currentData() or ("", "")
        self._store.folders.set_defaults(
            self._folder.id,
            model=model,
            provider=provider,
            system_prompt=self.prompt.toPlainText().strip(),
            tools=FolderTools() if self.tools.isChecked() else FolderTools(servers=()),
        )
        self.accept()
