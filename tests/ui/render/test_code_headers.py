"""A code block's header row: its words follow the language in use (the language a block
names, or one guessed for it, stays as it is), and Copy copies the block's code."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication

from desktop.core.markdown_blocks import split_blocks
from desktop.ui.render.block_document_view import BlockDocumentView
from desktop.ui.translations import CHINESE, Translations
from tests.ui.conftest import wait_until
from tests.ui.test_i18n import compiled_catalog  # noqa: F401 (builds the Chinese catalog)

ANSWER = """Two blocks:

```
plain words, no language to guess
```

```rust
fn main() {}
```
"""


@pytest.fixture
def translations() -> Iterator[Translations]:
    translations = Translations()
    yield translations
    translations.close()


def header_view(qtbot: object) -> BlockDocumentView:
    view = BlockDocumentView()
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    view.resize(640, 400)
    view.add_blocks(split_blocks(ANSWER))
    return view


def test_words_drawn_before_a_language_switch_follow_it(
    qtbot: object, translations: Translations
) -> None:
    view = header_view(qtbot)
    before = view.toPlainText()
    assert "code\nCopy   Save…" in before and "rust\nCopy   Save…" in before
    translations.apply(CHINESE)
    after = view.toPlainText()
    assert "代码\n复制   保存…" in after, after
    assert "rust\n复制   保存…" in after, "the block's own language is not ours to translate"
    assert view.code_headers.link_text(1) == "复制"


async def test_copy_puts_the_code_on_the_clipboard_and_says_so_for_a_moment(
    qtbot: object,
) -> None:
    view = header_view(qtbot)
    view.anchorClicked.emit(QUrl("copy:1"))
    assert QGuiApplication.clipboard().text() == "fn main() {}"
    assert view.code_headers.link_text(1) == "Copied"
    assert view.code_headers.link_text(0) == "Copy", "only the block copied says so"
    await wait_until(lambda: view.code_headers.link_text(1) == "Copy", timeout=5)


def test_a_link_to_a_block_that_is_not_there_does_nothing(qtbot: object) -> None:
    view = header_view(qtbot)
    QGuiApplication.clipboard().setText("kept")
    view.anchorClicked.emit(QUrl("copy:7"))
    view.anchorClicked.emit(QUrl("save:7"))
    assert QGuiApplication.clipboard().text() == "kept"
    assert [view.code_headers.link_text(index) for index in (0, 1)] == ["Copy", "Copy"]
