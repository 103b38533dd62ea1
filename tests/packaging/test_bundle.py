"""The PyInstaller bundle starts on its own, shows the window and talks to Ollama."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from PyInstaller.archive.readers import CArchiveReader

from tests.app_process import REPO, AppProcess
from tests.packaging.conftest import bare_environment
from tests.servers.fixtures import TINY
from tests.servers.ollama_server import OllamaServer

pytestmark = pytest.mark.slow

TEST_ONLY = {"pytest", "_pytest", "llama_cpp", "gguf", "ollama", "openai", "anthropic"}
RUNTIME = {"numpy", "pypdfium2", "pypdfium2_raw"}
"""Documents: vectors searched with numpy, PDF text read by PDFium."""
TEST_ONLY |= {"tests", "bench", "rich", "click", "tkinter", "pip", "setuptools"}


def bundled_modules(bundle: Path) -> set[str]:
    archive = CArchiveReader(str(bundle / "parley"))
    return set(archive.open_embedded_archive("PYZ.pyz").toc)


def test_bundle_runs_without_python_and_lists_models(
    bundle: Path, tmp_path: Path, ollama_server: OllamaServer
) -> None:
    ollama_server.install(TINY)
    app = AppProcess(
        tmp_path / "run",
        [str(bundle / "parley")],
        ollama_host=ollama_server.url,
        env=bare_environment(tmp_path / "home"),
    )
    try:
        app.start()
        app.wait_for("shown", timeout=60)
        mapped = app.mapped_files()
        libpython = [path for path in mapped if "libpython" in path]
        assert libpython, "the bundle must carry its own Python"
        assert all(path.startswith(str(bundle)) for path in libpython), libpython
        outside = [p for p in mapped if p.startswith((sys.prefix, sys.base_prefix)) and ".so" in p]
        assert not outside, f"the bundle loaded Python files from this machine: {outside[:3]}"

        deadline = time.monotonic() + 20
        while not ollama_server.requests_to("/api/tags") and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ollama_server.requests_to("/api/tags"), "the bundled app never asked Ollama"
        assert app.terminate() == 0
    finally:
        app.kill()
    assert (tmp_path / "run" / "config" / "settings.json").exists()


def test_bundle_holds_the_app_and_nothing_test_only(bundle: Path) -> None:
    modules = bundled_modules(bundle)
    ours = {
        ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        for path in (REPO / "desktop").rglob("*.py")
        if path.name != "__main__.py"
    }
    # Every module of the app ships, including ones imported only on demand.
    assert ours - modules == set()
    assert {name.split(".")[0] for name in modules} & TEST_ONLY == set()
    assert {name.split(".")[0] for name in modules} >= RUNTIME
    pdfium = list((bundle / "_internal").rglob("*pdfium*"))
    assert any(path.suffix in {".so", ".dll", ".dylib"} for path in pdfium), pdfium
    assert (bundle / "_internal" / "resources" / "icons" / "parley.svg").exists()
    ui_icons = bundle / "_internal" / "resources" / "icons" / "ui"  # desktop.ui.icons, QSS
    assert (ui_icons / "settings.svg").exists() and (ui_icons / "LICENSE").exists()
    assert (ui_icons / "qss" / "check-on-accent.svg").exists()
    assert not (bundle / "_internal" / "resources" / "screenshots").exists()


def test_appdir_starts_the_bundle(bundle: Path, tmp_path: Path) -> None:
    appdir = tmp_path / "Parley.AppDir"
    subprocess.run(
        ["bash", str(REPO / "packaging" / "linux" / "build-appdir.sh"), str(bundle), str(appdir)],
        check=True,
        capture_output=True,
    )
    for name in ("AppRun", "parley.desktop", "parley.png", ".DirIcon", "usr/bin/parley"):
        assert (appdir / name).exists(), name
    subprocess.run(["desktop-file-validate", str(appdir / "parley.desktop")], check=True)

    app = AppProcess(
        tmp_path / "run", [str(appdir / "AppRun")], env=bare_environment(tmp_path / "home")
    )
    try:
        app.start()
        app.wait_for("shown", timeout=60)
        assert app.terminate() == 0
    finally:
        app.kill()
