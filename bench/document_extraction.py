"""PDF text extraction, pypdf against PDFium (pypdfium2), on one generated 200-page PDF.

Both read the same pages; the table shows time per page, whether every word came back in
order, and each library's installed size. `python -m bench.document_extraction`
"""

from __future__ import annotations

import importlib.util
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.documents.pdf_maker import write_pdf

PAGES = 200
LINES = 46
WORDS = [
    "retrieval",
    "embedding",
    "vector",
    "chunk",
    "page",
    "document",
    "index",
    "model",
    "query",
    "answer",
    "the",
    "of",
    "and",
    "to",
    "in",
    "reciprocal",
    "rank",
    "fusion",
    "keyword",
    "search",
    "passage",
    "citation",
    "2026",
    "(note)",
    "café",
    "naïve",
]


def installed_mb(*packages: str) -> float:
    total = 0
    for package in packages:
        spec = importlib.util.find_spec(package)
        if spec is None or spec.submodule_search_locations is None:
            continue
        for folder in spec.submodule_search_locations:
            for root, _, files in os.walk(folder):
                total += sum(os.path.getsize(os.path.join(root, name)) for name in files)
    return total / 1e6


def with_pypdf(path: Path) -> list[str]:
    import pypdf

    return [page.extract_text() for page in pypdf.PdfReader(str(path)).pages]


def with_pdfium(path: Path) -> list[str]:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_bounded() for i in range(len(pdf))]
    finally:
        pdf.close()


def run() -> None:
    chooser = random.Random(7)
    pages = [
        [" ".join(chooser.choice(WORDS) for _ in range(11)) for _ in range(LINES)]
        for _ in range(PAGES)
    ]
    readers: list[tuple[str, Callable[[Path], list[str]], tuple[str, ...]]] = [
        ("pypdf", with_pypdf, ("pypdf",)),
        ("pypdfium2", with_pdfium, ("pypdfium2", "pypdfium2_raw")),
    ]
    with tempfile.TemporaryDirectory() as scratch:
        path = write_pdf(Path(scratch) / "bench.pdf", pages)
        print(f"\nPDF text extraction: {PAGES} pages × {LINES} lines ({path.stat().st_size:,} B)")
        print(f"{'library':<10} {'ms/page':>8} {'total s':>8} {'exact words':>12} {'size MB':>8}")
        for name, read, packages in readers:
            times = []
            texts: list[str] = []
            for _ in range(3):
                started = time.perf_counter()
                texts = read(path)
                times.append(time.perf_counter() - started)
            total = statistics.median(times)
            exact = sum(
                text.split() == " ".join(lines).split()
                for text, lines in zip(texts, pages, strict=True)
            )
            print(
                f"{name:<10} {total / PAGES * 1000:>8.2f} {total:>8.2f} "
                f"{exact:>8}/{PAGES} {installed_mb(*packages):>8.1f}"
            )


if __name__ == "__main__":
    run()
