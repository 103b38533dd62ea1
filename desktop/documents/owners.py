"""Who a stored document belongs to, as the owner string the document store keeps.

A conversation's answers draw on its own documents, its folder's, and the collections
the person attached to it; one store holds them all, told apart by owner.
"""

from __future__ import annotations

from collections.abc import Iterable


def conversation_owner(conversation_id: int) -> str:
    return f"conversation:{conversation_id}"


def folder_owner(folder_id: int) -> str:
    return f"folder:{folder_id}"


def collection_owner(collection_id: int | str) -> str:
    return f"collection:{collection_id}"


def owners_for(
    conversation_id: int,
    folder_id: int | None = None,
    collections: Iterable[int | str] = (),
) -> list[str]:
    """Every owner whose documents an answer in this conversation may draw on."""
    owners = [conversation_owner(conversation_id)]
    if folder_id is not None:
        owners.append(folder_owner(folder_id))
    owners.extend(collection_owner(collection) for collection in collections)
    return owners
