"""The person's allow / ask / deny for tools and servers (implements toolbox.PolicyBook).

A server's policy is bound to its identity (command line or URL): a server renamed to
point elsewhere does not inherit it. A tool's policy is bound to the identity and to the
definition it had when the person chose: when the server later changes the tool's
description or schema, the tool is asked about again, and the definition they allowed
is kept so the approval card can show what changed. Unknown tools and servers: ask.

Qt-free and storage-free: ``save`` receives the whole book as a JSON-ready dict
(desktop/storage/tool_policy_file.py writes it atomically).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from desktop.core.toolbox import AvailableTool, Policy
from desktop.core.tools import ToolDefinition, definition_hash

_POLICIES = {policy.value: policy for policy in Policy}


@dataclass(frozen=True, slots=True)
class ToolRule:
    policy: Policy
    fingerprint: str
    definition: ToolDefinition
    """What the tool said it did when the person chose (to show what changed since)."""


def _key(identity: str, name: str) -> str:
    return f"{identity}\n{name}"


class ToolPolicies:
    def __init__(
        self,
        document: Mapping[str, Any] | None = None,
        save: Callable[[dict[str, Any]], None] | None = None,
    ) -> None:
        self._servers: dict[str, Policy] = {}
        self._tools: dict[str, ToolRule] = {}
        self._save = save
        self._read(document or {})

    # -- PolicyBook ------------------------------------------------------------
    def policy(self, tool: AvailableTool) -> Policy:
        rule = self._tools.get(_key(tool.identity, tool.remote_name or tool.name))
        if rule is not None and rule.fingerprint == tool.fingerprint:
            return rule.policy
        return self._servers.get(tool.identity, Policy.ASK)

    def set_tool_policy(self, tool: AvailableTool, policy: Policy) -> None:
        key = _key(tool.identity, tool.remote_name or tool.name)
        if policy is Policy.ASK:
            self._tools.pop(key, None)
        else:
            self._tools[key] = ToolRule(policy, tool.fingerprint, tool.definition)
        self._saved()

    def set_server_policy(self, identity: str, policy: Policy) -> None:
        if policy is Policy.ASK:
            self._servers.pop(identity, None)
        else:
            self._servers[identity] = policy
        self._saved()

    def changed_since_allowed(self, tool: AvailableTool) -> ToolDefinition | None:
        rule = self._tools.get(_key(tool.identity, tool.remote_name or tool.name))
        if rule is None or rule.fingerprint == tool.fingerprint:
            return None
        return rule.definition

    # -- for the Tools page ----------------------------------------------------
    def server_policy(self, identity: str) -> Policy:
        return self._servers.get(identity, Policy.ASK)

    def tool_policy(self, tool: AvailableTool) -> Policy | None:
        """The tool's own choice, if the person made one for what it does now (None: the
        server's choice applies)."""
        rule = self._tools.get(_key(tool.identity, tool.remote_name or tool.name))
        return rule.policy if rule is not None and rule.fingerprint == tool.fingerprint else None

    # -- on disk ---------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "version": 1,
            "servers": {identity: policy.value for identity, policy in self._servers.items()},
            "tools": [
                {
                    "identity": key.split("\n", 1)[0],
                    "name": key.split("\n", 1)[1],
                    "policy": rule.policy.value,
                    "fingerprint": rule.fingerprint,
                    "definition": {
                        "name": rule.definition.name,
                        "description": rule.definition.description,
                        "parameters": dict(rule.definition.parameters),
                    },
                }
                for key, rule in self._tools.items()
            ],
        }

    def _read(self, document: Mapping[str, Any]) -> None:
        """What can be read is kept; anything malformed is skipped (asked again)."""
        servers = document.get("servers")
        for identity, value in servers.items() if isinstance(servers, dict) else []:
            if isinstance(identity, str) and value in _POLICIES:
                self._servers[identity] = _POLICIES[value]
        tools = document.get("tools")
        for entry in tools if isinstance(tools, list) else []:
            if not isinstance(entry, dict) or entry.get("policy") not in _POLICIES:
                continue
            identity, name = entry.get("identity"), entry.get("name")
            definition = entry.get("definition")
            if not (isinstance(identity, str) and isinstance(name, str)):
                continue
            if not isinstance(definition, dict) or not isinstance(entry.get("fingerprint"), str):
                continue
            parameters = definition.get("parameters")
            told = ToolDefinition(
                str(definition.get("name") or name),
                str(definition.get("description") or ""),
                parameters if isinstance(parameters, dict) else {},
            )
            self._tools[_key(identity, name)] = ToolRule(
                _POLICIES[entry["policy"]], entry["fingerprint"], told
            )

    def _saved(self) -> None:
        if self._save is not None:
            self._save(self.to_json())


@dataclass(frozen=True, slots=True)
class DefinitionChange:
    """One difference between two definitions of a tool: ``kind`` is "description",
    "parameter" (``name`` says which; "" before or now: added or removed) or "schema"."""

    kind: str
    name: str
    before: str
    now: str


def changes(before: ToolDefinition, now: ToolDefinition) -> list[DefinitionChange]:
    """What differs between two definitions of a tool, in words a person can compare
    (the description; each parameter added, removed or changed)."""
    import json

    found: list[DefinitionChange] = []
    if before.description != now.description:
        found.append(DefinitionChange("description", "", before.description, now.description))
    old = _properties(before)
    new = _properties(now)
    for name in sorted(old.keys() | new.keys()):
        was, is_ = old.get(name), new.get(name)
        if was != is_:
            found.append(
                DefinitionChange(
                    "parameter",
                    name,
                    "" if was is None else json.dumps(was, ensure_ascii=False, sort_keys=True),
                    "" if is_ is None else json.dumps(is_, ensure_ascii=False, sort_keys=True),
                )
            )
    if not found and definition_hash(before) != definition_hash(now):
        found.append(
            DefinitionChange(
                "schema",
                "",
                json.dumps(dict(before.parameters), ensure_ascii=False, sort_keys=True),
                json.dumps(dict(now.parameters), ensure_ascii=False, sort_keys=True),
            )
        )
    return found


def _properties(tool: ToolDefinition) -> dict[str, object]:
    properties = tool.parameters.get("properties")
    return dict(properties) if isinstance(properties, dict) else {}
