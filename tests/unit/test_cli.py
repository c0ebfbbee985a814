"""The command line on scratch projects: exit codes, diagnostics, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from slidegen.cli import main

GOOD = '{"ID": "1", "name": "Good", "content": [{"title": "Hello", "block": 2, "text": "Body"}]}'
GOOD2 = '{"ID": "2", "name": "Also good", "content": [{"title": "Two", "block": 1}]}'


def run(project: Path, *args: str) -> Result:
    """Invoke the CLI in-process against `project`."""
    return CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)


def test_bad_decks_are_skipped_and_good_ones_build(make_project) -> None:
    """Malformed, wrongly-typed and unreadable decks: one-line errors, exit 1, others built."""
    project = make_project(
        {
            "content/good.json": GOOD,
            "content/good2.json": GOOD2,
            "content/malformed.json": '{"ID": "3", "name": "Broken "quote" here"}',
            "content/wrongtype.json": '{"ID": "4", "content": [{"title": ["a list"], "block": 2}]}',
            "content/unreadable.json": b'{"ID": "5", "name": "\xff\xfe\xfa"}',
        }
    )
    result = run(project, "build")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if "error[" in line]
    assert any(line.startswith("content/malformed.json:1:") for line in errors), errors
    assert any(line.startswith("content/wrongtype.json:1:") and "title" in line for line in errors)
    assert any(line.startswith("content/unreadable.json:1:") for line in errors), errors
    assert (project / "build" / "deck" / "1.html").is_file()
    assert (project / "build" / "deck" / "2.html").is_file()
    assert not (project / "build" / "deck" / "3.html").exists()


def test_check_json_format(make_project) -> None:
    """`check --format json` prints one object with counts and positioned diagnostics."""
    project = make_project({"content/a.json": '{"ID": "1", "name": "A",\n "content": [],}'})
    result = run(project, "check", "--format", "json")
    payload = json.loads(result.stdout)
    assert payload["decks"] == 1 and payload["errors"] == 0 and payload["warnings"] >= 1
    trailing = [d for d in payload["diagnostics"] if d["code"] == "trailing-comma"]
    assert trailing and trailing[0]["file"] == "content/a.json" and trailing[0]["line"] == 2
    assert set(trailing[0]) == {"file", "line", "column", "severity", "code", "message"}
    assert result.exit_code == 0
    assert run(project, "check", "--strict").exit_code == 1


def test_build_without_config_uses_defaults(make_project) -> None:
    """A folder holding only content/ builds."""
    project = make_project({"content/a.json": GOOD})
    result = run(project, "build")
    assert result.exit_code == 0, result.output
    html = (project / "build" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="kk">' in html


def test_out_option_and_refusal_to_overwrite_foreign_folder(make_project, tmp_path: Path) -> None:
    """--out writes elsewhere, but never over a folder that is not a slidegen build."""
    project = make_project({"content/a.json": GOOD})
    out = tmp_path / "site"
    assert run(project, "build", "--out", str(out)).exit_code == 0
    assert (out / "index.html").is_file()
    foreign = tmp_path / "documents"
    foreign.mkdir()
    (foreign / "thesis.docx").write_text("precious")
    result = run(project, "build", "--out", str(foreign))
    assert result.exit_code == 2
    assert (foreign / "thesis.docx").read_text() == "precious"
    assert run(project, "build", "--out", str(project / "content")).exit_code == 2


def test_failed_build_keeps_previous_output(make_project) -> None:
    """A build that cannot be written leaves the last good build/ untouched."""
    project = make_project({"content/a.json": GOOD})
    assert run(project, "build").exit_code == 0
    before = (project / "build" / "deck" / "1.html").read_bytes()
    (project / "slidegen.toml").write_text('theme = "no-such-theme"\n')
    result = run(project, "build")
    assert result.exit_code == 1
    assert 'theme "no-such-theme" not found' in result.stderr
    assert (project / "build" / "deck" / "1.html").read_bytes() == before


def test_fix_rewrites_clean_json_with_backup(make_project) -> None:
    """fix keeps every character of text, writes a .bak, and the next check is quiet."""
    text = 'Line one\n\tTabbed "quoted" \\ back\nЕлбасы «Ел Үміті»'
    literal = json.dumps(text, ensure_ascii=False).replace("\\t", "\t").replace("\\n", "\n")
    raw = '{\n  "ID": "1"\n  "name": "N",\n  "content": [{"title": "T", "block": "2", "text": '
    raw += literal + ",},],\n}"
    project = make_project({"content/a.json": raw})
    dry = run(project, "fix", "--dry-run")
    assert dry.exit_code == 0 and "+++" in dry.stdout
    assert (project / "content" / "a.json").read_text(encoding="utf-8") == raw
    result = run(project, "fix")
    assert result.exit_code == 0, result.output
    assert (project / "content" / "a.json.bak").read_text(encoding="utf-8") == raw
    fixed = json.loads((project / "content" / "a.json").read_text(encoding="utf-8"))
    assert list(fixed) == ["ID", "name", "content"]
    assert fixed["content"][0]["text"] == text
    assert fixed["content"][0]["block"] == 2
    quiet = run(project, "check", "--strict")
    assert quiet.exit_code == 0, quiet.stderr


def test_fix_leaves_unrepairable_file_untouched(make_project) -> None:
    """A file that would need a guess is reported and not rewritten."""
    raw = '{"ID": "1", "name": "He said "no""}'
    project = make_project({"content/a.json": raw})
    result = run(project, "fix")
    assert result.exit_code == 1
    assert "untouched" in result.stderr
    assert (project / "content" / "a.json").read_text() == raw
    assert not (project / "content" / "a.json.bak").exists()


def test_new_scaffolds_a_project_that_builds(tmp_path: Path) -> None:
    """`new DIR` creates a working project; a non-empty folder is refused."""
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "new", "site"])
    assert result.exit_code == 0, result.output
    build = run(tmp_path / "site", "build", "--strict")
    assert build.exit_code == 0, build.stderr
    again = CliRunner().invoke(main, ["--project", str(tmp_path), "new", "site"])
    assert again.exit_code == 2


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    """A missing project folder is a usage error, not a traceback."""
    result = CliRunner().invoke(main, ["--project", str(tmp_path / "nope"), "build"])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_missing_content_folder(tmp_path: Path) -> None:
    """No content/: an error that says what to do."""
    result = run(tmp_path, "build")
    assert result.exit_code == 1
    assert "slidegen new" in result.stderr


def test_unparseable_links_are_reported_not_crashed_on(make_project) -> None:
    """A link with an unclosed "[" in text, video or map: the build goes on, no traceback."""
    bad = "https://[x"
    deck = {
        "ID": "1",
        "name": "Links",
        "content": [
            {"title": "Text", "block": 2, "text": f'<a href="{bad}">a</a> and {bad}.kz'},
            {"title": "Video", "block": 5, "video": bad},
            {"title": "Map", "block": 6, "map": bad},
        ],
    }
    project = make_project({"content/a.json": json.dumps(deck)})
    result = run(project, "build")
    assert "Traceback" not in result.output
    assert result.exit_code == 0, result.output
    assert (project / "build" / "deck" / "1.html").is_file()
    warned = result.stderr
    assert "content/a.json" in warned and "video" in warned and "map" in warned
