"""Reliability fixtures: the app with its services in reach, a watch for escaped errors,
and the fault matrix printed at the end of the run."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import pytest

from desktop.app import AppServices
from desktop.ui.shell.main_window import MainWindow

MATRIX_KEY = pytest.StashKey[dict[tuple[str, str], str]]()
FAULT_ORDER = pytest.StashKey[list[str]]()
FAMILY_ORDER = pytest.StashKey[list[str]]()


@dataclass
class Escapes:
    """Exceptions nobody handled: on the loop, in Qt slots, in the app's own error logs."""

    loop: list[dict[str, Any]] = field(default_factory=list)
    hooks: list[BaseException] = field(default_factory=list)
    logged: list[logging.LogRecord] = field(default_factory=list)

    def describe(self) -> str:
        return "\n".join(
            [str(context.get("message")) + repr(context.get("exception")) for context in self.loop]
            + [repr(error) for error in self.hooks]
            + [record.getMessage() for record in self.logged]
        )

    def __bool__(self) -> bool:
        return bool(self.loop or self.hooks or self.logged)


class _ErrorLog(logging.Handler):
    def __init__(self, escapes: Escapes) -> None:
        super().__init__(logging.ERROR)
        self.escapes = escapes

    def emit(self, record: logging.LogRecord) -> None:
        self.escapes.logged.append(record)


@pytest.fixture
async def escapes() -> AsyncIterator[Escapes]:
    """Record what reaches the loop's exception handler, sys.excepthook or an error log.

    TaskOwner logs a task that died with an exception; StreamBridge logs an
    unexpected one; qasync hands exceptions from slots to sys.excepthook.
    """
    found = Escapes()
    loop = asyncio.get_running_loop()
    old_handler = loop.get_exception_handler()
    old_hook = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        found.hooks.append(error)

    loop.set_exception_handler(lambda _loop, context: found.loop.append(context))
    sys.excepthook = hook
    handler = _ErrorLog(found)
    logging.getLogger("desktop").addHandler(handler)
    try:
        yield found
    finally:
        logging.getLogger("desktop").removeHandler(handler)
        sys.excepthook = old_hook
        loop.set_exception_handler(old_handler)


@pytest.fixture
async def app(qtbot: Any) -> AsyncIterator[Callable[[], tuple[AppServices, MainWindow]]]:
    """Factory: real services and window (as `python -m desktop` builds them), both returned."""
    opened: list[AppServices] = []

    def factory() -> tuple[AppServices, MainWindow]:
        services = AppServices.create()
        opened.append(services)
        window = services.build_window()
        qtbot.addWidget(window)
        window.resize(1100, 800)
        window.show()
        return services, window

    yield factory
    for services in opened:
        await services.aclose()


@pytest.fixture
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """No system proxy: a request for an unresolvable name must fail here, not at a proxy."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("all_proxy", raising=False)


class Matrix:
    """Outcomes of the fault matrix, kept on the session for the summary."""

    def __init__(self, config: pytest.Config) -> None:
        self._cells = config.stash.setdefault(MATRIX_KEY, {})
        self._faults = config.stash.setdefault(FAULT_ORDER, [])
        self._families = config.stash.setdefault(FAMILY_ORDER, [])

    def record(self, fault: str, family: str, outcome: str) -> None:
        if fault not in self._faults:
            self._faults.append(fault)
        if family not in self._families:
            self._families.append(family)
        self._cells[fault, family] = outcome


@pytest.fixture
def matrix(request: pytest.FixtureRequest) -> Matrix:
    return Matrix(request.config)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    cells = config.stash.get(MATRIX_KEY, {})
    if not cells:
        return
    faults = config.stash[FAULT_ORDER]
    families = config.stash[FAMILY_ORDER]
    first = max(len("fault"), *(len(fault) for fault in faults))
    widths = [
        max(len(family), *(len(cells.get((f, family), "")) for f in faults)) for family in families
    ]
    terminalreporter.write_sep("=", "fault matrix (fault × provider family → outcome in the UI)")
    header = (
        "fault".ljust(first)
        + " | "
        + " | ".join(family.ljust(width) for family, width in zip(families, widths, strict=True))
    )
    terminalreporter.write_line(header)
    terminalreporter.write_line("-" * len(header))
    for fault in faults:
        row = " | ".join(
            cells.get((fault, family), "—").ljust(width)
            for family, width in zip(families, widths, strict=True)
        )
        terminalreporter.write_line(fault.ljust(first) + " | " + row)
    terminalreporter.write_line(
        "cell: the error the UI showed; +kept = the partial answer stayed on screen and on "
        "disk; ✓ = message checked, app usable again after the fault cleared, nothing escaped"
    )
