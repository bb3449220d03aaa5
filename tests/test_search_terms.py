"""The search index's hidden keywords, the 404 page's URLs, and the fixes to Material's scripts."""

from __future__ import annotations

import re
from pathlib import Path

import jieba
import pytest
from qbank import not_found, search_terms, search_worker


def cut(text: str) -> str:
    """Text as Material's index holds it: Chinese cut by jieba, words joined by U+200B."""
    return "\u200b".join(jieba.cut(text))


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        ("如何防止过拟合和欠拟合？", {"拟合", "overfitting", "underfitting"}, {"过拟合", "欠拟合"}),
        ("为什么要用批归一化？", {"归一化", "bn", "batchnorm", "批量归一化", "normalization"}, {"批归一化"}),
        ("Why does BatchNorm speed up training?", {"批归一化", "批量归一化"}, {"batchnorm"}),
        ("What does regularization do?", {"regularisation", "正则化"}, {"regularization"}),
        ("Which optimiser would you pick?", {"optimizer"}, {"optimiser"}),
        ("A plain sentence about trees.", set(), {"tree", "trees"}),
    ],
)
def test_keywords_hold_the_other_forms_of_what_an_entry_says(
    table: search_terms.Synonyms, text: str, expected: set[str], absent: set[str]
) -> None:
    found = set(search_terms.keywords(cut(text), table).split())
    assert expected <= found, expected - found
    assert not found & absent  # what the entry already says is not repeated


def test_trie_pattern_finds_what_a_longest_first_alternation_finds() -> None:
    words = ["batch", "batch norm", "batch normalization", "bn", "norm", "layer norm", "l1", "l2"]
    text = "batch norm, layer norm and batch normalization; bn, l1 or l2, a batch of norms"
    flat = re.compile("|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w)))))
    assert re.findall(search_terms.trie_pattern(words), text) == flat.findall(text)
    assert re.fullmatch(search_terms.trie_pattern(["a.b"]), "axb") is None  # escaped


def test_keywords_are_a_field_of_the_index_and_deterministic(table: search_terms.Synonyms) -> None:
    index = {
        "config": {"fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
        "docs": [
            {"location": "a.html#q1", "title": cut("过拟合是什么？"), "text": "<p>x</p>"},
            {"location": "a.html#q2", "title": "Trees", "text": "<p>Plain.</p>"},
        ],
    }
    once = search_terms.add_keywords(index, table)
    assert once == search_terms.add_keywords(index, table)
    assert once["config"]["fields"]["keywords"] == {"boost": 1.0}
    assert once["config"]["fields"]["title_keywords"] == {"boost": 100.0}
    assert {"拟合", "overfitting_"} <= set(once["docs"][0]["title_keywords"].split())
    assert "keywords" not in once["docs"][1] and "title_keywords" not in once["docs"][1]
    assert index["docs"][0].keys() == {"location", "title", "text"}  # the input is left as it was


@pytest.mark.parametrize(
    ("word", "variant"),
    [
        ("regularization", "regularisation"),
        ("normalisation", "normalization"),
        ("optimizers", "optimisers"),
        ("size", None),
        ("tree", None),
    ],
)
def test_spelling_variants(word: str, variant: str | None) -> None:
    assert search_terms.spelling_variant(word) == variant


def test_labels_are_kept_out_of_the_index() -> None:
    html = '<p class="qb-badges"><a>src</a></p><details class="answer"><summary>编者答案</summary><p>x</p></details>'
    marked = search_terms.exclude_labels(html)
    assert marked.count('data-search-exclude="1"') == 2
    assert "<p>x</p>" in marked


def test_not_found_page_urls_become_relative_to_a_base_at_the_site_root() -> None:
    html = (
        '<html><head><link href="/bank/assets/a.css"><script src="/bank/assets/b.js"></script>'
        '<script id="__config">{"base": "/bank/", "search": "/bank/assets/w.js"}</script><a href="/other/x">'
    )
    fixed = not_found.make_relative(html, "https://example.org/bank/")
    assert fixed.startswith('<html><head><base href="/bank/"><script>')
    assert fixed.endswith(
        '<link href="assets/a.css"><script src="assets/b.js"></script>'
        '<script id="__config">{"base": "", "search": "assets/w.js"}</script><a href="/other/x">'
    )
    assert not_found.make_relative(fixed, "https://example.org/bank/") == fixed


def test_fixes_to_materials_scripts_fail_loudly_when_material_changes(tmp_path: Path) -> None:
    workers = tmp_path / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.x.min.js").write_text(search_worker.WORKER_BUG, encoding="utf-8")
    bundle = tmp_path / "assets" / "javascripts" / "bundle.x.min.js"
    material = 'function Mn(e,t=new Worker(e)){}var a=document.forms.namedItem("search")?ks():tt;'
    bundle.write_text(material, encoding="utf-8")
    search_worker.patch_search_worker(tmp_path)
    fixed = bundle.read_text(encoding="utf-8")
    assert "(window.qbankSearchIndex||(f=>f()))(ks)" in fixed
    assert "function Mn(e,t=new(window.qbankLazyWorker||Worker)(e)){}" in fixed
    search_worker.patch_search_worker(tmp_path)  # a second build leaves the fixed files alone
    assert bundle.read_text(encoding="utf-8") == fixed
    bundle.write_text(material.replace("?ks():", "&&ks()||"), encoding="utf-8")
    with pytest.raises(search_worker.WorkerPatchError, match="search index request"):
        search_worker.patch_search_worker(tmp_path)
    bundle.write_text(material.replace("new Worker(e)", "new SharedWorker(e)"), encoding="utf-8")
    with pytest.raises(search_worker.WorkerPatchError, match="search worker's start"):
        search_worker.patch_search_worker(tmp_path)
