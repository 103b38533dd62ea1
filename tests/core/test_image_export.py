"""Attached images in exports: Markdown links to files beside it, JSON holds them."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from desktop.core.conversation_export import (
    ImportProblem,
    exported,
    from_json,
    to_json,
    to_markdown,
    write_image_files,
)
from desktop.core.image_preparation import prepare_image
from desktop.core.messages import Role
from desktop.storage.history import HistoryStore
from tests.pictures import encoded, sharp_pattern


def test_markdown_links_image_files_written_beside_it(tmp_path: Path) -> None:
    image = prepare_image(encoded(sharp_pattern(30, 20), "PNG"), name="chart.png")
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        chat = store.create_conversation("My chart", "m")
        store.add_message(chat.id, Role.USER, "what does it show?", images=[image])
        path = [step.message for step in store.active_path(chat.id)]
    markdown = tmp_path / "My chart.md"
    links = write_image_files(markdown, [image])
    text = to_markdown(chat, path, links)
    link = f"My chart_images/{image.digest[:16]}.png"
    assert f"![Image 1](<{link}>)" in text
    assert (tmp_path / link).read_bytes() == image.data
    assert "*(image 1 missing)*" in to_markdown(chat, path)


def _document(tmp_path: Path) -> dict[str, object]:
    image = prepare_image(encoded(sharp_pattern(30, 20), "PNG"))
    with HistoryStore.open(tmp_path / "h.sqlite3") as store:
        chat = store.create_conversation("c", "m")
        store.add_message(chat.id, Role.USER, "see", images=[image])
        messages = store.messages(chat.id)
        text = to_json(exported(chat, messages, [m.id for m in messages], [image]))
    document: dict[str, object] = json.loads(text)
    return document


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda d: d["images"][0].update(data="not base64!"), "not valid base64"),
        (
            lambda d: d["images"][0].update(data=base64.b64encode(b"hello").decode()),
            "not a picture",
        ),
        (lambda d: d["images"][0].update(sha256="0" * 64), "does not match its sha256"),
        (lambda d: d.pop("images"), "does not hold"),
    ],
)
def test_a_damaged_image_in_a_file_is_named(tmp_path: Path, damage, expected: str) -> None:
    document = _document(tmp_path)
    from_json(json.dumps(document))  # intact: imports
    damage(document)
    with pytest.raises(ImportProblem, match=expected):
        from_json(json.dumps(document))
