"""The chat page: conversations sidebar, the conversation, the composer and its bar."""
