"""Settings → Tools: the round cap and the read-only opt-in are saved as they change,
survive a restart, and follow changes made elsewhere."""

from __future__ import annotations

from pathlib import Path

from desktop.core.tool_loop_guard import DEFAULT_MAX_ROUNDS
from desktop.storage.settings import SettingsStore
from desktop.ui.settings.tool_settings import ToolSettingsBox


def open_box(qtbot: object, path: Path) -> tuple[ToolSettingsBox, SettingsStore]:
    store = SettingsStore(path)
    box = ToolSettingsBox(store.load(), store)
    qtbot.addWidget(box)  # type: ignore[attr-defined]
    return box, store


def test_the_limits_are_saved_and_come_back_after_a_restart(qtbot: object, tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    box, _ = open_box(qtbot, path)
    assert box.round_cap.value() == DEFAULT_MAX_ROUNDS
    assert not box.read_only.isChecked()

    box.round_cap.setValue(3)
    box.read_only.setChecked(True)

    again, store = open_box(qtbot, path)
    assert store.load().tool_round_cap == 3 and store.load().tools_read_only_allowed
    assert again.round_cap.value() == 3 and again.read_only.isChecked()


def test_the_box_follows_changes_made_elsewhere(qtbot: object, tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    settings = store.load()
    box = ToolSettingsBox(settings, store)
    qtbot.addWidget(box)  # type: ignore[attr-defined]
    settings.tool_round_cap = 7
    settings.tools_read_only_allowed = True
    assert box.round_cap.value() == 7 and box.read_only.isChecked()


def test_the_cap_field_is_named_for_screen_readers(qtbot: object, tmp_path: Path) -> None:
    box, _ = open_box(qtbot, tmp_path / "settings.json")
    label = next(
        child for child in box.findChildren(type(box.cap_note)) if child.buddy() is box.round_cap
    )
    assert label.text() == "Rounds of tool calls per answer"
