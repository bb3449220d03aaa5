"""`qbank exports` on the real built site: Anki decks, CSV and JSON, the offline zip and the
downloads pages, built once per session into a copy of the `built_site` fixture. The PDF
books are printed for real from a part of the bank (the whole books take minutes of
Chromium's time: `make exports` prints them); the session's exports hold stand-ins."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import shutil
import sqlite3
import time
import zipfile
from pathlib import Path

import pytest
from helpers import ROOT, run_cli
from pypdf import PdfReader, PdfWriter
from qbank.exports import anki, pdf
from qbank.exports.datasets import CSV_COLUMNS
from qbank.exports.downloads import Manifest
from qbank.exports.markdown import MarkdownRenderer, load_site_config
from qbank.exports.run import Project, content_time, run_exports
from qbank.model import LANGS, Bank
from qbank.site_check import site_problems

pytestmark = pytest.mark.xdist_group("exports")  # one worker: the fixtures below run once


def stand_in_books(folder: Path, bank: Bank, *_: object) -> dict[str, Path]:
    """A one-page PDF where each book goes (the books are tested on their own, below)."""
    paths = {}
    for lang in LANGS:
        writer = PdfWriter()
        writer.add_blank_page(595, 842)
        paths[lang] = pdf.book_path(folder, lang)
        writer.write(paths[lang])
    return paths


@pytest.fixture(scope="session")
def exported(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Manifest]:
    site = tmp_path_factory.mktemp("exported") / "site"
    shutil.copytree(built_site, site)
    started = time.monotonic()
    manifest = run_exports(Project(ROOT, ROOT / "sources", site), books=stand_in_books)
    print(f"\nqbank exports took {time.monotonic() - started:.0f} s")
    for item in manifest.files:
        print(f"  {item.name:<34} {item.bytes:>10} bytes")
    return site, manifest


def part_of(bank: Bank, topics: list[str]) -> Bank:
    """The bank with only these topics (and their groups, questions and notes)."""
    kept = [t for t in bank.topics if t.slug in topics]
    groups = {t.group for t in kept}
    return dataclasses.replace(
        bank,
        groups=[g for g in bank.groups if g.slug in groups],
        topics=kept,
        questions=[q for q in bank.questions if q.topic in topics],
        notes=[n for n in bank.notes if n.topic in topics],
    )


@pytest.fixture(scope="session")
def books(bank, tmp_path_factory: pytest.TempPathFactory) -> tuple[Bank, dict[str, Path]]:
    """Both books of the first topic of the first two groups (mathematics: formulas, code,
    tables; and the next group), printed by Chromium as `make exports` prints them."""
    part = part_of(bank, [bank.topics_of(group.slug)[0].slug for group in bank.groups[:2]])
    config = load_site_config(ROOT / "mkdocs.yml")
    folder = tmp_path_factory.mktemp("books")
    templates, cache = ROOT / "overrides" / "exports", ROOT / ".cache" / "mathjax-chtml"
    printed = pdf.write_books(folder, part, config.site_url, MarkdownRenderer(config), templates, "2026-01-01", cache)
    return part, printed


def downloads(exported: tuple[Path, Manifest]) -> Path:
    return exported[0] / "downloads"


def open_deck(path: Path, tmp_path: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["collection.anki2", "media"]
        archive.extract("collection.anki2", tmp_path)
    return sqlite3.connect(tmp_path / "collection.anki2")


@pytest.mark.parametrize("lang", LANGS)
def test_every_question_is_a_note_with_its_stable_guid(exported, bank, lang: str, tmp_path: Path) -> None:
    db = open_deck(downloads(exported) / f"ml-interview-bank-{lang}.apkg", tmp_path)
    notes = db.execute("select id, guid, mid, flds, tags from notes order by id").fetchall()
    assert len(notes) == len(bank.questions)
    by_id = {}
    for _, guid, mid, flds, tags in notes:
        fields = flds.split("\x1f")
        assert len(fields) == len(anki.FIELDS)
        record = dict(zip(anki.FIELDS, fields, strict=True))
        question = bank.question(record["Id"])
        assert guid == anki.note_guid(question, lang)
        assert mid == anki.MODEL_IDS[lang]
        assert record["Question"].strip() and record["Meta"].strip()
        assert f"#{question.id}" in record["Permalink"]
        assert bool(record["Answers"]) == question.answered, question.id
        assert f"topic::{question.topic}" in tags.split() and f"collection::{question.source}" in tags.split()
        by_id[question.id] = record
    groups = {t.slug: t.group for t in bank.topics}
    in_deck_order = [q.id for g in bank.groups for q in bank.questions if groups[q.topic] == g.slug]
    assert list(by_id) == in_deck_order  # new cards come subdeck by subdeck, in the bank's order
    decks = dict(db.execute("select n.flds, c.did from cards c join notes n on c.nid = n.id").fetchall())
    assert len(decks) == len(bank.questions)
    for flds, did in decks.items():
        question = bank.question(flds.split("\x1f")[-1])
        assert did == anki.deck_id(lang, groups[question.topic])
    names = {deck["name"] for deck in json.loads(db.execute("select decks from col").fetchone()[0]).values()}
    assert {name.split("::")[0] for name in names} - {"Default"} == {anki.t("anki_deck", lang)}  # type: ignore[arg-type]


def test_cards_keep_math_for_ankis_mathjax_and_escape_html(exported, tmp_path: Path) -> None:
    db = open_deck(downloads(exported) / "ml-interview-bank-zh.apkg", tmp_path)
    fields = "\n".join(row[0] for row in db.execute("select flds from notes"))
    aligned = re.search(r"\\\[\s*\\begin\{aligned\}(.*?)\\end\{aligned\}", fields, re.DOTALL)
    assert aligned is not None
    assert "&amp;" in aligned[1] and not re.search(r"&(?!amp;|lt;|gt;|quot;|#)", aligned[1])
    assert '<span class="arithmatex">\\(' in fields
    assert "<script" not in fields.lower()


def test_two_builds_give_byte_identical_decks(exported, bank, tmp_path: Path) -> None:
    config = load_site_config(ROOT / "mkdocs.yml")
    project = Project(ROOT, ROOT / "sources", exported[0])
    again = anki.write_decks(
        tmp_path, bank, config.site_url, MarkdownRenderer(config), project.templates, float(content_time(project))
    )
    for lang, path in again.items():
        assert path.read_bytes() == (downloads(exported) / path.name).read_bytes(), lang


def permalinks_in_order(reader: PdfReader) -> list[str]:
    """The question ids of the permalinks (link annotations), page by page: reading links is
    fast where extracting the text of a 700-page book with CJK glyphs takes minutes."""
    ids = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            uri = annotation.get_object().get("/A", {}).get("/URI", "")
            if "/topics/" in uri and "#" in uri:
                ids.append(uri.rsplit("#", 1)[1])
    return ids


def book_order(bank) -> list[str]:
    return [
        q.id for group in bank.groups for topic in bank.topics_of(group.slug) for q in bank.questions_of(topic.slug)
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_each_book_has_every_question_in_order(books, lang: str) -> None:
    part, paths = books
    reader = PdfReader(paths[lang])
    assert len(part.questions) // 3 < len(reader.pages) < len(part.questions) * 3, len(reader.pages)
    assert reader.pages[0].mediabox.width == pytest.approx(595, abs=2)  # A4: 210 x 297 mm
    assert permalinks_in_order(reader) == book_order(part)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert [q.id for q in part.questions if q.id not in text] == []  # each question's line of facts
    for topic in part.topics:
        assert topic.title.get(lang) in text  # Chinese is there as text (an embedded CJK font)
    assert "\\(" not in text and "\\[" not in text and "\\frac" not in text  # no raw TeX: MathJax typeset it
    assert "∑" in text or "∫" in text  # and the formulas are text in MathJax's fonts


def test_books_are_small_enough_for_a_phone(books) -> None:
    """CommonHTML formulas and no structure tree: a book of SVG formulas, tagged as Chromium
    tags by default, took 60 to 75 KB a page. Chromium embeds the CJK font whole (WenQuanYi
    is a font collection, which it does not subset): 2.3 MB once."""
    for lang, path in books[1].items():
        reader = PdfReader(path)
        assert "/StructTreeRoot" not in reader.trailer["/Root"]
        font = 2_500_000 if lang == "zh" else 0
        assert path.stat().st_size < font + 30_000 * len(reader.pages), (path.name, path.stat().st_size)


def test_csv_has_a_row_per_question(exported, bank) -> None:
    raw = (downloads(exported) / "ml-interview-bank.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [row["id"] for row in rows] == [q.id for q in bank.questions]
    for row, question in zip(rows, bank.questions, strict=True):
        assert row["question_zh"] == (question.question.zh or "") and row["question_en"] == (question.question.en or "")
        assert row["permalink_en"].endswith(f"en/topics/{question.topic}.html#{question.id}")


def test_json_bank_has_every_question(exported, bank) -> None:
    data = json.loads((downloads(exported) / "ml-interview-bank.json").read_text(encoding="utf-8"))
    assert [q["id"] for q in data["questions"]] == [q.id for q in bank.questions]
    assert {s["id"] for s in data["sources"]} == {s.id for s in bank.sources}


def test_manifest_lists_every_file_with_its_size(exported) -> None:
    site, manifest = exported
    names = {item.name for item in manifest.files}
    assert names == {p.name for p in (site / "downloads").iterdir()} - {"manifest.json"}
    for item in manifest.files:
        assert item.bytes == (site / "downloads" / item.name).stat().st_size


def test_offline_zip_holds_the_site_but_not_itself(exported) -> None:
    with zipfile.ZipFile(downloads(exported) / "ml-interview-bank-offline.zip") as archive:
        names = set(archive.namelist())
    assert {"index.html", "en/index.html", "downloads.html", "downloads/ml-interview-bank-zh.apkg"} <= names
    assert "downloads/ml-interview-bank-offline.zip" not in names


def test_downloads_pages_list_every_file_and_every_link_resolves(exported) -> None:
    site, manifest = exported
    for page, prefix in ((site / "downloads.html", "downloads/"), (site / "en" / "downloads.html", "../downloads/")):
        html = page.read_text(encoding="utf-8")
        for item in manifest.files:
            assert f'href="{prefix}{item.name}"' in html, (page, item.name)
        assert "make exports" not in html.split("qbank:downloads:end")[0].split("qbank:downloads:begin")[1]
    pages, problems = site_problems(site, ROOT / "mkdocs.yml")
    assert problems == [] and pages > 40


def test_downloads_pages_before_exports_say_how_to_build_them(built_site: Path) -> None:
    for page in (built_site / "downloads.html", built_site / "en" / "downloads.html"):
        html = page.read_text(encoding="utf-8")
        assert "make exports" in html and "downloads/ml-interview-bank" not in html
    assert site_problems(built_site, ROOT / "mkdocs.yml")[1] == []


def test_exports_without_a_built_site_fail_clearly(tmp_path: Path) -> None:
    result = run_cli("exports", "--site", tmp_path / "nowhere", "--config", ROOT / "mkdocs.yml")
    assert result.returncode == 1
    assert "make site" in result.stderr and "Traceback" not in result.stderr
