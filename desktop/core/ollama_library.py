"""Popular models of the Ollama library, shipped as data (resources/ollama_library.json).

Ollama has no API that lists or searches its library (ollama#286, open since 2023; the
ollama-python request was closed as out of scope), so Parley ships the list with the date
it was taken and says so; nothing here goes to the network. Each model has its tags with
the download size ollama.com shows and its capabilities in Ollama's own words
(``completion``, ``tools``, ``thinking``, ``vision``, ``embedding``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class LibraryTag:
    tag: str
    size: int


@dataclass(frozen=True, slots=True)
class LibraryModel:
    name: str
    description: str
    capabilities: tuple[str, ...]
    default_tag: str
    tags: tuple[LibraryTag, ...]
    translated: tuple[tuple[str, str], ...] = ()
    """The description in other languages: (language such as "zh_CN", text)."""

    def described(self, language: str) -> str:
        """The description in ``language`` ("zh_CN", or "zh" for any Chinese), else English."""
        for tag, words in self.translated:
            if tag == language or tag.split("_")[0] == language.split("_")[0]:
                return words
        return self.description

    def pull_name(self, tag: str | None = None) -> str:
        return f"{self.name}:{tag or self.default_tag}"

    def matches(self, text: str) -> bool:
        needle = text.strip().lower()
        descriptions = [self.description, *(words for _tag, words in self.translated)]
        return not needle or needle in self.name or any(needle in d.lower() for d in descriptions)


@dataclass(frozen=True, slots=True)
class LibraryCatalog:
    as_of: date | None
    models: tuple[LibraryModel, ...]

    def find(self, name: str) -> LibraryModel | None:
        return next((model for model in self.models if model.name == name), None)


EMPTY_CATALOG = LibraryCatalog(None, ())


def _model(raw: dict[str, Any]) -> LibraryModel:
    tags = tuple(LibraryTag(str(t["tag"]), int(t["size"])) for t in raw["tags"])
    return LibraryModel(
        name=str(raw["name"]),
        description=str(raw.get("description", "")),
        capabilities=tuple(str(c) for c in raw.get("capabilities", ())),
        default_tag=str(raw.get("default_tag") or (tags[0].tag if tags else "latest")),
        tags=tags,
        translated=tuple(
            (str(tag), str(words)) for tag, words in dict(raw.get("descriptions") or {}).items()
        ),
    )


def parse_catalog(text: str) -> LibraryCatalog:
    """The catalogue from its JSON; ValueError if it is not the expected shape."""
    try:
        raw = json.loads(text)
        stamp = raw.get("as_of")
        return LibraryCatalog(
            date.fromisoformat(stamp) if isinstance(stamp, str) else None,
            tuple(_model(model) for model in raw["models"]),
        )
    except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as error:
        raise ValueError(f"not a library catalogue: {error}") from error


def load_catalog(path: Path) -> LibraryCatalog:
    """The shipped catalogue; empty when the file is missing or damaged (a wheel install)."""
    try:
        return parse_catalog(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return EMPTY_CATALOG
