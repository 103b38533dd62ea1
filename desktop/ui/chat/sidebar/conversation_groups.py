"""The rows of the conversation list: folders first (each open one followed by its
sub-folders and conversations, indented), then the conversations in no folder under
their date headings. Plain rows for :class:`ConversationListModel`; no widgets.

:func:`build_rows` is plain Python that touches no Qt object: the sidebar runs it on a
worker thread, so showing 10,000 conversations after an import costs the UI thread one
model reset (2-3 ms) instead of ~25 ms of grouping and texts (more on a busy CPU).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from desktop.core.conversation_groups import ConversationSummary, DateGroup, grouped
from desktop.core.folders import Folder


class FolderRow(NamedTuple):
    folder: Folder
    conversations: int
    """Conversations in the folder itself (a sub-folder's are counted in its own row)."""
    expanded: bool


Row = ConversationSummary | str | FolderRow
"""A conversation, a heading's text, or a folder."""


class Made(NamedTuple):
    """What the rows were built for, besides the conversations and folders: rows built
    for another day, other open folders or another language are built anew."""

    today: date
    expanded: frozenset[int]
    untitled: str
    folders_heading: str


@dataclass(slots=True)
class ListRows:
    """The list's rows, ready for the model: each row, its indentation, its text, and
    where each conversation is."""

    summaries: list[ConversationSummary]
    rows: list[Row]
    depths: list[int]
    texts: list[str]
    row_of: dict[int, int]
    headings: list[tuple[int, DateGroup]]
    """Where each date heading is: its text is the UI's (``name_headings``)."""
    made: Made

    def name_headings(self, heading_text: Callable[[DateGroup], str]) -> None:
        """Put the date headings' texts in (on the UI thread: a few, not one per row)."""
        for number, group in self.headings:
            self.rows[number] = self.texts[number] = heading_text(group)
        self.headings = []


def build_rows(
    summaries: Sequence[ConversationSummary],
    made: Made,
    folders: Sequence[Folder] = (),
    counts: Mapping[int, int] | None = None,
) -> ListRows:
    """The rows for ``summaries`` and ``folders``; thread-safe (no Qt)."""
    rows, depths, headings = _layout(
        summaries, made.today, folders, counts, made.expanded, made.folders_heading
    )
    untitled = made.untitled
    texts: list[str] = []
    row_of: dict[int, int] = {}
    add = texts.append
    for number, row in enumerate(rows):
        if type(row) is ConversationSummary:
            add(row.title or untitled)
            row_of[row.id] = number
        elif type(row) is FolderRow:
            add(row.folder.name)
        else:
            add(row)  # type: ignore[arg-type]
    return ListRows(list(summaries), rows, depths, texts, row_of, headings, made)


@dataclass(frozen=True, slots=True)
class RowBuilder:
    """:func:`build_rows` for the list as it was when this was made (its open folders,
    today, its language), for conversations and folders read later; thread-safe."""

    made: Made

    def __call__(
        self,
        summaries: Sequence[ConversationSummary],
        folders: Sequence[Folder],
        counts: Mapping[int, int],
    ) -> ListRows:
        known = {folder.id for folder in folders}
        made = self.made._replace(expanded=self.made.expanded & known)
        return build_rows(summaries, made, folders, counts)


def _layout(
    summaries: Sequence[ConversationSummary],
    today: date,
    folders: Sequence[Folder],
    counts: Mapping[int, int] | None,
    expanded: Collection[int],
    folders_heading: str,
) -> tuple[list[Row], list[int], list[tuple[int, DateGroup]]]:
    """The rows, their indentation levels (0, 1 or 2) and where the date headings go
    (their rows hold "" until named)."""
    rows: list[Row] = []
    depths: list[int] = []
    headings: list[tuple[int, DateGroup]] = []
    known = {folder.id for folder in folders}
    inside: dict[int, list[ConversationSummary]] = {}
    loose: Sequence[ConversationSummary] = summaries  # no folders: every one, fast
    if known:
        outside: list[ConversationSummary] = []
        for summary in summaries:
            if summary.folder_id is not None and summary.folder_id in known:
                inside.setdefault(summary.folder_id, []).append(summary)
            else:
                outside.append(summary)
        loose = outside

    def add_folder(folder: Folder, depth: int) -> bool:
        members = inside.get(folder.id, [])
        count = len(members) if counts is None else counts.get(folder.id, len(members))
        is_open = folder.id in expanded
        rows.append(FolderRow(folder, count, is_open))
        depths.append(depth)
        return is_open

    if folders:
        rows.append(folders_heading)
        depths.append(0)
        for top in (folder for folder in folders if folder.parent_id is None):
            if not add_folder(top, 0):
                continue
            for sub in (folder for folder in folders if folder.parent_id == top.id):
                if add_folder(sub, 1):
                    members = inside.get(sub.id, [])
                    rows += members
                    depths += [2] * len(members)
            members = inside.get(top.id, [])
            rows += members
            depths += [1] * len(members)
    for group, members in grouped(loose, today):
        headings.append((len(rows), group))
        rows.append("")
        depths.append(0)
        rows += members
        depths += [0] * len(members)
    return rows, depths, headings
