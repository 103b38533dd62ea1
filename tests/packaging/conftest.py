"""The PyInstaller bundle, built once per session (or dist/parley when it is fresh)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.app_process import REPO

SPEC = REPO / "packaging" / "parley.spec"


def newest_input() -> float:
    """The latest change to anything that goes into the bundle."""
    files = [SPEC, REPO / "pyproject.toml", *(REPO / "desktop").rglob("*.py")]
    files += [p for p in (REPO / "resources").rglob("*") if "screenshots" not in p.parts]
    return max(p.stat().st_mtime for p in files if p.is_file())


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-folder bundle directory holding the ``parley`` executable."""
    made = REPO / "dist" / "parley"
    if (made / "parley").exists() and (made / "parley").stat().st_mtime > newest_input():
        return made
    out = tmp_path_factory.mktemp("bundle")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(out / "dist"),
            "--workpath",
            str(out / "build"),
            str(SPEC),
        ],
        cwd=REPO,
        check=True,
        timeout=600,
    )
    return out / "dist" / "parley"


def bare_environment(home: Path) -> dict[str, str]:
    """What a desktop session hands a program: no Python variables, no venv on PATH."""
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    if os.environ.get("XDG_RUNTIME_DIR"):
        env["XDG_RUNTIME_DIR"] = os.environ["XDG_RUNTIME_DIR"]
    return env
