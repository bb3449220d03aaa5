"""The built site in a real Chromium, from file:// and over HTTP, in both languages."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from browsing import (
    AXE,
    LANG_PREFIX,
    MATH_PAGE,
    Visit,
    mode,
    open_every_answer,
    print_with_keyboard,
    serious_violations,
    switch_language,
)

playwright_api = pytest.importorskip("playwright.sync_api")
T = TypeVar("T")

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_answer_opens_by_click_and_keyboard_and_math_shows(visit: Visit, lang: str) -> None:
    page = visit.open(LANG_PREFIX[lang] + MATH_PAGE)
    assert page.evaluate("() => window.MathJax === undefined")  # typeset when the site was built
    assert page.locator("mjx-container > svg").count() >= 5
    assert page.locator("mjx-container [data-mjx-error]").count() == 0
    raw = page.eval_on_selector_all(
        ".arithmatex", "els => els.filter(e => /\\\\\\(|\\\\\\[/.test(e.textContent)).length"
    )
    assert raw == 0
    answers = page.locator("details.answer")
    first, second = answers.nth(0), answers.nth(1)
    assert first.get_attribute("open") is None
    first.locator(":scope > summary").click()
    assert first.get_attribute("open") is not None
    second.locator(":scope > summary").focus()
    page.keyboard.press("Enter")
    assert second.get_attribute("open") is not None
    visit.shot(f"topic-open-answer-{lang}-{mode(visit.root)}")
    visit.check_clean()


PHONE_WIDTH = 390
PHONE_AXE_PAGE = "topics/statistics.html"  # long formulas, inline and displayed
PHONE_AXE_RULES = ["scrollable-region-focusable", "aria-allowed-attr", "aria-prohibited-attr", "aria-allowed-role"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_topic_page_fits_a_phone_and_shows_every_formula(
    browser: object, http_root: str, built_site: Path, lang: str
) -> None:
    """At 390 px, every answer open, each topic page (and the home page) scrolls only up
    and down: wide formulas, tables and code scroll inside their own boxes. Every formula
    is an SVG with MathML for screen readers, each glyph it uses is defined on its page,
    and each is drawn at its own size (a wide one scrolls; none shrinks). One pass over the
    pages for both: they are long."""
    topics = sorted(p.name for p in (built_site / LANG_PREFIX[lang] / "topics").glob("*.html"))
    assert len(topics) >= 20
    visit = Visit(browser, http_root, width=PHONE_WIDTH)
    try:
        wide, formulas = {}, 0
        for name in ["../index.html", *topics]:
            path = f"{LANG_PREFIX[lang]}topics/{name}"
            page = visit.open(path)
            page.wait_for_load_state("networkidle")  # leaving sooner aborts the favicon's request
            open_every_answer(page)
            if (width := page.evaluate("() => document.documentElement.scrollWidth")) > PHONE_WIDTH:
                wide[name] = width
            shown = page.evaluate(FORMULAS_SHOWN)
            assert shown["formulas"] == shown["svg"] == shown["mathml"], (path, shown)
            assert shown["unresolved"] == [] and shown["shrunk"] == [], (path, shown)
            formulas += shown["formulas"]
        assert wide == {}
        assert formulas > 1000  # probability, statistics, transformers, ...
        visit.check_clean()
        # the boxes that scroll are reachable by keyboard and named (axe, at phone width)
        page = visit.open(LANG_PREFIX[lang] + PHONE_AXE_PAGE)
        open_every_answer(page)
        assert page.locator(".arithmatex.qb-wide").count() > 0
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(f"() => axe.run(document, {{runOnly: {PHONE_AXE_RULES}, resultTypes: ['violations']}})")
        assert [(v["id"], v["nodes"][0]["target"]) for v in result["violations"]] == []
    finally:
        visit.context.close()


# Per page: formulas, those with an SVG and with MathML inside, glyph <use>s whose target
# is missing, and open formulas the browser draws narrower or wider than their own width
# (CSS that scales them: Material's max-width drew display formulas one pixel wide on phones).
FORMULAS_SHOWN = """() => {
  const formulas = [...document.querySelectorAll('.arithmatex')];
  const uses = [...document.querySelectorAll('.arithmatex use')];
  return {
    formulas: formulas.length,
    svg: formulas.filter(f => f.querySelector(':scope > mjx-container > svg')).length,
    mathml: formulas.filter(f => f.querySelector('mjx-assistive-mml > math')).length,
    unresolved: [...new Set(uses.map(u => u.getAttribute('href')).filter(h => !document.querySelector(h)))],
    shrunk: formulas.map(f => f.querySelector('mjx-container > svg'))
      .filter(svg => svg.checkVisibility() && Math.abs(svg.getBoundingClientRect().width - svg.width.baseVal.value) > 1)
      .map(svg => [svg.closest('.arithmatex').textContent.slice(0, 40), svg.getBoundingClientRect().width]),
  };
}"""


SEARCHES = [
    ("zh", "topics/regularization.html", "过拟合", "过拟合"),
    ("zh", "topics/loss-functions.html", "交叉熵", "交叉熵"),
    ("en", "topics/regularization.html", "dropout", "dropout"),
    ("en", "topics/ml-basics.html", "bias variance", "bias"),
]


@pytest.mark.parametrize(("lang", "start", "query", "expected"), SEARCHES)
def test_search_lists_questions_in_the_readers_language(
    visit: Visit, lang: str, start: str, query: str, expected: str
) -> None:
    page = visit.open(LANG_PREFIX[lang] + start)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(query, delay=30)
    search.press("End")  # Material searches on keyup; typed CJK text arrives without one
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=30000)
    links = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => [e.href, e.innerText])")
    anchored = [(href, text) for href, text in links if re.search(r"#q[a-z2-7]+", href)]
    assert anchored, links[:5]
    assert any(expected.lower() in text.lower() for _, text in anchored)
    other = "en/" if lang == "zh" else ""
    for href, _ in links:
        path = href.removeprefix(visit.root)
        assert path.startswith(LANG_PREFIX[lang]) and not (other and path.startswith(other)), href
    visit.shot(f"search-{lang}-{query.replace(' ', '-')}-{mode(visit.root)}")
    # following a hit lands on the question itself
    href = anchored[0][0]
    page.goto(href)
    target = href.split("#", 1)[1]
    assert page.locator(f"[id='{target}']").count() == 1
    visit.check_clean()


@pytest.mark.parametrize(("lang", "other"), [("zh", "en"), ("en", "zh")])
def test_language_switch_keeps_page_and_question(visit: Visit, bank, lang: str, other: str) -> None:
    question = next(q for q in bank.questions if q.topic == "regularization")
    page = visit.open(f"{LANG_PREFIX[lang]}topics/regularization.html#{question.id}")
    switch_language(page, other)
    assert page.url == f"{visit.root}{LANG_PREFIX[other]}topics/regularization.html#{question.id}"
    assert page.locator("html").get_attribute("lang") == other
    visit.check_clean()


AXE_PAGES = ["index.html", "topics/regularization.html", "topics/probability.html"]


# Every pair of (file:// or HTTP, language, colour scheme) once: each value of each is
# covered, at half the cost of all eight combinations (axe is slow on long topic pages).
AXE_RUNS = [("file", "zh", "light"), ("file", "en", "dark"), ("http", "zh", "dark"), ("http", "en", "light")]


@pytest.mark.parametrize(("mode", "lang", "scheme"), AXE_RUNS)
def test_no_serious_accessibility_violations(
    browser: object, built_site: Path, http_root: str, mode: str, lang: str, scheme: str
) -> None:
    root = built_site.resolve().as_uri() + "/" if mode == "file" else http_root
    visit = Visit(browser, root, color_scheme=scheme)
    try:
        found = []
        for path in AXE_PAGES:
            found += serious_violations(visit.open(LANG_PREFIX[lang] + path), path)
        assert found == []
    finally:
        visit.context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_page_and_navigation_work(visit: Visit, lang: str) -> None:
    page = visit.open(LANG_PREFIX[lang] + "index.html")
    rows = page.locator("article table tbody tr")
    assert rows.count() > 20
    page.locator("article table a").first.click()
    page.wait_for_load_state("load")
    assert "/topics/" in page.url and page.locator("h2[id^='q']").count() > 5
    visit.check_clean()


def test_answers_holding_a_search_hit_open_on_arrival(visit: Visit) -> None:
    page = visit.open("en/topics/regularization.html?h=ridge")
    page.locator("details mark[data-md-highlight]").first.wait_for(state="attached")
    marked = page.locator("details:has(mark[data-md-highlight])")
    assert marked.count() >= 2
    page.wait_for_function("() => !document.querySelector('details:not([open]) mark[data-md-highlight]')")
    assert page.locator("details.answer:not([open])").count() > 0  # the others stay closed
    visit.check_clean()


def test_a_search_hit_lands_on_its_question_after_the_answers_open(visit: Visit) -> None:
    """Answers above the question open too, and push it down: the page follows it."""
    page = visit.open("en/topics/ml-basics.html?h=bias+variance#qfgv6lir")
    page.locator("details mark[data-md-highlight]").first.wait_for(state="attached")
    page.wait_for_function("() => !document.querySelector('details:not([open]) mark[data-md-highlight]')")
    above = page.evaluate(
        """() => [...document.querySelectorAll('details[open]')].filter(d =>
             d.compareDocumentPosition(document.getElementById('qfgv6lir'))
             & Node.DOCUMENT_POSITION_FOLLOWING).length"""
    )
    assert above > 0  # the case that moved it
    page.wait_for_timeout(300)
    top = page.evaluate("() => document.getElementById('qfgv6lir').getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"] / 2
    visit.check_clean()


def test_printed_pages_show_every_answer(visit: Visit) -> None:
    page = visit.open("topics/regularization.html")
    first_answer = page.locator("details.answer").first.locator(":scope > :not(summary)").first
    assert not first_answer.is_visible()
    assert page.locator(".qb-lazy").count() > 10  # the bodies are not in the page yet
    print_with_keyboard(page)
    assert page.locator(".qb-lazy").count() == 0
    assert first_answer.is_visible() and first_answer.inner_text().strip()
    visit.check_clean()


def test_printing_from_the_menu_before_the_answers_came_says_so(visit: Visit) -> None:
    page = visit.open("en/topics/regularization.html")
    page.emulate_media(media="print")
    # what the menu's Print does; read at once, before the answers arrive
    note = page.evaluate(
        """() => { window.dispatchEvent(new Event('beforeprint'));
                   const slot = document.querySelector('.qb-lazy');
                   return [slot.textContent, slot.checkVisibility()]; }"""
    )
    assert "Ctrl+P" in note[0] and note[1]
    page.wait_for_function("() => !document.querySelector('.qb-lazy')")  # in for the next print
    visit.check_clean()


def test_answers_arrive_when_the_reader_reaches_for_one(visit: Visit) -> None:
    page = visit.open(MATH_PAGE)
    loaded = "() => !!document.querySelector('script[src*=\"assets/answers/\"]')"
    assert not page.evaluate(loaded)  # reading the questions downloads no answer
    answer = page.locator("details.editor").nth(3)
    answer.locator(":scope > summary").hover()
    page.wait_for_function(loaded)
    answer.locator(":scope > summary").click()
    body = answer.locator(":scope > :not(summary)").first
    body.wait_for()
    assert answer.locator(".qb-lazy").count() == 0 and body.inner_text().strip()
    assert page.locator("details.editor:not([open]) .qb-lazy").count() > 10  # put in as each opens
    visit.check_clean()


def test_report_an_error_links_only_where_the_repository_is_known(browser: object, built_site: Path) -> None:
    page_file = built_site / "en" / "topics" / "linear-models.html"
    html = page_file.read_text(encoding="utf-8")
    assert 'name="qbank:repo"' not in html  # a local build knows no repository
    known = page_file.with_name("linear-models-known-repo.html")
    known.write_text(
        html.replace("</head>", '<meta name="qbank:repo" content="https://github.com/owner/bank"></head>', 1),
        encoding="utf-8",
    )
    visit = Visit(browser, built_site.resolve().as_uri() + "/")
    try:
        for path, expected in (("en/topics/linear-models.html", 0), ("en/topics/linear-models-known-repo.html", None)):
            page = visit.open(path)
            questions = page.locator("h2.qb-question").count()
            links = page.locator("a.qb-report")
            assert links.count() == (questions if expected is None else expected) and questions > 5
        first_id = page.locator("h2.qb-question").first.get_attribute("id")
        href = links.first.get_attribute("href")
        assert href.startswith("https://github.com/owner/bank/issues/new?title=%5B" + first_id + "%5D")
        assert "Question%20id%3A%20" + first_id in href and links.first.inner_text() == "Report an error"
        visit.check_clean()
    finally:
        visit.context.close()
        known.unlink()


def test_editor_answers_are_labelled_apart_from_the_collections(visit: Visit) -> None:
    page = visit.open("en/topics/linear-models.html")
    editor = page.locator("details.editor").first
    assert editor.locator(":scope > summary").inner_text().startswith("Editor's answer")
    assert page.locator("details.answer > summary").first.inner_text().startswith("Collection's answer")
    editor.locator(":scope > summary").click()
    assert editor.get_attribute("open") is not None
    assert page.locator(".qb-also a").count() >= 1
    visit.check_clean()


@pytest.mark.parametrize(("lang", "words"), [("zh", "答案需要 JavaScript"), ("en", "The answers need JavaScript")])
def test_without_javascript_an_answer_says_where_the_answers_are(
    browser: object, built_site: Path, lang: str, words: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((built_site / LANG_PREFIX[lang] / MATH_PAGE).resolve().as_uri())
        page.locator("details.editor > summary").first.click()
        note = page.locator("details.editor .qb-lazy").first.evaluate(
            "slot => getComputedStyle(slot, '::before').content"
        )
        assert words in note
        # the topic tools (progress, filters) cannot work: not shown at all
        assert page.locator("article .qb-tools").count() == 1
        assert not page.locator("article .qb-tools").is_visible()
    finally:
        context.close()


def with_and_without(browser: object, url: str, script: str, width: int, read: Callable[[object, bool], T]) -> list[T]:
    """``read(page, blocked)`` on the page at ``url`` loaded without ``script``, then with it."""
    found = []
    for blocked in (True, False):
        context = browser.new_context(viewport={"width": width, "height": 800})
        try:
            page = context.new_page()
            if blocked:
                page.route(f"**/{script}", lambda route: route.abort())
            page.goto(url)
            page.wait_for_load_state("networkidle")
            found.append(read(page, blocked))
        finally:
            context.close()
    return found


@pytest.mark.parametrize(("lang", "width"), [("zh", PHONE_WIDTH), ("en", PHONE_WIDTH), ("zh", 1280)])
def test_the_topic_tools_move_nothing_when_they_fill_in(browser: object, http_root: str, lang: str, width: int) -> None:
    """The page brings the tools' frame and a place for each question's state menu, so the
    questions stand where they will stay: each is as far down with topic-tools.js as
    without it (Lighthouse counted the tools' arrival as a shift of everything below)."""

    def question_tops(page: object, blocked: bool) -> list[float]:
        filled = page.locator("article .qb-shown").inner_text().strip()
        assert bool(filled) is not blocked
        menus = 0 if blocked else page.locator("article h2.qb-question").count()
        page.wait_for_function(f"() => document.querySelectorAll('select.qb-state').length === {menus}")
        return page.eval_on_selector_all(
            "article h2.qb-question", "hs => hs.map(h => h.getBoundingClientRect().top + scrollY)"
        )

    url = f"{http_root}{LANG_PREFIX[lang]}topics/trees-ensembles.html"
    tops = with_and_without(browser, url, "topic-tools.js", width, question_tops)
    assert len(tops[0]) > 20
    assert tops[0] == tops[1]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_practice_page_moves_nothing_when_its_script_runs(browser: object, http_root: str, lang: str) -> None:
    """The choices come with the page: what stands below them (the reader's data) is where
    it was without practice.js (the form built once the index was in moved it, CLS 0.5)."""

    def data_top(page: object, blocked: bool) -> float:
        assert page.locator("#qb-start-review").is_enabled() is not blocked
        assert page.locator("#qb-topics input[name='topic']").count() > 20
        return page.locator("#qb-data-title").evaluate("h => h.getBoundingClientRect().top + scrollY")

    tops = with_and_without(
        browser, f"{http_root}{LANG_PREFIX[lang]}practice.html", "practice.js", PHONE_WIDTH, data_top
    )
    assert tops[0] == tops[1]
