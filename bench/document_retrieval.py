"""Retrieval over 100,000 stored chunks: FTS5 keyword + numpy vector search, fused by
reciprocal rank, the hits read back with their citations (DocumentStore.search).

The figure (issue #19): median < 50 ms. Vectors are 384-dim unit vectors clustered like
real sentence embeddings (embedding 100,000 chunks with the real model would take the
bench an hour on two cores; tests/storage/test_document_store.py measures quality with
the real model). The vectors are read into memory first (DocumentStore.prepare); that
time is shown apart.
`python -m bench.document_retrieval [chunks]`
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from desktop.storage.document_store import DocumentStore

CHUNKS = 100_000
PER_DOCUMENT = 1000
DIMENSIONS = 384
QUERIES = 60
OWNER = "collection:bench"
MODEL = "all-minilm"
TOPICAL = (
    "kettle warranty descaling vinegar sourdough starter banneton oven tram viewpoint fado "
    "holiday leave manager certificate eclipse jupiter telescope aperture season orbit "
    "invoice contract clause payment delivery refund battery charger firmware update"
)
WORDS = 40_000
"""Distinct words, drawn by Zipf's law (s = 1.1) as in real text: a few very common, most
rare. The topical words take ranks among the first thousand."""


def vocabulary() -> list[str]:
    words = [f"w{rank}" for rank in range(WORDS)]
    for index, word in enumerate(TOPICAL.split()):
        words[40 + index * 30] = word
    return words


@dataclass(frozen=True)
class BenchChunk:
    ordinal: int
    start: int
    end: int
    page: int | None
    section: str
    text: str


def clustered(rows: int, generator: np.random.Generator) -> np.ndarray:
    centres = generator.standard_normal((400, DIMENSIONS)).astype(np.float32)
    matrix = centres[generator.integers(0, 400, rows)]
    matrix += 0.7 * generator.standard_normal((rows, DIMENSIONS)).astype(np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def fill(store: DocumentStore, total: int) -> None:
    words = vocabulary()
    weights = 1.0 / np.arange(1, WORDS + 1) ** 1.1
    weights /= weights.sum()
    chooser = random.Random(5)
    generator = np.random.default_rng(5)
    for number in range(total // PER_DOCUMENT):
        chunks = []
        offset = 0
        lengths = [chooser.randint(60, 160) for _ in range(PER_DOCUMENT)]
        drawn = iter(generator.choice(WORDS, size=sum(lengths), p=weights).tolist())
        for ordinal, length in enumerate(lengths):
            text = " ".join(words[next(drawn)] for _ in range(length))
            page = 1 + ordinal // 4
            chunks.append(BenchChunk(ordinal, offset, offset + len(text), page, "", text))
            offset += len(text) + 2
        document_id, _ = store.add_document(
            owner=OWNER,
            name=f"doc-{number}.pdf",
            kind="pdf",
            sha256=f"{number:064x}",
            size=offset,
            pages=PER_DOCUMENT // 4,
            text="\n\n".join(chunk.text for chunk in chunks),
            chunks=chunks,
        )
        first = number * PER_DOCUMENT + 1
        vectors = clustered(PER_DOCUMENT, generator)
        store.save_vectors(
            document_id, MODEL, [(first + i, vector.tolist()) for i, vector in enumerate(vectors)]
        )


def run(total: int = CHUNKS) -> None:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    with tempfile.TemporaryDirectory() as scratch:
        store = DocumentStore.open(Path(scratch) / "documents.sqlite3")
        started = time.perf_counter()
        fill(store, total)
        filled = time.perf_counter() - started
        chooser = random.Random(9)
        words = vocabulary()
        # Questions: two to six words from the whole range (common ones included: they are
        # left out by the store), wrapped in the usual question words.
        queries = [
            "how does the "
            + " ".join(
                words[int(chooser.paretovariate(0.35)) % WORDS]
                for _ in range(chooser.randint(2, 6))
            )
            + " work?"
            for _ in range(QUERIES + 1)
        ]
        vectors = clustered(QUERIES + 1, np.random.default_rng(9))
        began = time.perf_counter()
        store.retrieval.prepare([OWNER], MODEL)
        cold = (time.perf_counter() - began) * 1000
        times, keyword_times, vector_times = [], [], []
        for question, vector in zip(queries[1:], vectors[1:], strict=True):
            as_list = vector.tolist()
            began = time.perf_counter()
            hits = store.retrieval.search(question, as_list, [OWNER], MODEL)
            times.append((time.perf_counter() - began) * 1000)
            assert len(hits) == 5
            began = time.perf_counter()
            store.retrieval.keyword_search(question, [OWNER])
            keyword_times.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            store.retrieval.vector_search(as_list, [OWNER], MODEL)
            vector_times.append((time.perf_counter() - began) * 1000)
        size = store.path.stat().st_size
        store.close()
    print(f"\nDocument retrieval over {total:,} chunks × {DIMENSIONS} dims (load {load:.1f})")
    print(f"filled in {filled:.1f} s, database {size / 1e6:.0f} MB")
    print(f"vectors read into memory (prepare) in {cold:.0f} ms")
    print(f"{'part':<16} {'median ms':>10} {'p95 ms':>8}")
    for name, values in (
        ("keyword (FTS5)", keyword_times),
        ("vector (numpy)", vector_times),
        ("fused top 5", times),
    ):
        p95 = float(np.percentile(values, 95))
        print(f"{name:<16} {statistics.median(values):>10.1f} {p95:>8.1f}")
    print(f"median {statistics.median(times):.1f} ms (target < 50 ms)")


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else CHUNKS)
