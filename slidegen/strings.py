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
    play: str
    start: str
    unmute: str
    pause: str
    resume: str
    offline: str
    slide_of: str


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
        play="Slide show",
        start="Start",
        unmute="Sound on",
        pause="Pause",
        resume="Play",
        offline="No internet connection: this cannot be shown right now",
        slide_of="Slide {n} of {count}",
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
        play="Слайд-шоу",
        start="Бастау",
        unmute="Дыбысты қосу",
        pause="Кідірту",
        resume="Жалғастыру",
        offline="Интернет байланысы жоқ: бұл материалды қазір көрсету мүмкін емес",
        slide_of="Слайд {n} / {count}",
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
        play="Слайд-шоу",
        start="Начать",
        unmute="Включить звук",
        pause="Пауза",
        resume="Продолжить",
        offline="Нет подключения к интернету: этот материал сейчас недоступен",
        slide_of="Слайд {n} из {count}",
    ),
}


def ui_strings(lang: str) -> UiStrings:
    """Strings for a language tag such as "kk" or "ru-KZ"."""
    return _STRINGS.get(lang.split("-")[0].lower(), _STRINGS["en"])
