"""A cheaper answer to PySide6's question "does this module use PySide6?".

After PySide6 is imported, its import hook asks that of every module imported later
(for ``from __feature__ import ...`` switching, which Parley does not use) by calling
``inspect.getsource`` on it. That reads each source file through ``linecache``, which
keeps every line of all ~230 modules in memory for the life of the process: 3.5 MB of
text, ~9 MB resident, and ~20-40 ms of Parley's startup. Reading the file's bytes gives
the same answer and keeps nothing.
"""

from __future__ import annotations

import sys
from types import ModuleType


def install() -> None:
    """Replace the check; call right after PySide6 is first imported. No-op elsewhere."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "parley", False):
        return

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))  # built-in, extension or frozen: PySide's answer
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return False

    uses_pyside.parley = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
