"""Pure: HTML as plain text, for postings saved as web pages (imported only when one is HTML)."""

from __future__ import annotations

import html
from html.parser import HTMLParser


class _Text(HTMLParser):
    """HTML to text: tags dropped (block tags become line breaks), scripts and styles skipped."""

    BLOCKS = frozenset({"p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "ul", "ol", "section"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("script", "style", "noscript", "template"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "noscript", "template"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_text(raw: str) -> str:
    """Tags stripped (block tags become line breaks), entities decoded, scripts and styles dropped."""
    parser = _Text()
    parser.feed(raw)
    parser.close()
    return html.unescape("".join(parser.parts))
