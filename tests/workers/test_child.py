"""The shared child-process plumbing: frames survive a pipe whole or end cleanly, and a
child runs its job with replies apart from what libraries print, in the background, and
says a fault by its exit status."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap

import pytest

from desktop.workers import child
from desktop.workers.frames import read_frame, write_frame


def test_frames_carry_messages_and_an_end_in_the_middle_is_the_end() -> None:
    stream = io.BytesIO()
    write_frame(stream, ("result", {"pages": 3}))
    write_frame(stream, "cancel")
    whole = stream.getvalue()
    assert read_frame(io.BytesIO(whole)) == ("result", {"pages": 3})
    both = io.BytesIO(whole)
    assert [read_frame(both), read_frame(both), read_frame(both)] == [
        ("result", {"pages": 3}),
        "cancel",
        None,
    ]
    one = io.BytesIO()
    write_frame(one, ("result", {"pages": 3}))
    assert read_frame(io.BytesIO(one.getvalue()[:-3])) is None  # cut short: no half message
    assert read_frame(io.BytesIO(b"\x00\x00")) is None


def test_the_command_is_this_python_or_the_bundles_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    assert child.command("desktop.x", "--x-worker") == [sys.executable, "-m", "desktop.x"]
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert child.command("desktop.x", "--x-worker") == [sys.executable, "--x-worker"]


CHILD = textwrap.dedent(
    """
    import os, sys
    from desktop.workers import child
    from desktop.workers.frames import read_frame, write_frame

    def serve(requests, replies):
        request = read_frame(requests)
        print("a library talking")  # must not land in the replies
        if request == "fault":
            raise RuntimeError("a fault of Parley's")
        policy = os.sched_getscheduler(0) if hasattr(os, "sched_getscheduler") else None
        write_frame(replies, (request, os.nice(0), policy))

    child.run_child(serve)
    """
)


def _run(request: str) -> tuple[object, int, bytes]:
    process = subprocess.Popen(
        [sys.executable, "-c", CHILD],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin and process.stdout and process.stderr
    with process, process.stdin, process.stdout, process.stderr:
        write_frame(process.stdin, request)
        reply = read_frame(process.stdout)
        assert process.stdout.read() == b""  # nothing else came on the replies
        errors = process.stderr.read()
    return reply, process.wait(), errors


def test_a_child_replies_in_the_background_and_what_libraries_print_goes_to_stderr() -> None:
    reply, status, errors = _run("read")
    idle = os.SCHED_IDLE if sys.platform.startswith("linux") else None
    assert reply == ("read", os.nice(0) + child.NICENESS, idle), "it gives way to the UI"
    assert status == 0
    assert b"a library talking" in errors


def test_a_fault_in_the_child_is_printed_and_ends_it_with_status_1() -> None:
    reply, status, errors = _run("fault")
    assert reply is None
    assert status == 1
    assert b"RuntimeError: a fault of Parley's" in errors
