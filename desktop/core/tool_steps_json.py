"""An answer's tool rounds in exported files: JSON (read back on import) and Markdown.

Pictures a tool returned are named by digest only (they stay in the history they came
from); everything else of a call travels: arguments as sent and as run, the outcome,
the result, its duration and the person's reason for a denial.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from desktop.core.tool_steps import ToolOutcome, ToolRound, ToolStep
from desktop.core.tools import tool_call

_OUTCOMES = {outcome.value: outcome for outcome in ToolOutcome}


def rounds_to_json(rounds: Sequence[ToolRound]) -> list[dict[str, Any]]:
    return [
        {
            "round": round_.number,
            "text_end": round_.text_end,
            "thinking_end": round_.thinking_end,
            **({"signature": round_.signature} if round_.signature else {}),
            "calls": [_step_to_json(step) for step in round_.steps],
        }
        for round_ in rounds
    ]


def _step_to_json(step: ToolStep) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": step.call.call_id,
        "name": step.call.name,
        "index": step.call.index,
        "arguments": step.call.raw_arguments,
        "server": step.server,
        "outcome": step.outcome.value,
    }
    if step.arguments is not None:
        data["ran_with"] = dict(step.arguments)
    if step.content is not None:
        data["result"] = step.content
    if step.is_error:
        data["is_error"] = True
    if step.images:
        data["images"] = list(step.images)
    if step.duration is not None:
        data["duration"] = step.duration
    if step.reason:
        data["reason"] = step.reason
    return data


def rounds_from_json(value: Any) -> tuple[ToolRound, ...]:
    """The rounds in an exported message; what cannot be read is left out, never fatal
    (the answer's text imports either way)."""
    if not isinstance(value, list):
        return ()
    rounds: list[ToolRound] = []
    for raw in value:
        if not isinstance(raw, dict):
            continue
        number, text_end, thinking_end = (raw.get(k) for k in ("round", "text_end", "thinking_end"))
        if not all(isinstance(n, int) for n in (number, text_end, thinking_end)):
            continue
        calls = raw.get("calls")
        steps = tuple(
            step
            for item in (calls if isinstance(calls, list) else [])
            if (step := _step_from_json(item)) is not None
        )
        signature = raw.get("signature")
        rounds.append(
            ToolRound(
                number,  # type: ignore[arg-type]
                text_end,  # type: ignore[arg-type]
                thinking_end,  # type: ignore[arg-type]
                signature if isinstance(signature, str) else "",
                steps,
            )
        )
    return tuple(rounds)


def _step_from_json(raw: Any) -> ToolStep | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        return None
    arguments = raw.get("arguments")
    index = raw.get("index")
    ran_with = raw.get("ran_with")
    duration = raw.get("duration")
    images = raw.get("images")
    return ToolStep(
        call=tool_call(
            raw["name"],
            arguments if isinstance(arguments, str) else "",
            str(raw.get("id") or ""),
            index if isinstance(index, int) else 0,
        ),
        server=str(raw.get("server") or ""),
        outcome=_OUTCOMES.get(str(raw.get("outcome")), ToolOutcome.NOT_RUN),
        arguments=ran_with if isinstance(ran_with, dict) else None,
        content=raw.get("result"),
        is_error=raw.get("is_error") is True,
        images=tuple(d for d in images if isinstance(d, str)) if isinstance(images, list) else (),
        duration=float(duration) if isinstance(duration, int | float) else None,
        reason=str(raw.get("reason") or ""),
    )


def rounds_markdown(rounds: Sequence[ToolRound]) -> list[str]:
    """Each call as a folded block: server, tool, outcome; its arguments and result."""
    lines: list[str] = []
    for round_ in rounds:
        for step in round_.steps:
            where = f"{step.server} · " if step.server else ""
            took = f", {step.duration:.2f} s" if step.duration is not None else ""
            summary = (
                f"Tool call: {where}{step.call.name} ({step.outcome.value.replace('_', ' ')}{took})"
            )
            arguments = json.dumps(dict(step.ran_arguments), ensure_ascii=False, indent=2)
            lines += [f"<details><summary>{summary}</summary>", "", "```json", arguments, "```", ""]
            if step.content is not None:
                lines += ["Result:", "", "```", step.result_text, "```", ""]
            if step.reason:
                lines += [f"Reason given: {step.reason}", ""]
            lines += ["</details>", ""]
    return lines
