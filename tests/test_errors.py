"""Bad input: every problem as file:line, exit 1, no traceback, nothing half written."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURES, FORMAT_NAMES, ROOT, fixture_sources, make_sources, project_config, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from qbank.build import build_bank
from qbank.glossary import load_glossary
from qbank.model import OTHER, InputError


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
    for args in (("convert", "--docs", docs), ("json", tmp_path / "bank.json")):
        result = run_cli(*args, "--sources", sources)
        assert result.returncode == 1
        assert "sources/c.md:3: cannot place this line: '???'" in result.stderr
        assert "Traceback" not in result.stderr
    assert not docs.exists() and not (tmp_path / "bank.json").exists()


def test_the_console_script_is_installed_and_reports_without_traceback(tmp_path: Path) -> None:
    sources = one_source(tmp_path / "sources", "starred-list", "## 甲\n\n???\n", ["甲"])
    qbank = Path(sys.executable).parent / "qbank"
    result = subprocess.run([str(qbank), "check", "--sources", str(sources)], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "sources/c.md:3: cannot place this line: '???'",
        "1 problem(s); nothing was written.",
    ]


def test_cli_writes_json_with_the_documented_keys(tmp_path: Path) -> None:
    result = run_cli("json", tmp_path / "bank.json")
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


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
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


# The three latent bugs of the code-health review, each with the test that found it.


def test_a_single_language_format_rejects_bilingual(tmp_path: Path) -> None:
    sources = one_source(tmp_path, "starred-list", "## 甲\n\n1. 问题⭐\n", ["甲"], lang="bilingual")
    assert problems_of(sources) == [
        "sources/sources.yml:2: format 'starred-list' holds one language: 'lang' must be zh or en, not bilingual"
    ]


@pytest.mark.parametrize("fmt", [name for name in FORMAT_NAMES if name != "bilingual-outline"])
def test_every_single_language_format_puts_its_text_in_the_sources_language(fmt: str, tmp_path: Path) -> None:
    entry = yaml.safe_load((FIXTURES / "parsers" / f"{fmt}.yml").read_text(encoding="utf-8"))
    for lang in ("zh", "en"):
        folder = fixture_sources(fmt, tmp_path / lang)
        registry = yaml.safe_load((folder / "sources.yml").read_text(encoding="utf-8"))
        registry["sources"][0]["lang"] = lang
        (folder / "sources.yml").write_text(yaml.safe_dump(registry, allow_unicode=True), encoding="utf-8")
        bank = build_bank(folder)
        assert {q.origin_lang for q in bank.questions} == {lang}, entry["file"]
        assert all(q.question.get(lang) and not q.question.get(OTHER[lang]) for q in bank.questions)


def test_a_glossary_entry_without_its_terms_is_located(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yml"
    path.write_text("terms:\n  - {zh: 过拟合, en: overfitting}\n  - {zh: 欠拟合}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_glossary(path)
    assert [str(p) for p in caught.value.problems] == [
        "sources/glossary.yml:3: a term needs 'zh' and 'en' strings, and only zh, en, zh_alt, en_alt, check"
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [("- id: [unclosed\n", 2), ("just: a mapping\n", 1), ("- source: x\n- id: q1\n", 1), ("- id: nope\n", 1)],
)
def test_a_malformed_translation_work_file_is_located(text: str, line: int, tmp_path: Path) -> None:
    work = tmp_path / "work.yml"
    work.write_text(text, encoding="utf-8")
    result = run_cli("translate", "add", work, "--lang", "en", "--sources", ROOT / "sources")
    assert result.returncode == 1
    assert result.stderr.startswith(f"{work}:{line}: "), result.stderr
    assert "Traceback" not in result.stderr


def test_an_os_error_in_the_hook_is_a_plugin_error(tmp_path: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError

    spec = importlib.util.spec_from_file_location("qbank_hook_under_test", ROOT / "scripts" / "mkdocs_hooks.py")
    assert spec and spec.loader
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    config = load_config(config_file=str(project_config(tmp_path)))
    blocker = tmp_path / "docs" / "topics"
    blocker.write_text("a file where the topic pages' folder should be", encoding="utf-8")
    with pytest.raises(PluginError, match="cannot write the generated files"):
        hook.on_config(config)


@pytest.mark.skipif(shutil.which("node") is None, reason="node renders the formulas")
def test_a_tex_error_fails_the_build_naming_file_line_and_question(tmp_path: Path) -> None:
    text = "## 损失函数\n\n1. 说说 KL 散度⭐⭐\n2. 为什么 $\\nosuchmacro{x} + 1$ 不收敛⭐\n"
    sources = one_source(tmp_path / "sources", "starred-list", text, ["损失函数"], id="c")
    (sources / "glossary.yml").write_bytes((ROOT / "sources" / "glossary.yml").read_bytes())  # for search
    config = yaml.safe_load(project_config(tmp_path).read_text(encoding="utf-8"))
    config["extra"]["qbank_sources"] = str(sources)
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 1
    [question] = [q for q in build_bank(sources).questions if "nosuchmacro" in q.question.zh]
    assert f"sources/c.md:4: question {question.id} (zh): Undefined control sequence \\nosuchmacro" in result.stderr
    assert "Traceback" not in result.stderr
