"""Qt widgets, item models and the asyncio bridge. No HTTP, no SQL here."""
