"""Reciprocal rank fusion: one ranking out of several (keyword and vector search).

Each list contributes 1 / (k + rank) for every item it ranks (rank 1 first); k = 60 as
in Cormack, Clarke and Büttcher (2009), which keeps one list's top item from drowning
an item both lists rank well.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeVar

K = 60
T = TypeVar("T", bound=Hashable)


def reciprocal_rank_fusion(rankings: Sequence[Sequence[T]], *, k: int = K) -> list[tuple[T, float]]:
    """Items of all ``rankings`` by fused score, best first (ties: first seen first)."""
    scores: dict[T, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda pair: pair[1], reverse=True)
