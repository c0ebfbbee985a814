"""Interface words of the generated pages, per language; English when a language is missing."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class UiStrings(BaseModel):
    """The words the templates show around the content."""

    model_config = ConfigDict(frozen=True)

    home: str
    back: str
    prev: str
    next: str
    navigation: str
    breadcrumbs: str
    carousel: str
    slide: str
    no_image: str
    no_video: str
    map: str
    empty: str


_STRINGS: dict[str, UiStrings] = {
    "en": UiStrings(
        home="Home",
        back="Back",
        prev="Previous slide",
        next="Next slide",
        navigation="Navigation",
        breadcrumbs="You are here",
        carousel="slide show",
        slide="slide",
        no_image="Image not available",
        no_video="Video not available",
        map="Map",
        empty="Nothing here yet",
    ),
    "kk": UiStrings(
        home="Басты бет",
        back="Артқа",
        prev="Алдыңғы слайд",
        next="Келесі слайд",
        navigation="Навигация",
        breadcrumbs="Сіз осындасыз",
        carousel="слайд-шоу",
        slide="слайд",
        no_image="Сурет жоқ",
        no_video="Бейне жоқ",
        map="Карта",
        empty="Әзірге бос",
    ),
    "ru": UiStrings(
        home="Главная",
        back="Назад",
        prev="Предыдущий слайд",
        next="Следующий слайд",
        navigation="Навигация",
        breadcrumbs="Вы здесь",
        carousel="слайд-шоу",
        slide="слайд",
        no_image="Изображение недоступно",
        no_video="Видео недоступно",
        map="Карта",
        empty="Пока пусто",
    ),
}


def ui_strings(lang: str) -> UiStrings:
    """Strings for a language tag such as "kk" or "ru-KZ"."""
    return _STRINGS.get(lang.split("-")[0].lower(), _STRINGS["en"])
