"""The history database's schema, built by numbered migration steps.

``PRAGMA user_version`` records how many steps a database has had. A later change
appends a step to ``MIGRATIONS``; existing steps never change once released.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


class SchemaTooNew(Exception):
    """The database was written by a newer Parley; it is left untouched."""


def _create_core_tables(conn: sqlite3.Connection) -> None:
    conn.execute(
        """
        CREATE TABLE conversations (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            model TEXT NOT NULL,
            provider TEXT NOT NULL,
            system_prompt TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    conn.execute(
        """
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            conversation_id INTEGER NOT NULL
                REFERENCES conversations(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            content TEXT NOT NULL,
            state TEXT NOT NULL,
            model TEXT NOT NULL DEFAULT '',
            thinking TEXT NOT NULL DEFAULT '',
            stats TEXT,
            error TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )
        """
    )
    conn.execute("CREATE INDEX messages_by_conversation ON messages(conversation_id, id)")
    conn.execute("CREATE INDEX conversations_by_update ON conversations(updated_at DESC, id DESC)")
    # Startup looks for answers that were still streaming when the app died.
    conn.execute("CREATE INDEX messages_streaming ON messages(id) WHERE state = 'streaming'")


def _create_search_index(conn: sqlite3.Connection) -> None:
    """Full-text index over message content, kept in sync by triggers; skipped without FTS5."""
    conn.execute("SAVEPOINT fts")
    try:
        conn.execute(
            "CREATE VIRTUAL TABLE messages_fts USING fts5("
            "content, content='messages', content_rowid='id')"
        )
    except sqlite3.OperationalError:
        conn.execute("ROLLBACK TO fts")
        conn.execute("RELEASE fts")
        return
    conn.execute("RELEASE fts")
    conn.execute("INSERT INTO messages_fts(messages_fts) VALUES ('rebuild')")
    conn.execute(
        """
        CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
            INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);
        END
        """
    )
    conn.execute(
        """
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
            INSERT INTO messages_fts(messages_fts, rowid, content)
                VALUES ('delete', old.id, old.content);
        END
        """
    )
    conn.execute(
        """
        CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages BEGIN
            INSERT INTO messages_fts(messages_fts, rowid, content)
                VALUES ('delete', old.id, old.content);
            INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);
        END
        """
    )


MIGRATIONS: tuple[Migration, ...] = (
    _create_core_tables,
    _create_search_index,
)


def schema_version(conn: sqlite3.Connection) -> int:
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    return version


def migrate(conn: sqlite3.Connection) -> None:
    """Apply the missing steps, each in its own transaction together with its version bump.

    The version is read inside the write transaction, so two processes opening the same
    new file never run a step twice. ``conn`` must be in autocommit mode.
    """
    if schema_version(conn) == len(MIGRATIONS):
        return
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = schema_version(conn)
            if current > len(MIGRATIONS):
                raise SchemaTooNew(
                    f"The history was written by a newer version of Parley (schema {current}; "
                    f"this version knows {len(MIGRATIONS)}). Update Parley to open it."
                )
            if current == len(MIGRATIONS):
                conn.execute("COMMIT")
                return
            MIGRATIONS[current](conn)
            conn.execute(f"PRAGMA user_version = {current + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
