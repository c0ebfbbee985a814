"""Typed site configuration read from slidegen.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from slidegen.diagnostics import Position, Report
from slidegen.ids import parse_id
from slidegen.model import is_lang_tag
from slidegen.suggest import did_you_mean

CONFIG_NAME = "slidegen.toml"

Seconds = Annotated[float, Field(gt=0, le=86_400)]
# A delay where 0 switches the behaviour off.
OffOrSeconds = Annotated[float, Field(ge=0, le=86_400)]


class KioskConfig(BaseModel):
    """Defaults for the kiosk runtime; a URL query can override them per screen."""

    model_config = ConfigDict(extra="forbid")

    slide_duration: Seconds = 10
    idle_timeout: OffOrSeconds = 90
    loop: bool = True
    update_check: OffOrSeconds = 60
    cursor_hide: OffOrSeconds = 3


def _inside_project(value: str) -> str:
    """Refuse a folder setting that would leave the project."""
    path = Path(value)
    if path.is_absolute() or ".." in path.parts or value.strip() in ("", "."):
        raise ValueError('must be a folder inside the project, e.g. "build"')
    return value


class MediaConfig(BaseModel):
    """[media]: how images are prepared, which map site is used, whether links get QR codes."""

    model_config = ConfigDict(extra="forbid")

    image_quality: int = Field(default=85, ge=40, le=95)
    map_provider: Literal["osm", "google", "yandex"] = "osm"
    link_qr: bool = True


_SCREEN = re.compile(r"\s*(\d{3,5})\s*[xX×]\s*(\d{3,5})\s*")


class Screen(BaseModel):
    """A screen the build targets, written "1920x1080" (width x height in CSS pixels)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    width: int = Field(ge=240, le=16_384)
    height: int = Field(ge=240, le=16_384)

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        if isinstance(value, str):
            found = _SCREEN.fullmatch(value)
            if found is None:
                raise ValueError(f'"{value}" is not a screen size like "1920x1080"')
            return {"width": int(found[1]), "height": int(found[2])}
        return value

    @property
    def portrait(self) -> bool:
        """Taller than wide, like a totem."""
        return self.height > self.width

    def __str__(self) -> str:
        return f"{self.width}x{self.height}"


# Wall screens (Full HD and HD) and the portrait totem; 4K has Full HD's proportions.
DEFAULT_SCREENS = (
    Screen(width=1920, height=1080),
    Screen(width=1080, height=1920),
    Screen(width=1280, height=720),
)


class SiteConfig(BaseModel):
    """Everything slidegen.toml may say; every field has a working default."""

    model_config = ConfigDict(extra="forbid")

    title: str = "Slides"
    theme: str = "default"
    lang: str = "kk"
    content_dir: str = "content"
    static_dir: str = "static"
    themes_dir: str = "themes"
    out_dir: str = "build"
    kiosk: KioskConfig = KioskConfig()
    media: MediaConfig = MediaConfig()
    menu: dict[str, str] = {}
    theme_options: dict[str, str | int | float | bool] = {}
    screens: Annotated[list[Screen], Field(min_length=1)] = list(DEFAULT_SCREENS)

    @field_validator("content_dir", "static_dir", "themes_dir", "out_dir")
    @classmethod
    def _folder(cls, value: str) -> str:
        return _inside_project(value)

    @field_validator("lang")
    @classmethod
    def _lang_tag(cls, value: str) -> str:
        if not is_lang_tag(value):
            raise ValueError('must be a language tag such as "kk", "ru" or "en"')
        return value

    @field_validator("menu")
    @classmethod
    def _menu_ids(cls, value: dict[str, str]) -> dict[str, str]:
        for key in value:
            if parse_id(key) is None:
                raise ValueError(f'"{key}" is not a menu ID like "1" or "1.5"')
        return value


_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


def _key_position(text: str, loc: tuple[Any, ...]) -> Position | None:
    """Find the line where the last named key of a validation error is written."""
    names = [str(p) for p in loc if isinstance(p, str)]
    if not names:
        return None
    key = re.escape(names[-1])
    pattern = re.compile(rf'^\s*(?:"{key}"|{key})\s*=|^\s*\[{key}\]', re.MULTILINE)
    match = pattern.search(text)
    if not match:
        return None
    line = text.count("\n", 0, match.start()) + 1
    col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    return Position(line=line, column=col)


def load_config(project: Path, report: Report) -> SiteConfig | None:
    """Read slidegen.toml if present; report problems and return None when unusable."""
    path = project / CONFIG_NAME
    if not path.is_file():
        return SiteConfig()
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        report.error("encoding", f"not UTF-8 ({exc.reason}); save it as UTF-8", CONFIG_NAME)
        return None
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_POS.search(str(exc))
        pos = Position(line=int(found[1]), column=int(found[2])) if found else None
        message = _TOML_POS.sub("", str(exc)).strip()
        report.error("config-syntax", f"{message}; fix the TOML syntax", CONFIG_NAME, pos)
        return None
    return _validate(data, text, report)


def _validate(data: dict[str, Any], text: str, report: Report) -> SiteConfig | None:
    """Validate parsed TOML, turning unknown keys into warnings and type errors into errors."""
    cleaned = dict(data)
    for key in data:
        if key not in SiteConfig.model_fields:
            hint = did_you_mean(key, SiteConfig.model_fields)
            pos = _key_position(text, (key,))
            report.warning(
                "unknown-key", f'unknown setting "{key}" ignored{hint}', CONFIG_NAME, pos
            )
            del cleaned[key]
    try:
        return SiteConfig.model_validate(cleaned)
    except ValidationError as exc:
        for err in exc.errors():
            field = ".".join(str(p) for p in err["loc"])
            reason = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                parent = SiteConfig.model_fields.get(str(err["loc"][0]))
                choices = getattr(parent.annotation, "model_fields", {}) if parent else {}
                reason = f"unknown setting{did_you_mean(str(err['loc'][-1]), choices)}"
            pos = _key_position(text, err["loc"])
            report.error("config", f"{field}: {reason}", CONFIG_NAME, pos)
        return None
