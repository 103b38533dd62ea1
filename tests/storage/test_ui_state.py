"""UiState: the window's own memory, apart from the person's preferences."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.storage.ui_state import UiState, UiStateStore, default_ui_state_path


def test_it_lives_in_the_state_dir_beside_a_moved_data_dir(private_dirs: Path) -> None:
    assert default_ui_state_path() == private_dirs / "data" / "state" / "ui_state.json"


def test_missing_files_give_defaults(tmp_path: Path) -> None:
    store = UiStateStore(tmp_path / "ui_state.json", legacy_settings_path=tmp_path / "none.json")
    assert store.load() == UiState()


def test_round_trip(tmp_path: Path) -> None:
    store = UiStateStore(tmp_path / "state" / "ui_state.json")
    state = UiState(
        window_geometry="AdnQywADAAA=",
        splitter_sizes=[240, 760],
        last_conversation_id=7,
        sidebar_collapsed=True,
        settings_section="about",
    )
    store.save(state)
    assert UiStateStore(store.path).load() == state
    assert (store.path.stat().st_mode & 0o777) == 0o600


def test_the_old_fields_come_from_settings_json_once(tmp_path: Path) -> None:
    settings_path = tmp_path / "settings.json"
    # As an older Parley wrote it, with the window's state among the preferences.
    settings_path.write_text(
        json.dumps(
            {"window_geometry": "AdnQ", "splitter_sizes": [200, 800], "last_conversation_id": 42}
        ),
        encoding="utf-8",
    )
    store = UiStateStore(tmp_path / "ui_state.json", legacy_settings_path=settings_path)

    state = store.load()
    assert (state.window_geometry, state.splitter_sizes, state.last_conversation_id) == (
        "AdnQ",
        [200, 800],
        42,
    )
    state.last_conversation_id = 43
    store.save(state)
    # From now on ui_state.json is the truth, whatever settings.json still says.
    assert store.load().last_conversation_id == 43


def test_bad_values_fall_back_to_their_defaults(tmp_path: Path) -> None:
    path = tmp_path / "ui_state.json"
    path.write_text(
        json.dumps({"splitter_sizes": "wide", "last_conversation_id": 5, "sidebar_collapsed": 1}),
        encoding="utf-8",
    )
    state = UiStateStore(path, legacy_settings_path=tmp_path / "none.json").load()
    assert state == UiState(last_conversation_id=5)
    path.write_text("{not json", encoding="utf-8")
    assert UiStateStore(path, legacy_settings_path=tmp_path / "none.json").load() == UiState()
