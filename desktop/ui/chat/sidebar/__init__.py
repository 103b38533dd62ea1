"""The conversation list: folders, dated groups, search, import."""
