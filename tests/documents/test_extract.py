"""Text and structure out of every supported kind of file, and a clear refusal otherwise."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from desktop.documents.blocks import BlockKind
from desktop.documents.extract import MAX_BYTES, extract
from desktop.documents.problems import DocumentProblem, Reason
from tests.documents.docx_maker import write_docx
from tests.documents.pdf_maker import write_locked_pdf, write_pdf


def kinds(document) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(block.kind.value, document.text[block.start : block.end]) for block in document.blocks]


def test_pdf_pages_and_paragraphs(tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "report.pdf",
        [
            ["Quarterly report", "", "Revenue grew by 12 percent.", "Costs stayed flat."],
            ["Outlook", "", "We expect (cautious) growth."],
        ],
    )
    document = extract(path)
    assert document.kind == "pdf" and document.pages == 2
    pages = {block.page for block in document.blocks}
    assert pages == {1, 2}
    # PDF has no paragraph marks: a page's lines come as they are (chunks cut at lines).
    second = [document.text[b.start : b.end] for b in document.blocks if b.page == 2]
    assert second == ["Outlook\nWe expect (cautious) growth."]
    assert "Revenue grew by 12 percent.\nCosts stayed flat." in document.text


def test_encrypted_pdf_is_refused_with_a_reason(tmp_path: Path) -> None:
    locked = write_locked_pdf(tmp_path)
    with pytest.raises(DocumentProblem) as problem:
        extract(locked)
    assert problem.value.reason is Reason.ENCRYPTED
    assert "locked.pdf is protected by a password" in problem.value.message


def test_scanned_pdf_without_text_layer_says_so(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "scan.pdf", [None, None, None])
    with pytest.raises(DocumentProblem) as problem:
        extract(path)
    assert problem.value.reason is Reason.NO_TEXT
    assert "no text to read on any of its 3 pages" in problem.value.message
    assert "OCR" in problem.value.message


def test_damaged_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    with pytest.raises(DocumentProblem) as problem:
        extract(path)
    assert problem.value.reason is Reason.UNREADABLE


def test_a_500_mb_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:  # sparse: no 500 MB written
        stream.truncate(500 * 1024 * 1024)
    started = time.perf_counter()
    with pytest.raises(DocumentProblem) as problem:
        extract(path)
    assert time.perf_counter() - started < 0.5
    assert problem.value.reason is Reason.TOO_LARGE
    assert f"huge.txt is 500 MB; Parley reads documents up to {MAX_BYTES >> 20} MB" in str(
        problem.value
    )


@pytest.mark.parametrize(
    ("name", "data", "shown"),
    [
        ("sheet.xlsx", b"PK\x03\x04...", "Excel"),
        ("photo.png", b"\x89PNG\r\n\x1a\n", "PNG image"),
        ("blob.dat", bytes(range(256)) * 4, "DAT"),
    ],
)
def test_unsupported_types(tmp_path: Path, name: str, data: bytes, shown: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DocumentProblem) as problem:
        extract(path)
    assert problem.value.reason is Reason.UNSUPPORTED
    assert f"{name} is a {shown} file, which Parley cannot read" in problem.value.message


def test_empty_text_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("\n\n   \n")
    with pytest.raises(DocumentProblem) as problem:
        extract(path)
    assert problem.value.reason is Reason.NO_TEXT


def test_markdown_headings_sections_and_code(tmp_path: Path) -> None:
    path = tmp_path / "guide.md"
    path.write_text(
        "# Guide\n\nIntro.\n\n## Install\n\nRun it.\n\n```sh\npip install x\n\necho done\n```\n"
        "\n## Use\nOpen it.\n"
    )
    document = extract(path)
    assert kinds(document) == [
        ("heading", "# Guide"),
        ("paragraph", "Intro."),
        ("heading", "## Install"),
        ("paragraph", "Run it."),
        ("code", "```sh\npip install x\n\necho done\n```"),  # the blank line stays inside
        ("heading", "## Use"),
        ("paragraph", "Open it."),
    ]
    assert [block.section for block in document.blocks][-3:] == [
        "Guide › Install",
        "Guide › Use",
        "Guide › Use",
    ]


def test_html_visible_text_only(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>T</title><style>p{color:red}</style></head><body>"
        "<h1>Welcome</h1><script>var x = 1;</script><p>First &amp; <b>bold</b> words.</p>"
        "<pre>line 1\n  line 2</pre><ul><li>one</li><li>two</li></ul></body></html>"
    )
    document = extract(path)
    assert kinds(document) == [
        ("heading", "Welcome"),
        ("paragraph", "First & bold words."),
        ("code", "line 1\n  line 2"),
        ("paragraph", "one"),
        ("paragraph", "two"),
    ]
    assert "color" not in document.text and "var x" not in document.text


def test_source_code_sections_follow_definitions(tmp_path: Path) -> None:
    path = tmp_path / "tool.py"
    path.write_text(
        "import os\n\n\ndef load(path):\n    return open(path)\n\n\n"
        "class Store:\n    def get(self):\n        pass\n"
    )
    document = extract(path)
    assert document.kind == "code:python"
    assert all(block.kind is BlockKind.CODE for block in document.blocks)
    assert [block.section for block in document.blocks] == ["", "load", "Store"]


def test_docx_headings_and_runs(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "memo.docx",
        [("Heading1", "Memo"), (None, "Hello |world"), ("Heading2", "Budget"), (None, "Tight.")],
    )
    document = extract(path)
    assert kinds(document) == [
        ("heading", "Memo"),
        ("paragraph", "Hello world"),
        ("heading", "Budget"),
        ("paragraph", "Tight."),
    ]
    assert document.blocks[-1].section == "Memo › Budget"


def test_text_encodings(tmp_path: Path) -> None:
    utf8 = tmp_path / "a.txt"
    utf8.write_bytes("\ufeffCafé\r\n\r\nNaïve".encode())
    legacy = tmp_path / "b.txt"
    legacy.write_bytes("Café".encode("cp1252"))
    assert extract(utf8).text == "Café\n\nNaïve"
    assert extract(legacy).text == "Café"
