"""A whole session of the app, in its own process, with API keys in the real keyring;
then every file it wrote and everything it printed is searched for the keys.

tests/services/test_provider_registry.py audits the services; this runs the window as a
person would: an answer, a refused key (the server echoes it back), both exports,
and closing the window, which saves the settings.
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

from desktop.storage.settings import SettingsStore
from tests.reliability.families import MODEL
from tests.servers.openai_server import OpenAIServer
from tests.servers.scripted_ollama import ScriptedOllama
from tests.servers.scripted_reply import ScriptedReply
from tests.services.test_provider_registry import files_holding
from tests.storage.secret_service import SecretServiceSession

REPO = Path(__file__).resolve().parents[2]
KEY = "sk-audit-session-2f8c4e61"
WRONG_KEY = "sk-audit-wrong-7d03b95a"


def encodings(key: str) -> list[bytes]:
    raw = key.encode()
    return [raw, base64.b64encode(raw), raw.decode().encode("utf-16-le")]


def test_no_key_in_any_file_or_output_of_a_whole_session(
    scripted: ScriptedOllama, secret_service: SecretServiceSession, private_dirs: Path
) -> None:
    server = OpenAIServer(api_key=KEY, models=(MODEL,)).start()
    exports = private_dirs / "exports"
    output = private_dirs / "output.txt"
    try:
        server.replies.push(ScriptedReply(text="An answer with no secrets in it."))
        with output.open("wb") as log:
            session = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "tests.reliability.app_driver",
                    "audit-session",
                    server.url + "/v1",
                    KEY,
                    WRONG_KEY,
                    MODEL,
                    str(exports),
                ],
                cwd=REPO,
                env={**os.environ, **secret_service.env, "QT_QPA_PLATFORM": "offscreen"},
                stdout=log,
                stderr=subprocess.STDOUT,
                timeout=60,
            )
    finally:
        server.stop()
    printed = output.read_text(encoding="utf-8", errors="replace")
    assert session.returncode == 0, printed
    assert "good" in printed and "refused access (HTTP 401)" in printed, printed
    # (any request: the model list may be asked again after the refused chat)
    sent = [str(request.headers) for request in server.requests]
    assert any(WRONG_KEY in headers for headers in sent), "the wrong key was really sent"

    saved = SettingsStore(private_dirs / "config" / "settings.json").load()
    key_names = {entry.id: entry.key_name for entry in saved.providers}
    for provider_id, key in (("good", KEY), ("bad", WRONG_KEY)):
        assert key_names[provider_id] != provider_id, "each provider got its own keyring name"
        found = secret_service.secret_tool(
            "lookup", "service", "parley", "username", key_names[provider_id]
        )
        assert found.stdout == key, "the key is in the keyring, where it belongs"
    written = [path for path in private_dirs.rglob("*") if path.is_file()]
    names = {path.name for path in written}
    assert {"settings.json", "history.sqlite3", "session.md", "session.json"} <= names, names
    for key in (KEY, WRONG_KEY):
        for form in encodings(key):
            assert files_holding(form, private_dirs) == [], f"{form!r} was written to disk"
