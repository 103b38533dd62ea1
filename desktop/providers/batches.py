"""Turning the events that arrived in one read into as few chat events as possible."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from desktop.core.errors import ProviderError
from desktop.core.events import ChatEvent, merge_deltas

T = TypeVar("T")


def read_batch(
    batch: Iterable[T],
    read: Callable[[T], list[ChatEvent]],
    *,
    tick: Callable[[], None],
    until: Callable[[], bool] = lambda: False,
) -> tuple[list[ChatEvent], ProviderError | None]:
    """The chat events of ``batch`` (``read`` turns one item into some), runs of text
    merged; ``tick`` whenever an item yields any. Reading stops after an item for which
    ``until()`` is true, or at a failure, which is returned next to what came before it
    so that text is still shown and kept."""
    events: list[ChatEvent] = []
    try:
        for item in batch:
            if found := read(item):
                tick()
                events += found
            if until():
                break
    except ProviderError as error:
        return merge_deltas(events), error
    return merge_deltas(events), None
