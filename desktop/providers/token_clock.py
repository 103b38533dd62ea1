"""Timing of one streamed answer, measured on this side of the wire."""

from __future__ import annotations

import time

from desktop.core.events import ChatStats


class TokenClock:
    """Started when the request goes out; :meth:`tick` on every streamed piece."""

    def __init__(self) -> None:
        self._started = time.monotonic()
        self._first: float | None = None
        self._last: float | None = None

    def tick(self) -> None:
        self._last = time.monotonic() - self._started
        if self._first is None:
            self._first = self._last

    @property
    def first_seconds(self) -> float | None:
        """Seconds from the request to the first piece (None before it)."""
        return self._first

    def stats(self, prompt_tokens: int | None, completion_tokens: int | None) -> ChatStats:
        """Seconds to the first piece, from the request to the last piece, and in all.

        The generation time is counted from the request, not from the first piece: a
        short answer often arrives in one read (through a gateway such as LiteLLM), and
        first-to-last would then be a few microseconds.
        """
        return ChatStats(
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            total_seconds=time.monotonic() - self._started,
            first_token_seconds=self._first,
            eval_seconds=self._last,
        )
