"""The menu tree built from dotted deck IDs, and each page's place in it."""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel, ConfigDict

from slidegen.config import CONFIG_NAME, SiteConfig
from slidegen.diagnostics import Report
from slidegen.ids import DeckKey, format_id, parse_id
from slidegen.model import Deck


class MenuNode(BaseModel):
    """One entry of the menu: a section, a deck, or a deck that also has children."""

    model_config = ConfigDict(frozen=True)

    key: DeckKey
    title: str
    deck: Deck | None = None
    children: list[MenuNode] = []

    @property
    def id(self) -> str:
        """Dotted ID of this entry ("" for the home page)."""
        return format_id(self.key)

    @property
    def is_section(self) -> bool:
        """A section has its own menu page."""
        return bool(self.children)

    @property
    def url(self) -> str:
        """Output path of the page this entry opens, relative to the output root."""
        if not self.key:
            return "index.html"
        return f"menu/{self.id}.html" if self.is_section else deck_url(self.id)

    def walk(self) -> list[MenuNode]:
        """This node and every node below it, depth first in ID order."""
        return [self, *(n for c in self.children for n in c.walk())]


def deck_url(deck_id: str) -> str:
    """Output path of a deck's page."""
    return f"deck/{deck_id}.html"


class Site(BaseModel):
    """Everything the renderer needs about the whole site."""

    model_config = ConfigDict(frozen=True)

    config: SiteConfig
    root: MenuNode
    decks: list[Deck]

    def sections(self) -> list[MenuNode]:
        """Every node with a menu page, the home page first."""
        return [n for n in self.root.walk() if n.is_section or not n.key]

    def trail(self, key: DeckKey) -> list[MenuNode]:
        """The nodes from home down to the parent of `key`, for breadcrumbs."""
        nodes = [self.root]
        for depth in range(1, len(key)):
            nodes.append(next(c for c in nodes[-1].children if c.key == key[:depth]))
        return nodes

    def trail_keys(self) -> dict[DeckKey, str]:
        """For every node, its breadcrumb trail (titles and URLs) as one string, in one walk."""
        found: dict[DeckKey, str] = {}

        def visit(node: MenuNode, above: str) -> None:
            found[node.key] = above
            for child in node.children:
                visit(child, f"{above}\0{node.title}\0{node.url}")

        visit(self.root, "")
        return found


def build_site(config: SiteConfig, decks: list[Deck], report: Report) -> Site:
    """Arrange decks into the menu tree; title sections from config, a deck, or a fallback."""
    by_key = {d.key: d for d in decks}
    children: dict[DeckKey, list[DeckKey]] = defaultdict(list)
    for key in sorted({k[:depth] for k in by_key for depth in range(1, len(k) + 1)}):
        children[key[:-1]].append(key)
    titles = {parse_id(k): v for k, v in config.menu.items()}
    for key in sorted(k for k in titles if k is not None and k not in children and k not in by_key):
        report.warning(
            "unused-menu-title", f'[menu] "{format_id(key)}" has no decks under it', CONFIG_NAME
        )
    tree = _Tree(by_key=by_key, children=children, titles=titles, config=config, report=report)
    return Site(config=config, root=tree.node(()), decks=[by_key[k] for k in sorted(by_key)])


class _Tree:
    """What building the menu needs at every level, passed once instead of to every call."""

    def __init__(
        self,
        by_key: dict[DeckKey, Deck],
        children: dict[DeckKey, list[DeckKey]],
        titles: dict[DeckKey | None, str],
        config: SiteConfig,
        report: Report,
    ) -> None:
        self.by_key = by_key
        self.children = children
        self.titles = titles
        self.config = config
        self.report = report

    def node(self, key: DeckKey) -> MenuNode:
        """Build the node for `key` and, recursively, its children."""
        kids = [self.node(k) for k in self.children.get(key, [])]
        deck = self.by_key.get(key)
        title = self.titles.get(key) or (deck.label if deck else "")
        if not key:
            title = self.config.title
        elif not title:
            title = _first_label(kids)
            self.report.warning(
                "section-title",
                f'menu section "{format_id(key)}" has no title; showing "{title}". Add'
                f' "{format_id(key)}" = "…" under [menu] in {CONFIG_NAME}',
                CONFIG_NAME,
            )
        return MenuNode(key=key, title=title, deck=deck, children=kids)


def _first_label(children: list[MenuNode]) -> str:
    """Title of the first deck found below, used when a section has none of its own."""
    for child in children:
        for node in child.walk():
            if node.deck:
                return node.deck.label
    return "…"
