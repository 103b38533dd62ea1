"""Vector search at 100,000 chunks × 384 dimensions: the storage options for documents.

1. stdlib sqlite3, vectors as float32 BLOBs, searched with numpy (matrix loaded once,
   then one matrix-vector product per query);
2. apsw + sqlite-vec's vec0 table (this Python's sqlite3 cannot load extensions).

`python -m bench.vector_storage` prints fill time, first-query (cold) and warm latency,
file size.
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

CHUNKS = 100_000
DIMENSIONS = 384
QUERIES = 30
TOP_K = 10


def unit_rows(rows: int, seed: int) -> np.ndarray:
    generator = np.random.default_rng(seed)
    # Structured like real embeddings: clusters around a few hundred topics.
    centres = generator.standard_normal((300, DIMENSIONS)).astype(np.float32)
    matrix = centres[generator.integers(0, 300, rows)] + 0.6 * generator.standard_normal(
        (rows, DIMENSIONS)
    ).astype(np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def numpy_blobs(folder: Path, vectors: np.ndarray, queries: np.ndarray) -> dict[str, float]:
    path = folder / "blobs.sqlite3"
    db = sqlite3.connect(path)
    db.execute("create table chunks(id integer primary key, vector blob)")
    started = time.perf_counter()
    with db:
        db.executemany(
            "insert into chunks(id, vector) values (?, ?)",
            ((i + 1, row.tobytes()) for i, row in enumerate(vectors)),
        )
    fill = time.perf_counter() - started
    db.close()

    db = sqlite3.connect(path)
    started = time.perf_counter()
    rows = db.execute("select id, vector from chunks order by id").fetchall()
    ids = np.fromiter((row[0] for row in rows), np.int64, len(rows))
    matrix = np.frombuffer(b"".join(row[1] for row in rows), np.float32).reshape(len(rows), -1)
    load = time.perf_counter() - started
    times = []
    for query in queries:
        began = time.perf_counter()
        scores = matrix @ query
        top = np.argpartition(-scores, TOP_K)[:TOP_K]
        _ = ids[top[np.argsort(-scores[top])]]
        times.append((time.perf_counter() - began) * 1000)
    db.close()
    return {
        "fill s": fill,
        "load s": load,
        "median ms": statistics.median(times),
        "p95 ms": float(np.percentile(times, 95)),
        "MB": path.stat().st_size / 1e6,
    }


def sqlite_vec(folder: Path, vectors: np.ndarray, queries: np.ndarray) -> dict[str, float]:
    import apsw
    import sqlite_vec as vec

    path = folder / "vec.sqlite3"
    db = apsw.Connection(str(path))
    db.enable_load_extension(True)
    db.load_extension(vec.loadable_path())
    db.execute(f"create virtual table chunks using vec0(embedding float[{DIMENSIONS}])")
    started = time.perf_counter()
    with db:
        db.executemany(
            "insert into chunks(rowid, embedding) values (?, ?)",
            ((i + 1, row.tobytes()) for i, row in enumerate(vectors)),
        )
    fill = time.perf_counter() - started
    db.close()

    db = apsw.Connection(str(path))
    db.enable_load_extension(True)
    db.load_extension(vec.loadable_path())
    times = []
    for query in queries:
        began = time.perf_counter()
        db.execute(
            "select rowid, distance from chunks where embedding match ? and k = ?",
            (query.tobytes(), TOP_K),
        ).fetchall()
        times.append((time.perf_counter() - began) * 1000)
    db.close()
    return {
        "fill s": fill,
        "load s": 0.0,
        "median ms": statistics.median(times[1:]),
        "p95 ms": float(np.percentile(times[1:], 95)),
        "first ms": times[0],
        "MB": path.stat().st_size / 1e6,
    }


def run() -> None:
    vectors = unit_rows(CHUNKS, 1)
    queries = unit_rows(QUERIES, 2)
    print(f"\nVector search over {CHUNKS:,} chunks × {DIMENSIONS} dims, top {TOP_K}")
    with tempfile.TemporaryDirectory() as scratch:
        for name, measure in (
            ("sqlite3 BLOB + numpy", numpy_blobs),
            ("apsw + sqlite-vec", sqlite_vec),
        ):
            try:
                result = measure(Path(scratch), vectors, queries)
            except ImportError as error:
                print(f"{name:<22} not installed ({error.name})")
                continue
            shown = "  ".join(f"{key} {value:.1f}" for key, value in result.items())
            print(f"{name:<22} {shown}")


if __name__ == "__main__":
    run()
