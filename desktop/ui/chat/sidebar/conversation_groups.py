"""The rows of the conversation list: folders first (each open one followed by its
sub-folders and conversations, indented), then the conversations in no folder under
their date headings. Plain rows for :class:`ConversationListModel`; no widgets."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
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


def list_rows(
    summaries: Sequence[ConversationSummary],
    today: date,
    heading_text: Callable[[DateGroup], str],
    folders: Sequence[Folder] = (),
    counts: Mapping[int, int] | None = None,
    expanded: Collection[int] = (),
    folders_heading: str = "",
) -> tuple[list[Row], list[int]]:
    """The rows and each row's indentation level (0, 1 or 2)."""
    rows: list[Row] = []
    depths: list[int] = []
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
        rows.append(heading_text(group))
        depths.append(0)
        rows += members
        depths += [0] * len(members)
    return rows, depths
