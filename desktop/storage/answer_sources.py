"""The sources each answer was sent (table ``answer_sources``, one JSON record per answer).

:meth:`HistoryStore.answer_sources` hands out an :class:`AnswerSourcesStore` sharing the
history's connection and lock; deleting a message deletes its record (cascade).
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.core.cited_sources import SentSources
from desktop.storage.history_part import HistoryPart


class AnswerSourcesStore(HistoryPart):
    def save(self, message_id: int, sent: SentSources) -> None:
        with self._lock:
            self._conn_of().execute(
                "INSERT OR REPLACE INTO answer_sources (message_id, sources) VALUES (?, ?)",
                (message_id, sent.to_json()),
            )

    def of(self, message_id: int) -> SentSources | None:
        with self._lock:
            row = (
                self._conn_of()
                .execute("SELECT sources FROM answer_sources WHERE message_id = ?", (message_id,))
                .fetchone()
            )
        return None if row is None else SentSources.from_json(str(row[0]))

    def of_many(self, message_ids: Iterable[int]) -> dict[int, SentSources]:
        """The records of those of ``message_ids`` that have one (a conversation's path)."""
        ids = [int(i) for i in message_ids]
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        with self._lock:
            rows = (
                self._conn_of()
                .execute(
                    f"SELECT message_id, sources FROM answer_sources WHERE message_id IN ({marks})",
                    ids,
                )
                .fetchall()
            )
        found = {int(row[0]): SentSources.from_json(str(row[1])) for row in rows}
        return {key: value for key, value in found.items() if value is not None}
