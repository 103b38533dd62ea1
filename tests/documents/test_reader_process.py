"""Files are read in a child process: the same text, chunks and problems as reading in the
app; a reader that dies is a problem naming the file with nothing stored; Cancel leaves no
process behind; and without a child the file is still read, in a thread."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from desktop.documents import reader_process
from desktop.documents.indexing import add_file
from desktop.documents.problems import DocumentProblem, Reason
from desktop.documents.reading import read_file
from desktop.storage.document_store import DocumentStore
from tests.documents.pdf_maker import write_locked_pdf, write_pdf

OWNER = "conversation:1"


def report(path: Path) -> Path:
    return write_pdf(
        path,
        [
            [
                f"Page {page}, line {line}: the figures for region {page * 10 + line}."
                for line in range(30)
            ]
            for page in range(1, 5)
        ],
    )


def child_that(tmp_path: Path, then: str) -> list[str]:
    """A reader command whose child first writes its pid to ``tmp_path/pid``, then runs ``then``."""
    pid = str(tmp_path / "pid")
    script = f"import os, signal, sys, time\nopen({pid!r}, 'w').write(str(os.getpid()))\n{then}"
    return [sys.executable, "-c", script]


READ = "from desktop.documents.reader_process import main\nmain()"


async def until(predicate: object, timeout: float = 30.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():  # type: ignore[operator]
        assert loop.time() < deadline, "not within the time"
        await asyncio.sleep(0.01)


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


async def test_a_pdf_read_in_the_child_is_exactly_what_reading_here_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = report(tmp_path / "report.pdf")
    monkeypatch.setattr(reader_process, "reader_command", lambda: child_that(tmp_path, READ))
    read = await reader_process.read_in_child(pdf)
    assert (tmp_path / "pid").exists(), "it was read in a child"
    assert read == read_file(pdf)
    assert (read.kind, read.pages) == ("pdf", 4)
    assert "region 23" in read.text and len(read.chunks) >= 4


async def test_the_bundles_flag_starts_the_reader_not_the_app(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Boiler\n\nBleed the radiators in October.\n")
    command = [sys.executable, "-m", "desktop", "--read-worker"]  # as the bundle's executable
    monkeypatch.setattr(reader_process, "reader_command", lambda: command)
    monkeypatch.setattr(reader_process, "read_file", not_here)
    read = await asyncio.wait_for(reader_process.read_in_child(notes), 30)
    assert read == read_file(notes)


def not_here(path: Path) -> None:
    raise AssertionError(f"{path.name} was read in the app, not in the child")


@pytest.mark.parametrize("kind", ["encrypted", "scanned"])
async def test_a_pdf_without_readable_text_is_the_same_problem_as_reading_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, document_store: DocumentStore, kind: str
) -> None:
    pdf = (
        write_locked_pdf(tmp_path)
        if kind == "encrypted"
        else write_pdf(tmp_path / "scan.pdf", [None] * 3)
    )
    monkeypatch.setattr(reader_process, "reader_command", lambda: child_that(tmp_path, READ))
    with pytest.raises(DocumentProblem) as here:
        read_file(pdf)
    with pytest.raises(DocumentProblem) as there:
        await add_file(document_store, pdf, OWNER)
    assert (tmp_path / "pid").exists(), "it was read in a child"
    assert there.value.reason is here.value.reason
    assert there.value.text == here.value.text
    assert there.value.detail == here.value.detail
    assert document_store.documents(OWNER) == []


@pytest.mark.parametrize(
    ("then", "status"),
    [
        ("os.kill(os.getpid(), signal.SIGSEGV)", -signal.SIGSEGV),
        ("sys.stdin.read(4)\nos._exit(3)", 3),
    ],
    ids=["crashed", "exited"],
)
async def test_a_reader_that_dies_is_a_problem_naming_the_file_and_nothing_is_stored(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    document_store: DocumentStore,
    then: str,
    status: int,
) -> None:
    pdf = report(tmp_path / "Annual report.pdf")
    monkeypatch.setattr(reader_process, "reader_command", lambda: child_that(tmp_path, then))
    with pytest.raises(DocumentProblem) as problem:
        await add_file(document_store, pdf, OWNER)
    assert problem.value.reason is Reason.READER_STOPPED
    assert problem.value.message.startswith(
        f"Parley could not read Annual report.pdf: its reader stopped (exit status {status})."
    )
    assert document_store.documents(OWNER) == []
    assert gone(int((tmp_path / "pid").read_text()))


async def test_cancel_while_the_child_reads_leaves_no_process_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, document_store: DocumentStore
) -> None:
    pdf = report(tmp_path / "report.pdf")
    monkeypatch.setattr(
        reader_process, "reader_command", lambda: child_that(tmp_path, "time.sleep(120)")
    )
    adding = asyncio.ensure_future(add_file(document_store, pdf, OWNER))
    await until(lambda: (tmp_path / "pid").exists() and (tmp_path / "pid").read_text())
    pid = int((tmp_path / "pid").read_text())
    assert not gone(pid)  # it is reading
    started = asyncio.get_running_loop().time()
    adding.cancel()
    with pytest.raises(asyncio.CancelledError):
        await adding
    assert asyncio.get_running_loop().time() - started < 5  # at once, not after its sleep
    assert gone(pid), "the child was killed and reaped: no process, no zombie"
    assert document_store.documents(OWNER) == []


async def test_without_a_child_the_file_is_read_in_a_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, document_store: DocumentStore
) -> None:
    pdf = report(tmp_path / "report.pdf")
    monkeypatch.setattr(reader_process, "reader_command", lambda: [str(tmp_path / "no-python")])
    assert await reader_process.read_in_child(pdf) == read_file(pdf)
    document_id = await add_file(document_store, pdf, OWNER)
    [stored] = document_store.documents(OWNER)
    assert (stored.id, stored.pages) == (document_id, 4)
