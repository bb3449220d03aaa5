"""Unit tests of the guards: the HTML sanitiser, the atomic writers, the search index split."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest
import yaml
from helpers import ROOT, make_sources, project_config
from qbank import search_split
from qbank.text import escape_plain, python_markdown_lists, sanitize_markdown
from qbank.writer import write_tree
from qbank.yamlio import write_text_atomic


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
        ('<img src=x onerror="alert(1)">', '&lt;img src=x onerror="alert(1)">'),
        ("[click](javascript:alert(1))", "[click] (`javascript:alert(1`))"),
        ("[data](data:text/html,hi)", "[data] (`data:text/html,hi`)"),
        ("see https://example.org/a.", "see <https://example.org/a>."),
        ("`<b>` stays code", "`<b>` stays code"),
        ("$a<b$ and $$x<y$$", "$a<b$ and $$x<y$$"),
        (r"\(x\) and \[y\]", "$x$ and $$y$$"),
        ("a < b and 3<4", "a < b and 3<4"),
    ],
)
def test_sanitize_markdown_lets_no_html_through(source: str, expected: str) -> None:
    assert sanitize_markdown(source) == expected


def test_escape_plain_reads_as_itself() -> None:
    # pymdownx.escapeall makes any backslash-escaped character literal, digits included
    assert escape_plain("1. not a list *or* [link]") == "\\1. not a list \\*or\\* [link\\]"
    assert escape_plain("cost $5 and $$x$$") == "cost \\$5 and $$x$$"


def test_write_tree_writes_only_changes_and_prunes_what_it_made(tmp_path: Path) -> None:
    root = tmp_path / "docs"
    root.mkdir()
    (root / "hand.md").write_text("hand-written", encoding="utf-8")
    assert write_tree(root, {"a.md": "A", "b/c.md": "C"}, prune=True) == 2
    before = (root / "a.md").stat().st_mtime_ns
    assert write_tree(root, {"a.md": "A", "b/c.md": "C2"}, prune=True) == 1
    assert (root / "a.md").stat().st_mtime_ns == before
    assert write_tree(root, {"a.md": "A"}, prune=True) == 1
    assert not (root / "b" / "c.md").exists()
    assert (root / "hand.md").read_text(encoding="utf-8") == "hand-written"


def test_write_text_atomic_leaves_the_old_file_when_writing_fails(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "t.yml"
    target.write_text("old", encoding="utf-8")

    with pytest.raises(TypeError):
        write_text_atomic(target, 42)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.yml"]
    write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_mode & 0o777 == 0o644  # what a web server serving the site reads


def _index(site: Path, locations: list[str]) -> None:
    folder = site / "search"
    folder.mkdir(parents=True)
    docs = [{"location": loc, "title": loc, "text": ""} for loc in locations]
    (folder / "search_index.json").write_text(json.dumps({"config": {}, "docs": docs}), encoding="utf-8")


def test_split_index_gives_each_language_its_own(tmp_path: Path) -> None:
    _index(tmp_path, ["", "topics/a.html#q1", "en/", "en/topics/a.html#q1"])
    search_split.split_index(tmp_path)
    zh = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))
    en = json.loads((tmp_path / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [d["location"] for d in zh["docs"]] == ["", "topics/a.html#q1"]
    assert [d["location"] for d in en["docs"]] == ["", "topics/a.html#q1"]
    offline = (tmp_path / "en" / "search" / "search_index.js").read_text(encoding="utf-8")
    assert offline.startswith("var __index = ") and json.loads(offline.removeprefix("var __index = ")) == en
    search_split.split_index(tmp_path)  # idempotent: a split index is left alone
    assert json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8")) == zh


def test_english_pages_point_material_at_their_index() -> None:
    html = '<script id="__config" type="application/json">{"base": "..", "x": 1}</script>'
    assert '"base": "../en/."' in search_split.point_config_at_language_index(html, "en", "en/topics/a.html")
    assert search_split.point_config_at_language_index(html, "zh", "topics/a.html") == html


@pytest.mark.parametrize(
    ("commonmark", "python_markdown"),
    [
        ("- a\n\n  $$\n  x\n  $$\n- b", "- a\n\n    $$\n    x\n    $$\n\n- b"),
        ("1. a\n\n   $$\n   x\n   $$\n2. b", "1. a\n\n    $$\n    x\n    $$\n\n2. b"),
        ("- a\n  - b\n\n    $$\n    y\n    $$\n- c", "- a\n    - b\n\n        $$\n        y\n        $$\n\n- c"),
        (
            "- a\n\n  ```python\n  def f():\n      return 1\n  ```\n- b",
            "- a\n\n    ```python\n    def f():\n        return 1\n    ```\n- b",
        ),
        ("- a\n\n    $$\n    x\n    $$\n\n- b", "- a\n\n    $$\n    x\n    $$\n\n- b"),  # already 4: unchanged
        ("para\n\n$$\nx\n$$\n\ntext", "para\n\n$$\nx\n$$\n\ntext"),
    ],
)
def test_list_items_are_reindented_for_python_markdown(commonmark: str, python_markdown: str) -> None:
    assert python_markdown_lists(commonmark) == python_markdown
    assert python_markdown_lists(python_markdown) == python_markdown


def test_display_math_gets_the_blank_lines_python_markdown_needs() -> None:
    assert (
        python_markdown_lists("- a bound\n  $$\n  x\n  $$\n  next") == "- a bound\n\n    $$\n    x\n    $$\n\n    next"
    )
    assert python_markdown_lists("text\n$$ y $$\nmore") == "text\n\n$$ y $$\n\nmore"
    assert python_markdown_lists("```\n$$\n```") == "```\n$$\n```"  # code is left alone


def fresh_hook():
    """The hook as a new build's process loads it."""
    spec = importlib.util.spec_from_file_location("qbank_hook_once", ROOT / "scripts" / "mkdocs_hooks.py")
    assert spec and spec.loader
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    return hook


def test_the_bank_is_built_once_per_build_and_again_after_an_edit(tmp_path: Path, monkeypatch) -> None:
    """mkdocs-static-i18n calls on_config once per language: the second call reuses the
    bank; an edited source (as under `mkdocs serve`) is converted again; the next build
    reads the bank kept in .cache/products, the same as built, until a source changes."""
    from mkdocs.config import load_config

    entry = {"file": "c.md", "format": "starred-list", "lang": "zh", "id": "c"}
    text = "## 损失函数\n\n1. 说说 KL 散度⭐⭐\n"
    sources = make_sources(tmp_path / "sources", [entry], {"c.md": text}, ["损失函数"])
    (sources / "glossary.yml").write_bytes((ROOT / "sources" / "glossary.yml").read_bytes())
    config_file = project_config(tmp_path / "project")
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["extra"]["qbank_sources"] = str(sources)
    config["extra"]["qbank_cache"] = str(tmp_path / "cache")
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    builds = []

    def counted(hook):
        real_build = hook._build
        monkeypatch.setattr(hook, "_build", lambda folder: builds.append(folder) or real_build(folder))
        return hook

    hook = counted(fresh_hook())
    for _ in range(2):
        hook.on_config(load_config(config_file=str(config_file)))
    assert len(builds) == 1
    source = sources / "c.md"
    source.write_text("## 损失函数\n\n1. 说说 KL 散度⭐⭐\n2. 再说说交叉熵⭐\n", encoding="utf-8")
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 1_000_000))
    hook.on_config(load_config(config_file=str(config_file)))
    assert len(builds) == 2 and len(hook._bank.questions) == 2
    next_build = counted(fresh_hook())
    next_build.on_config(load_config(config_file=str(config_file)))
    assert len(builds) == 2  # kept
    assert next_build._bank == hook._bank and next_build._pages == hook._pages
    source.write_text(text, encoding="utf-8")
    counted(fresh_hook()).on_config(load_config(config_file=str(config_file)))
    assert len(builds) == 3  # a changed source: built again


def test_the_bank_kept_as_data_is_the_bank(bank) -> None:
    from qbank.jsondata import from_data, to_data
    from qbank.model import Bank

    assert from_data(Bank, json.loads(json.dumps(to_data(bank), ensure_ascii=False))) == bank


def test_a_scaled_bank_holds_the_real_one_and_its_copies(tmp_path: Path) -> None:
    """bench --scale: the real collections keep their ids (topics.yml moves name them), with
    their translations and editor answers; each copy adds as many questions again."""
    from qbank.bench import scaled_project
    from qbank.build import build_site_bank

    real = build_site_bank(ROOT / "sources").bank
    scaled = build_site_bank(scaled_project(ROOT, 3, tmp_path) / "sources").bank
    assert len(scaled.questions) == 3 * len(real.questions)
    by_id = scaled.by_id
    assert all(by_id[q.id].editor == q.editor for q in real.questions)
