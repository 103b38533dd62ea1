"""The Linux menu entry, the install script and the icons a person sees in the menu."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtWidgets import QApplication

from tests.app_process import REPO

RESOURCES = REPO / "resources"
INSTALL = REPO / "packaging" / "linux" / "install.sh"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def run_install(data_home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    return subprocess.run(
        ["bash", str(INSTALL), *args], env=env, capture_output=True, text=True, check=False
    )


def validate(entry: Path) -> None:
    result = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_desktop_entry_is_valid() -> None:
    validate(RESOURCES / "parley.desktop")


def test_install_puts_entry_and_icons_in_the_menu_and_uninstall_removes_them(
    tmp_path: Path, qapp: QApplication
) -> None:
    program = tmp_path / "Parley Apps" / "parley"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    data_home = tmp_path / "share"

    result = run_install(data_home, "--exec", str(program))
    assert result.returncode == 0, result.stderr
    entry = data_home / "applications" / "parley.desktop"
    validate(entry)
    assert f'Exec="{program}"' in entry.read_text().splitlines()
    for size in SIZES:
        icon = QImage(str(data_home / f"icons/hicolor/{size}x{size}/apps/parley.png"))
        assert (icon.width(), icon.height()) == (size, size)
    assert (data_home / "icons/hicolor/scalable/apps/parley.svg").exists()

    result = run_install(data_home, "--uninstall")
    assert result.returncode == 0, result.stderr
    assert not entry.exists()
    assert not list(data_home.rglob("parley.*"))


def test_install_without_a_program_says_what_to_do(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "XDG_DATA_HOME": str(tmp_path / "s")}
    copy = tmp_path / "elsewhere" / "install.sh"
    copy.parent.mkdir()
    copy.write_bytes(INSTALL.read_bytes())
    result = subprocess.run(["bash", str(copy)], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "resources/" in result.stderr or "make package" in result.stderr


@pytest.mark.parametrize(
    ("name", "sizes"),
    [
        ("parley.ico", [16, 24, 32, 48, 64, 128, 256]),
        ("parley.icns", [16, 32, 64, 128, 256, 512, 1024, 32, 64, 256, 512]),
    ],
)
def test_windows_and_mac_icons_hold_every_size(
    name: str, sizes: list[int], qapp: QApplication
) -> None:
    reader = QImageReader(str(RESOURCES / "icons" / name))
    found = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull(), reader.errorString()
        found.append(image.width())
    assert found == sizes


def test_png_icons_match_the_svg(tmp_path: Path, qapp: QApplication) -> None:
    """The committed PNGs are what packaging/make_icons.py renders from parley.svg today."""
    subprocess.run(
        [sys.executable, str(REPO / "packaging" / "make_icons.py"), str(tmp_path)],
        check=True,
        capture_output=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    for size in SIZES:
        fresh = QImage(str(tmp_path / f"parley-{size}.png"))
        committed = QImage(str(RESOURCES / "icons" / f"parley-{size}.png"))
        assert fresh == committed, f"parley-{size}.png is stale: run packaging/make_icons.py"
