"""The prompt library file: saved atomically, damaged files set aside, import and export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.prompt_library import Prompt, PromptFileProblem
from desktop.storage.prompt_library_file import PromptLibraryStore


def test_saved_prompts_are_read_back_and_listeners_told(tmp_path: Path) -> None:
    path = tmp_path / "prompts.json"
    store = PromptLibraryStore(path)
    assert store.prompts == [] and store.load_problem is None
    told: list[bool] = []
    store.subscribe(lambda: told.append(True))
    store.replace_all(
        [Prompt("Trip", "Plan {{topic}} 旅行", tags=("t",)), Prompt("P", "sys", "persona")]
    )
    assert told == [True]
    assert "旅行" in path.read_text(encoding="utf-8")  # readable non-ASCII
    assert PromptLibraryStore(path).prompts == store.prompts
    assert [p.name for p in store.prompts] == ["Trip", "P"]


@pytest.mark.parametrize(
    "content",
    [b"{not json", b'["a list"]', b'{"version": 7, "prompts": []}', b'{"prompts": [{"name": 1}]}'],
)
def test_a_damaged_or_newer_file_is_set_aside_not_lost(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "prompts.json"
    path.write_bytes(content)
    store = PromptLibraryStore(path)
    assert store.prompts == []
    assert store.load_problem is not None
    assert "prompt library prompts.json could not be read" in str(store.load_problem)
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("prompts.json.bad-")]
    assert len(kept) == 1 and kept[0].read_bytes() == content
    assert not path.exists()


def test_export_then_import_round_trips(tmp_path: Path) -> None:
    source = PromptLibraryStore(tmp_path / "a.json")
    source.replace_all([Prompt("Trip", "Plan {{topic}}"), Prompt("中文", "你好", "persona")])
    exchange = tmp_path / "exported.json"
    assert source.export_file(exchange) == 2
    target = PromptLibraryStore(tmp_path / "b.json")
    outcome = target.import_file(exchange)
    assert outcome.added == 2
    assert target.prompts == source.prompts
    again = target.import_file(exchange)  # the same file twice adds nothing
    assert (again.added, again.skipped) == (0, 2)
    assert PromptLibraryStore(tmp_path / "b.json").prompts == source.prompts


def test_a_bad_import_leaves_the_library_as_it_was(tmp_path: Path) -> None:
    store = PromptLibraryStore(tmp_path / "prompts.json")
    store.replace_all([Prompt("Keep", "me")])
    before = (tmp_path / "prompts.json").read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"version": 1, "prompts": [{"name": "ok", "text": "t"}, {"name": ""}]})
    )
    with pytest.raises(PromptFileProblem):
        store.import_file(bad)
    bad.write_bytes(b"\xff\xfe")
    with pytest.raises(ValueError):
        store.import_file(bad)
    assert store.prompts == [Prompt("Keep", "me")]
    assert (tmp_path / "prompts.json").read_bytes() == before
