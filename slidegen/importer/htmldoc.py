"""Read an HTML document: headings, paragraphs, lists, tables and local pictures."""

from __future__ import annotations

import base64
import binascii
import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree
from lxml import html as lxml_html

from slidegen.diagnostics import Report
from slidegen.importer.elements import Element, ExtractedImage, Kind, SourceDoc
from slidegen.importer.footnotes import CITATION
from slidegen.importer.inline import Span, link_target, to_markdown
from slidegen.importer.notes import note, warn
from slidegen.importer.pictures import extract
from slidegen.importer.tables import table_element

DROPPED = frozenset(
    {
        *("script", "style", "noscript", "template", "iframe", "object", "embed"),
        *("svg", "math", "form", "input", "button", "select", "textarea", "canvas", "nav"),
    }
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = frozenset(
    {
        *("p", "div", "section", "article", "main", "header", "footer", "aside", "body"),
        *("ul", "ol", "li", "table", "blockquote", "pre", "hr", "dl", "figure", "figcaption"),
        *("address", "center", "tbody", "thead", "tfoot", "tr", "td", "th", "caption"),
        *_HEADINGS,
    }
)
_BOLD = frozenset({"b", "strong"})
_ITALIC = frozenset({"i", "em", "cite", "var", "dfn"})
_STRIKE = frozenset({"s", "strike", "del"})
_SPACE = re.compile(r"[ \t\n\r\f]+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_FOOTNOTE_START = re.compile(r"^\s*" + CITATION.pattern)


def read_html(
    text: str, name: str, base: Path | None, image_prefix: str, report: Report
) -> SourceDoc | None:
    """Elements of an HTML document; scripts, styles and forms are dropped and listed."""
    if not text.strip():
        return SourceDoc(name=name, elements=[], plain="")
    try:
        root = lxml_html.document_fromstring(_XML_DECLARATION.sub("", text, count=1))
    except (etree.ParserError, ValueError) as exc:
        report.error("unreadable", f"cannot read this HTML ({exc}); save it again as HTML", name)
        return None
    title = " ".join((root.findtext(".//title") or "").split())
    body = root.find("body")
    body = body if body is not None else root
    _drop_code(body, name, report)
    walker = _Walker(name, base, image_prefix, report)
    walker.block(body)
    walker.flush()
    return SourceDoc(
        name=name,
        elements=walker.elements,
        plain=_block_text(body),
        images=walker.images,
        title=title if walker.elements and walker.elements[0].kind is not Kind.HEADING else "",
    )


def _drop_code(body: etree._Element, name: str, report: Report) -> None:
    """Remove elements whose content is code or a control, saying which went."""
    dropped: Counter[str] = Counter()
    for element in list(body.iter()):
        tag = _tag(element)
        if tag in DROPPED:
            dropped[tag] += 1
        elif tag:
            continue
        # Comments and processing instructions go too, without a word.
        element.drop_tree()
    for tag, count in dropped.items():
        note(report, name, f"left out {count} <{tag}> element(s): a slide shows no {tag}")


class _Walker:
    """Walks the body once, turning block elements into document elements."""

    def __init__(self, name: str, base: Path | None, prefix: str, report: Report) -> None:
        self.name = name
        self.base = base
        self.prefix = prefix
        self.report = report
        self.elements: list[Element] = []
        self.images: list[ExtractedImage] = []
        self.pending: list[Span] = []
        self.pending_line: int | None = None

    def flush(self) -> None:
        """Loose inline content becomes a paragraph."""
        if "".join(s.text for s in self.pending).strip():
            self.paragraph(self.pending, self.pending_line)
        self.pending = []
        self.pending_line = None

    def paragraph(self, spans: list[Span], line: int | None) -> None:
        """A paragraph, or a footnote when it opens with a superscript number."""
        text = to_markdown(_trim(spans))
        if not text.strip():
            return
        footnote = _FOOTNOTE_START.match(text)
        kind = Kind.FOOTNOTE if footnote else Kind.PARAGRAPH
        number = int(footnote[1]) if footnote else None
        self.elements.append(Element(kind=kind, text=text, line=line, number=number))

    def block(self, node: etree._Element) -> None:
        """Handle the children of a block container, in order."""
        self._loose_text(node.text, node)
        for child in node:
            tag = _tag(child)
            if tag in _BLOCKS or tag == "img":
                self.flush()
                self.block_element(child, tag)
            else:
                if not self.pending:
                    self.pending_line = child.sourceline
                self.pending.extend(self.spans(child, Span(text="")))
            self._loose_text(child.tail, node)

    def _loose_text(self, text: str | None, node: etree._Element) -> None:
        if text and text.strip():
            if not self.pending:
                self.pending_line = node.sourceline
            self.pending.append(Span(text=_SPACE.sub(" ", text)))

    def block_element(self, node: etree._Element, tag: str) -> None:
        """One block element: a heading, a list, a table, a picture or a paragraph."""
        line = node.sourceline
        if tag in _HEADINGS:
            text = to_markdown(_trim(self.spans(node, Span(text=""))))
            if text.strip():
                self.elements.append(
                    Element(kind=Kind.HEADING, text=text, level=_HEADINGS[tag], line=line)
                )
            self.images_in(node)
        elif tag in ("ul", "ol"):
            lines = self.list_lines(node, 0)
            if lines:
                self.elements.append(Element(kind=Kind.PARAGRAPH, text="\n".join(lines), line=line))
            self.images_in(node)
        elif tag == "table":
            self.table(node)
        elif tag == "dl":
            self.definitions(node)
        elif tag == "pre":
            code = node.text_content().strip("\n")
            fence = "~~~" if "```" in code else "```"
            self.elements.append(
                Element(kind=Kind.PARAGRAPH, text=f"{fence}\n{code}\n{fence}", line=line)
            )
        elif tag == "blockquote":
            quoted = to_markdown(_trim(self.spans(node, Span(text=""), breaks=True)))
            if quoted.strip():
                text = "\n".join(f"> {row}" for row in quoted.split("\n"))
                self.elements.append(Element(kind=Kind.PARAGRAPH, text=text, line=line))
        elif tag == "img":
            self.image(node)
        elif tag == "hr":
            return
        elif tag in ("p", "figcaption", "address", "caption", "li", "dt", "dd", "td", "th"):
            self.paragraph(self.spans(node, Span(text=""), breaks=True), line)
            self.images_in(node)
        else:
            self.block(node)
            self.flush()

    def spans(
        self, node: etree._Element, style: Span, breaks: bool = False, skip_lists: bool = False
    ) -> list[Span]:
        """The formatted text inside a node; block children are separated by line breaks."""
        tag = _tag(node)
        style = _styled(style, tag, node)
        out: list[Span] = []
        if tag == "br":
            out.append(style.model_copy(update={"text": "\n"}))
        if tag == "li" and not skip_lists:
            out.append(style.model_copy(update={"text": "• "}))
        if node.text and tag not in ("ul", "ol", "table", "tr"):
            out.append(style.model_copy(update={"text": _SPACE.sub(" ", node.text)}))
        for child in node:
            child_tag = _tag(child)
            if child_tag == "img" or (skip_lists and child_tag in ("ul", "ol")):
                pass
            else:
                inner = self.spans(child, style, breaks)
                if breaks and child_tag in _BLOCKS and out and inner:
                    out.append(style.model_copy(update={"text": "\n"}))
                out.extend(inner)
            if child.tail:
                out.append(style.model_copy(update={"text": _SPACE.sub(" ", child.tail)}))
        return out

    def list_lines(self, node: etree._Element, depth: int) -> list[str]:
        """Markdown list lines for a <ul> or <ol>, nested lists indented."""
        ordered = _tag(node) == "ol"
        number = int(node.get("start", "1")) if node.get("start", "1").isdigit() else 1
        lines: list[str] = []
        for item in node:
            if _tag(item) != "li":
                continue
            text = to_markdown(_trim(self.spans(item, Span(text=""), True, skip_lists=True)))
            marker = f"{number}." if ordered else "-"
            indent = "    " * depth
            rows = text.split("\n") if text else [""]
            lines.append(f"{indent}{marker} {rows[0]}".rstrip())
            lines.extend(f"{indent}    {row}" for row in rows[1:] if row.strip())
            number += 1
            for sub in item.iter("ul", "ol"):
                if _nearest_li(sub) is item:
                    lines.extend(self.list_lines(sub, depth + 1))
        return lines

    def table(self, node: etree._Element) -> None:
        """A table: its cells' formatted text, row by row."""
        rows: list[list[list[Span]]] = []
        header = False
        for index, row in enumerate(node.iter("tr")):
            cells = [c for c in row if _tag(c) in ("td", "th")]
            if index == 0:
                header = bool(cells) and all(_tag(c) == "th" for c in cells)
            rows.append([_trim(self.spans(c, Span(text=""), breaks=True)) for c in cells])
        if rows:
            self.elements.append(table_element(rows, header, node.sourceline))
        self.images_in(node)

    def definitions(self, node: etree._Element) -> None:
        """A definition list: each term and its description as a Key<TAB>Value row."""
        rows: list[list[list[Span]]] = []
        for child in node:
            tag = _tag(child)
            spans = _trim(self.spans(child, Span(text=""), breaks=True))
            if tag == "dt":
                rows.append([spans, []])
            elif tag == "dd" and rows:
                rows[-1][1] = rows[-1][1] + ([Span(text="\n")] if rows[-1][1] else []) + spans
        if rows:
            self.elements.append(table_element(rows, False, node.sourceline))

    def images_in(self, node: etree._Element) -> None:
        """Pictures inside a block element, after its text."""
        for img in node.iter("img"):
            self.image(img)

    def image(self, node: etree._Element) -> None:
        """A picture: embedded or a local file is copied; a web address cannot be, offline."""
        src = (node.get("src") or "").strip()
        data, ext = self._image_data(src, node.sourceline)
        if data is None:
            return
        image = extract(data, ext, self.prefix, self.name, self.report)
        self.images.append(image)
        self.elements.append(Element(kind=Kind.IMAGE, image=image.url, line=node.sourceline))

    def _image_data(self, src: str, line: int | None) -> tuple[bytes | None, str]:
        if src.startswith("data:"):
            header, _, payload = src.partition(",")
            try:
                return base64.b64decode(payload, validate=False), header[5:].split(";")[0]
            except (binascii.Error, ValueError):
                warn(self.report, "import-image", self.name, "a damaged embedded picture", line)
                return None, ""
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not src:
            warn(
                self.report,
                "import-image",
                self.name,
                f"picture {src or '(no src)'} not imported: kiosks run offline; save it into"
                " static/img/ and set img_path",
                line,
            )
            return None, ""
        path = (self.base or Path(".")) / unquote(parts.path)
        try:
            return path.read_bytes(), path.suffix
        except OSError as exc:
            warn(self.report, "import-image", self.name, f"picture {src}: {exc.strerror}", line)
            return None, ""


def _styled(style: Span, tag: str, node: etree._Element) -> Span:
    """The style inside an inline element."""
    update: dict[str, object] = {}
    if tag in _BOLD:
        update["bold"] = True
    elif tag in _ITALIC:
        update["italic"] = True
    elif tag in _STRIKE:
        update["strike"] = True
    elif tag == "sup":
        update["sup"] = True
    elif tag == "sub":
        update["sub"] = True
    elif tag == "a":
        update["href"] = link_target(node.get("href", ""))
    return style.model_copy(update=update) if update else style


def _trim(spans: list[Span]) -> list[Span]:
    """Spans without spaces at the start or end of each line."""
    text_spans = [s for s in spans if s.text]
    out: list[Span] = []
    for span in text_spans:
        text = span.text
        if not out or out[-1].text.endswith("\n"):
            text = text.lstrip(" ")
        if "\n" in text:
            text = "\n".join(
                part.strip(" ") if i else part.rstrip(" ")
                for i, part in enumerate(text.split("\n"))
            )
        out.append(span.model_copy(update={"text": text}))
    while out and not out[-1].text.strip():
        out.pop()
    if out:
        out[-1] = out[-1].model_copy(update={"text": out[-1].text.rstrip()})
    return out


def _block_text(node: etree._Element) -> str:
    """The text of a node with line breaks between blocks (so blocks never glue words)."""
    parts: list[str] = []
    for event, element in etree.iterwalk(node, events=("start", "end")):
        tag = _tag(element)
        if tag in _BLOCKS or tag in ("br", "img"):
            parts.append("\n")
        if event == "start" and element.text:
            parts.append(element.text)
        if event == "end" and element.tail and element is not node:
            parts.append(element.tail)
    return "".join(parts)


def _tag(node: etree._Element) -> str:
    """The element's lower-case tag name; "" for a comment or processing instruction."""
    return node.tag.lower() if isinstance(node.tag, str) else ""


def _nearest_li(node: etree._Element) -> etree._Element | None:
    parent = node.getparent()
    while parent is not None and _tag(parent) != "li":
        parent = parent.getparent()
    return parent
