"""HTML: visible text in blocks (headings h1–h6, paragraphs, <pre> as code), no scripts."""

from __future__ import annotations

from html.parser import HTMLParser

from desktop.documents.blocks import BlockKind, DocumentText

BLOCKS = {
    "p", "div", "li", "ul", "ol", "table", "tr", "blockquote", "section", "article",
    "header", "footer", "main", "nav", "aside", "dd", "dt", "figcaption", "br", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6", "pre", "title", "td", "th",
}  # fmt: skip
HIDDEN = {"script", "style", "noscript", "template", "svg", "head"}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.document = DocumentText("html")
        self._buffer: list[str] = []
        self._hidden = 0
        self._pre = 0
        self._heading = 0
        self._title: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN and tag != "head":
            self._hidden += 1
        if tag == "title":
            self._in_title = True
        if tag in BLOCKS:
            self._flush()
        if tag == "pre":
            self._pre += 1
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = int(tag[1])

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN and tag != "head":
            self._hidden = max(0, self._hidden - 1)
        if tag == "title":
            self._in_title = False
        if tag in BLOCKS:
            self._flush()
        if tag == "pre":
            self._pre = max(0, self._pre - 1)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif not self._hidden:
            self._buffer.append(data)

    def _flush(self) -> None:
        raw = "".join(self._buffer)
        self._buffer.clear()
        if self._pre:
            self.document.add(BlockKind.CODE, raw)
        elif self._heading:
            self.document.add(BlockKind.HEADING, " ".join(raw.split()), level=self._heading)
        else:
            self.document.add(BlockKind.PARAGRAPH, " ".join(raw.split()))
        self._heading = 0

    def close(self) -> None:
        super().close()
        self._flush()


def html_text(markup: str) -> DocumentText:
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    return reader.document
