"""Bad exports are explained and leave the history exactly as it was; big ones stream."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.conversation_export import ImportProblem
from desktop.importers import json_stream, run
from desktop.importers.model import ImportCancelled
from desktop.importers.run import Progress, import_export, preview
from desktop.storage.history import HistoryStore
from tests.importers import samples
from tests.importers.helpers import snapshot


def _before(store: HistoryStore, tmp_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """A history with something in it, imported earlier."""
    import_export(samples.open_webui_export(tmp_path), store.path, Progress())
    return snapshot(store.path)


def test_a_truncated_zip_is_called_damaged(store: HistoryStore, tmp_path: Path) -> None:
    before = _before(store, tmp_path)
    whole = samples.chatgpt_export(tmp_path).read_bytes()
    for cut in (len(whole) // 2, len(whole) - 30):
        path = tmp_path / f"cut-{cut}.zip"
        path.write_bytes(whole[:cut])
        with pytest.raises(ImportProblem, match="damaged or incomplete"):
            import_export(path, store.path, Progress())
    assert snapshot(store.path) == before


def test_a_zip_with_a_damaged_member_is_called_damaged(store: HistoryStore, tmp_path: Path) -> None:
    before = _before(store, tmp_path)
    data = json.dumps(samples.chatgpt_conversations() * 40).encode()
    path = samples.write_zip(tmp_path / "bad.zip", {"conversations.json": data})
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF  # inside the compressed conversations
    path.write_bytes(bytes(raw))
    with pytest.raises(ImportProblem, match="damaged or incomplete"):
        import_export(path, store.path, Progress())
    assert snapshot(store.path) == before


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b'[{"id": "x", "chat": {"history": {"messages": {}}}}, {"id": "y", "cha', "truncated"),
        (b'{"hello": "world"}', "Parley does not know this file"),
        (b"[1, 2, 3]", "Parley does not know this file"),
        (b"[]", "holds no conversations"),
        (b"", "empty"),
        (b"not json at all", "not valid JSON"),
        ("[{}]".encode("utf-16"), "not UTF-8"),
        (b'[{"id": "x", "chat": {"history": {"messages": {}}}}] trailing', "more after"),
    ],
)
def test_a_file_that_is_no_export_is_explained(
    store: HistoryStore, tmp_path: Path, content: bytes, says: str
) -> None:
    before = _before(store, tmp_path)
    path = tmp_path / "export.json"
    path.write_bytes(content)
    with pytest.raises(ImportProblem, match=says):
        preview(path, store.path, Progress())
    with pytest.raises(ImportProblem, match=says):
        import_export(path, store.path, Progress())
    assert snapshot(store.path) == before


def test_a_newer_shape_of_a_known_app_is_named(store: HistoryStore, tmp_path: Path) -> None:
    """The first conversation looks like ChatGPT's, the next has changed its tree."""
    good, *_ = samples.chatgpt_conversations()
    changed = {**good, "conversation_id": "new", "mapping": {"nodes": "elsewhere"}}
    del changed["mapping"]
    changed["graph"] = {}
    found = preview(samples.chatgpt_export(tmp_path, [good, changed]), store.path, Progress())
    assert found.conversations == 1
    ((_, problem),) = found.problems
    assert "“mapping” is missing" in str(problem) and "newer version" in str(problem)


def _many(count: int) -> list[object]:
    template = samples.chatgpt_conversations()[1]
    return [{**template, "conversation_id": f"c{n}", "title": f"Chat {n}"} for n in range(count)]


def test_cancel_takes_back_every_batch_written(
    store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _before(store, tmp_path)
    monkeypatch.setattr(run, "BATCH_MESSAGES", 10)
    written: list[int] = []
    real_write = run.BulkImport.write

    def write(self: run.BulkImport, batch: list[object]) -> list[str]:
        written.append(len(batch))
        if len(written) == 3:
            progress.cancelled = True  # pressed while the third batch was written
        return real_write(self, batch)  # type: ignore[arg-type]

    monkeypatch.setattr(run.BulkImport, "write", write)
    progress = Progress()
    with pytest.raises(ImportCancelled):
        import_export(samples.chatgpt_export(tmp_path, _many(50)), store.path, progress)
    assert len(written) == 3
    assert snapshot(store.path) == before


def test_a_failure_while_writing_takes_back_every_batch(
    store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _before(store, tmp_path)
    monkeypatch.setattr(run, "BATCH_MESSAGES", 10)
    real_write = run.BulkImport.write
    calls = 0

    def write(self: run.BulkImport, batch: list[object]) -> list[str]:
        nonlocal calls
        calls += 1
        if calls == 4:
            raise OSError("disk full")
        return real_write(self, batch)  # type: ignore[arg-type]

    monkeypatch.setattr(run.BulkImport, "write", write)
    with pytest.raises(OSError, match="disk full"):
        import_export(samples.chatgpt_export(tmp_path, _many(50)), store.path, Progress())
    assert snapshot(store.path) == before
    # and the same file imports fully afterwards
    monkeypatch.setattr(run.BulkImport, "write", real_write)
    assert (
        import_export(samples.chatgpt_export(tmp_path, _many(50)), store.path, Progress()).added
        == 50
    )


class _Endless:
    """A JSON list of ``count`` conversations made while it is read (never on disk)."""

    def __init__(self, count: int) -> None:
        item = json.dumps(_many(1)[0]).encode()
        self._parts: Iterator[bytes] = iter([b"[", *([item + b","] * (count - 1)), item, b"]"])
        self._pending = b""
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        while len(self._pending) < size:
            part = next(self._parts, None)
            if part is None:
                break
            self._pending += part
        out, self._pending = self._pending[:size], self._pending[size:]
        self.size += len(out)
        return out


def test_a_huge_export_is_read_one_conversation_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    longest = 0
    real_more = json_stream._Buffer.more

    def more(self: json_stream._Buffer) -> bool:
        nonlocal longest
        result = real_more(self)
        longest = max(longest, len(self.text))
        return result

    monkeypatch.setattr(json_stream._Buffer, "more", more)
    source = _Endless(40_000)
    count = sum(1 for _ in json_stream.items(source, chunk=64 << 10))
    assert count == 40_000 and source.size > 32 << 20  # over 32 MB read…
    assert longest < 256 << 10  # …holding a few chunks at most


def test_a_conversation_over_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_stream, "ITEM_LIMIT", 100_000)
    source = _Endless(1)
    source._parts = iter([b'[{"a": "', b"x" * 400_000, b'"}]'])
    with pytest.raises(ImportProblem, match="larger than"):
        list(json_stream.items(source, chunk=4096))


def test_backups_of_newer_or_other_shapes_are_named(store: HistoryStore, tmp_path: Path) -> None:
    """Cherry Studio 6+ copies its database folders (metadata.json says the version);
    a data.json of a newer version; a Chatbox backup of a newer configVersion without
    sessions Parley can find; backups that hold no conversations at all."""
    from tests.importers import samples_backups

    before = _before(store, tmp_path)
    metadata = {"version": 7, "appName": "Cherry Studio", "appVersion": "1.7.0"}
    folders = samples.write_zip(
        tmp_path / "cherry-studio.direct.zip",
        {
            "metadata.json": json.dumps(metadata),
            "IndexedDB/x.leveldb/LOCK": b"",
            "cache.json": "{}",
        },
    )
    newer_json = samples_backups.cherry_export(tmp_path, samples_backups.cherry_backup(6))
    chatbox_newer = samples_backups.chatbox_export(
        tmp_path, {"settings": {}, "configVersion": 99, "__exported_items": [], "sessions": {}}
    )
    cases = [
        (folders, "Cherry Studio backup has format version 7"),
        (newer_json, "Cherry Studio backup has format version 6"),
        (chatbox_newer, "Chatbox backup has format version 99"),
    ]
    for path, says in cases:
        with pytest.raises(ImportProblem, match=says):
            preview(path, store.path, Progress())
        with pytest.raises(ImportProblem, match=says):
            import_export(path, store.path, Progress())
    settings_only = {"settings": {}, "configVersion": 14, "__exported_items": ["setting"]}
    empty_chatbox = samples_backups.chatbox_export(tmp_path, settings_only)
    with pytest.raises(ImportProblem, match="Chatbox backup holds no conversations"):
        import_export(empty_chatbox, store.path, Progress())
    wrong = {"time": 1, "version": 5, "localStorage": {}, "indexedDB": "not tables"}
    with pytest.raises(ImportProblem, match="Cherry Studio backup holds no conversations"):
        import_export(samples_backups.cherry_export(tmp_path, wrong), store.path, Progress())
    assert snapshot(store.path) == before


def test_a_truncated_cherry_backup_is_called_damaged(store: HistoryStore, tmp_path: Path) -> None:
    from tests.importers import samples_backups

    before = _before(store, tmp_path)
    whole = samples_backups.cherry_export(tmp_path).read_bytes()
    path = tmp_path / "cherry-cut.zip"
    path.write_bytes(whole[: len(whole) * 2 // 3])
    with pytest.raises(ImportProblem, match="damaged or incomplete"):
        import_export(path, store.path, Progress())
    assert snapshot(store.path) == before


def test_a_2_gb_export_shows_progress_and_cancels_early(
    store: HistoryStore, tmp_path: Path
) -> None:
    """A real 2 GB file on disk (sparse: a list of conversations, then a hole): the preview
    reports progress as a share of the whole file and stops at Cancel after a few MB."""
    before = _before(store, tmp_path)
    path = tmp_path / "huge.json"
    item = json.dumps(_many(1)[0]).encode()
    with path.open("wb") as handle:
        handle.write(b"[" + b",".join([item] * 2000) + b",")
        handle.truncate(2 << 30)
    seen: list[float] = []

    class Watching(Progress):
        def update(self, done: float) -> None:
            seen.append(done)
            if done > 0.001:  # about 2 MB in
                self.cancelled = True
            super().update(done)

    with pytest.raises(ImportCancelled):
        preview(path, store.path, Watching())
    with pytest.raises(ImportCancelled):
        import_export(path, store.path, Watching())
    assert 0.001 < max(seen) < 0.01  # a share of 2 GB, and it stopped soon after Cancel
    assert snapshot(store.path) == before
