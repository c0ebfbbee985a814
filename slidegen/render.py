"""Render pages with the theme's Jinja templates; autoescaped, content is never a template."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, StrictUndefined, Template, TemplateError

from slidegen.diagnostics import Report
from slidegen.ids import format_id
from slidegen.model import Deck
from slidegen.site import MenuNode, Site, deck_url
from slidegen.slides import Slide
from slidegen.strings import ui_strings
from slidegen.theme import Theme


class RenderError(Exception):
    """A theme template failed; the message says which and where."""


class Renderer:
    """Holds the Jinja environment of one theme and renders pages with explicit context."""

    def __init__(self, site: Site, theme: Theme) -> None:
        self.site = site
        self.env = Environment(
            loader=theme.loader(),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=False,
            keep_trailing_newline=True,
        )
        self.env.globals["deck_url"] = deck_url

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

    def _common(self, depth: int, lang: str) -> dict[str, Any]:
        config = self.site.config
        return {
            "root": "../" * depth,
            "lang": lang,
            "t": ui_strings(lang),
            "site_title": config.title,
            "logo_url": None,
            "logo_title": "",
        }

    def menu_page(self, node: MenuNode) -> str:
        """The home page (root node) or a section's menu page."""
        depth = 0 if not node.key else 1
        trail = self.site.trail(node.key) if node.key else []
        parent = trail[-1].url if trail else "index.html"
        return self._render(
            "menu.html",
            **self._common(depth, self.site.config.lang),
            page_title=node.title if node.key else self.site.config.title,
            node=node,
            trail=trail[1:],
            back_url=parent,
        )

    def deck_page(self, deck: Deck, slides: list[Slide], logo_url: str | None) -> str:
        """A deck's page with all its slides."""
        trail = self.site.trail(deck.key)
        common = self._common(1, deck.lang or self.site.config.lang)
        common["logo_url"] = f"../{logo_url}" if logo_url and "://" not in logo_url else logo_url
        common["logo_title"] = deck.logo_title
        return self._render(
            "deck.html",
            **common,
            page_title=deck.label,
            deck=deck,
            deck_id=format_id(deck.key),
            slides=[_relative_media(s) for s in slides],
            trail=trail[1:],
            back_url=trail[-1].url,
        )


def _relative_media(slide: Slide) -> Slide:
    """Media URLs are output-relative; deck pages sit one folder down."""

    def rel(url: str | None) -> str | None:
        return f"../{url}" if url and "://" not in url else url

    return slide.model_copy(
        update={"image_url": rel(slide.image_url), "video_url": rel(slide.video_url)}
    )


def report_render_error(exc: RenderError, report: Report) -> None:
    """A broken template is an error of the theme, reported like any other."""
    report.error("template", str(exc), "theme")
