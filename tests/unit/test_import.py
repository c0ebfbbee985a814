"""`slidegen import` on the four seed documents, text from stdin, and every way it must refuse."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from slidegen.build import BuildOptions, run_pipeline
from slidegen.cli import main
from slidegen.diagnostics import Report, Severity
from slidegen.importer.verify import missing_words, shown_words
from slidegen.text import to_html
from tests.conftest import SEEDS

CONFIG = 'title = "Баспасөз қызметі"\nlang = "kk"\n\n[menu]\n"1" = "Жаңалықтар"\n"1.5" = "IT"\n'
EXISTING = json.dumps(
    {
        "ID": "1.1",
        "name": "Old",
        "logo_title": "Баспасөз қызметі",
        "logo_path": "/img/logo.png",
        "content": [{"title": "Old", "block": 2, "text": "old text"}],
    },
    ensure_ascii=False,
)
_FOOTNOTE = re.compile(r"^<sup>\d+</sup>.*$", re.MULTILINE)


def run(project: Path, *args: str, stdin: bytes | None = None) -> Result:
    """Invoke `slidegen import` in-process against `project`."""
    return CliRunner().invoke(
        main, ["--project", str(project), "import", *args], input=stdin, catch_exceptions=False
    )


def words(text: str) -> list[str]:
    """Letters-and-digits words, tags left out."""
    return re.findall(r"[^\W_]+", re.sub(r"<[^>]*>", " ", text))


def deck_words(deck: dict[str, Any]) -> list[str]:
    """Every word a deck file holds, in reading order."""
    found = words(deck["name"])
    for block in deck["content"]:
        found += words(block["title"]) + words(block["text"])
    return found


def in_order(needles: list[str], haystack: list[str]) -> bool:
    """Whether `needles` appear in `haystack` in this order (not necessarily adjacent)."""
    rest = iter(haystack)
    return all(any(word == candidate for candidate in rest) for word in needles)


def assert_keeps_every_word(source: str, deck: dict[str, Any]) -> None:
    """Every word of the source is in the deck, in order; footnotes in order among themselves."""
    shown = deck_words(deck)
    assert not Counter(words(source)) - Counter(shown)
    assert in_order(words(_FOOTNOTE.sub("", source)), shown)
    assert in_order(words("\n".join(_FOOTNOTE.findall(source))), shown)


@pytest.fixture
def project(make_project) -> Path:
    """A scratch project with one deck (ID 1.1) that carries the office's logo."""
    root = make_project({"content/1.1-old.json": EXISTING}, config=CONFIG)
    (root / "static" / "img").mkdir(parents=True)
    return root


def imported(project: Path, seed: str, *args: str) -> tuple[dict[str, Any], Result]:
    """Import a seed with --dry-run; return the deck JSON and the run."""
    result = run(project, str(SEEDS / seed), "--dry-run", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), result


def layouts(deck: dict[str, Any]) -> list[tuple[str, int]]:
    return [(block["title"], block["block"]) for block in deck["content"]]


def test_article_first_line_is_the_title_and_lines_are_paragraphs(project: Path) -> None:
    """A plain-text article: the headline names the deck, each line is a paragraph."""
    source = (SEEDS / "article-el-umiti.txt").read_text(encoding="utf-8")
    deck, result = imported(project, "article-el-umiti.txt", "--id", "1.3")
    headline = source.split("\n")[0]
    assert deck["ID"] == "1.3" and deck["name"] == headline
    assert layouts(deck) == [(headline, 1), (headline, 2)]
    paragraphs = deck["content"][1]["text"].split("\n\n")
    assert paragraphs == [line for line in source.split("\n")[1:] if line.strip()]
    assert (deck["logo_title"], deck["logo_path"]) == ("Баспасөз қызметі", "/img/logo.png")
    assert list(deck) == [
        *("ID", "name", "logo_title", "logo_path", "slide_max", "slide_now", "content")
    ]
    assert list(deck["content"][0]) == ["title", "block", "text", "img_path", "video", "map"]
    assert "article-el-umiti.txt:1: title taken from the first line" in result.stderr
    assert "16 line break(s) read as paragraph breaks" in result.stderr
    assert_keeps_every_word(source, deck)


def test_article_with_a_sentence_for_a_first_line(project: Path) -> None:
    """A first line that is a long sentence still becomes the title, with a hint to shorten it."""
    source = (SEEDS / "article-it-center.txt").read_text(encoding="utf-8")
    deck, result = imported(project, "article-it-center.txt", "--id", "1.4")
    assert deck["name"] == source.split("\n")[0]
    assert [b["block"] for b in deck["content"]] == [1, 2]
    assert "give --title for a shorter one" in result.stderr
    assert_keeps_every_word(source, deck)
    titled, _ = imported(project, "article-it-center.txt", "--id", "1.4", "--title", "IT")
    assert titled["name"] == "IT"
    assert titled["content"][1]["text"].startswith(source.split("\n")[0])
    assert_keeps_every_word(source, titled)


def test_charter_rows_are_one_table_block(project: Path) -> None:
    """The charter's Key<TAB>Value rows stay rows, in one block that renders as one table."""
    source = (SEEDS / "project-charter.txt").read_text(encoding="utf-8")
    deck, result = imported(project, "project-charter.txt", "--id", "2.1")
    assert deck["name"] == "Жобаның жарғысы"
    assert layouts(deck) == [("Жобаның жарғысы", 1), ("Жобаның жарғысы", 2)]
    text = deck["content"][1]["text"]
    assert text.startswith("Жобаның атауы\t«Әр оқушыға білім алуда – бірдей мүмкіндік»\n")
    assert "style=" not in text and 'removed style="list-style-type: none"' in result.stderr
    rendered = to_html(text)
    assert rendered.html.count("<table>") == 1 and rendered.removed == []
    assert rendered.html.count('<th scope="row">') == 19
    assert_keeps_every_word(source, deck)


def test_letter_letterhead_body_and_footnotes(project: Path) -> None:
    """Letterhead together; the salutation titles the body; footnotes in a notes block after it."""
    source = (SEEDS / "letter-deputies.md").read_text(encoding="utf-8")
    deck, result = imported(project, "letter-deputies.md", "--id", "2.2", "--title", "Хат")
    assert layouts(deck) == [("Хат", 1), ("", 2), ("Құрметті депутаттар!", 2), ("Ескертпелер", 2)]
    letterhead, body, notes = (b["text"] for b in deck["content"][1:])
    assert letterhead.startswith("ҚАЗАҚСТАН РЕСПУБЛИКАСЫ  \nПРЕМЬЕР-МИНИСТРІНІҢ  \n")
    assert letterhead.endswith("2023 жылғы 15 қыркүйектегі № ДС-322")
    assert sorted(set(re.findall(r"<sup>(\d)</sup>", body))) == list("123456")
    assert body.endswith("**Т. Дүйсенова**\n\nОрынд. Н.Е.Абдрахимов\n\nТел: 74-54-10")
    # Footnote 1 had cut a sentence in two at a page break: the halves are one paragraph again.
    assert "(*физика, математика,* *информатика, химия" in body
    assert re.findall(r"^<sup>(\d)</sup> ", notes, re.MULTILINE) == list("123456")
    assert "read as a letterhead" in result.stderr and "joined the paragraph" in result.stderr
    assert_keeps_every_word(source, deck)


def test_letter_without_title_is_named_after_its_salutation(project: Path) -> None:
    """With no title given, the heading after the letterhead names the deck."""
    deck, result = imported(project, "letter-deputies.md", "--id", "2.2")
    assert deck["name"] == "Құрметті депутаттар!"
    assert "title taken from the heading after the letterhead (line 25)" in result.stderr


@pytest.mark.parametrize(
    ("seed", "extra"),
    [
        ("article-el-umiti.txt", []),
        ("article-it-center.txt", []),
        ("project-charter.txt", []),
        ("letter-deputies.md", ["--title", "Депутаттарға хат"]),
    ],
)
def test_imported_seed_builds_without_warnings(project: Path, seed: str, extra: list[str]) -> None:
    """What import writes loads and builds with no warning at all."""
    (project / "content" / "1.1-old.json").unlink()
    result = run(project, str(SEEDS / seed), "--id", "2.1", "--logo", "", *extra)
    assert result.exit_code == 0, result.output
    report = Report()
    built = run_pipeline(project, BuildOptions(), report)
    assert built.decks == 1
    # Infos stay: the build says how it splits long blocks into slides.
    problems = [d for d in report if d.severity is not Severity.INFO]
    assert [d.format() for d in problems if d.file.startswith("content/")] == []


def test_written_file_is_clean_json_named_after_the_title(project: Path) -> None:
    """Default path content/<ID>-<slug>.json, canonical formatting, next free ID under --under."""
    result = run(project, str(SEEDS / "project-charter.txt"), "--under", "1")
    assert result.exit_code == 0, result.output
    path = project / "content" / "1.6-zhobanyn-zhargysy.json"
    text = path.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    assert json.loads(text)["ID"] == "1.6"
    assert "wrote content/1.6-zhobanyn-zhargysy.json (ID 1.6, 2 blocks)" in result.stderr
    again = run(project, str(SEEDS / "article-it-center.txt"), "--under", "1")
    assert again.exit_code == 0
    assert json.loads(next((project / "content").glob("1.7-*.json")).read_text())["ID"] == "1.7"


def test_without_id_the_next_top_level_id(project: Path) -> None:
    """No --id or --under: the next ID after the last top-level one (menu sections count)."""
    deck, _ = imported(project, "project-charter.txt")
    assert deck["ID"] == "2"


def test_force_replaces_the_deck_in_its_own_file(project: Path) -> None:
    """--force with a used ID rewrites the file that holds it, keeping its name."""
    result = run(project, str(SEEDS / "article-it-center.txt"), "--id", "1.1", "--force")
    assert result.exit_code == 0, result.output
    assert json.loads((project / "content" / "1.1-old.json").read_text())["name"].startswith(
        "«Нұр Отан»"
    )
    assert sorted(p.name for p in (project / "content").iterdir()) == ["1.1-old.json"]
    assert "replaced content/1.1-old.json" in result.stderr


def test_dry_run_writes_nothing(project: Path) -> None:
    """--dry-run prints the deck and leaves the project alone."""
    before = sorted(p.name for p in (project / "content").iterdir())
    deck, _ = imported(project, "project-charter.txt", "--under", "2")
    assert deck["ID"] == "2.1"
    assert sorted(p.name for p in (project / "content").iterdir()) == before


def test_stdin_is_sniffed_or_told(project: Path) -> None:
    """`-` reads stdin: Markdown is recognised; --format overrides the guess."""
    text = "# Жаңалық\n\nБірінші **маңызды** абзац.\n\n## Екінші\n\nМәтін.\n".encode()
    result = run(project, "-", "--id", "3", "--dry-run", stdin=text)
    assert result.exit_code == 0, result.output
    deck = json.loads(result.stdout)
    assert layouts(deck) == [("Жаңалық", 1), ("Жаңалық", 2), ("Екінші", 2)]
    assert "<stdin>: read as .md" in result.stderr
    html = b"<html><head><title>T</title></head><body><h1>Head</h1><p>A <b>b</b></p></body></html>"
    deck = json.loads(run(project, "-", "--format", "html", "--dry-run", stdin=html).stdout)
    assert layouts(deck) == [("Head", 1), ("Head", 2)]
    assert deck["content"][1]["text"] == "A **b**"


def test_html_document(project: Path, tmp_path: Path) -> None:
    """HTML: headings, lists, a two-column table as rows, a local picture copied, scripts out."""
    picture = tmp_path / "photo.png"
    picture.write_bytes(PNG)
    page = tmp_path / "news.html"
    page.write_text(
        "<!doctype html><html><head><title>Site</title><script>alert(1)</script></head><body>"
        "<h1>Жаңалық</h1><p>Кіріспе <em>мәтін</em> &lt;b&gt; *.</p>"
        "<h2>Тізім</h2><ul><li>бір</li><li>екі<ul><li>ішкі</li></ul></li></ul>"
        "<table><tr><td>Кілт</td><td>Мән</td></tr><tr><td>Күні</td><td>2024</td></tr></table>"
        '<h2>Сурет</h2><p>Сипаттама</p><img src="photo.png" alt="x">'
        '<script>document.write("x")</script></body></html>',
        encoding="utf-8",
    )
    result = run(project, str(page), "--id", "4")
    assert result.exit_code == 0, result.output
    deck = json.loads((project / "content" / "4-zhanalyq.json").read_text(encoding="utf-8"))
    assert layouts(deck) == [
        ("Жаңалық", 1),
        ("Жаңалық", 2),
        ("Тізім", 2),
        ("Тізім", 2),
        ("Сурет", 3),
    ]
    assert deck["content"][1]["text"] == "Кіріспе *мәтін* \\<b> \\*."
    assert deck["content"][2]["text"] == "- бір\n- екі\n    - ішкі"
    assert deck["content"][3]["text"] == "Кілт\tМән\nКүні\t2024"
    image = deck["content"][4]["img_path"]
    assert re.fullmatch(r"/img/news-[0-9a-f]{10}\.png", image)
    assert (project / "static" / image.lstrip("/")).read_bytes() == PNG
    assert "left out 1 <script> element(s)" in result.stderr
    assert to_html(deck["content"][1]["text"]).html == "<p>Кіріспе <em>мәтін</em> &lt;b&gt; *.</p>"


def test_unknown_extension_is_a_usage_error(project: Path, tmp_path: Path) -> None:
    """An extension it cannot read: exit 2, saying what to do."""
    odd = tmp_path / "notes.xyz"
    odd.write_text("text")
    result = run(project, str(odd))
    assert result.exit_code == 2
    assert "--format" in result.output
    old = tmp_path / "letter.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    result = run(project, str(old))
    assert result.exit_code == 2 and "save it as .docx" in result.output
    assert "Traceback" not in result.output


def test_unreadable_files_are_content_errors(project: Path, tmp_path: Path) -> None:
    """A missing file or a broken .docx: exit 1, one line each, nothing written."""
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = run(project, str(tmp_path / "missing.txt"), str(broken), "--under", "2")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "error[" in line]
    assert any("missing.txt" in e and "cannot read the file" in e for e in errors), errors
    assert any("broken.docx" in e and "not a Word .docx" in e for e in errors), errors
    assert sorted(p.name for p in (project / "content").iterdir()) == ["1.1-old.json"]
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Café résumé".encode("latin-1"))
    result = run(project, str(latin1), "--id", "5")
    assert result.exit_code == 1 and "not valid UTF-8" in result.stderr


def test_existing_id_without_force_is_refused(project: Path) -> None:
    """An ID in use: exit 2, the file untouched, and how to go on."""
    path = project / "content" / "1.1-old.json"
    before = path.read_bytes()
    result = run(project, str(SEEDS / "project-charter.txt"), "--id", "1.1")
    assert result.exit_code == 2
    assert "ID 1.1 is already used by content/1.1-old.json" in result.output
    assert "--force" in result.output and "--under 1" in result.output
    assert path.read_bytes() == before
    assert sorted(p.name for p in (project / "content").iterdir()) == ["1.1-old.json"]


def test_existing_out_file_without_force_is_refused(project: Path) -> None:
    """--out naming a file that exists: exit 2 without --force, overwritten with it."""
    target = project / "content" / "mine.json"
    target.write_text("{}", encoding="utf-8")
    args = (str(SEEDS / "project-charter.txt"), "--id", "3", "--out", "content/mine.json")
    assert run(project, *args).exit_code == 2
    assert target.read_text() == "{}"
    assert run(project, *args, "--force").exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["ID"] == "3"


def test_force_will_not_duplicate_an_id_in_another_file(project: Path) -> None:
    """--force replaces a deck where it lives; it never makes two files share an ID."""
    args = (str(SEEDS / "project-charter.txt"), "--id", "1.1", "--force", "--out", "content/x.json")
    result = run(project, *args)
    assert result.exit_code == 2 and "--out content/1.1-old.json" in result.output
    assert not (project / "content" / "x.json").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--id", "1.2", "--under", "1"], "not both"),
        (["--id", "1.x"], "is not an ID"),
        (["--id", "0.1"], "is not an ID"),
        (["--under", "1..2"], "is not an ID"),
        (["--lang", "қаз"], "language tag"),
        (["--out", "content/deck.txt"], ".json file name"),
    ],
)
def test_bad_id_options_are_usage_errors(project: Path, args: list[str], message: str) -> None:
    """--id with --under, or an ID that is not dotted positive numbers: exit 2."""
    result = run(project, str(SEEDS / "project-charter.txt"), *args)
    assert result.exit_code == 2
    assert message in result.output


def test_several_files_take_consecutive_ids(project: Path) -> None:
    """Several documents under one parent get the next free IDs in turn; --id is refused."""
    files = [str(SEEDS / "project-charter.txt"), str(SEEDS / "article-it-center.txt")]
    assert run(project, *files, "--id", "3").exit_code == 2
    result = run(project, *files, "--under", "1.5", "--dry-run")
    assert result.exit_code == 0, result.output
    ids = re.findall(r'"ID": "([\d.]+)"', result.stdout)
    assert ids == ["1.5.1", "1.5.2"]


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005010201a5f7e0"
    "5a0000000049454e44ae426082"
)


def test_plain_text_letter_salutation_starts_the_body(project: Path, tmp_path: Path) -> None:
    """In a .txt letter the short line ending in "!" after the letterhead titles the body."""
    letter = tmp_path / "letter.txt"
    letter.write_text(
        "МИНИСТРЛІК\nАстана қ., Мәңгілік Ел 8\n№ 12-3/45\n\nҚұрметті әріптестер!\n\n"
        "Сіздерді жиналысқа шақырамыз.\nЖиналыс дүйсенбі күні өтеді.\n",
        encoding="utf-8",
    )
    result = run(project, str(letter), "--id", "6", "--dry-run")
    assert result.exit_code == 0, result.output
    deck = json.loads(result.stdout)
    assert layouts(deck) == [("Құрметті әріптестер!", 1), ("", 2), ("Құрметті әріптестер!", 2)]
    assert deck["content"][1]["text"] == "МИНИСТРЛІК\nАстана қ., Мәңгілік Ел 8\n№ 12-3/45"
    body = "Сіздерді жиналысқа шақырамыз.\n\nЖиналыс дүйсенбі күні өтеді."
    assert deck["content"][2]["text"] == body
    assert "the salutation starts the letter's body" in result.stderr


def test_a_deck_that_would_hide_text_is_not_written(project: Path, tmp_path: Path) -> None:
    """The completeness check: text the build would drop stops the import (exit 1)."""
    doc = tmp_path / "odd.txt"
    doc.write_text("Тақырып\n\nКөрінетін мәтін <script>жасырын сөз</script> соңы.\n", "utf-8")
    result = run(project, str(doc), "--id", "7")
    assert result.exit_code == 1
    assert 'would not show 2 word(s) of the document ("жасырын", "сөз")' in result.stderr
    assert not list((project / "content").glob("7-*.json"))


def test_completeness_check_counts_list_numbers_and_inline_tags() -> None:
    """Ordered-list numbers are shown by the browser; inline tags do not split words."""
    assert missing_words("1. бір\n2. екі", shown_words("", [("", "1. бір\n2. екі")])) == []
    assert missing_words("Part<sup>1</sup> x", shown_words("Part1", [("", "x")])) == []
    assert missing_words("a b c", shown_words("", [("", "a c")])) == ["b"]
