"""PySide6's per-import check gives the same answers without keeping every source line."""

from __future__ import annotations

import linecache
import sys
from pathlib import Path

import PySide6.QtCore  # noqa: F401

from desktop.ui import import_check


def test_answers_alike_and_keeps_no_source(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "parley_uses_qt.py").write_text("import PySide6.QtCore\nX = 1\n")
    (tmp_path / "parley_plain.py").write_text("X = 2\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import_check.install()
    import_check.install()  # twice is harmless
    feature = sys.modules["shibokensupport.feature"]
    assert getattr(feature._mod_uses_pyside, "parley", False)

    for name in ("parley_uses_qt", "parley_plain"):
        __import__(name)  # through the import hook, as an import statement goes
    assert feature.pyside_feature_dict["parley_uses_qt"] == 0
    assert feature.pyside_feature_dict["parley_plain"] == -1
    assert str(tmp_path / "parley_plain.py") not in linecache.cache
    assert feature._mod_uses_pyside(sys) is False  # a built-in module
