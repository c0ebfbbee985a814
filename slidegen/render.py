"""Render pages with the theme's Jinja templates; autoescaped, content is never a template."""

from __future__ import annotations

from typing import Any

from jinja2 import BytecodeCache, Environment, StrictUndefined, Template, TemplateError
from pydantic import BaseModel, ConfigDict

from slidegen import versions
from slidegen.diagnostics import Report
from slidegen.media import template_globals as media_template_globals
from slidegen.model import Deck
from slidegen.site import MenuNode, Site, deck_url
from slidegen.slides import Slide
from slidegen.strings import ui_strings
from slidegen.theme import Theme

LOGO_POSITIONS = ("left", "center", "right", "none")


class RenderError(Exception):
    """A theme template failed; the message says which and where."""


class DeckLinks(BaseModel):
    """Where a deck page leads in play order (output-root-relative URLs; "" = none)."""

    model_config = ConfigDict(frozen=True)

    prev: str = ""
    next: str = ""


class PlayItem(BaseModel):
    """One deck on the play page, in play order."""

    model_config = ConfigDict(frozen=True)

    title: str
    url: str
    slides: int


class Renderer:
    """Holds the Jinja environment of one theme and renders pages with explicit context."""

    def __init__(
        self,
        site: Site,
        theme: Theme,
        report: Report | None = None,
        bytecode_cache: BytecodeCache | None = None,
    ) -> None:
        self.site = site
        self.logo_position = _logo_position(theme, report)
        self._play_order = [deck_url(d.id) for d in site.decks]
        self._play_index = {d.id: i for i, d in enumerate(site.decks)}
        self.env = Environment(
            loader=theme.loader(),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=False,
            keep_trailing_newline=True,
            # watch/serve pass one in, so a rebuild does not recompile unchanged templates
            bytecode_cache=bytecode_cache,
        )
        self.env.globals["deck_url"] = deck_url
        # csp (the page's Content-Security-Policy) and link_codes (QR codes for links in text)
        self.env.globals.update(media_template_globals(site.config))

    def _template(self, name: str) -> Template:
        try:
            return self.env.get_template(name)
        except TemplateError as exc:
            raise RenderError(f"template {name}: {exc}") from exc

    def _render(self, name: str, **context: Any) -> str:
        try:
            return self._template(name).render(**context)
        except TemplateError as exc:
            line = getattr(exc, "lineno", None)
            where = f"{getattr(exc, 'filename', None) or name}" + (f":{line}" if line else "")
            raise RenderError(f"template {where}: {exc}") from exc

    def _common(self, path: str, lang: str, page: str) -> dict[str, Any]:
        """Context every page has; `path` is the page's own output path."""
        config = self.site.config
        return {
            "root": "../" * path.count("/"),
            "path": path,
            "page": page,
            "lang": lang,
            "t": ui_strings(lang),
            "site_title": config.title,
            "logo_url": None,
            "logo_title": "",
            "logo_position": self.logo_position,
            "kiosk": config.kiosk,
            "page_version": versions.PENDING,
            "links": DeckLinks(),
            "back_url": "",
        }

    def menu_page(self, node: MenuNode) -> str:
        """The home page (root node) or a section's menu page."""
        trail = self.site.trail(node.key) if node.key else []
        common = self._common(node.url, self.site.config.lang, "home" if not node.key else "menu")
        common["back_url"] = trail[-1].url if trail else ""
        return self._render(
            "menu.html",
            **common,
            page_title=node.title if node.key else self.site.config.title,
            node=node,
            trail=trail[1:],
        )

    def deck_page(self, deck: Deck, slides: list[Slide], logo_url: str | None) -> str:
        """A deck's page with all its slides."""
        trail = self.site.trail(deck.key)
        url = deck_url(deck.id)
        common = self._common(url, deck.lang or self.site.config.lang, "deck")
        common["logo_url"] = f"../{logo_url}" if logo_url and "://" not in logo_url else logo_url
        common["logo_title"] = deck.logo_title
        common["links"] = self._play_links(deck)
        common["back_url"] = trail[-1].url
        return self._render(
            "deck.html",
            **common,
            page_title=deck.label,
            deck=deck,
            slides=slides,
            trail=trail[1:],
        )

    def play_page(self, items: list[PlayItem]) -> str:
        """The page a screen without touch opens: it starts (or resumes) playing every deck."""
        common = self._common("play.html", self.site.config.lang, "play")
        common["back_url"] = "index.html"
        return self._render(
            "play.html",
            **common,
            page_title=f"{self.site.config.title} · {common['t'].play}",
            items=items,
            trail=[],
        )

    def _play_links(self, deck: Deck) -> DeckLinks:
        """Neighbours in ID order, the menu's and the play page's; only these, so a deck page
        changes when a neighbour does, not when a deck elsewhere is added."""
        urls = self._play_order
        at = self._play_index[deck.id]
        return DeckLinks(
            prev=urls[at - 1] if at > 0 else "",
            next=urls[at + 1] if at + 1 < len(urls) else "",
        )


def _logo_position(theme: Theme, report: Report | None) -> str:
    """The theme option `logo-position`, or "left" with a warning when it is not one we know."""
    value = str(theme.options.get("logo-position", "left")).strip().lower()
    if value in LOGO_POSITIONS:
        return value
    if report is not None:
        report.warning(
            "theme-option",
            f'logo-position = "{value}" is not one of {", ".join(LOGO_POSITIONS)};'
            ' using "left". Fix it under [theme_options]',
            "slidegen.toml",
        )
    return "left"


def report_render_error(exc: RenderError, report: Report) -> None:
    """A broken template is an error of the theme, reported like any other."""
    report.error("template", str(exc), "theme")
