"""Persistence: SQLite history, typed settings file, secrets. No Qt here."""
