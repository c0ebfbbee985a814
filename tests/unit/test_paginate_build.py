"""Pagination in the build: slide parts, counts, the overflow report, screens and metrics."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from slidegen.cli import main
from slidegen.config import load_config
from slidegen.diagnostics import Report, Severity
from slidegen.theme import resolve_theme
from tests.conftest import build_into
from tests.paginate_support import paragraph

LONG = "\n\n".join(paragraph(i, 6) for i in range(14))
URL = "https://example.kz/" + "/".join(f"s{i:05d}" for i in range(400))


def _deck(*blocks: dict[str, object]) -> str:
    return json.dumps({"ID": "1", "name": "Ұзын", "content": list(blocks)}, ensure_ascii=False)


def test_parts_keep_title_say_where_they_are_and_count_right(make_project, tmp_path: Path) -> None:
    """A long block becomes titled parts "k/n"; the page counter and the manifest agree."""
    project = make_project(
        {
            "content/1.json": _deck(
                {"title": "Қысқа", "block": 2, "text": "Бір сөйлем."},
                {"title": "Ұзақ", "block": 2, "text": LONG},
            )
        }
    )
    out = tmp_path / "out"
    report = build_into(project, out)
    page = (out / "deck" / "1.html").read_text("utf-8")
    sections = re.findall(r'<section class="sg-slide', page)
    parts = re.findall(r'<h1 class="sg-title">Ұзақ <span class="sg-part">(\d+)/(\d+)</span>', page)
    assert len(parts) >= 2
    assert [int(n) for n, _ in parts] == list(range(1, len(parts) + 1))
    assert {int(total) for _, total in parts} == {len(parts)}
    assert len(sections) == 1 + len(parts)
    assert f"/ {len(sections)}</span>" in page
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["decks"][0]["slides"] == len(sections)
    infos = [d for d in report if d.code == "split-block"]
    assert len(infos) == 1 and infos[0].severity is Severity.INFO
    assert infos[0].file == "content/1.json" and infos[0].line is not None
    assert 'block 2 "Ұзақ"' in infos[0].message
    assert f"shown as {len(parts)} slides" in infos[0].message


def test_check_names_split_and_too_long_blocks(make_project) -> None:
    """`check` lists split blocks (text and JSON); an unbreakable link is a warning."""
    project = make_project(
        {
            "content/1.json": _deck(
                {"title": "Ұзақ", "block": 2, "text": LONG},
                {"title": "Сілтеме", "block": 2, "text": URL},
            )
        }
    )
    runner = CliRunner()
    text = runner.invoke(main, ["--project", str(project), "check"])
    assert text.exit_code == 0, text.output
    assert re.search(r"content/1\.json:\d+:1: info\[split-block\]: block 1 \"Ұзақ\"", text.stderr)
    assert re.search(r"warning\[too-long\]: block 2 \"Сілтеме\"", text.stderr)
    strict = runner.invoke(main, ["--project", str(project), "check", "--strict"])
    assert strict.exit_code == 1  # the cut link is a warning
    data = json.loads(
        runner.invoke(main, ["--project", str(project), "check", "--format", "json"]).stdout
    )
    codes = [d["code"] for d in data["diagnostics"]]
    assert codes.count("split-block") == 2 and "too-long" in codes
    assert data["infos"] == 2


def test_build_keeps_infos_for_verbose(make_project) -> None:
    """A build only counts the split blocks; -v lists them."""
    project = make_project({"content/1.json": _deck({"title": "Ұзақ", "block": 2, "text": LONG})})
    runner = CliRunner()
    quiet = runner.invoke(main, ["--project", str(project), "build"])
    assert "split-block" not in quiet.stderr and "1 note(s) not shown" in quiet.stderr
    loud = runner.invoke(main, ["--project", str(project), "-v", "build"])
    assert "info[split-block]" in loud.stderr


def test_screens_setting_is_validated_with_its_line(tmp_path: Path) -> None:
    """A bad screen size names the line and the expected form."""
    (tmp_path / "slidegen.toml").write_text(
        'title = "x"\nscreens = ["1920x1080", "big"]\n', "utf-8"
    )
    report = Report()
    assert load_config(tmp_path, report) is None
    [diag] = list(report)
    assert diag.line == 2 and "screens.1" in diag.message and "1920x1080" in diag.message
    (tmp_path / "slidegen.toml").write_text('screens = ["1080 x 1920"]\n', "utf-8")
    config = load_config(tmp_path, Report())
    assert config is not None and [str(s) for s in config.screens] == ["1080x1920"]


def test_fewer_screens_fewer_slides(make_project, tmp_path: Path) -> None:
    """Targeting only the portrait totem uses its taller slides."""
    deck = {"content/1.json": _deck({"title": "Ұзақ", "block": 2, "text": LONG})}
    both = make_project(deck)
    build_into(both, tmp_path / "both")
    totem = make_project(deck, 'screens = ["1080x1920"]\n')
    build_into(totem, tmp_path / "totem")
    count = [
        (tmp_path / out / "deck" / "1.html").read_text("utf-8").count('class="sg-slide')
        for out in ("both", "totem")
    ]
    assert count[1] < count[0]


def test_metrics_come_from_the_theme_and_a_child_may_change_one(tmp_path: Path) -> None:
    """A theme extending default inherits its metrics and may override a single value."""
    theme = tmp_path / "themes" / "roomy"
    theme.mkdir(parents=True)
    (theme / "theme.toml").write_text(
        'name = "roomy"\nextends = "default"\n[metrics.text]\nline_height = 1.6\n', "utf-8"
    )
    report = Report()
    resolved = resolve_theme("roomy", tmp_path / "themes", {}, report)
    assert resolved is not None, [d.format() for d in report]
    assert resolved.metrics.text.line_height == 1.6
    assert resolved.metrics.text.gap == 0.6  # from default
    (theme / "theme.toml").write_text(
        'name = "roomy"\nextends = "default"\n[metrics.text]\nline_hieght = 1.6\n', "utf-8"
    )
    report = Report()
    assert resolve_theme("roomy", tmp_path / "themes", {}, report) is None
    [diag] = list(report)
    assert diag.code == "theme" and "metrics.text.line_hieght" in diag.message
    assert diag.file.endswith("theme.toml")
