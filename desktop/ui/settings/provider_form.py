"""The form for one provider: address, key, headers, network and family options.

The key field never shows a stored key: empty means "keep the key in the keyring".
When the base URL moves to another host while a key is stored, a checkbox asks before
the key may go there; unless it is ticked the entry keeps its old ``key_host`` and the
provider refuses to send the key (see desktop.providers.credentials).

The fields a connection needs come first; headers, proxy, certificates and image
patterns wait behind "Advanced". Test connection and Save sit in a bar below the fields
that never scrolls away. A test's result belongs to the address it tested: editing the
address, key or proxy clears it.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.provider_config import AuthStyle, AzureMode, ProviderConfig, ProviderFamily
from desktop.providers.credentials import key_host_for
from desktop.ui.design import Space
from desktop.ui.provider_registry import preset_or_custom
from desktop.ui.settings.field_text import (
    format_headers,
    parse_headers,
    split_list,
    url_problem,
)
from desktop.ui.settings.key_host_guard import KeyHostGuard
from desktop.ui.strings import add_named_row, provider_name
from desktop.ui.theme import PRIMARY, QUIET, set_kind

PROXY_SYSTEM, PROXY_NONE, PROXY_CUSTOM = range(3)


class ProviderForm(QWidget):
    """Edits a :class:`ProviderConfig`; ``saveRequested``/``testRequested`` do the work."""

    saveRequested = Signal()
    testRequested = Signal()
    forgetKeyRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entry = ProviderConfig()
        self._has_stored_key = False
        self._preset_needs_key = False

        self.kind = QLabel()
        self.kind.setObjectName("providerKind")
        self.name = QLineEdit()
        self.base_url = QLineEdit()
        self.base_url.setPlaceholderText("https://api.example.com/v1")
        self.auth = QComboBox()
        for style, label in self._auth_choices():
            self.auth.addItem(label, style)
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.forget_key = QPushButton()
        self.key_state = QLabel()
        self.key_state.setWordWrap(True)
        self.key_state.setObjectName("keyState")
        self.host_guard = KeyHostGuard()
        self.host_note = self.host_guard.note
        self.confirm_host = self.host_guard.confirm
        self.host_guard.setVisible(False)
        self.headers = QPlainTextEdit()
        self.headers.setFixedHeight(64)
        self.proxy_mode = QComboBox()
        self.proxy_mode.addItems(self._proxy_choices())
        self.proxy_url = QLineEdit()
        self.proxy_url.setPlaceholderText("http://proxy.example.com:3128")
        self.ca_bundle = QLineEdit()
        self.browse_ca = QPushButton()
        self.allow_self_signed = QCheckBox()
        self.azure_mode = QComboBox()
        self.azure_mode.addItem("", AzureMode.DEPLOYMENT.value)
        self.azure_mode.addItem("", AzureMode.V1.value)
        self.api_version = QLineEdit()
        for combo in (self.auth, self.proxy_mode, self.azure_mode):
            # Long item texts must not make the form wider than a small window.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
        self.deployments = QLineEdit()
        self.models = QLineEdit()
        self.vision_models = QLineEdit()
        self.test_button = QPushButton()
        self.save_button = QPushButton()
        set_kind(self.save_button, PRIMARY)
        self.save_button.setDefault(True)
        set_kind(self.forget_key, QUIET)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setObjectName("testResult")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.advanced_toggle = QToolButton()
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.setArrowType(Qt.ArrowType.RightArrow)
        set_kind(self.advanced_toggle, QUIET)

        key_row = self.key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.forget_key)
        proxy_row = self.proxy_row = QHBoxLayout()
        proxy_row.addWidget(self.proxy_mode)
        proxy_row.addWidget(self.proxy_url, 1)
        ca_row = self.ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(self.browse_ca)

        form = QFormLayout()

        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(Space.L)
        form.setVerticalSpacing(Space.S)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # The row labels are set in retranslate().
        for field in (self.kind, self.name, self.base_url, key_row):
            add_named_row(form, field)
        form.addRow("", self.key_state)
        form.addRow("", self.host_guard)
        add_named_row(form, self.auth)
        self._azure_rows = (self.azure_mode, self.api_version, self.deployments)
        for widget in self._azure_rows:
            add_named_row(form, widget)
        add_named_row(form, self.models)
        form.addRow("", self.advanced_toggle)
        first_advanced = form.rowCount()
        for advanced in (self.headers, proxy_row, ca_row):
            add_named_row(form, advanced)
        form.addRow("", self.allow_self_signed)
        add_named_row(form, self.vision_models)
        self._advanced_rows = range(first_advanced, form.rowCount())
        self._form = form
        self.set_key_state("")

        fields = QWidget()
        fields.setObjectName("providerFields")
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, Space.S, 0)
        fields_layout.addLayout(form)
        fields_layout.addStretch(1)
        self.fields_scroll = QScrollArea()
        self.fields_scroll.setObjectName("settingsScroll")
        self.fields_scroll.setWidgetResizable(True)
        self.fields_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.fields_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fields_scroll.setWidget(fields)
        fields.setAutoFillBackground(False)
        """Scrolls only when Advanced is open on a small window; the action bar stays."""

        self.action_bar = QFrame()
        self.action_bar.setObjectName("actionBar")
        buttons = QHBoxLayout(self.action_bar)
        buttons.setContentsMargins(0, Space.S, 0, 0)
        buttons.addWidget(self.result, 1)
        buttons.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignTop)
        buttons.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(Space.S)
        layout.addWidget(self.fields_scroll, 1)
        layout.addWidget(self.action_bar)
        self._show_advanced(False)
        self.retranslate()

        self.base_url.textEdited.connect(self._connection_edited)
        self.key.textEdited.connect(self._connection_edited)
        self.proxy_url.textEdited.connect(self._connection_edited)
        self.auth.activated.connect(self._connection_edited)
        self.proxy_mode.activated.connect(self._connection_edited)
        self.base_url.textChanged.connect(self._update_host_guard)
        self.key.textChanged.connect(self._update_host_guard)
        self.proxy_mode.currentIndexChanged.connect(self._update_proxy)
        self.advanced_toggle.toggled.connect(self._show_advanced)
        self.browse_ca.clicked.connect(self._browse_ca)
        self.save_button.clicked.connect(self.saveRequested)
        self.test_button.clicked.connect(self.testRequested)
        self.forget_key.clicked.connect(self.forgetKeyRequested)

    def _auth_choices(self) -> list[tuple[str, str]]:
        return [
            ("", self.tr("As the preset says")),
            (AuthStyle.NONE.value, self.tr("No authentication")),
            (AuthStyle.BEARER.value, self.tr("Bearer token (Authorization: Bearer)")),
            (AuthStyle.BASIC.value, self.tr("Basic (user:password)")),
            (AuthStyle.API_KEY.value, self.tr("api-key header")),
            (AuthStyle.X_API_KEY.value, self.tr("x-api-key header")),
        ]

    def _proxy_choices(self) -> list[str]:
        return [self.tr("System proxy"), self.tr("No proxy"), self.tr("This proxy:")]

    def retranslate(self) -> None:
        """Set the texts in the language in use; called at start and on every language
        change (the form's row labels too)."""
        for index, (_style, label) in enumerate(self._auth_choices()):
            self.auth.setItemText(index, label)
        for index, label in enumerate(self._proxy_choices()):
            self.proxy_mode.setItemText(index, label)
        preset = preset_or_custom(self._entry.preset)
        self.kind.setText(provider_name(preset.name))
        self.name.setPlaceholderText(provider_name(preset.name))
        self.key.setAccessibleName(self.tr("API key"))
        self.forget_key.setText(self.tr("Forget key"))
        self.headers.setPlaceholderText(self.tr("One per line, e.g.  X-Team: research"))
        self.proxy_url.setAccessibleName(self.tr("Proxy address"))
        self.proxy_mode.setAccessibleName(self.tr("Proxy"))
        self.ca_bundle.setPlaceholderText(self.tr("System certificates"))
        self.ca_bundle.setAccessibleName(self.tr("CA bundle"))
        self.browse_ca.setText(self.tr("Browse…"))
        self.allow_self_signed.setText(self.tr("Trust a self-signed certificate"))
        self.allow_self_signed.setToolTip(
            self.tr("The certificate is then not verified: only for a server you run yourself.")
        )
        self.azure_mode.setItemText(0, self.tr("Deployment URLs + api-version"))
        self.azure_mode.setItemText(1, self.tr("v1 API (/openai/v1)"))
        self.deployments.setPlaceholderText(self.tr("Deployment names, comma-separated"))
        self.models.setPlaceholderText(self.tr("Extra model names, comma-separated"))
        self.vision_models.setPlaceholderText(
            self.tr("Models that see images: patterns such as gpt-4o*, comma-separated")
        )
        self.test_button.setText(self.tr("Test connection"))
        self.save_button.setText(self.tr("Save"))
        self.advanced_toggle.setText(self.tr("Advanced"))
        self.advanced_toggle.setToolTip(
            self.tr("Custom headers, proxy, certificates, models that see images")
        )
        for field, label in (
            (self.kind, self.tr("Kind")),
            (self.name, self.tr("Name")),
            (self.base_url, self.tr("Base URL")),
            (self.key_row, self.tr("API key")),
            (self.auth, self.tr("Authentication")),
            (self.azure_mode, self.tr("Azure URL form")),
            (self.api_version, self.tr("api-version")),
            (self.deployments, self.tr("Deployments")),
            (self.models, self.tr("Models")),
            (self.headers, self.tr("Custom headers")),
            (self.proxy_row, self.tr("Proxy")),
            (self.ca_row, self.tr("CA bundle")),
            (self.vision_models, self.tr("Image models")),
        ):
            self._form_label(field, label)

    def _form_label(self, field: QWidget | QLayout, text: str) -> None:
        label = self._form.labelForField(field)
        if isinstance(label, QLabel):
            label.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    # -- loading ---------------------------------------------------------------
    def load(self, entry: ProviderConfig, *, has_stored_key: bool) -> None:
        self._entry = entry
        self._has_stored_key = has_stored_key
        preset = preset_or_custom(entry.preset)
        self.kind.setText(provider_name(preset.name))
        self.name.setText(entry.name)
        self.name.setPlaceholderText(provider_name(preset.name))
        self.base_url.setText(entry.base_url or preset.base_url)
        self.auth.setCurrentIndex(max(self.auth.findData(entry.auth), 0))
        self.key.clear()
        self.headers.setPlainText(format_headers(dict(entry.headers)))
        if entry.proxy_url:
            self.proxy_mode.setCurrentIndex(PROXY_CUSTOM)
        else:
            self.proxy_mode.setCurrentIndex(PROXY_SYSTEM if entry.use_system_proxy else PROXY_NONE)
        self.proxy_url.setText(entry.proxy_url)
        self.ca_bundle.setText(entry.ca_bundle)
        self.allow_self_signed.setChecked(entry.allow_self_signed)
        self.azure_mode.setCurrentIndex(max(self.azure_mode.findData(entry.azure_mode), 0))
        self.api_version.setText(entry.api_version)
        self.deployments.setText(", ".join(entry.deployments))
        self.models.setText(", ".join(entry.models))
        self.vision_models.setText(", ".join(entry.vision_models))
        azure = preset.family is ProviderFamily.AZURE
        for widget in self._azure_rows:
            self._form.setRowVisible(widget, azure)
        self.show_result("", ok=None)
        self._preset_needs_key = preset.needs_key
        self._update_proxy()
        self._update_host_guard()

    def set_key_state(self, text: str) -> None:
        self.key_state.setText(text)
        self._form.setRowVisible(self.key_state, bool(text))

    def set_has_stored_key(self, stored: bool) -> None:
        self._has_stored_key = stored
        self._update_host_guard()

    def show_result(self, text: str, *, ok: bool | None, busy: bool = False) -> None:
        """``ok``: True green, False red, None neutral; ``busy`` while a test runs."""
        state = "busy" if busy else {True: "ok", False: "error", None: "stale"}[ok]
        if self.result.property("state") != state:
            self.result.setProperty("state", state)
            self.result.style().unpolish(self.result)
            self.result.style().polish(self.result)
        self.result.setText(text)

    def key_placeholder(self, stored_in: str) -> str:
        """The key field's placeholder: where a stored key is, else whether one is needed."""
        if stored_in:
            return self.tr("Stored ({where}); type to replace").format(where=stored_in)
        if self._preset_needs_key:
            return self.tr("Required by this service")
        return self.tr("Optional: only if the server asks for one")

    # -- reading ---------------------------------------------------------------
    @property
    def entry_id(self) -> str:
        return self._entry.id

    def typed_key(self) -> str:
        return self.key.text().strip()

    def host(self) -> str:
        return key_host_for(self.base_url.text())

    def key_host(self) -> str:
        """The host the key may be sent to after this edit (see the module notes)."""
        if self.typed_key() or not self._has_stored_key:
            return self.host()
        return self.host_guard.key_host(self.host(), self._entry.key_host)

    def problem(self) -> str:
        """Why the form cannot be saved as it is ("" when it can)."""
        problem = url_problem(self.base_url.text(), self.tr("The base URL"))
        if not problem and self.proxy_mode.currentIndex() == PROXY_CUSTOM:
            problem = url_problem(
                self.proxy_url.text(),
                self.tr("The proxy address"),
                schemes=("http", "https", "socks5"),
            )
        if not problem:
            try:
                parse_headers(self.headers.toPlainText())
            except ValueError as error:
                problem = str(error)
        return problem

    def entry(self) -> ProviderConfig:
        """The entry as edited; call :meth:`problem` first."""
        mode = self.proxy_mode.currentIndex()
        return dataclasses.replace(
            self._entry,
            name=self.name.text().strip(),
            base_url=self.base_url.text().strip(),
            auth=str(self.auth.currentData()),
            key_host=self.key_host(),
            headers=tuple(parse_headers(self.headers.toPlainText()).items()),
            proxy_url=self.proxy_url.text().strip() if mode == PROXY_CUSTOM else "",
            use_system_proxy=mode == PROXY_SYSTEM,
            ca_bundle=self.ca_bundle.text().strip(),
            allow_self_signed=self.allow_self_signed.isChecked(),
            azure_mode=str(self.azure_mode.currentData()),
            api_version=self.api_version.text().strip(),
            deployments=tuple(split_list(self.deployments.text())),
            models=tuple(split_list(self.models.text())),
            vision_models=tuple(split_list(self.vision_models.text())),
        )

    # -- reactions -------------------------------------------------------------
    def _update_host_guard(self) -> None:
        moved = self.host_guard.update_for(
            stored_key=self._has_stored_key,
            typed_key=bool(self.typed_key()),
            host=self.host(),
            confirmed=self._entry.key_host,
        )
        self._form.setRowVisible(self.host_guard, moved)

    def _connection_edited(self, *_args: object) -> None:
        """The last test's result was about another address, key or route: drop it."""
        if self.result.text():
            self.show_result(
                self.tr("Changed since the last test: press Test connection to check it."),
                ok=None,
            )

    def _show_advanced(self, shown: bool) -> None:
        self.advanced_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )
        for row in self._advanced_rows:
            self._form.setRowVisible(row, shown)

    def _update_proxy(self) -> None:
        self.proxy_url.setEnabled(self.proxy_mode.currentIndex() == PROXY_CUSTOM)

    def _browse_ca(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose a CA bundle"))
        dialog.setNameFilters(
            [self.tr("Certificates (*.pem *.crt *.cer)"), self.tr("All files (*)")]
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.ca_bundle.setText)
        dialog.open()
