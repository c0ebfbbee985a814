"""A small immutable tree of sanitised block HTML: parse, rebuild and serialise it."""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

VOID = frozenset({"br", "hr", "img", "wbr"})
INLINE = frozenset(
    {
        *("a", "abbr", "b", "br", "code", "em", "i", "mark", "s", "small", "span", "strong"),
        *("sub", "sup", "u", "wbr", "img"),
    }
)
Attrs = tuple[tuple[str, str | None], ...]


@dataclass(frozen=True, slots=True)
class Text:
    """A run of character data, entities already decoded."""

    text: str


@dataclass(frozen=True, slots=True)
class Element:
    """An element with its attributes and children."""

    tag: str
    attrs: Attrs = ()
    children: tuple[Node, ...] = ()

    def attr(self, name: str) -> str | None:
        """The value of an attribute, or None if absent."""
        for key, value in self.attrs:
            if key == name:
                return value
        return None

    def with_children(self, children: tuple[Node, ...]) -> Element:
        """The same element holding other children."""
        return Element(self.tag, self.attrs, children)

    def with_attr(self, name: str, value: str | None) -> Element:
        """The same element with an attribute set (None removes it)."""
        kept = tuple((k, v) for k, v in self.attrs if k != name)
        return Element(self.tag, kept if value is None else (*kept, (name, value)), self.children)

    def with_class(self, name: str) -> Element:
        """The same element with one more class (itself, if it has that class already)."""
        classes = (self.attr("class") or "").split()
        return self if name in classes else self.with_attr("class", " ".join([*classes, name]))


Node = Text | Element


def is_inline(node: Node) -> bool:
    """Text and phrasing elements flow in lines; everything else stacks as a block."""
    return isinstance(node, Text) or node.tag in INLINE


def is_blank(node: Node) -> bool:
    """Whitespace-only text, which takes no room between blocks."""
    return isinstance(node, Text) and not node.text.strip()


class _Builder(HTMLParser):
    """Builds the tree; the input is nh3 output, so it is well-formed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, Attrs, list[Node]]] = [("", (), [])]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self.stack[-1][2].append(Element(tag, tuple(attrs)))
        else:
            self.stack.append((tag, tuple(attrs), []))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1][2].append(Element(tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not any(open_tag == tag for open_tag, _, _ in self.stack[1:]):
            return
        while True:
            open_tag, attrs, children = self.stack.pop()
            self.stack[-1][2].append(Element(open_tag, attrs, tuple(children)))
            if open_tag == tag:
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1][2].append(Text(data))

    def result(self) -> tuple[Node, ...]:
        while len(self.stack) > 1:
            self.handle_endtag(self.stack[-1][0])
        return tuple(self.stack[0][2])


def parse(fragment: str) -> tuple[Node, ...]:
    """The top-level nodes of an HTML fragment."""
    builder = _Builder()
    builder.feed(fragment)
    builder.close()
    return builder.result()


def serialise(nodes: tuple[Node, ...]) -> str:
    """HTML for nodes; text and attribute values are escaped again."""
    return "".join(_write(node) for node in nodes)


def _write(node: Node) -> str:
    if isinstance(node, Text):
        return html.escape(node.text, quote=False)
    attrs = "".join(
        f" {k}" if v is None else f' {k}="{html.escape(v, quote=True)}"' for k, v in node.attrs
    )
    if node.tag in VOID:
        return f"<{node.tag}{attrs}>"
    return f"<{node.tag}{attrs}>{serialise(node.children)}</{node.tag}>"


def text_content(nodes: tuple[Node, ...]) -> str:
    """All character data under the nodes, in document order."""
    return "".join(_texts(nodes))


def has_text(nodes: tuple[Node, ...]) -> bool:
    """Whether any character data under the nodes is more than white space."""
    return any(not text.isspace() for text in _texts(nodes) if text)


def ends_with(nodes: tuple[Node, ...], suffix: str) -> bool:
    """Whether the text under the nodes, trailing white space aside, ends with `suffix`."""
    for node in reversed(nodes):
        if isinstance(node, Text):
            text = node.text.rstrip()
        elif node.tag == "br" or not has_text(node.children):
            continue
        else:
            return ends_with(node.children, suffix)
        if text:
            return text.endswith(suffix)
    return False


def _texts(nodes: tuple[Node, ...]) -> Iterator[str]:
    for node in nodes:
        if isinstance(node, Text):
            yield node.text
        else:
            yield from _texts(node.children)
