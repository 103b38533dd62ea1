"""Documents in the real window: how long the UI's event loop stalls while a 40-page PDF
and a short text are read, embedded, asked about, cited and opened.

The window is the app's own (private dirs); the chat answers from a paced scripted Ollama
and the documents are embedded by the real all-MiniLM-L6-v2 (llama.cpp behind the test
Ollama server's /api/embed), each server in its own process as Ollama would be. The
store already holds 100,000 chunks of another owner (random unit vectors, text that
shares the question's words), so the question's keyword search has real work to do.
The files are attached through the composer's draft, as the attach button, a drop and a
paste do. A 5 ms timer (LoopProbe) runs throughout; per phase: seconds, the longest gap,
the p99 gap, how much of the longest the UI thread waited for a core (other processes
had them), and the load average. Target: every phase's longest gap < 50 ms.
`python -m bench.document_window`; PARLEY_TRACE_STALLS=1 also prints what the UI thread
was doing in each gap over 40 ms (bench/stall_trace.py).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.app_window import model_server, open_chat, use_private_dirs
from bench.loop_probe import LoopProbe
from bench.stall_trace import StallTrace
from desktop.app import keep_startup_objects
from desktop.core.provider_config import ProviderConfig
from desktop.storage.document_store import DocumentStore, default_path
from desktop.storage.settings import Settings, SettingsStore, default_settings_path
from tests.documents.pdf_maker import write_pdf

STALL_TARGET_MS = 50.0
PAGES = int(os.environ.get("PARLEY_BENCH_PAGES", "40"))
MODEL = "all-minilm:latest"
CHAT_MODEL = "scripted:latest"
OTHER_CHUNKS = 100_000
PER_DOCUMENT = 1000
PIECES_PER_SECOND = 80
FACT = "The lighthouse on Corvo Island is kept by Amalia Teixeira, who repaints it each April."
QUESTION = "Who keeps the lighthouse on Corvo Island, and when is it repainted?"
FILLER = (
    "The committee reviewed the schedule for section {n} and agreed to revisit the figures "
    "at the next meeting, noting that item {k} depends on supplier quotes still outstanding."
)
ANSWER = (
    "According to the annual report, the lighthouse on **Corvo Island** is kept by Amalia "
    "Teixeira [1]. She repaints it each April [1], and the committee notes elsewhere that "
    "the schedule depends on supplier quotes [2].\n\n"
    "- Keeper: Amalia Teixeira [1]\n- Repainting: every April [1]\n"
)


def report_pages() -> list[list[str]]:
    """Forty pages of filler; the fact on page 27."""
    pages = []
    for page in range(1, PAGES + 1):
        lines = [FILLER.format(n=page, k=line)[:95] for line in range(44)]
        if page == 27:
            lines[20] = FACT
        pages.append(lines)
    return pages


def seed_other_owner(path: Path, total: int = OTHER_CHUNKS) -> float:
    """``total`` chunks under another owner with random unit vectors; seconds taken.
    A few of the question's words are in ~2 % of them (below the store's common-word
    cut), so its keyword search matches thousands of other owners' chunks."""
    import numpy as np

    from bench.document_retrieval import BenchChunk

    started = time.perf_counter()
    generator = np.random.default_rng(3)
    words = np.array(
        [f"w{n}" for n in range(3000)] + ["lighthouse", "island", "keeps", "repainted"]
    )
    weights = np.full(len(words), 1.0)
    weights[-4:] = 0.00025 * len(words)  # each of these ~2 % of 80-word chunks
    weights /= weights.sum()
    store = DocumentStore.open(path)
    try:
        for number in range(total // PER_DOCUMENT):
            drawn = generator.choice(len(words), size=(PER_DOCUMENT, 80), p=weights)
            texts = [" ".join(words[row]) for row in drawn]
            chunks, offset = [], 0
            for ordinal, text in enumerate(texts):
                chunks.append(
                    BenchChunk(ordinal, offset, offset + len(text), 1 + ordinal // 25, "", text)
                )
                offset += len(text) + 2
            document_id, _ = store.add_document(
                owner="collection:other",
                name=f"other-{number}.pdf",
                kind="pdf",
                sha256=f"{number:064x}",
                size=offset,
                pages=PER_DOCUMENT // 25,
                text="\n\n".join(texts),
                chunks=chunks,
            )
            ids = [chunk_id for chunk_id, _ in store.pending_chunks(document_id, 1 << 30)]
            vectors = generator.standard_normal((len(ids), 384)).astype(np.float32)
            store.save_vectors(document_id, MODEL, list(zip(ids, vectors, strict=True)))
    finally:
        store.close()
    return time.perf_counter() - started


def serve_embeddings(root: Path) -> None:
    """(Subprocess) the test Ollama server with the real MiniLM installed; prints its
    URL and serves until stdin closes."""
    from tests.servers.minilm_gguf import write_minilm_gguf
    from tests.servers.ollama_server import OllamaServer

    server = OllamaServer(root / "ollama").start()
    server.publish(MODEL, write_minilm_gguf(root / "minilm.gguf"), capabilities=("embedding",))
    server.install(MODEL)
    print(server.url, flush=True)
    sys.stdin.read()
    server.stop()


class EmbeddingServer:
    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.document_window", "--serve-embeddings", str(root)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.url = self.process.stdout.readline().strip()
        if not self.url:
            raise RuntimeError("the embedding server did not start (see its error above)")

    def stop(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=10)


def _load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


async def _until(predicate: Callable[[], object], timeout: float = 300.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        await asyncio.sleep(0.02)


class Phases:
    """One probe for the whole run; a row of figures per phase."""

    def __init__(self, probe: LoopProbe) -> None:
        self.probe = probe
        self.rows: list[dict[str, float | str]] = []
        self._began = time.perf_counter()

    def begin(self) -> None:
        self.probe.clear()
        self._began = time.perf_counter()

    def end(self, name: str) -> None:
        probe = self.probe
        self.rows.append(
            {
                "phase": name,
                "seconds": time.perf_counter() - self._began,
                "longest_ms": probe.longest_ms,
                "p99_ms": probe.p99_ms,
                "waited_ms": probe.waited_in_longest_ms,
                "load": _load(),
            }
        )
        self.begin()


async def measure(root: Path) -> list[dict[str, float | str]]:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    from desktop.ui.chat.documents.chat_documents import DRAFT_OWNER
    from desktop.ui.chat.documents.indexer import State
    from desktop.ui.chat.documents.sources_view import SourcesView, source_url

    use_private_dirs(root)
    # in another process: numpy is not imported here before the app imports it
    began = time.perf_counter()
    seed = Path(tempfile.gettempdir()) / f"parley-bench-other-{OTHER_CHUNKS}-v1.sqlite3"
    if not seed.exists():  # made once (~45 s), copied for later runs
        made = seed.with_suffix(".part")
        made.unlink(missing_ok=True)
        subprocess.run(
            [sys.executable, "-m", "bench.document_window", "--seed", str(made)], check=True
        )
        made.rename(seed)
    default_path().parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(seed, default_path())
    seeded = time.perf_counter() - began
    print(f"{OTHER_CHUNKS:,} chunks of another owner in the store ({seeded:.1f} s)")
    pdf = write_pdf(root / "annual-report.pdf", report_pages())
    notes = root / "packing.txt"
    notes.write_text("Packing list for Lisbon:\n\n- passport\n- blue raincoat\n- adapter\n")
    embeddings = EmbeddingServer(root)
    provider = ProviderConfig(id="minilm", preset="ollama", name="MiniLM", base_url=embeddings.url)
    SettingsStore(default_settings_path()).save(
        Settings(providers=[provider], embedding_provider="minilm", embedding_model=MODEL)
    )
    pieces = [ANSWER[i : i + 4] for i in range(0, len(ANSWER), 4)]
    try:
        with model_server(root, pieces, ["bench.paced_ollama", str(PIECES_PER_SECOND)]) as chat_url:
            os.environ["OLLAMA_HOST"] = chat_url
            services, window = await open_chat(CHAT_MODEL)
            window.resize(1180, 760)
            try:
                documents = services.chat_documents
                assert documents is not None
                pane = window.chat_pane
                await asyncio.sleep(1.0)  # the window's own start settles
                keep_startup_objects()  # as the app does once its window has settled
                trace = StallTrace() if os.environ.get("PARLEY_TRACE_STALLS") else None
                probe = LoopProbe(5, None if trace is None else trace.tick, count_waiting=True)
                phases = Phases(probe)
                if trace is not None:
                    trace.start()
                probe.start()
                phases.begin()

                def entries() -> list[object]:
                    return documents.indexer.entries(DRAFT_OWNER)  # type: ignore[return-value]

                pane.draft.add_paths([pdf, notes])  # what attach, a drop and a paste do
                await _until(
                    lambda: (
                        len(entries()) == 2 and all(e.state is not State.READING for e in entries())
                    )  # type: ignore[attr-defined]
                )
                phases.end("reading")
                await _until(lambda: not documents.indexer.busy(DRAFT_OWNER))
                phases.end("embedding")
                states = [(e.name, e.state, e.note) for e in entries()]  # type: ignore[attr-defined]
                if not all(state is State.READY for _, state, _ in states):
                    raise RuntimeError(f"not indexed: {states}")
                await asyncio.sleep(1.0)  # ready: the chips show, nothing else happens
                phases.end("ready")
                started = len(pane.messages.bubbles())
                pane.composer.setPlainText(QUESTION)  # typed: the answer's bubble is made
                await asyncio.sleep(0.3)  # ahead (prepare_bubbles), then Send is pressed
                phases.end("typing")
                pane.send()

                def answer_bubble() -> object | None:
                    bubbles = pane.messages.bubbles()
                    return bubbles[-1] if len(bubbles) >= started + 2 else None

                await _until(lambda: answer_bubble() is not None and answer_bubble().text())  # type: ignore[union-attr]
                phases.end("ask")
                bubble = answer_bubble()
                await _until(lambda: not pane.streaming)
                await _until(lambda: bubble.findChild(SourcesView) is not None)  # type: ignore[union-attr]
                message_id = bubble.message_id  # type: ignore[union-attr]
                link = source_url(message_id, 1)

                def linked() -> bool:
                    pages = bubble.body.pages()  # type: ignore[union-attr]
                    return any(p.view is not None and link in p.view.toHtml() for p in pages)

                await _until(linked)
                await asyncio.sleep(0.3)
                phases.end("answer+sources")
                QDesktopServices.openUrl(QUrl(link))
                viewer = documents.viewer
                assert viewer is not None
                await asyncio.wait_for(viewer.loaded.wait(), 30)
                await asyncio.sleep(0.5)
                source = viewer.source
                if source is None or source.document not in viewer.title.text():
                    raise RuntimeError("the passage viewer does not show the cited passage")
                phases.end("passage")
                probe.stop()
                if trace is not None:
                    trace.stop()
                    trace.report()
                sources = bubble.findChild(SourcesView).list.text()  # type: ignore[union-attr]
                print(f"sources: {' | '.join(sources.splitlines()[:3])}")
                viewer.close()
            finally:
                window.close()
                await services.aclose()
    finally:
        embeddings.stop()
    return phases.rows


async def run() -> bool:
    with tempfile.TemporaryDirectory() as scratch:
        rows = await measure(Path(scratch))
    print(
        f"\nDocuments in the window: a {PAGES}-page PDF and a text, real MiniLM, "
        f"{OTHER_CHUNKS:,} other chunks; UI event-loop gaps (5 ms timer), target < 50 ms"
    )
    print(f"{'phase':<16}{'seconds':>9}{'longest ms':>12}{'p99 ms':>9}{'waited ms':>11}{'load':>7}")
    for row in rows:
        print(
            f"{row['phase']:<16}{row['seconds']:>9.2f}{row['longest_ms']:>12.1f}"
            f"{row['p99_ms']:>9.1f}{row['waited_ms']:>11.1f}{row['load']:>7}"
        )
    worst = max(float(row["longest_ms"]) for row in rows)
    met = worst < STALL_TARGET_MS
    print(f"longest stall {worst:.1f} ms: {'met' if met else 'MISSED'} (target < 50 ms)")
    return met


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve-embeddings"]:
        serve_embeddings(Path(sys.argv[2]))
    elif sys.argv[1:2] == ["--seed"]:
        seed_other_owner(Path(sys.argv[2]))
    else:
        from bench.window_loop import run_in_window_loop

        run_in_window_loop(run)
