"""Where a message is written: text, attachments, model and tools pickers, context meter."""
