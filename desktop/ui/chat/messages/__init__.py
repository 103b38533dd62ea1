"""The conversation's messages: bubbles, their actions and versions, tool cards, notices."""
