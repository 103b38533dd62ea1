"""Chunks follow the structure, fit the size, overlap, and know where they come from."""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.documents.blocks import BlockKind, DocumentText
from desktop.documents.chunking import chunk_document
from desktop.documents.extract import extract
from desktop.documents.text_formats import markdown_text
from tests.documents.pdf_maker import write_pdf

LONG = "The installer copies files into place and checks each one. " * 40


def test_headings_start_chunks_and_stay_with_their_text() -> None:
    document = markdown_text(f"# Guide\n\nIntro.\n\n## Install\n\n{LONG}\n\n## Use\n\nOpen it.\n")
    chunks = chunk_document(document, max_chars=600, overlap_chars=100)
    assert chunks[0].text == "# Guide\n\nIntro."
    assert chunks[1].text.startswith("## Install\n\nThe installer")
    assert chunks[-1].text == "## Use\n\nOpen it."
    assert chunks[-1].section == "Guide › Use"
    install = [chunk for chunk in chunks if chunk.section == "Guide › Install"]
    assert len(install) >= 4
    for chunk in chunks:
        assert len(chunk.text) <= 600
        assert chunk.text == document.text[chunk.start : chunk.end]
    for first, second in itertools.pairwise(install):
        assert second.start < first.end  # overlap
        assert first.end - second.start <= 150
        assert document.text[second.start - 1] in " \n"  # starts at a word


def test_a_code_block_that_fits_is_never_split() -> None:
    code = "```python\n" + "\n".join(f"x{i} = {i}" for i in range(40)) + "\n```"
    document = markdown_text(f"# Code\n\n{'Some words here. ' * 20}\n\n{code}\n\nAfter.")
    chunks = chunk_document(document, max_chars=600, overlap_chars=100)
    assert any(code in chunk.text for chunk in chunks)


def test_each_chunk_cites_one_pdf_page(tmp_path: Path) -> None:
    pages = [[f"Page {n} line {i} about topic {n}." for i in range(30)] for n in range(1, 4)]
    document = extract(write_pdf(tmp_path / "three.pdf", pages))
    chunks = chunk_document(document, max_chars=400, overlap_chars=80)
    assert {chunk.page for chunk in chunks} == {1, 2, 3}
    for chunk in chunks:
        assert f"Page {chunk.page} line" in chunk.text
        assert all(f"Page {other} " not in chunk.text for other in {1, 2, 3} - {chunk.page})


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(list(BlockKind)),
            st.text(alphabet="abc xyz.\n", min_size=1, max_size=900),
        ),
        max_size=25,
    ),
    st.integers(min_value=80, max_value=700),
)
def test_chunks_cover_every_word_within_size(
    blocks: list[tuple[BlockKind, str]], max_chars: int
) -> None:
    document = DocumentText("text")
    for index, (kind, words) in enumerate(blocks):
        document.add(kind, words, level=1 + index % 3)
    chunks = chunk_document(document, max_chars=max_chars, overlap_chars=max_chars // 5)
    covered = [False] * len(document.text)
    for chunk in chunks:
        assert 0 < len(chunk.text) <= max_chars
        assert chunk.text == document.text[chunk.start : chunk.end]
        for position in range(chunk.start, chunk.end):
            covered[position] = True
    missing = [document.text[i] for i, seen in enumerate(covered) if not seen]
    assert "".join(missing).strip() == ""
    assert [chunk.ordinal for chunk in chunks] == list(range(len(chunks)))
