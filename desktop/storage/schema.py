"""The history database's schema, built by numbered migration steps.

``PRAGMA user_version`` records how many steps a database has had. A later change
appends a step to ``MIGRATIONS``; existing steps never change once released.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from desktop.core.errors import HistoryTooNew
from desktop.core.text import QT_TRANSLATE_NOOP, text

Migration = Callable[[sqlite3.Connection], None]


class SchemaTooNew(HistoryTooNew):
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


def _add_message_tree(conn: sqlite3.Connection) -> None:
    """Messages form a tree (regenerate and edit make siblings); conversations gain settings.

    ``chosen`` orders siblings: the one with the highest value is on the visible path.
    Existing conversations become one straight branch, each message the child of the
    previous one.
    """
    conn.execute("ALTER TABLE messages ADD COLUMN parent_id INTEGER")
    conn.execute("ALTER TABLE messages ADD COLUMN chosen INTEGER NOT NULL DEFAULT 0")
    conn.execute(
        """
        UPDATE messages SET chosen = id, parent_id = (
            SELECT MAX(earlier.id) FROM messages AS earlier
            WHERE earlier.conversation_id = messages.conversation_id AND earlier.id < messages.id
        )
        """
    )
    conn.execute("CREATE INDEX messages_by_parent ON messages(parent_id)")
    conn.execute("CREATE INDEX messages_by_choice ON messages(conversation_id, chosen)")
    conn.execute("ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE conversations ADD COLUMN deleted_at TEXT")
    conn.execute("ALTER TABLE conversations ADD COLUMN parameters TEXT NOT NULL DEFAULT '{}'")


def _index_search_by_trigram(conn: sqlite3.Connection) -> None:
    """Rebuild the search index with the trigram tokenizer so any substring (and Chinese,
    which has no spaces between words) is found; answers still streaming are not indexed.
    """
    for trigger in ("messages_fts_insert", "messages_fts_delete", "messages_fts_update"):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    conn.execute("DROP TABLE IF EXISTS messages_fts")
    conn.execute("SAVEPOINT fts")
    created = False
    for tokenizer in ("trigram", "unicode61"):
        try:
            conn.execute(
                "CREATE VIRTUAL TABLE messages_fts USING fts5("
                f"content, content='messages', content_rowid='id', tokenize='{tokenizer}')"
            )
        except sqlite3.OperationalError:
            continue
        created = True
        break
    if not created:
        conn.execute("ROLLBACK TO fts")
        conn.execute("RELEASE fts")
        return
    conn.execute("RELEASE fts")
    conn.execute(
        "INSERT INTO messages_fts(rowid, content)"
        " SELECT id, content FROM messages WHERE state != 'streaming'"
    )
    conn.execute(
        """
        CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
        WHEN new.state != 'streaming' BEGIN
            INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);
        END
        """
    )
    conn.execute(
        """
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
        WHEN old.state != 'streaming' BEGIN
            INSERT INTO messages_fts(messages_fts, rowid, content)
                VALUES ('delete', old.id, old.content);
        END
        """
    )
    conn.execute(
        """
        CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, state ON messages
        WHEN old.content IS NOT new.content
            OR (old.state = 'streaming') != (new.state = 'streaming') BEGIN
            INSERT INTO messages_fts(messages_fts, rowid, content)
                SELECT 'delete', old.id, old.content WHERE old.state != 'streaming';
            INSERT INTO messages_fts(rowid, content)
                SELECT new.id, new.content WHERE new.state != 'streaming';
        END
        """
    )


def _add_images(conn: sqlite3.Connection) -> None:
    """Attached images, each kept once by its sha256 (see image_blobs.py).

    ``messages.images`` lists a message's image digests in order (JSON). An image no
    message refers to any more is deleted with the last message that did.
    """
    conn.execute(
        """
        CREATE TABLE images (
            digest TEXT PRIMARY KEY,
            media_type TEXT NOT NULL,
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            data BLOB NOT NULL,
            thumbnail BLOB NOT NULL
        )
        """
    )
    conn.execute("ALTER TABLE messages ADD COLUMN images TEXT NOT NULL DEFAULT '[]'")
    conn.execute("CREATE INDEX messages_with_images ON messages(id) WHERE images != '[]'")
    conn.execute(
        """
        CREATE TRIGGER images_release AFTER DELETE ON messages
        WHEN old.images != '[]' BEGIN
            DELETE FROM images
            WHERE digest IN (SELECT value FROM json_each(old.images))
            AND NOT EXISTS (
                SELECT 1 FROM messages AS m, json_each(m.images) AS used
                WHERE m.images != '[]' AND used.value = images.digest
            );
        END
        """
    )


def _add_drafts(conn: sqlite3.Connection) -> None:
    """What was written in each conversation but not sent (key 0: the new chat).

    A draft's pictures are kept in ``images`` like a message's: an image is deleted
    only when neither a message nor a draft uses it any more.
    """
    conn.execute(
        """
        CREATE TABLE drafts (
            conversation_key INTEGER PRIMARY KEY,
            text TEXT NOT NULL,
            images TEXT NOT NULL DEFAULT '[]',
            updated_at TEXT NOT NULL
        )
        """
    )
    unused = """
            AND NOT EXISTS (
                SELECT 1 FROM messages AS m, json_each(m.images) AS used
                WHERE m.images != '[]' AND used.value = images.digest
            )
            AND NOT EXISTS (
                SELECT 1 FROM drafts AS d, json_each(d.images) AS used
                WHERE used.value = images.digest
            );
    """
    conn.execute("DROP TRIGGER images_release")
    conn.execute(
        f"""
        CREATE TRIGGER images_release AFTER DELETE ON messages
        WHEN old.images != '[]' BEGIN
            DELETE FROM images
            WHERE digest IN (SELECT value FROM json_each(old.images)) {unused}
        END
        """
    )
    for event in ("DELETE", "UPDATE OF images"):
        name = "drafts_release" if event == "DELETE" else "drafts_replace"
        conn.execute(
            f"""
            CREATE TRIGGER {name} AFTER {event} ON drafts
            WHEN old.images != '[]' BEGIN
                DELETE FROM images
                WHERE digest IN (SELECT value FROM json_each(old.images)) {unused}
            END
            """
        )
    conn.execute(
        """
        CREATE TRIGGER conversations_drop_draft AFTER DELETE ON conversations BEGIN
            DELETE FROM drafts WHERE conversation_key = old.id;
        END
        """
    )


def _add_error_text(conn: sqlite3.Connection) -> None:
    """A failed answer's error as a key and values (JSON of a Text), so it reads in the
    language of the day it is shown; ``error`` keeps the English for search and export.
    Rows from before have only ``error``: they show it as it was written."""
    conn.execute("ALTER TABLE messages ADD COLUMN error_text TEXT")


def _add_tool_calls(conn: sqlite3.Connection) -> None:
    """An answer's tool rounds and calls, saved as they happen (tool_steps.py).

    A round remembers where in the answer's text and thinking the calls were made; a
    call its arguments as the model sent them, those it ran with when edited, what became
    of it and its result. Pictures a tool returned are kept in ``images`` like attached
    ones, so an image is deleted only when no message, draft or call uses it any more.
    """
    conn.execute(
        """
        CREATE TABLE tool_rounds (
            message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            text_end INTEGER NOT NULL,
            thinking_end INTEGER NOT NULL,
            signature TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (message_id, number)
        ) WITHOUT ROWID
        """
    )
    conn.execute(
        """
        CREATE TABLE tool_calls (
            message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            round INTEGER NOT NULL,
            position INTEGER NOT NULL,
            call_id TEXT NOT NULL,
            name TEXT NOT NULL,
            raw_arguments TEXT NOT NULL,
            call_index INTEGER NOT NULL DEFAULT 0,
            server TEXT NOT NULL DEFAULT '',
            outcome TEXT NOT NULL,
            arguments TEXT,
            content TEXT,
            is_error INTEGER NOT NULL DEFAULT 0,
            images TEXT NOT NULL DEFAULT '[]',
            duration REAL,
            reason TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (message_id, round, position)
        ) WITHOUT ROWID
        """
    )
    conn.execute(
        "CREATE INDEX tool_calls_live ON tool_calls(outcome) WHERE outcome IN ('asking', 'running')"
    )
    unused = """
            AND NOT EXISTS (
                SELECT 1 FROM messages AS m, json_each(m.images) AS used
                WHERE m.images != '[]' AND used.value = images.digest
            )
            AND NOT EXISTS (
                SELECT 1 FROM drafts AS d, json_each(d.images) AS used
                WHERE used.value = images.digest
            )
            AND NOT EXISTS (
                SELECT 1 FROM tool_calls AS t, json_each(t.images) AS used
                WHERE t.images != '[]' AND used.value = images.digest
            );
    """
    for trigger, table, event in (
        ("images_release", "messages", "DELETE"),
        ("drafts_release", "drafts", "DELETE"),
        ("drafts_replace", "drafts", "UPDATE OF images"),
        ("tool_calls_release", "tool_calls", "DELETE"),
    ):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        conn.execute(
            f"""
            CREATE TRIGGER {trigger} AFTER {event} ON {table}
            WHEN old.images != '[]' BEGIN
                DELETE FROM images
                WHERE digest IN (SELECT value FROM json_each(old.images)) {unused}
            END
            """
        )


def _add_import_sources(conn: sqlite3.Connection) -> None:
    """Where imported conversations came from (an app and its conversation id), so
    importing the same export twice adds nothing the second time (storage/bulk_import.py).
    """
    conn.execute(
        "CREATE TABLE import_sources (source_id TEXT PRIMARY KEY, conversation_id INTEGER"
        " NOT NULL REFERENCES conversations(id) ON DELETE CASCADE)"
    )
    conn.execute("CREATE INDEX import_sources_by_conversation ON import_sources(conversation_id)")


def _add_folders(conn: sqlite3.Connection) -> None:
    """Folders (projects) holding conversations, one level of nesting (storage/folders.py).

    A folder keeps what a new chat in it starts with: a model and provider ("" keeps the
    app's choice), a system prompt and the tools (JSON: servers, tools off). Deleting a
    folder never deletes a conversation: ``folder_id`` goes back to NULL (no folder).
    """
    conn.execute(
        """
        CREATE TABLE folders (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            parent_id INTEGER REFERENCES folders(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            model TEXT NOT NULL DEFAULT '',
            provider TEXT NOT NULL DEFAULT '',
            system_prompt TEXT NOT NULL DEFAULT '',
            tools TEXT NOT NULL DEFAULT '{}'
        )
        """
    )
    conn.execute("CREATE INDEX folders_by_parent ON folders(parent_id, position)")
    conn.execute(
        "ALTER TABLE conversations ADD COLUMN folder_id INTEGER"
        " REFERENCES folders(id) ON DELETE SET NULL"
    )
    conn.execute("CREATE INDEX conversations_by_folder ON conversations(folder_id)")


def _add_answer_sources(conn: sqlite3.Connection) -> None:
    """The document passages each answer was sent (JSON, core/cited_sources.py), so its
    Sources and [n] citations open the same passages after a restart."""
    conn.execute(
        "CREATE TABLE answer_sources (message_id INTEGER PRIMARY KEY"
        " REFERENCES messages(id) ON DELETE CASCADE, sources TEXT NOT NULL)"
    )


MIGRATIONS: tuple[Migration, ...] = (
    _create_core_tables,
    _create_search_index,
    _add_message_tree,
    _index_search_by_trigram,
    _add_images,
    _add_drafts,
    _add_error_text,
    _add_tool_calls,
    _add_import_sources,
    _add_folders,
    _add_answer_sources,
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
                    text(
                        QT_TRANSLATE_NOOP(
                            "core",
                            "The history was written by a newer version of Parley (schema "
                            "{schema}; this version knows {known}). Update Parley to open it.",
                        ),
                        schema=current,
                        known=len(MIGRATIONS),
                    )
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
