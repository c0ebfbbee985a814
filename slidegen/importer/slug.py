"""Short ASCII names for files, from Kazakh, Russian or Latin titles."""

from __future__ import annotations

import re
import unicodedata

# Kazakh and Russian Cyrillic to plain ASCII letters; file names must survive any USB stick.
_CYRILLIC = {
    **dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziyklmnoprstufye", strict=True)),
    **dict(zip("әғқңөұүһі", "agqnouuhi", strict=True)),
    "ё": "yo",
    "ж": "zh",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ю": "yu",
    "я": "ya",
    "ъ": "",
    "ь": "",
}
MAX_WORDS = 4
MAX_LENGTH = 40


def transliterate(text: str) -> str:
    """Lower-case ASCII letters and digits for the words of a text; others become spaces."""
    out: list[str] = []
    for ch in text.lower():
        if ch in _CYRILLIC:
            out.append(_CYRILLIC[ch])
            continue
        ascii_ch = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
        out.append(ascii_ch if ascii_ch.isalnum() else " ")
    return "".join(out)


def slugify(text: str, fallback: str = "deck") -> str:
    """A few words of the text, transliterated and joined by hyphens: `elbasynyn-el-umiti`."""
    words = re.findall(r"[a-z0-9]+", transliterate(text))
    slug = ""
    for word in words[:MAX_WORDS]:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_LENGTH:
            break
        slug = candidate
    return slug or (words[0][:MAX_LENGTH] if words else fallback)
