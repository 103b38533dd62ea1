"""The words keyword search indexes and looks for in document chunks.

FTS5's unicode61 tokenizer splits text at spaces and punctuation. Chinese and Japanese are
written without spaces, so to it a whole clause is one "word" that no question ever
matches. Runs of their characters are indexed, and looked for, as overlapping pairs of
characters instead (上海天气 → 上海 海天 天气), the usual way of searching these scripts
without a dictionary: a question's pair matches wherever the same two characters stand
together in a passage.
"""

from __future__ import annotations

import re

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""Hiragana, katakana and the CJK ideographs (Korean is written with spaces)."""
CJK_RUN = re.compile(f"[{CJK}]+")
CJK_GLOB = f"*[{CJK}]*"
"""SQLite GLOB pattern of a text holding any such character."""
WORD = re.compile(r"\w{2,}")
# Words every question has: matched by keyword search they rank passages at random and,
# fused with equal weight, push the vector search's good answers out of the top k.
_STOP_WORDS = """a about after all also am an and any are as at be because been before being but by
    can could did do does doing for from had has have how if in into is it its just me
    more most my no not of on or our should so some such than that the their them then
    there these they this those to too up us very was we were what when where which while
    who why will with would you your i get got much many can't don't"""
STOP_WORDS = frozenset(_STOP_WORDS.split())


def _pairs(run: str) -> str:
    if len(run) == 1:
        return run
    return " ".join(run[i : i + 2] for i in range(len(run) - 1))


def index_terms(text: str) -> str:
    """``text`` as the index sees it: runs of Chinese or Japanese characters turned into
    their overlapping pairs; everything else as it was."""
    if not CJK_RUN.search(text):
        return text
    return CJK_RUN.sub(lambda found: f" {_pairs(found.group())} ", text)


def keyword_query(question: str) -> str:
    """An FTS5 query matching any word of ``question`` but the commonest (each quoted: no
    FTS syntax)."""
    words = dict.fromkeys(
        word
        for word in (found.lower() for found in WORD.findall(index_terms(question)))
        if word not in STOP_WORDS
    )
    return " OR ".join(f'"{word}"' for word in list(words)[:32])
