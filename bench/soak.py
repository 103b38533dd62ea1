"""1,000 streamed answers in one run of the real window: does anything pile up?

A scripted Ollama server (a child process, so its sockets are not counted here) streams
each answer as many small pieces; the window starts a new conversation every
``PER_CONVERSATION`` answers, as a person would. After the 1st, the 100th and the last
answer the table shows resident memory, live asyncio tasks, open sockets and other file
descriptors of this process, and Python objects the collector tracks. The verdict
compares the last row with the 100th (memory within 10 %, counts not growing).

Python objects grow by about four per answer during the run, and that is expected:
httpx (through anyio) arms a 120 s timeout for each read and write, and qasync keeps
a cancelled timer until its time would have come. They go after 120 s, so the number
is bounded by the request rate, not by the length of the session.

    python -m bench.soak [ANSWERS]
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.app_window import open_chat, use_private_dirs
from desktop.core.messages import MessageState
from desktop.ui.shell.main_window import MainWindow

ANSWERS = 1000
PER_CONVERSATION = 10
CHECKPOINTS = (1, 100)
MODEL = "scripted:latest"
PIECES = ["Soak ", "test ", "answer: "] + [f"**word{i}** " for i in range(40)] + ["`done`."]
ANSWER = "".join(PIECES)


@dataclass(frozen=True)
class Sample:
    answers: int
    seconds: float
    rss_mb: float
    tasks: int
    sockets: int
    files: int
    objects: int


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def descriptors() -> tuple[int, int]:
    """(sockets, other descriptors) this process holds open."""
    sockets = others = 0
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue  # closed while listing (the listing's own descriptor)
        if target.startswith("socket:"):
            sockets += 1
        else:
            others += 1
    return sockets, others


def sample(answers: int, started: float) -> Sample:
    gc.collect()
    live = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    sockets, files = descriptors()
    return Sample(
        answers,
        time.perf_counter() - started,
        rss_mb(),
        len(live),
        sockets,
        files,
        len(gc.get_objects()),
    )


class ScriptedServer:
    """tests.servers.scripted_ollama in a child process."""

    def __init__(self, root: Path) -> None:
        script = root / "script.json"
        script.write_text(json.dumps(PIECES), encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.servers.scripted_ollama", str(script)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=Path(__file__).resolve().parents[1],
        )
        assert self.process.stdout is not None
        self.url = self.process.stdout.readline().decode().strip()

    def stop(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(10)


async def answer_once(window: MainWindow, number: int) -> None:
    pane = window.chat_pane
    if number % PER_CONVERSATION == 1:
        pane.new_conversation()
    pane.composer.setPlainText(f"Question {number}")
    pane.send()
    while pane.streaming:
        await asyncio.sleep(0.002)
    bubble = pane.messages.bubbles()[-1]
    if bubble.text() != ANSWER:
        raise AssertionError(f"answer {number} came out as {bubble.text()!r}")


async def soak(answers: int = ANSWERS) -> tuple[list[Sample], int]:
    """Run the soak; returns the samples and how many answers were saved complete."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        use_private_dirs(root)
        server = ScriptedServer(root)
        try:
            os.environ["OLLAMA_HOST"] = server.url
            services, window = await open_chat(MODEL)
            samples: list[Sample] = []
            started = time.perf_counter()
            for number in range(1, answers + 1):
                await answer_once(window, number)
                if number in CHECKPOINTS or number == answers:
                    samples.append(sample(number, started))
            complete = sum(
                1
                for conversation in services.history.list_conversations()
                for message in services.history.messages(conversation.id)
                if message.state is MessageState.COMPLETE and message.content == ANSWER
            )
            window.close()
            await services.aclose()
            return samples, complete
        finally:
            server.stop()


def print_table(samples: list[Sample], complete: int) -> None:
    print(f"\nSoak: {samples[-1].answers} streamed answers in one run of the window")
    print(
        f"{'answers':>8} {'elapsed s':>10} {'RSS MB':>8} {'tasks':>6} {'sockets':>8} "
        f"{'other fds':>10} {'py objects':>11}"
    )
    for row in samples:
        print(
            f"{row.answers:>8} {row.seconds:>10.1f} {row.rss_mb:>8.1f} {row.tasks:>6} "
            f"{row.sockets:>8} {row.files:>10} {row.objects:>11}"
        )
    reference = next((row for row in samples if row.answers == 100), samples[0])
    last = samples[-1]
    growth = (last.rss_mb - reference.rss_mb) / reference.rss_mb * 100
    steady = (
        last.tasks <= reference.tasks
        and last.sockets <= reference.sockets
        and last.files <= reference.files
    )
    print(
        f"RSS after the last vs after the {reference.answers}th: {growth:+.1f} % "
        f"({'within' if abs(growth) <= 10 else 'OUTSIDE'} 10 %); tasks, sockets and files "
        f"{'steady' if steady else 'GROWING'}; {complete} answers saved complete"
    )


async def run(answers: int = ANSWERS) -> None:
    samples, complete = await soak(answers)
    print_table(samples, complete)


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.event_loop import make_event_loop

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    loop = make_event_loop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(run(int(sys.argv[1]) if len(sys.argv) > 1 else ANSWERS))


if __name__ == "__main__":
    main()
