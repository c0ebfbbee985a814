"""A Word file made with python-docx and imported: headings, lists, tables, picture, footnote."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from PIL import Image

from slidegen.cli import main
from slidegen.text import to_html
from tests.unit.test_import import assert_keeps_every_word

FOOTNOTES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
    '<w:r><w:t xml:space="preserve"> Үкімет қаулысы № 249.</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
).encode()
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def picture() -> bytes:
    """A small PNG made with Pillow."""
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(out, format="PNG")
    return out.getvalue()


def make_docx(path: Path, png: bytes) -> str:
    """Write a report with every construct the importer reads; return its text, in order."""
    document = Document()
    document.add_heading("Жылдық есеп", level=0)
    intro = document.add_paragraph("Бұл ")
    intro.add_run("маңызды").bold = True
    intro.add_run(" және ")
    intro.add_run("курсив").italic = True
    intro.add_run(" мәтін.")
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), "1")
    intro.add_run()._r.append(reference)
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, FOOTNOTES, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    document.add_heading("Жобалар", level=1)
    for item in ("бірінші", "екінші"):
        document.add_paragraph(item, style="List Bullet")
    document.add_paragraph("ішкі", style="List Bullet 2")
    document.add_paragraph("үшінші", style="List Bullet")
    table = document.add_table(rows=0, cols=2)
    for key, value in (("Атауы", "Мектеп"), ("Күні", "2024"), ("Бюджет", "100 000 теңге")):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = key, value
    document.add_heading("Суреттер", level=1)
    document.add_paragraph("Мектеп ғимараты, 2024.")
    document.add_picture(io.BytesIO(png))
    wide = document.add_table(rows=2, cols=3)
    for row, values in zip(
        wide.rows, (("Ай", "Жоспар", "Іс"), ("Қаңтар", "10", "12")), strict=True
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.save(str(path))
    return "\n".join(
        [
            "Жылдық есеп",
            "Бұл маңызды және курсив мәтін.",
            "Жобалар",
            "бірінші екінші ішкі үшінші",
            "Атауы Мектеп Күні 2024 Бюджет 100 000 теңге",
            "Суреттер",
            "Мектеп ғимараты, 2024.",
            "Ай Жоспар Іс Қаңтар 10 12",
            "<sup>1</sup> Үкімет қаулысы № 249.",
        ]
    )


@pytest.fixture
def project(make_project) -> Path:
    """An empty scratch project."""
    return make_project({}, config='lang = "kk"\n')


def test_docx_structure_picture_and_every_word(project: Path, tmp_path: Path) -> None:
    """Title, sections, a list, rows, a picture beside its caption, a wide table, a footnote."""
    png = picture()
    source = tmp_path / "Жылдық есеп 2024.docx"
    text = make_docx(source, png)
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["--project", str(project), "import", str(source), "--id", "3"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    written = project / "content" / "3-zhyldyq-esep.json"
    deck = json.loads(written.read_text(encoding="utf-8"))
    assert [(b["title"], b["block"]) for b in deck["content"]] == [
        ("Жылдық есеп", 1),
        ("Жылдық есеп", 2),
        ("Ескертпелер", 2),
        ("Жобалар", 2),
        ("Жобалар", 2),
        ("Суреттер", 3),
        ("Суреттер", 2),
    ]
    _cover, intro, notes, lists, rows, pictured, wide = deck["content"]
    assert intro["text"] == "Бұл **маңызды** және *курсив* мәтін.<sup>1</sup>"
    assert notes["text"] == "<sup>1</sup> Үкімет қаулысы № 249."
    assert lists["text"] == "- бірінші\n- екінші\n    - ішкі\n- үшінші"
    assert rows["text"] == "Атауы\tМектеп\nКүні\t2024\nБюджет\t100 000 теңге"
    assert to_html(rows["text"]).html.count("<tr>") == 3
    assert pictured["text"] == "Мектеп ғимараты, 2024."
    image = pictured["img_path"]
    assert re.fullmatch(r"/img/zhyldyq-esep-2024-[0-9a-f]{10}\.png", image), image
    assert (project / "static" / image.lstrip("/")).read_bytes() == png
    assert wide["text"].startswith("<table>\n<tr><td>Ай</td><td>Жоспар</td><td>Іс</td></tr>")
    assert to_html(wide["text"]).html.count("<td>") == 6
    assert_keeps_every_word(text, deck)
    again = runner.invoke(
        main,
        ["--project", str(project), "import", str(source), "--id", "3", "--force"],
        catch_exceptions=False,
    )
    assert again.exit_code == 0, again.output
    assert json.loads(written.read_text(encoding="utf-8"))["content"][5]["img_path"] == image
    assert len(list((project / "static" / "img").iterdir())) == 1


def test_docx_from_stdin_dry_run_writes_no_picture(project: Path, tmp_path: Path) -> None:
    """A .docx piped to stdin is recognised; a dry run prints the deck and writes no picture."""
    source = tmp_path / "report.docx"
    make_docx(source, picture())
    result = CliRunner().invoke(
        main,
        ["--project", str(project), "import", "-", "--id", "4", "--dry-run"],
        input=source.read_bytes(),
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    deck = json.loads(result.stdout)
    assert deck["name"] == "Жылдық есеп"
    assert re.fullmatch(r"/img/import-[0-9a-f]{10}\.png", deck["content"][5]["img_path"])
    assert "<stdin>: read as .docx" in result.stderr
    assert not (project / "static").exists()
    assert list((project / "content").iterdir()) == []
