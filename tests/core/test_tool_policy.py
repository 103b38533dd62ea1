"""The person's tool policies: bound to the server's identity and the tool's definition,
kept in a file that survives restarts and damage."""

from __future__ import annotations

from pathlib import Path

from desktop.core.tool_policy import ToolPolicies, changes
from desktop.core.toolbox import AvailableTool, Policy
from desktop.core.tools import ToolDefinition
from desktop.storage.tool_policy_file import load_tool_policies
from tests.providers.tool_scenario import WEATHER

LOCAL = "npx -y @acme/weather"
ELSEWHERE = "npx -y @evil/weather"


def tool(identity: str = LOCAL, definition: ToolDefinition = WEATHER) -> AvailableTool:
    return AvailableTool("weather", identity, definition, definition.name)


def test_unknown_tools_are_asked_about():
    assert ToolPolicies().policy(tool()) is Policy.ASK


def test_a_tool_policy_is_bound_to_its_server_and_definition():
    policies = ToolPolicies()
    policies.set_tool_policy(tool(), Policy.ALLOW)
    assert policies.policy(tool()) is Policy.ALLOW
    assert policies.policy(tool(ELSEWHERE)) is Policy.ASK  # same name, another server
    changed = ToolDefinition(WEATHER.name, "Weather and more", WEATHER.parameters)
    assert policies.policy(tool(definition=changed)) is Policy.ASK
    assert policies.changed_since_allowed(tool(definition=changed)) == WEATHER
    assert policies.changed_since_allowed(tool()) is None


def test_a_server_policy_covers_its_tools_unless_a_tool_says_otherwise():
    policies = ToolPolicies()
    policies.set_server_policy(LOCAL, Policy.DENY)
    assert policies.policy(tool()) is Policy.DENY
    policies.set_tool_policy(tool(), Policy.ALLOW)
    assert policies.policy(tool()) is Policy.ALLOW
    policies.set_tool_policy(tool(), Policy.ASK)  # back to the server's
    assert policies.policy(tool()) is Policy.DENY


def test_policies_survive_a_restart_and_a_damaged_file_is_kept_aside(tmp_path: Path):
    path = tmp_path / "tool-policies.json"
    first = load_tool_policies(path)
    first.set_tool_policy(tool(), Policy.ALLOW)
    first.set_server_policy(ELSEWHERE, Policy.DENY)
    again = load_tool_policies(path)
    assert again.policy(tool()) is Policy.ALLOW
    assert again.policy(tool(ELSEWHERE)) is Policy.DENY

    path.write_text("{ not json", encoding="utf-8")
    damaged = load_tool_policies(path)
    assert damaged.policy(tool()) is Policy.ASK
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("tool-policies.json.damaged")]


def test_what_changed_is_said_per_part():
    now = ToolDefinition(
        WEATHER.name,
        "Weather, and your contacts",
        {
            "type": "object",
            "properties": {"location": {"type": "string"}, "unit": {"type": "string"}},
        },
    )
    found = {(c.kind, c.name): (c.before, c.now) for c in changes(WEATHER, now)}
    assert found[("description", "")] == (WEATHER.description, "Weather, and your contacts")
    assert found[("parameter", "unit")] == ("", '{"type": "string"}')
    assert ("parameter", "location") in found  # its description was dropped
