"""check_gguf and hash_file on a real GGUF the suite writes (tests.servers.tiny_gguf)."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest
from gguf import GGML_QUANT_SIZES

from desktop.core.gguf_file import _BLOCKS, GgufProblem, HashCancelled, check_gguf, hash_file
from tests.servers.tiny_gguf import write_tiny_gguf


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_tiny_gguf(tmp_path_factory.mktemp("gguf") / "tiny.gguf")


def test_a_whole_gguf_passes_and_its_header_says_where_it_ends(tiny: Path) -> None:
    summary = check_gguf(tiny)
    assert summary.architecture == "llama"
    assert summary.tensor_count > 0
    assert summary.expected_size == tiny.stat().st_size


def test_a_cut_off_gguf_is_called_incomplete(tiny: Path, tmp_path: Path) -> None:
    data = tiny.read_bytes()
    for keep in (len(data) - 1, len(data) // 2, 40):
        cut = tmp_path / "cut.gguf"
        cut.write_bytes(data[:keep])
        with pytest.raises(GgufProblem, match=r"cut\.gguf is incomplete"):
            check_gguf(cut)


def test_a_file_that_is_not_gguf_says_so(tmp_path: Path) -> None:
    other = tmp_path / "weights.safetensors"
    other.write_bytes(b'{"__metadata__": {}}' + bytes(100))
    with pytest.raises(GgufProblem, match=r"weights\.safetensors is not a GGUF model file"):
        check_gguf(other)
    empty = tmp_path / "empty.gguf"
    empty.write_bytes(b"")
    with pytest.raises(GgufProblem, match="not a GGUF"):
        check_gguf(empty)


def test_block_sizes_match_ggml() -> None:
    for kind, (values, block_bytes) in GGML_QUANT_SIZES.items():
        if int(kind) in _BLOCKS:
            assert _BLOCKS[int(kind)] == (block_bytes, values), kind.name


def test_hash_matches_sha256_reports_progress_and_can_be_cancelled(tmp_path: Path) -> None:
    data = bytes(range(256)) * 80_000  # 20 MB: three chunks
    path = tmp_path / "blob.gguf"
    path.write_bytes(data)
    seen: list[int] = []

    assert hash_file(path, seen.append) == "sha256:" + hashlib.sha256(data).hexdigest()
    assert seen[-1] == len(data) and seen == sorted(seen) and len(seen) == 3

    cancel = threading.Event()
    with pytest.raises(HashCancelled):
        hash_file(path, lambda done: cancel.set(), cancel)
