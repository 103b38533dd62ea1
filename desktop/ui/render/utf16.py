"""Qt counts text positions in UTF-16 units, Python in characters: an emoji or any other
character beyond the Basic Multilingual Plane is one character but two units."""

from __future__ import annotations


def utf16_length(text: str) -> int:
    """How many UTF-16 units ``text`` takes in a Qt document."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)
