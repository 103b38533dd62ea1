"""The tool loop of one answer: stream, run the calls the person allows, send the results
back, and stream again until the model answers (or the loop guard stops it).

Qt-free. ChatService hands it the provider's request, the answer's row and a way to
save the answer's text now; it yields the provider's events (one ``Done``, at the very
end) and a :class:`ToolStepEvent` each time a call changes, after saving that change:
a kill at any moment leaves each call and what had become of it in the history.

For each call: unusable arguments or an unknown tool → not run, the model is told why;
then the person's :class:`~desktop.core.toolbox.PolicyBook` (allow / deny / ask), the
:class:`~desktop.core.toolbox.Approver` when it says ask; then the
:class:`~desktop.core.toolbox.ToolSource` runs it, under a per-tool timeout. Stop
cancels the task: the waiting approval or the running call is cancelled (and saved so).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import AsyncIterator, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from desktop.core.attachment import ImageAttachment
from desktop.core.events import ChatEvent, Done, ThinkingSignature, ToolCall
from desktop.core.messages import ChatMessage, ChatOptions, Role
from desktop.core.text import QT_TRANSLATE_NOOP, Text, text
from desktop.core.tool_loop_guard import DEFAULT_MAX_ROUNDS, LoopGuard, LoopStop
from desktop.core.tool_steps import ToolOutcome, ToolRound, ToolStep
from desktop.core.toolbox import Approver, AvailableTool, Policy, PolicyBook, ToolSource, Verdict
from desktop.core.tools import ToolDefinition, ToolResult, denied_result, unusable_arguments_result

DEFAULT_TOOL_TIMEOUT = 120.0
"""Seconds one call may run before it is stopped (a setting)."""
log = logging.getLogger(__name__)
LOOP_STOP_REASON = "tool_loop_stopped"
"""``Done.reason`` of an answer the loop guard ended."""


class ChatRequest(Protocol):
    def __call__(
        self, messages: Sequence[ChatMessage], options: ChatOptions
    ) -> AsyncIterator[ChatEvent]: ...


class ToolStepStore(Protocol):
    """Where the rounds are saved (the history store)."""

    def save_tool_round(self, message_id: int, round_: ToolRound) -> None: ...
    def save_tool_step(
        self,
        message_id: int,
        round_number: int,
        position: int,
        step: ToolStep,
        images: Sequence[ImageAttachment] = ...,
    ) -> None: ...


@dataclass(frozen=True)
class ToolKit:
    """What one answer may use: where tools come from, who decides, and the limits."""

    source: ToolSource
    policies: PolicyBook
    approver: Approver
    servers: Collection[str] | None = None
    """The servers this conversation uses (None: every enabled server)."""
    tools_off: Collection[str] = ()
    """Tools this conversation turned off, by the name the model sees."""
    max_rounds: int = DEFAULT_MAX_ROUNDS
    timeout: float = DEFAULT_TOOL_TIMEOUT
    allow_read_only: bool = False
    """The person opted in: tools their server marks read-only run without asking."""

    async def offered(self) -> list[AvailableTool]:
        tools = await self.source.available_tools(self.servers)
        return [tool for tool in tools if tool.name not in self.tools_off]


@dataclass(frozen=True, slots=True)
class ToolStepEvent:
    """A call changed (it was made, is waiting for the person, runs, ended); saved already."""

    round: int
    position: int
    step: ToolStep
    tool: AvailableTool | None = None
    changed_from: ToolDefinition | None = None


@dataclass(frozen=True, slots=True)
class ToolLoopStopped:
    """The loop guard ended the answer; ``text`` says why, for the person."""

    reason: LoopStop
    text: Text


def loop_stop_text(reason: LoopStop, rounds: int, repeated: Sequence[str]) -> Text:
    if reason is LoopStop.ROUND_CAP:
        return text(
            QT_TRANSLATE_NOOP(
                "core",
                "Stopped after {rounds} rounds of tool calls (the limit set in Settings). "
                "The answer so far is kept; ask again to continue.",
            ),
            rounds=rounds,
        )
    return text(
        QT_TRANSLATE_NOOP(
            "core",
            "Stopped: the model kept making the same call ({tools}). The answer so far is kept.",
        ),
        tools=", ".join(repeated) or "?",
    )


def _media_type(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data.startswith(b"RIFF"):
        return "image/webp"
    return "application/octet-stream"


def _kept_images(result: ToolResult) -> list[ImageAttachment]:
    """A result's pictures as the history keeps them, with a thumbnail like an attached
    picture's; one that cannot be decoded is kept as it came (its size unknown: 0)."""
    from desktop.core.image_preparation import stored_image  # PIL, on the first picture

    kept: list[ImageAttachment] = []
    for data in result.images:
        try:
            kept.append(stored_image(data))
        except Exception:  # not a picture PIL reads: still what the model was sent
            kept.append(ImageAttachment(data, _media_type(data), 0, 0, b""))
    return kept


class ToolLoop:
    """One answer's rounds of calls. ``snapshot()`` saves the answer's text now and
    returns (text, thinking) so far."""

    def __init__(
        self,
        kit: ToolKit,
        tools: Sequence[AvailableTool],
        store: ToolStepStore,
        answer_id: int,
        snapshot: Callable[[], tuple[str, str]],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._kit = kit
        self._tools = {tool.name: tool for tool in tools}
        self._store = store
        self._answer_id = answer_id
        self._snapshot = snapshot
        self._clock = clock
        self.guard = LoopGuard(max_rounds=kit.max_rounds)
        self._results: dict[tuple[str, str, int], ToolResult] = {}
        """Each ended call's result as the tool gave it (with its pictures' bytes)."""

    async def run(
        self, request: ChatRequest, history: Sequence[ChatMessage], options: ChatOptions
    ) -> AsyncIterator[ChatEvent | ToolStepEvent | ToolLoopStopped]:
        turns = list(history)
        said_up_to = (0, 0)
        number = 0
        while True:
            calls: list[ToolCall] = []
            signature = ""
            done = Done()
            events = request(turns, options)
            try:
                async for event in events:
                    if isinstance(event, ToolCall):
                        calls.append(event)
                    elif isinstance(event, ThinkingSignature):
                        signature = event.signature
                    elif isinstance(event, Done):
                        done = event
                        break
                    yield event
            finally:
                close = getattr(events, "aclose", None)
                if close is not None:
                    await close()
            if not calls:
                yield done
                return
            content, thinking = self._snapshot()
            stop = self.guard.admit(calls)
            round_ = ToolRound(
                number,
                len(content),
                len(thinking),
                signature,
                tuple(
                    ToolStep(
                        call,
                        self._server_of(call),
                        ToolOutcome.NOT_RUN if stop else ToolOutcome.ASKING,
                    )
                    for call in calls
                ),
            )
            self._store.save_tool_round(self._answer_id, round_)
            for position, step in enumerate(round_.steps):
                yield ToolStepEvent(number, position, step, self._tools.get(step.call.name))
            if stop is not None:
                words = loop_stop_text(stop, self.guard.rounds, self.guard.repeated())
                yield ToolLoopStopped(stop, words)
                yield Done(LOOP_STOP_REASON, done.stats)
                return
            steps: list[ToolStep] = []
            for position, step in enumerate(round_.steps):
                final = step
                async for change in self._settle(number, position, step):
                    yield change
                    final = change.step
                steps.append(final)
            text_at, thinking_at = said_up_to
            turns.append(
                ChatMessage(
                    Role.ASSISTANT,
                    content[text_at:],
                    thinking=thinking[thinking_at:],
                    tool_calls=tuple(step.sent_call for step in steps),
                    thinking_signature=signature,
                )
            )
            turns += [ChatMessage(Role.TOOL, "", tool_result=self._result(step)) for step in steps]
            said_up_to = (len(content), len(thinking))
            number += 1

    def _server_of(self, call: ToolCall) -> str:
        tool = self._tools.get(call.name)
        return tool.server if tool is not None else ""

    def _result(self, step: ToolStep) -> ToolResult:
        result = self._results.pop((step.call.call_id, step.call.name, step.call.index), None)
        return result if result is not None else step.result()

    def _save(
        self, number: int, position: int, step: ToolStep, images: Sequence[ImageAttachment] = ()
    ) -> None:
        self._store.save_tool_step(self._answer_id, number, position, step, images)

    async def _settle(
        self, number: int, position: int, step: ToolStep
    ) -> AsyncIterator[ToolStepEvent]:
        """Decides and runs one call, yielding each change once it is saved; the last
        yielded step is how it ended."""
        call = step.call
        tool = self._tools.get(call.name)

        def ended(step: ToolStep, result: ToolResult) -> ToolStepEvent:
            self._results[(call.call_id, call.name, call.index)] = result
            return ToolStepEvent(number, position, step, tool)

        if call.problem is not None or tool is None:
            result = (
                unusable_arguments_result(call)
                if tool is not None
                else ToolResult(
                    call.call_id,
                    call.name,
                    f"Error: there is no tool named {call.name!r}. Use one of the tools offered.",
                    is_error=True,
                )
            )
            step = dataclasses.replace(
                step, outcome=ToolOutcome.NOT_RUN, content=result.content, is_error=True
            )
            self._save(number, position, step)
            yield ended(step, result)
            return
        arguments: Mapping[str, object] = call.arguments
        policy = self._kit.policies.policy(tool)
        changed = self._kit.policies.changed_since_allowed(tool)
        if (
            policy is Policy.ASK
            and tool.read_only
            and self._kit.allow_read_only
            and changed is None
        ):
            policy = Policy.ALLOW
        if policy is Policy.DENY:
            result = denied_result(call, "")
            step = dataclasses.replace(
                step, outcome=ToolOutcome.DENIED, content=result.content, is_error=True
            )
            self._save(number, position, step)
            yield ended(step, result)
            return
        if policy is Policy.ASK:
            self._save(number, position, step)  # asking, as saved with the round
            yield ToolStepEvent(number, position, step, tool, changed)
            try:
                decision = await self._kit.approver.decide(tool, call, changed)
            except asyncio.CancelledError:
                self._save(
                    number, position, dataclasses.replace(step, outcome=ToolOutcome.CANCELLED)
                )
                raise
            if decision.verdict is Verdict.DENY:
                result = denied_result(call, decision.reason)
                step = dataclasses.replace(
                    step,
                    outcome=ToolOutcome.DENIED,
                    content=result.content,
                    is_error=True,
                    reason=decision.reason,
                )
                self._save(number, position, step)
                yield ended(step, result)
                return
            if decision.verdict is Verdict.RUN_ALWAYS:
                self._kit.policies.set_tool_policy(tool, Policy.ALLOW)
            arguments = decision.arguments
        edited = None if dict(arguments) == dict(call.arguments) else dict(arguments)
        step = dataclasses.replace(step, outcome=ToolOutcome.RUNNING, arguments=edited)
        self._save(number, position, step)
        yield ToolStepEvent(number, position, step, tool)
        started = self._clock()
        images: list[ImageAttachment] = []
        try:
            async with asyncio.timeout(self._kit.timeout):
                result = await self._kit.source.call(tool, call, arguments)
            took = self._clock() - started
            if result.images:  # decoded for thumbnails off the loop
                images = await asyncio.to_thread(_kept_images, result)
        except asyncio.CancelledError:
            took = self._clock() - started
            self._save(
                number,
                position,
                dataclasses.replace(step, outcome=ToolOutcome.CANCELLED, duration=took),
            )
            raise
        except TimeoutError:
            said = (
                f"Error: {call.name} took longer than {self._kit.timeout:g} seconds and was "
                "stopped."
            )
            result = ToolResult(call.call_id, call.name, said, is_error=True)
            step = dataclasses.replace(
                step,
                outcome=ToolOutcome.TIMED_OUT,
                content=said,
                is_error=True,
                duration=self._clock() - started,
            )
            self._save(number, position, step)
            yield ended(step, result)
            return
        except Exception as error:  # a source's defect: the call failed, the answer goes on
            log.exception("running %s failed", call.name)
            said = f"Error: {call.name} could not be run ({type(error).__name__}: {error})."
            result = ToolResult(call.call_id, call.name, said, is_error=True)
            took = self._clock() - started
        result = dataclasses.replace(result, call_id=call.call_id, name=call.name)
        step = dataclasses.replace(
            step,
            outcome=ToolOutcome.FAILED if result.is_error else ToolOutcome.RAN,
            content=result.content,
            is_error=result.is_error,
            images=tuple(image.digest for image in images),
            duration=took,
        )
        self._save(number, position, step, images)
        yield ended(step, result)
