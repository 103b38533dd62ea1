"""Word .docx with the standard library: paragraphs of word/document.xml, Heading styles.

python-docx would bring lxml (about 16 MB) for what a zip file and ElementTree read.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from desktop.documents import problems
from desktop.documents.blocks import BlockKind, DocumentText

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING_STYLE = re.compile(r"^(?:Heading|heading)\s*([1-9])$|^Title$")
PART_LIMIT = 200 * 1024 * 1024  # an uncompressed document.xml larger than this is refused


def docx_text(path: Path) -> DocumentText:
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > PART_LIMIT:
                raise problems.too_large(path.name, info.file_size, PART_LIMIT)
            xml = archive.read(info)
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        if _is_encrypted_office(path):
            raise problems.encrypted(path.name, str(error)) from None
        raise problems.unreadable(path.name, str(error)) from None
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        raise problems.unreadable(path.name, str(error)) from None
    document = DocumentText("docx")
    body = root.find(f"{W}body")
    for paragraph in body.iter(f"{W}p") if body is not None else ():
        words = "".join(
            node.text or ("\t" if node.tag == f"{W}tab" else "\n")
            for node in paragraph.iter()
            if node.tag in (f"{W}t", f"{W}tab", f"{W}br")
        )
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        name = style.get(f"{W}val", "") if style is not None else ""
        heading = HEADING_STYLE.match(name)
        if heading:
            document.add(BlockKind.HEADING, words, level=int(heading.group(1) or 1))
        else:
            document.add(BlockKind.PARAGRAPH, words)
    return document


def _is_encrypted_office(path: Path) -> bool:
    """A password-protected .docx is an OLE compound file, not a zip."""
    with path.open("rb") as stream:
        return stream.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
