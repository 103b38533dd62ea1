"""Field-change notifications for a dataclass, without Qt.

A subclass's instances tell subscribers which field changed: ``subscribe(callback)``
calls ``callback(field_name)`` after every assignment that changes a field's value, and
returns a function that ends the subscription. Changes are seen only by assignment, so
replace a list instead of mutating it (``settings.providers = [*old, new]``).
``with obj.batch():`` holds the calls until the block ends, then names each changed
field once, so subscribers never see a half-made change of several fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from desktop.core.listeners import Listeners

FieldListener = Callable[[str], object]


class Observable:
    """Mix into a (non-slots) dataclass; its fields become observable."""

    def __setattr__(self, name: str, value: Any) -> None:
        state = self.__dict__
        had = name in state
        old = state.get(name)
        object.__setattr__(self, name, value)
        if name.startswith("_") or not had or old == value:
            return
        held: dict[str, None] | None = state.get("_held")
        if held is not None:
            held[name] = None
        else:
            self._notify(name)

    def subscribe(self, callback: FieldListener) -> Callable[[], None]:
        """Call ``callback(field_name)`` after each change; returns the unsubscribe."""
        listeners: Listeners[[str]] = self.__dict__.setdefault("_listeners", Listeners())
        return listeners.subscribe(callback)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Name each field changed inside the block once, when it ends."""
        outer = self.__dict__.get("_held")
        if outer is not None:  # nested: the outermost block reports
            yield
            return
        held: dict[str, None] = {}
        self.__dict__["_held"] = held
        try:
            yield
        finally:
            del self.__dict__["_held"]
            for name in held:
                self._notify(name)

    def __getstate__(self) -> dict[str, Any]:
        """Copies and pickles hold the data, not who listens to it."""
        return {k: v for k, v in self.__dict__.items() if k not in ("_listeners", "_held")}

    def _notify(self, name: str) -> None:
        listeners: Listeners[[str]] | None = self.__dict__.get("_listeners")
        if listeners is not None:  # a broken subscriber is logged; the others still hear
            listeners(name)
