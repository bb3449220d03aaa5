"""Bad input: every problem as file:line, exit 1, no traceback, nothing half written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, FORMATS, ROOT, make_sources
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from qbank.build import build_bank
from qbank.model import InputError

CONVERT = ROOT / "scripts" / "convert.py"


def convert(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(CONVERT), *args], capture_output=True, text=True)


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        build_bank(folder)
    return [str(p) for p in caught.value.problems]


def one_source(folder: Path, fmt: str, text: str, headings: list[str], **options: object) -> Path:
    entry = {"file": "c.md", "format": fmt, "lang": "zh", **options}
    return make_sources(folder, [entry], {"c.md": text}, headings)


def test_unplaceable_line_names_file_and_line(tmp_path: Path) -> None:
    text = "## 损失函数\n\n1. 说说 KL 散度⭐⭐\nthis line belongs nowhere\n"
    assert problems_of(one_source(tmp_path, "starred-list", text, ["损失函数"])) == [
        "sources/c.md:4: cannot place this line: 'this line belongs nowhere'"
    ]


def test_every_unmapped_heading_is_listed_at_once(tmp_path: Path) -> None:
    text = "## 甲\n\n1. 问题一⭐\n\n## 乙\n\n1. 问题二⭐\n"
    problems = problems_of(one_source(tmp_path, "starred-list", text, []))
    assert problems == [
        "sources/c.md:1: heading '甲' maps to no topic in sources/topics.yml",
        "sources/c.md:5: heading '乙' maps to no topic in sources/topics.yml",
    ]


def test_missing_image_is_an_error(tmp_path: Path) -> None:
    text = '> 1、问题\n<details>\n<summary>答案</summary>\n<img src="x.png">\n</details>\n'
    problems = problems_of(one_source(tmp_path, "details-qa", text, ["A"], sections={1: "A"}))
    assert problems == ["sources/c.md:4: image '<img src=\"x.png\">' is missing: add the file or a correction"]


def test_unused_drop_rule_and_stale_correction_are_errors(tmp_path: Path) -> None:
    text = "## 甲\n\n1. 问题⭐\n"
    options = {
        "drop_lines": [{"text": "no such line", "why": "x"}],
        "corrections": [{"line": 3, "find": "nothing", "replace": "y", "why": {"zh": "z", "en": "z"}}],
    }
    problems = problems_of(one_source(tmp_path, "starred-list", text, ["甲"], **options))
    assert "sources/c.md:1: drop rule matches no line: 'no such line'" in problems
    assert "sources/c.md:3: correction does not apply: 'nothing' is not on this line" in problems


def test_registry_errors_have_lines(tmp_path: Path) -> None:
    make_sources(tmp_path, [{"file": "missing.md", "format": "nope", "lang": "fr", "colour": 1}], {}, [])
    problems = problems_of(tmp_path)
    assert "sources/sources.yml:2: unknown key 'colour'" in problems
    assert any(p.startswith("sources/sources.yml:2: unknown format 'nope'") for p in problems)
    assert any(p.startswith("sources/sources.yml:2: unknown lang 'fr'") for p in problems)
    assert "sources/sources.yml:2: source file 'sources/missing.md' not found" in problems


def test_invalid_yaml_is_located(tmp_path: Path) -> None:
    make_sources(tmp_path, [], {}, [])
    (tmp_path / "sources.yml").write_text("sources:\n  - file: [unclosed\n", encoding="utf-8")
    problems = problems_of(tmp_path)
    assert len(problems) == 1 and problems[0].startswith("sources/sources.yml:3: invalid YAML")


def test_cli_reports_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    sources = one_source(tmp_path / "sources", "starred-list", "## 甲\n\n???\n", ["甲"])
    docs = tmp_path / "docs"
    result = convert("--sources", str(sources), "--docs", str(docs), "--json", str(tmp_path / "bank.json"))
    assert result.returncode == 1
    assert "sources/c.md:3: cannot place this line: '???'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not docs.exists() and not (tmp_path / "bank.json").exists()


def test_cli_writes_json_with_the_documented_keys(tmp_path: Path) -> None:
    result = convert("--docs", str(tmp_path / "docs"), "--json", str(tmp_path / "bank.json"))
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((tmp_path / "bank.json").read_text(encoding="utf-8"))
    assert set(data) >= {"questions", "topics", "sources"}
    keys = list(data["questions"][0])
    assert keys[:9] == ["id", "source", "topic", "origin_lang", "question", "answer", "difficulty", "stars", "line"]


# Text made of the pieces these formats are built from, so that hypothesis explores
# near-valid documents rather than only noise.
PIECES = [
    "# ",
    "## ",
    "### ",
    "1. ",
    "2、",
    "   - ",
    "- ",
    "> ",
    "> > ",
    "**",
    "A:",
    "[E] ",
    "[X] ",
    "⭐",
    "⭐⭐⭐⭐⭐⭐",
    "<details>",
    "</details>",
    "<summary>答案</summary>",
    "<br>",
    "<img src=a.png>",
    "Answer: ",
    "$x$",
    "$$",
    "N/A",
    "中文",
    "(English)",
    "?",
    "\n",
    "\n\n",
    "  ",
    "text",
    "<script>",
    "http://a.b/c",
]
documents = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=documents)
def test_any_text_gives_a_bank_or_located_problems(fmt: str, text: str, tmp_path: Path) -> None:
    entry = yaml.safe_load((FIXTURES / "parsers" / f"{fmt}.yml").read_text(encoding="utf-8"))
    entry.pop("corrections", None)
    entry.pop("drop_lines", None)
    folder = make_sources(tmp_path / fmt, [entry], {entry["file"]: text}, ["甲"])
    try:
        bank = build_bank(folder)
    except InputError as err:
        assert err.problems
        for problem in err.problems:
            assert problem.file.startswith("sources/") and problem.line >= 1 and problem.message
        return
    for question in bank.questions:
        assert question.id and question.topic == "all" and question.question.langs()
        for value in (*question.question.as_dict().values(), *question.answer.as_dict().values()):
            assert "<script" not in (value or "")


# Registry entries of any shape: JSON-like values under the known keys and a few others.
values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 300) | st.sampled_from(["", "x", "c.md", "zh", "starred-list", "甲"]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["zh", "en", "text", "why", "line", "find", "replace", "1", "a"]), inner, max_size=3
        )
    ),
    max_leaves=8,
)
keys = st.sampled_from(
    [
        "file",
        "format",
        "lang",
        "id",
        "title",
        "short_title",
        "attribution",
        "drop_lines",
        "corrections",
        "sections",
        "prompt_blocks",
        "question_blocks",
        "colour",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entry=st.dictionaries(keys, values, max_size=6))
def test_any_registry_entry_gives_a_bank_or_located_problems(entry: dict, tmp_path: Path) -> None:
    folder = make_sources(tmp_path / "reg", [entry], {"c.md": "## 甲\n\n1. 问题⭐\n"}, ["甲"])
    try:
        build_bank(folder)
    except InputError as err:
        assert all(p.file.startswith("sources/") and p.line >= 1 for p in err.problems)
