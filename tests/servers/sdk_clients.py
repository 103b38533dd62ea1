"""Official clients made by the conformance tests are closed when each test ends.

An SDK client left to the garbage collector takes its pooled sockets with it, and the
collector reported them ("unclosed socket") in whichever later test it happened to run.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol, TypeVar

import pytest


class Closable(Protocol):
    def close(self) -> object: ...


C = TypeVar("C", bound=Closable)

_open: list[Closable] = []


def kept(client: C) -> C:
    """``client``, to be closed when the test ends."""
    _open.append(client)
    return client


@pytest.fixture(autouse=True)
def close_sdk_clients() -> Iterator[None]:
    yield
    while _open:
        _open.pop().close()
