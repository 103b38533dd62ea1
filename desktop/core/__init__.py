"""Domain layer: conversations, messages, streaming events, errors. No Qt here."""
