"""Tokens used against the context window, turning to a warning before it is full."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from desktop.core.chat_parameters import ChatParameters, context_window
from desktop.core.context_usage import ContextUsage, context_usage
from desktop.core.conversation import StoredMessage
from desktop.core.token_estimate import estimate_message_tokens
from desktop.core.tools import ToolDefinition, definitions_tokens
from desktop.documents.answer_context import next_request_tokens
from desktop.documents.context import Mode

TOOLS_SHARE_WARNING = 0.25
"""Tool definitions taking this share of the window or more are worth a warning."""


def _short(count: int) -> str:
    return f"{count / 1000:.1f}k" if count >= 1000 else str(count)


def _counted(message: StoredMessage) -> bool:
    return message.stats is not None and bool(message.stats.prompt_tokens)


def _uncounted_calls_tokens(path: Sequence[StoredMessage]) -> int:
    """About the tokens of the tool calls and results after the last answer the server
    counted (that answer's own count includes its calls: they went with its requests)."""
    last = next(  # from the end: a long path's older messages are not even decoded
        (i for i in range(len(path) - 1, -1, -1) if _counted(path[i])),
        -1,
    )
    return sum(
        estimate_message_tokens(step.call.raw_arguments + step.result_text)
        for message in path[last + 1 :]
        for round_ in message.tool_rounds
        for step in round_.steps
    )


class ContextMeter(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contextMeter")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedSize(56, 6)
        self.bar.setAccessibleName(self.tr("Context window used"))
        layout.addWidget(self.bar)
        self.label = QLabel()
        self.label.setObjectName("contextLabel")
        # Room for the widest count up front: a label that widens as the count grows
        # would re-lay out the whole window, and every long answer in it, each time.
        widest = max(
            (
                self.tr("{approx}{used} / {window}").format(
                    approx="~", used="999.9k", window="999.9k"
                ),
                self.tr("{approx}{used} tokens").format(approx="~", used="999.9k"),
            ),
            key=self.label.fontMetrics().horizontalAdvance,
        )
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance(widest) + 4)
        layout.addWidget(self.label)
        self.usage: ContextUsage | None = None
        self.window_known = True
        self.tool_tokens = 0
        """About how many tokens the definitions of the tools on take (sent with every
        request; a server's counts already include them once it counted an answer)."""
        self._shown: tuple[ContextUsage, bool] | None = None
        self._tools_counted = False
        self._documents = (0, False)
        """(characters of the documents the next question goes with, whether the last
        answer's server count includes them already)."""
        self.documents: tuple[int, Mode] | None = None
        """About the tokens the documents add to the next request, and how they go."""

    def retranslate(self) -> None:
        """Every text in the language now in use."""
        self.bar.setAccessibleName(self.tr("Context window used"))
        if self.usage is not None:
            self.set_usage(self.usage, known=self.window_known)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def show_for(
        self,
        path: Sequence[StoredMessage],
        parameters: ChatParameters,
        model_window: int | None,
        *,
        system_prompt: str,
        draft: str,
        sent_with_requests: bool,
    ) -> None:
        """What the next request needs of the window. The window is known when the model
        says it, the conversation sets it, or it goes with every request (Ollama)."""
        usage = context_usage(
            path,
            context_window(parameters, model_window),
            system_prompt=system_prompt,
            draft=draft,
        )
        known = bool(model_window) or bool(parameters.num_ctx) or sent_with_requests
        counted = any(_counted(message) for message in reversed(path))
        calls = _uncounted_calls_tokens(path)
        if calls:
            usage = dataclasses.replace(usage, used=usage.used + calls, exact=False)
        self._shown = (usage, known)
        self._tools_counted = counted
        self._show_with_extras()

    def counting(self) -> None:
        """Another conversation opened and is counted once its messages are painted:
        until then no figure shows, rather than the previous conversation's (its
        documents included: the new one's are measured a moment later)."""
        self._shown = None
        self.usage = None
        self._documents, self.documents = (0, False), None
        self.bar.setUpdatesEnabled(False)  # painted with the rest (see set_usage)
        self.bar.setValue(self.bar.minimum())
        self.bar.setUpdatesEnabled(True)
        self.label.setText("…")
        self.setToolTip("")
        for widget in (self.label, self.bar):
            if widget.property("level"):
                widget.setProperty("level", "")
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def set_tool_definitions(self, definitions: Sequence[ToolDefinition]) -> None:
        """The tools on for this conversation (their definitions take room too)."""
        tokens = definitions_tokens(definitions)
        if tokens != self.tool_tokens:
            self.tool_tokens = tokens
            self._show_with_extras()

    def set_documents(self, chars: int, *, counted: bool) -> None:
        """The documents this chat's next question goes with: ``chars`` characters of
        text; ``counted``: the last answer went with them, and the server's count of it
        includes them."""
        if (chars, counted) != self._documents:
            self._documents = (chars, counted)
            self._show_with_extras()

    def _show_with_extras(self) -> None:
        """The conversation's usage, with the tools' definitions and the documents."""
        if self._shown is None:
            return
        usage, known = self._shown
        if self.tool_tokens and not self._tools_counted:
            usage = dataclasses.replace(usage, used=usage.used + self.tool_tokens, exact=False)
        chars, counted = self._documents
        self.documents = next_request_tokens(chars, usage.window, usage.used) if chars else None
        if self.documents is not None and not counted:
            usage = dataclasses.replace(usage, used=usage.used + self.documents[0], exact=False)
        self.set_usage(usage, known=known)

    def tools_share(self) -> float:
        """How much of the window the tool definitions take."""
        window = self.usage.window if self.usage is not None else 0
        return self.tool_tokens / window if window else 0.0

    def set_usage(self, usage: ContextUsage, *, known: bool = True) -> None:
        """Show ``usage``; ``known``: whether the model's context window is known (if not,
        only the tokens used are shown: a guessed window would be a made-up limit)."""
        self.usage = usage
        self.window_known = known
        if self.bar.isHidden() == known:
            self.bar.setVisible(known)
        # A progress bar repaints itself at once when its value changes (meant for loops
        # that block the event loop): ~6 ms of a styled window on each answer and each
        # keystroke. Here it is painted with the rest, in the next paint.
        self.bar.setUpdatesEnabled(False)
        self.bar.setRange(0, max(usage.window, 1))
        self.bar.setValue(min(usage.used, usage.window))
        self.bar.setUpdatesEnabled(True)
        approximate = "" if usage.exact else "~"
        if not known:
            self.label.setText(
                self.tr("{approx}{used} tokens").format(approx=approximate, used=_short(usage.used))
            )
            tip = self.tr(
                "{used} tokens so far. This model's context window is unknown, so how much "
                "of it is used cannot be shown."
            ).format(used=usage.used)
        else:
            self.label.setText(
                self.tr("{approx}{used} / {window}").format(
                    approx=approximate, used=_short(usage.used), window=_short(usage.window)
                )
            )
            tip = self._tip(usage)
        if self.toolTip() != tip:
            self.setToolTip(tip)
            self.label.setAccessibleDescription(tip)
        level = (
            ""
            if not known
            else "over"
            if usage.over_limit
            else "near"
            if usage.near_limit or self.tools_share() >= TOOLS_SHARE_WARNING
            else ""
        )
        for widget in (self.label, self.bar):
            if widget.property("level") != level:  # styled again only when it changed
                widget.setProperty("level", level)
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def _tip(self, usage: ContextUsage) -> str:
        tools = ""
        if self.tool_tokens:
            share = self.tools_share()
            tools = self.tr(
                "The tools on in this chat take about {tokens} tokens ({share:.0%} of the "
                "window) in every request."
            ).format(tokens=self.tool_tokens, share=share)
            if share >= TOOLS_SHARE_WARNING:
                tools += " " + self.tr(
                    "Turn off servers or tools this chat does not need (chat settings, Tools)."
                )
        lines = [self._words(usage), tools, self._documents_words()]
        return "\n".join(line for line in lines if line)

    def _documents_words(self) -> str:
        if self.documents is None:
            return ""
        tokens, mode = self.documents
        if mode is Mode.WHOLE:
            return self.tr(
                "This chat's documents go whole with each question: about {tokens} tokens."
            ).format(tokens=tokens)
        return self.tr(
            "This chat's documents are too long to send whole: each question takes up to "
            "about {tokens} tokens of the passages that match it."
        ).format(tokens=tokens)

    def _words(self, usage: ContextUsage) -> str:
        if usage.over_limit:
            return self.tr(
                "The conversation no longer fits the context window: the model will not see "
                "its beginning. Raise the context window in the settings or start a new chat."
            )
        if usage.near_limit:
            return self.tr(
                "The context window is almost full; soon the model will not see the start "
                "of this conversation."
            )
        return self.tr("{used} of {window} tokens of the context window").format(
            used=usage.used, window=usage.window
        )
