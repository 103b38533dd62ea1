"""A private, real Secret Service for tests: its own dbus-daemon and an unlocked gnome-keyring.

Both daemons run with HOME, XDG_* and the bus socket inside a temp dir, so the person's
real keyring is never touched. ``secret_service_session`` starts them once per test
session; ``secret_service`` points a test's environment at that bus and clears every
``parley`` entry afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PASSWORD = b"throwaway-test-password"


@dataclass
class SecretServiceSession:
    root: Path
    env: dict[str, str]
    bus: subprocess.Popen[bytes]
    keyring: subprocess.Popen[bytes]

    @property
    def keyring_dir(self) -> Path:
        return Path(self.env["XDG_DATA_HOME"]) / "keyrings"

    def secret_tool(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["secret-tool", *args], env=self.env, capture_output=True, text=True, timeout=10
        )

    def stop(self) -> None:
        for process in (self.keyring, self.bus):
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        if self.bus.stdout is not None:
            self.bus.stdout.close()  # the pipe its address was read from


def _name_owned(env: dict[str, str], name: str) -> bool:
    reply = subprocess.run(
        [
            "dbus-send",
            "--session",
            "--dest=org.freedesktop.DBus",
            "--print-reply",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            f"string:{name}",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=10,
    )
    return "boolean true" in reply.stdout


def start_secret_service(root: Path, timeout: float = 10.0) -> SecretServiceSession:
    for tool in ("dbus-daemon", "dbus-send", "gnome-keyring-daemon", "secret-tool"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: run .ci/system-packages.sh test")
    runtime = root / "runtime"
    runtime.mkdir(mode=0o700)
    home = root / "home"
    home.mkdir()
    env = {key: value for key, value in os.environ.items() if key != "DBUS_SESSION_BUS_ADDRESS"}
    env.update(
        HOME=str(home),
        XDG_RUNTIME_DIR=str(runtime),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    bus = subprocess.Popen(
        [
            "dbus-daemon",
            "--session",
            "--nofork",
            "--nopidfile",
            "--print-address=1",
            f"--address=unix:path={runtime}/bus",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert bus.stdout is not None
    env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().decode().strip()
    keyring = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert keyring.stdin is not None
    keyring.stdin.write(PASSWORD)
    keyring.stdin.close()
    session = SecretServiceSession(root, env, bus, keyring)
    deadline = time.monotonic() + timeout
    while not _name_owned(env, "org.freedesktop.secrets"):
        if time.monotonic() > deadline or keyring.poll() is not None:
            session.stop()
            pytest.fail("gnome-keyring-daemon did not offer the Secret Service in time")
        time.sleep(0.02)
    return session


@pytest.fixture(scope="session")
def secret_service_session(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[SecretServiceSession]:
    session = start_secret_service(tmp_path_factory.mktemp("secret-service"))
    yield session
    session.stop()


@pytest.fixture
def secret_service(
    secret_service_session: SecretServiceSession, monkeypatch: pytest.MonkeyPatch
) -> Iterator[SecretServiceSession]:
    """This test talks to the private Secret Service; its ``parley`` entries go afterwards."""
    monkeypatch.setenv(
        "DBUS_SESSION_BUS_ADDRESS", secret_service_session.env["DBUS_SESSION_BUS_ADDRESS"]
    )
    yield secret_service_session
    secret_service_session.secret_tool("clear", "service", "parley")
