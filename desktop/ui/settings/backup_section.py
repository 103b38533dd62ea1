"""Settings → History and backups: Back up now, Restore…, the daily backup and its folder,
and the backups kept there.

The section shows a :class:`HistoryBackups` (made by the app, so the daily backup runs
without this page); it only reads the progress while something runs, on a 10 Hz timer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QWidget,
)

from desktop.storage.backup import SUFFIX, BackupInfo, BackupKind, BackupProblem
from desktop.storage.backup_schedule import KEEP_DAILY
from desktop.ui.design import Space
from desktop.ui.formatting import format_bytes, format_date
from desktop.ui.settings.history_backups import HistoryBackups
from desktop.ui.settings.restore_preview import RestorePreview
from desktop.ui.settings.section import Section, card
from desktop.ui.strings import add_named_row, counted, relabel_row, translated
from desktop.ui.theme import PRIMARY, QUIET, set_kind

PROGRESS_MS = 100


class BackupSection(Section):
    def __init__(self, backups: HistoryBackups, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backups = backups
        self.file_dialog: QFileDialog | None = None
        self.last_backup = QLabel()
        self.folder = QLabel()
        self.folder.setObjectName("pathText")
        self.folder.setWordWrap(True)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.change_folder = QPushButton()
        set_kind(self.change_folder, QUIET)
        self.daily = QCheckBox()
        self.daily.setChecked(backups.settings.backup_daily)
        self.daily_note = QLabel()
        self.daily_note.setObjectName("hint")
        self.daily_note.setWordWrap(True)
        self.back_up = QPushButton()
        set_kind(self.back_up, PRIMARY)
        self.restore_file = QPushButton()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.cancel = QPushButton()
        set_kind(self.cancel, QUIET)
        self.status = QLabel()
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview = RestorePreview()
        self.kept_title = QLabel()
        self.kept_title.setObjectName("groupTitle")
        self.kept = QListWidget()
        self.kept.setObjectName("backupList")
        self.kept.setMinimumHeight(150)
        self.restore_chosen = QPushButton()
        set_kind(self.restore_chosen, QUIET)
        self._build()
        self._ticker = QTimer(self)
        self._ticker.setInterval(PROGRESS_MS)
        self._ticker.timeout.connect(self._show_progress)
        self.back_up.clicked.connect(lambda: backups.back_up_now())
        self.cancel.clicked.connect(backups.cancel)
        self.restore_file.clicked.connect(self.choose_file)
        self.restore_chosen.clicked.connect(self._preview_chosen)
        self.kept.itemDoubleClicked.connect(lambda _item: self._preview_chosen())
        self.kept.currentRowChanged.connect(lambda _row: self._show_state())
        self.daily.toggled.connect(backups.set_daily)
        self.change_folder.clicked.connect(self.choose_folder)
        self.preview.restoreRequested.connect(self._restore)
        backups.changed.connect(self._show_state)
        unsubscribe = backups.settings.subscribe(self._setting_changed)
        self.destroyed.connect(lambda *_: unsubscribe())
        self.retranslate()

    def _build(self) -> None:
        frame, inner = card()
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.form.setHorizontalSpacing(Space.L)
        add_named_row(self.form, self.last_backup)
        self.folder_row = QHBoxLayout()
        self.folder_row.setSpacing(Space.S)
        self.folder_row.addWidget(self.folder, 1)
        self.folder_row.addWidget(self.change_folder)
        add_named_row(self.form, self.folder_row)
        inner.addLayout(self.form)
        inner.addSpacing(Space.XS)
        inner.addWidget(self.daily)
        inner.addWidget(self.daily_note)
        inner.addSpacing(Space.XS)
        buttons = QHBoxLayout()
        buttons.setSpacing(Space.S)
        buttons.addWidget(self.back_up)
        buttons.addWidget(self.restore_file)
        buttons.addStretch(1)
        inner.addLayout(buttons)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel)
        inner.addLayout(running)
        inner.addWidget(self.status)
        self.body.addWidget(frame)
        self.body.addWidget(self.preview)
        kept, kept_layout = card()
        title_row = QHBoxLayout()
        title_row.addWidget(self.kept_title, 1)
        title_row.addWidget(self.restore_chosen)
        kept_layout.addLayout(title_row)
        kept_layout.addWidget(self.kept)
        self.body.addWidget(kept)
        self.body.addStretch(1)

    def retranslate(self) -> None:
        """Every text in the language now in use."""
        self.set_heading(
            self.tr("History and backups"),
            self.tr(
                "Every conversation, with its pictures, in one file you can keep or move to "
                "another computer."
            ),
        )
        relabel_row(self.last_backup, self.tr("Last backup"))
        relabel_row(self.folder_row, self.tr("Folder"))
        self.change_folder.setText(self.tr("Change…"))
        self.back_up.setText(self.tr("Back up now"))
        self.restore_file.setText(self.tr("Restore…"))
        self.cancel.setText(self.tr("Cancel"))
        self.restore_chosen.setText(self.tr("Restore selected…"))
        self.daily.setText(self.tr("Back up every day"))
        self.progress.setAccessibleName(self.tr("Backup progress"))
        self.kept.setAccessibleName(self.tr("Kept backups"))
        self._show_state()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    # -- state -------------------------------------------------------------------
    def _show_state(self) -> None:
        backups = self.backups
        kept = backups.kept
        newest = kept[0] if kept else None
        self.last_backup.setText(
            self.tr("{when} · {size}").format(
                when=format_date(newest.created_at), size=format_bytes(newest.size)
            )
            if newest
            else self.tr("None yet")
        )
        self.folder.setText(str(backups.folder))
        note = self.tr(
            "Once a day while Parley runs. The last {count} daily backups are kept; "
            "backups you make yourself are never deleted."
        ).format(count=KEEP_DAILY)
        due = backups.next_daily_at
        if due is not None:
            note += " " + self.tr("Next one around {when}.").format(when=format_date(due))
        self.daily_note.setText(note)
        running = bool(backups.running)
        for button in (self.back_up, self.restore_file, self.change_folder):
            button.setEnabled(not running)
        self.restore_chosen.setEnabled(not running and self.kept.currentRow() >= 0)
        self.progress.setVisible(running)
        self.cancel.setVisible(running)
        if running:
            self.status.setText(
                self.tr("Restoring…") if backups.running == "restore" else self.tr("Backing up…")
            )
            self.status.setProperty("state", "busy")
            self._show_progress()
            self._ticker.start()
        else:
            self._ticker.stop()
            self.status.setText(backups.outcome)
            self.status.setProperty("state", "error" if backups.failed else "ok")
        self.status.setVisible(bool(self.status.text()))
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.kept_title.setText(self.tr("Kept backups ({count})").format(count=len(kept)))
        self._fill_list(kept)

    def _fill_list(self, kept: list[BackupInfo]) -> None:
        chosen = self.chosen_path()
        kinds = {
            BackupKind.MANUAL: self.tr("made by you"),
            BackupKind.DAILY: self.tr("daily"),
            BackupKind.BEFORE_RESTORE: self.tr("before a restore"),
        }
        with QSignalBlocker(self.kept):
            self.kept.clear()
            for info in kept:
                item = QListWidgetItem(
                    counted(
                        info.conversations,
                        self.tr("{{when}}  ·  {{kind}}  ·  1 conversation  ·  {{size}}"),
                        self.tr("{{when}}  ·  {{kind}}  ·  {count} conversations  ·  {{size}}"),
                    ).format(
                        when=format_date(info.created_at),
                        kind=kinds[info.kind],
                        size=format_bytes(info.size),
                    )
                )
                item.setData(Qt.ItemDataRole.UserRole, str(info.path))
                item.setToolTip(str(info.path))
                self.kept.addItem(item)
                if str(info.path) == chosen:
                    self.kept.setCurrentItem(item)
        if not kept:
            self.kept.addItem(QListWidgetItem(self.tr("No backups in this folder yet.")))
            self.kept.item(0).setFlags(Qt.ItemFlag.NoItemFlags)

    def _show_progress(self) -> None:
        done, total = self.backups.done, self.backups.total
        self.progress.setRange(0, total or 0)
        if total:
            self.progress.setValue(done)

    def _setting_changed(self, name: str) -> None:
        if name == "backup_daily":
            with QSignalBlocker(self.daily):
                self.daily.setChecked(self.backups.settings.backup_daily)
        elif name == "backup_folder":
            self._show_state()

    # -- choosing ----------------------------------------------------------------
    def chosen_path(self) -> str:
        item = self.kept.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, str) else ""

    def _preview_chosen(self) -> None:
        if self.chosen_path():
            self.preview_file(self.chosen_path())

    def choose_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Restore a backup"), str(self.backups.folder))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(
            [self.tr("Parley backups (*{suffix})").format(suffix=SUFFIX), self.tr("All files (*)")]
        )
        dialog.fileSelected.connect(self.preview_file)
        self.file_dialog = dialog
        dialog.open()

    def choose_folder(self) -> None:
        dialog = QFileDialog(self, self.tr("Folder for backups"), str(self.backups.folder))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(self.backups.set_folder)
        self.file_dialog = dialog
        dialog.open()

    def preview_file(self, path: str) -> None:
        """Read the backup's facts (in a worker) and show them, or say what is wrong."""
        self.preview.hide()
        self.backups.run(self._preview(Path(path)))

    async def _preview(self, path: Path) -> None:
        try:
            info = await self.backups.preview(path)
        except BackupProblem as problem:
            self.backups.say(translated(problem), failed=True)
            return
        self.backups.say("")
        self.preview.show_info(info)

    def _restore(self, info: BackupInfo) -> None:
        self.backups.restore(info.path)
