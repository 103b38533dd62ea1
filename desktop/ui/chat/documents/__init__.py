"""Documents attached to a conversation: chips, the list, indexing, sources, passages."""
