"""A model's parameters between Ollama's text and the rows of an editable table.

/api/show gives ``parameters`` as lines of ``name value`` (strings in Go's %q, a list such
as ``stop`` as one line per item); /api/create takes an object. A table row holds one
name and one value as typed; :func:`parameters_from_rows` makes the object, with numbers
and booleans as JSON values and repeated names (or ``stop``) as lists.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

LIST_PARAMETERS = frozenset({"stop"})
COMMON = ("num_ctx", "temperature", "top_p", "top_k", "repeat_penalty", "seed", "num_predict")
"""Offered first when a row is added: the ones people change."""


def rows_from_show(parameters: str) -> list[tuple[str, str]]:
    """(name, value as a person types it) for each line of /api/show ``parameters``."""
    rows = []
    for line in parameters.splitlines():
        name, _, raw = line.strip().partition(" ")
        raw = raw.strip()
        if not name:
            continue
        if raw.startswith('"'):
            try:
                raw = str(json.loads(raw))
            except ValueError:
                raw = raw.strip('"')
        rows.append((name, raw))
    return rows


def parameters_from_rows(rows: Iterable[tuple[str, str]]) -> dict[str, object]:
    result: dict[str, object] = {}
    for name, raw in rows:
        name = name.strip()
        if not name:
            continue
        value = raw if name in LIST_PARAMETERS else typed(raw.strip())
        if name in LIST_PARAMETERS or name in result:
            previous = result.get(name, [])
            items = previous if isinstance(previous, list) else [previous]
            result[name] = [*items, value]
        else:
            result[name] = value
    return result


def typed(raw: str) -> object:
    """``4096`` → 4096, ``0.7`` → 0.7, ``true`` → True; anything else stays text."""
    lowered = raw.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    for kind in (int, float):
        try:
            return kind(raw)
        except ValueError:
            pass
    return raw
