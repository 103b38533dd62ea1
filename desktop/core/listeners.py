"""A list of callbacks to tell about one kind of event: the app's one observer, no Qt.

An owner keeps one :class:`Listeners` per event (``registry.on_changed``, the pull
manager's changes, a settings field); whoever cares subscribes a callback and keeps the
returned function to end the subscription. The UI's thin adapters subscribe a Qt
signal's ``emit``, so widgets keep connecting to signals. One failing callback is logged
and does not stop the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, ParamSpec

log = logging.getLogger(__name__)

P = ParamSpec("P")


class Listeners(Generic[P]):
    def __init__(self) -> None:
        self._callbacks: list[Callable[P, object]] = []

    def subscribe(self, callback: Callable[P, object]) -> Callable[[], None]:
        """Call ``callback`` at every event from now on; returns the unsubscribe call."""
        self._callbacks.append(callback)

        def unsubscribe() -> None:
            if callback in self._callbacks:
                self._callbacks.remove(callback)

        return unsubscribe

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Tell every subscriber, in the order they subscribed."""
        for callback in list(self._callbacks):
            try:
                callback(*args, **kwargs)
            except Exception:
                name = getattr(callback, "__qualname__", repr(callback))
                log.exception("subscriber %s failed on %r", name, args)
