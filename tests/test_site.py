"""The built site (mkdocs build --strict): every question once per language, nothing
loaded from outside, no broken link or anchor, a search index per language."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from helpers import ROOT
from qbank import answer_bodies
from qbank.answer_bodies import page_as_read
from qbank.site_check import broken_links, external_loads, parse_pages, site_path_prefix

SEPARATOR = re.compile(r"[\s\u200b\u3000\-、。，．？！；：（）]+")


def question_anchors(site: Path, folder: str) -> list[str]:
    pages = sorted((site / folder).glob("*.html"))
    return [m for page in pages for m in re.findall(r'<h2 [^>]*id="(q[a-z2-7-]+)"', page.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("folder", ["topics", "en/topics"])
def test_every_question_appears_once_per_language(built_site: Path, bank, folder: str) -> None:
    anchors = question_anchors(built_site, folder)
    assert sorted(anchors) == sorted(q.id for q in bank.questions)


def test_nothing_is_loaded_from_outside_the_site(built_site: Path) -> None:
    assert external_loads(built_site) == []


def test_no_broken_links_or_anchors_in_either_language(built_site: Path) -> None:
    pages = parse_pages(built_site)
    assert any("/en/" in str(p) for p in pages) and len(pages) > 40
    assert broken_links(built_site, pages, site_path_prefix(ROOT / "mkdocs.yml")) == []


def test_the_link_checker_finds_what_is_broken(built_site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    page = copy / "topics" / "probability.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace(
        "</article>",
        '<a href="nope.html">x</a><a href="#no-such-anchor">y</a><img src="https://cdn.example/x.png"></article>',
        1,
    )
    page.write_text(html, encoding="utf-8")
    assert broken_links(copy, prefix=site_path_prefix(ROOT / "mkdocs.yml")) == [
        "topics/probability.html: broken link nope.html",
        "topics/probability.html: missing anchor #no-such-anchor",
    ]
    assert external_loads(copy) == ["topics/probability.html: loads https://cdn.example/x.png"]


def index_tokens(site: Path, folder: str) -> tuple[list[dict], set[str]]:
    docs = json.loads((site / folder / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    tokens = {token for doc in docs for token in SEPARATOR.split(doc["title"] + " " + doc["text"])}
    return docs, tokens


def test_chinese_index_keeps_ml_terms_whole(built_site: Path) -> None:
    docs, tokens = index_tokens(built_site, "")
    for term in ("过拟合", "交叉熵", "梯度消失", "正则化", "自注意力"):
        assert term in tokens, term
    assert not any(doc["location"].startswith("en/") for doc in docs)


def test_english_index_has_english_pages_only(built_site: Path) -> None:
    docs, tokens = index_tokens(built_site, "en")
    assert "overfitting" in {t.lower() for t in tokens}
    assert len(docs) > 800
    # every result links to an English page (locations are relative to en/)
    assert all((built_site / "en" / doc["location"].split("#")[0]).exists() for doc in docs)
    chinese_titles = [d["title"] for d in docs if re.search(r"[\u4e00-\u9fff]{4,}", d["title"])]
    assert len(chinese_titles) < 0.02 * len(docs), chinese_titles[:5]


def test_english_pages_search_their_own_index(built_site: Path) -> None:
    html = (built_site / "en" / "topics" / "probability.html").read_text(encoding="utf-8")
    assert '"base": "../../en/."' in html
    html = (built_site / "topics" / "probability.html").read_text(encoding="utf-8")
    assert '"base": ".."' in html


def test_no_page_loads_mathjax_and_every_formula_is_svg_with_mathml(built_site: Path) -> None:
    """Formulas are rendered when the site is built: SVG for the eye, MathML for screen
    readers, each glyph a <use> of the page's one hidden <defs>; no MathJax script."""
    pages = {page: page_as_read(page) for page in built_site.rglob("*.html")}
    with_math = 0
    for page, html in pages.items():
        assert not re.search(r"<script[^>]*mathjax|MathJax\s*=", html, re.I), page
        elements = re.findall(r'<(span|div) class="arithmatex[^"]*"[^>]*>(.*?)</\1>', html, re.S)
        with_math += bool(elements)
        for _, inner in elements:
            assert inner.startswith('<mjx-container class="MathJax" jax="SVG"'), (page, inner[:80])
            assert "<svg " in inner and "<mjx-assistive-mml" in inner and "<math" in inner, page
        defined = set(re.findall(r'<path id="(MJX-[^"]+)"', html))
        assert set(re.findall(r'<use[^>]* href="#([^"]+)"', html)) <= defined, page
        assert html.count('id="qbank-math-glyphs"') == (1 if elements else 0), page
    assert 10 < with_math < len(pages)  # both kinds of page exist
    assert not (built_site / "assets" / "vendor" / "mathjax").exists()
    assert not (built_site / "assets" / "mathjax-config.js").exists()


def test_the_search_index_keeps_the_tex(built_site: Path) -> None:
    for folder in (built_site / "search", built_site / "en" / "search"):
        index = (folder / "search_index.json").read_text(encoding="utf-8")
        assert "\\\\frac" in index and "\\\\sum" in index  # TeX, escaped in JSON
        assert "<svg" not in index and "mjx-container" not in index


def test_no_source_html_reaches_the_pages(built_site: Path) -> None:
    for page in (built_site / "topics").glob("*.html"):
        article = page_as_read(page).split("<article", 1)[1].split("</article>", 1)[0]
        assert "<details><summary>答案" not in article
        assert "<img" not in article and "<script" not in article.split("</h1>", 1)[1]


RAW_TEX = re.compile(r"\$\$|\\[(\[]|\\(frac|sum|mathbb|begin|operatorname|sqrt|lVert|big)\b|\$[^$\s]{1,40}\$")
CODE = re.compile(r"<pre.*?</pre>|<code.*?</code>|<script.*?</script>", re.S)


def test_no_formula_reaches_a_reader_as_raw_tex(built_site: Path) -> None:
    """No TeX reaches a reader, in formulas (rendered at build time) or around them (e.g. a
    $$ block a list item indents too little for Python-Markdown); only code keeps it."""
    problems = []
    for page in sorted(built_site.rglob("topics/*.html")):
        article = page_as_read(page).split("<article", 1)[1].split("</article>", 1)[0]
        text = re.sub(r"<[^>]+>", " ", CODE.sub(" ", article))
        problems += [f"{page.relative_to(built_site)}: {m[0]!r}" for m in RAW_TEX.finditer(text)]
    assert problems == []


def test_answer_bodies_come_back_to_the_page_as_it_was_built(built_site: Path) -> None:
    """Topic pages carry their answers' captions and the glyphs of their own formulas; put
    back, the bodies and their glyphs give the page the build wrote, and cutting that again
    gives the page served."""
    pages = sorted(built_site.rglob("topics/*.html"))
    assert len(pages) >= 40
    for page in pages:
        served = page.read_text(encoding="utf-8")
        whole = page_as_read(page)
        assert 'class="qb-lazy"' in served and 'class="qb-lazy"' not in whole, page
        lang = "en" if page.parent.parent.name == "en" else "zh"
        script = built_site / answer_bodies.script_path(lang, page.stem)
        assert answer_bodies.cut(whole, str(page)) == (served, *answer_bodies.read_answers(script))
        # the page as served defines exactly the glyphs its own formulas use
        defined = set(re.findall(r'<path id="(MJX-[^"]+)"', served))
        assert defined == set(re.findall(r'<use[^>]* href="#([^"]+)"', served)), page
