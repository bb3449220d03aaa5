"""The shipped collections: exact counts, nothing lost, stable ids, deterministic output."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml
from helpers import ROOT, make_sources, run_cli
from qbank.build import build_bank
from qbank.export import bank_as_json
from qbank.pages import render_site

SOURCES = ROOT / "sources"


def test_counts_match_the_hand_count(bank) -> None:
    per_source = Counter(q.source for q in bank.questions)
    assert per_source == {
        "ml-dl-bilingual-qa": 100,
        "dl-cv-starred-zh": 295,
        "transformer-python-ml-qa-zh": 26,
        "chip-huyen-ml-interviews": 302,
        "nlp-study-notes-zh": 37,
    }
    chip = [q for q in bank.questions if q.source == "chip-huyen-ml-interviews"]
    assert sum(q.difficulty is not None for q in chip) == 286
    untagged = [q for q in chip if q.difficulty is None]
    assert sum("Show that" in (q.question.en or "") for q in untagged) == 3
    assert sum(q.heading == "Algorithms" for q in untagged) == 13
    notes_src = [q for q in bank.questions if q.source == "nlp-study-notes-zh"]
    assert sum(q.heading == "零散问题" for q in notes_src) == 6


def test_stats_print_these_counts() -> None:
    result = run_cli("stats", "--sources", SOURCES)
    assert result.returncode == 0, result.stderr
    per_source = result.stdout.split("Per topic")[0]
    header = per_source.splitlines()[1].split()
    rows = {
        line.split()[0]: dict(zip(header, line.split()[1:], strict=True))
        for line in per_source.splitlines()[2:]
        if line.strip()
    }
    counts = {name: (row["questions"], row["collection"], row["notes"]) for name, row in rows.items()}
    assert counts == {
        "ml-dl-bilingual-qa": ("100", "91", "0"),
        "dl-cv-starred-zh": ("295", "0", "0"),
        "transformer-python-ml-qa-zh": ("26", "26", "0"),
        "chip-huyen-ml-interviews": ("302", "3", "2"),
        "nlp-study-notes-zh": ("37", "11", "23"),
    }
    total = next(line.split()[1:] for line in result.stdout.splitlines() if line.startswith("total"))
    assert total[0] == "760"


# Syntax that carries no words of its own, by format (see each parser's docstring).
QUOTES = re.compile(r"^[>\s]+")
SYNTAX = re.compile(
    r"<[^>]+>|\*\*A:\*\*|\bN/A\b|^\s*Answer:|\[[EMH]\]|⭐|^\s*\d+(\.\d+)*(?:[.、]\s*|\s)|\*\*\d+\.\d+\s"
)
# A heading with no questions of its own only groups other headings; the taxonomy's
# groups replace it (README, "Nothing is lost"). Content headings map to topics.
GROUPING_HEADING = re.compile(r"^#+\s|^\d+\.\s+\*\*")
WORD = re.compile(r"[A-Za-z0-9]+|[\u3400-\u9fff]+")


def _haystack(bank, source_id: str) -> str:
    texts: list[str] = [bank.source(source_id).preface.zh or "", bank.source(source_id).preface.en or ""]
    for q in bank.questions:
        if q.source == source_id:
            texts += [q.heading, *q.question.as_dict().values(), *q.answer.as_dict().values()]
    for n in bank.notes:
        if n.source == source_id:
            texts += [n.heading, *n.text.as_dict().values()]
    return "\n".join(t or "" for t in texts).replace("\\", "")


def test_every_word_of_every_line_reaches_the_bank(bank) -> None:
    registry = yaml.safe_load((SOURCES / "sources.yml").read_text(encoding="utf-8"))["sources"]
    missing: list[str] = []
    for entry, source in zip(registry, bank.sources, strict=True):
        haystack = _haystack(bank, source.id)
        drops = {rule["text"] for rule in entry.get("drop_lines", [])}
        lines = (SOURCES / source.file).read_text(encoding="utf-8").splitlines()
        for fix in source.corrections:
            lines[fix.line - 1] = lines[fix.line - 1].replace(fix.find, fix.replace)
        for number, line in enumerate(lines, start=1):
            if line.strip() in drops or "<summary>" in line:  # documented rules
                continue
            for word in WORD.findall(SYNTAX.sub(" ", QUOTES.sub("", line))):
                if word not in haystack and not GROUPING_HEADING.match(line):
                    missing.append(f"{source.file}:{number}: {word!r}")
    assert missing == []


def test_ids_are_unique_url_safe_and_shared_by_both_languages(bank) -> None:
    ids = [q.id for q in bank.questions] + [n.id for n in bank.notes]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[qn][a-z2-7]{7,12}(-\d+)?", i) for i in ids)
    pages = render_site(bank)
    for q in bank.questions[:50]:
        zh = pages[f"topics/{q.topic}.md"]
        en = pages[f"topics/{q.topic}.en.md"]
        heading = re.compile(rf"^## .*\{{ #{q.id} \.qb-question[ }}]", re.M)
        assert heading.search(zh) and heading.search(en), q.id


def test_ids_survive_reordering_and_insertion(tmp_path: Path) -> None:
    original = "## 甲\n\n1. 第一题⭐\n2. 第二题⭐⭐\n"
    changed = "## 甲\n\n1. 新插入的题⭐\n2. 第二题⭐⭐\n3. 第一题⭐\n"
    entry = {"file": "c.md", "format": "starred-list", "lang": "zh"}
    before = build_bank(make_sources(tmp_path / "a", [entry], {"c.md": original}, ["甲"]))
    after = build_bank(make_sources(tmp_path / "b", [entry], {"c.md": changed}, ["甲"]))
    ids_before = {q.question.zh: q.id for q in before.questions}
    ids_after = {q.question.zh: q.id for q in after.questions}
    assert ids_after["第一题"] == ids_before["第一题"] and ids_after["第二题"] == ids_before["第二题"]


def test_duplicate_questions_get_numbered_ids(tmp_path: Path) -> None:
    entry = {"file": "c.md", "format": "starred-list", "lang": "zh"}
    text = "## 甲\n\n1. 同一题⭐\n2. 同一题？⭐\n"
    bank = build_bank(make_sources(tmp_path, [entry], {"c.md": text}, ["甲"]))
    first, second = (q.id for q in bank.questions)
    assert second == f"{first}-2"


def test_two_runs_give_byte_identical_output(tmp_path: Path) -> None:
    outputs = []
    for run in ("one", "two"):
        folder = tmp_path / run
        for args in (("convert", "--docs", folder / "docs"), ("json", folder / "bank.json")):
            result = run_cli(*args, "--sources", SOURCES)
            assert result.returncode == 0, result.stderr
        outputs.append({p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 2 * 22 + 2  # pages for 22 topics in 2 languages, the manifest, the JSON


def test_bank_json_is_stable(bank) -> None:
    assert bank_as_json(bank) == bank_as_json(bank)


def test_identical_notes_get_distinct_ids(tmp_path: Path) -> None:
    text = "> **甲**\n>\n> 同一条笔记\n\n> **甲**\n>\n> 同一条笔记\n"
    entry = {"file": "c.md", "format": "quote-notes", "lang": "zh"}
    bank = build_bank(make_sources(tmp_path, [entry], {"c.md": text}, ["甲"]))
    first, second = (n.id for n in bank.notes)
    assert second == f"{first}-2"
