"""Qt counts text positions in UTF-16 units, Python in characters: an emoji or any other
character beyond the Basic Multilingual Plane is one character but two units."""

from __future__ import annotations


def utf16_length(text: str) -> int:
    """How many UTF-16 units ``text`` takes in a Qt document (counted in C: the code
    highlighter asks for every coloured span of a non-ASCII line). A lone surrogate, which
    Qt can hand over, counts as the one unit it is."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2
