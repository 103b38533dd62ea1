"""What reading a file gives: its kind, pages, text, size, hash and chunks.

Blocking (file reads, PDF parsing, chunking): the app runs it in a child process
(reader_process.py), or in a worker thread when no child can start.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import NamedTuple

from desktop.documents.chunking import Chunk, chunk_document
from desktop.documents.extract import extract


class ReadFile(NamedTuple):
    kind: str
    pages: int
    text: str
    size: int
    sha256: str
    chunks: list[Chunk]


def read_file(path: Path) -> ReadFile:
    """``path`` read and chunked; raises DocumentProblem (or OSError) when it cannot be."""
    document = extract(path)
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(1 << 20):
            digest.update(block)
    chunks = chunk_document(document)
    return ReadFile(
        document.kind,
        document.pages,
        document.text,
        path.stat().st_size,
        digest.hexdigest(),
        chunks,
    )
