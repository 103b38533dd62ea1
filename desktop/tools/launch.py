"""What a stdio server is started with: its environment, and its command found on disk.

A server gets the environment the person configured plus the basics a program needs to
run: PATH, HOME, the locale (LANG, LANGUAGE, LC_*), a temp folder, and on Windows the
system's own variables. Nothing else of Parley's environment reaches it.

A GUI app started from a desktop often has a shorter PATH than a terminal, which is why
``npx`` or ``uvx`` "is not found" in other clients: the usual install folders (Homebrew,
~/.local/bin, nvm, Volta, Bun, Cargo) are searched too, and the folder a command was
found in goes first on the server's PATH (``npx`` needs ``node`` beside it). A command
found nowhere gives a message naming it and how to install it.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.core.text import QT_TRANSLATE_NOOP, Text, text

POSIX_BASICS = ("PATH", "HOME", "LANG", "LANGUAGE", "TMPDIR")
WINDOWS_BASICS = (
    "PATH", "PATHEXT", "SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC", "TEMP", "TMP",
    "USERPROFILE", "HOMEDRIVE", "HOMEPATH", "APPDATA", "LOCALAPPDATA", "PROGRAMFILES",
    "PROGRAMFILES(X86)", "PROGRAMDATA", "PROCESSOR_ARCHITECTURE", "NUMBER_OF_PROCESSORS",
    "USERNAME",
)  # fmt: skip

INSTALL_HINTS: dict[str, str] = {
    "npx": QT_TRANSLATE_NOOP(
        "core", "npx comes with Node.js: install Node.js (nodejs.org, or your package manager)."
    ),
    "uvx": QT_TRANSLATE_NOOP(
        "core",
        "uvx comes with uv: install it with `pip install uv` or astral's installer "
        "(docs.astral.sh/uv).",
    ),
    "docker": QT_TRANSLATE_NOOP(
        "core", "Install Docker (Docker Desktop or Docker Engine) and make sure it is running."
    ),
    "python": QT_TRANSLATE_NOOP("core", "Install Python 3 (python.org, or your package manager)."),
    "node": QT_TRANSLATE_NOOP("core", "Install Node.js (nodejs.org, or your package manager)."),
    "bunx": QT_TRANSLATE_NOOP("core", "bunx comes with Bun: install Bun (bun.sh)."),
    "deno": QT_TRANSLATE_NOOP("core", "Install Deno (deno.com)."),
}
_SAME_HINT = {"npm": "npx", "uv": "uvx", "python3": "python", "py": "python", "bun": "bunx"}
GENERIC_HINT = QT_TRANSLATE_NOOP(
    "core", "Install it, or give its full path as the server's command."
)


def basic_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The variables of Parley's environment a server may see."""
    environ = os.environ if environ is None else environ
    if sys.platform == "win32":
        upper = {key.upper(): value for key, value in environ.items()}
        return {key: upper[key] for key in WINDOWS_BASICS if key in upper}
    basics = {key: environ[key] for key in POSIX_BASICS if key in environ}
    basics.update({key: value for key, value in environ.items() if key.startswith("LC_")})
    return basics


def extra_folders(home: Path | None = None) -> list[Path]:
    """Where people's command-line tools are installed, beyond a desktop session's PATH."""
    home = home or Path.home()
    folders = [
        home / ".local" / "bin",
        home / ".cargo" / "bin",
        home / ".bun" / "bin",
        home / ".volta" / "bin",
        home / ".deno" / "bin",
        Path("/opt/homebrew/bin"),
        Path("/usr/local/bin"),
    ]
    nvm = home / ".nvm" / "versions" / "node"
    if nvm.is_dir():  # the newest node first
        versions = sorted(nvm.iterdir(), key=lambda path: _version_key(path.name), reverse=True)
        folders += [version / "bin" for version in versions]
    if sys.platform == "win32":
        folders += [Path(os.environ.get("APPDATA", "")) / "npm", home / ".local" / "bin"]
    return folders


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in name.lstrip("v").split("."))


class MissingCommand(Exception):
    def __init__(self, command: str, said: Text) -> None:
        super().__init__(str(said))
        self.command = command
        self.text = said


class FolderMissing(Exception):
    def __init__(self, said: Text) -> None:
        super().__init__(str(said))
        self.text = said


def check_folder(folder: str) -> None:
    """The server's working folder, if one is set, must exist (else it cannot start)."""
    if folder and not Path(folder).expanduser().is_dir():
        raise FolderMissing(
            text(
                QT_TRANSLATE_NOOP("core", "The working folder {folder} does not exist."),
                folder=folder,
            )
        )


@dataclass(frozen=True)
class Launch:
    command: str
    """The program to run (a full path when it was found outside PATH)."""
    env: dict[str, str]


def prepare_launch(
    command: str,
    configured_env: Mapping[str, str],
    environ: Mapping[str, str] | None = None,
    folders: Sequence[Path] | None = None,
) -> Launch:
    """The command to run and the whole environment to give it; raises
    :class:`MissingCommand` when the command is nowhere to be found (on PATH, or in
    ``folders``: by default :func:`extra_folders`)."""
    env = basic_environment(environ)
    env.update(configured_env)
    path = env.get("PATH", os.defpath)
    if os.sep in command or (os.altsep and os.altsep in command):
        if shutil.which(command) is None:
            raise MissingCommand(command, _missing(command))
        return Launch(command, env)
    if shutil.which(command, path=path) is not None:
        return Launch(command, env)
    for folder in extra_folders() if folders is None else folders:
        found = shutil.which(command, path=str(folder))
        if found is not None:
            env["PATH"] = os.pathsep.join([str(folder), path]) if path else str(folder)
            return Launch(found, env)
    raise MissingCommand(command, _missing(command))


def _missing(command: str) -> Text:
    stem = Path(command).name.lower().removesuffix(".exe").removesuffix(".cmd")
    stem = _SAME_HINT.get(stem, stem)
    return text(
        QT_TRANSLATE_NOOP("core", "The command {command} was not found on this computer. {hint}"),
        command=command,
        hint=Text(INSTALL_HINTS.get(stem, GENERIC_HINT)),
    )
