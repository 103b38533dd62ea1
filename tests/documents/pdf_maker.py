"""PDF files written by hand for the tests: text pages, image-only ("scanned") pages.

Pages use the standard Helvetica font (no embedding, WinAnsi text), one ``Tj`` per line,
so a text layer is exactly the lines given. An image-only page draws a grey picture and
has no text at all, as a scan without OCR.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path

PAGE_WIDTH, PAGE_HEIGHT = 612, 792
LINE_HEIGHT = 14


def escape(line: str) -> bytes:
    raw = line.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text_stream(lines: Sequence[str]) -> bytes:
    parts = [b"BT /F1 11 Tf 72 740 Td %d TL" % LINE_HEIGHT]
    for line in lines:
        parts.append(b"(" + escape(line) + b") Tj T*")
    parts.append(b"ET")
    return b"\n".join(parts)


def image_stream() -> bytes:
    return b"q 468 0 0 600 72 100 cm /Im1 Do Q"


def write_pdf(path: Path, pages: Sequence[Sequence[str] | None]) -> Path:
    """``pages``: the lines of each page, or None for an image-only page."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pixels = zlib.compress(bytes(range(64)) * 64)
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(pixels)
        + pixels
        + b"\nendstream"
    )
    kids = []
    for lines in pages:
        content = image_stream() if lines is None else text_stream(lines)
        data = zlib.compress(content)
        stream = add(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
        )
        resources = (
            b"/XObject << /Im1 %d 0 R >>" % image
            if lines is None
            else b"/Font << /F1 %d 0 R >>" % font
        )
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << %s >> "
                b"/Contents %d 0 R >>" % (pages_id, PAGE_WIDTH, PAGE_HEIGHT, resources, stream)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    kid_refs = b" ".join(b"%d 0 R" % kid for kid in kids)
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kid_refs, len(kids))

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def write_locked_pdf(folder: Path) -> Path:
    """``folder``/locked.pdf: one page, encrypted with a password nobody gave Parley."""
    import pypdf

    plain = write_pdf(folder / "plain.pdf", [["Secret plans"]])
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.encrypt(user_password="hunter2", algorithm="RC4-128")
    locked = folder / "locked.pdf"
    with locked.open("wb") as stream:
        writer.write(stream)
    return locked
