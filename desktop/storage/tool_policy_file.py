"""The person's tool policies in one JSON file beside the settings (atomic writes).

A damaged file is moved aside (never deleted) and every tool is asked about again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.core.tool_policy import ToolPolicies
from desktop.storage.json_file import read_json_object, remove_interrupted_writes, write_json_object
from desktop.storage.paths import config_dir
from desktop.storage.quarantine import move_aside


def default_tool_policy_path() -> Path:
    return config_dir() / "tool-policies.json"


def load_tool_policies(path: Path) -> ToolPolicies:
    """The saved policies (none when there is no file or it cannot be read), saving
    each change back to ``path``."""
    remove_interrupted_writes(path)
    document: dict[str, Any] | None
    try:
        document = read_json_object(path)
    except (OSError, ValueError):
        move_aside(path, "damaged")
        document = None

    def save(data: dict[str, Any]) -> None:
        write_json_object(path, data)

    return ToolPolicies(document, save)
