"""Reading and finding in a real Chromium: search on demand and as candidates type, print, 404, polish."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from browsing import LANG_PREFIX, MATH_PAGE, Visit, print_with_keyboard, switch_language

pytestmark = pytest.mark.browser


def index_requests(visit: Visit) -> list[str]:
    return [url for url in visit.requests if "/search/search_index." in url]


def worker_requests(visit: Visit) -> list[str]:
    return [url for url in visit.requests if "/workers/search." in url]


def open_search(page: object, how: str) -> None:
    if how == "click":
        page.locator("label.md-search__icon[for=__search], .md-search__input").first.click()
    else:
        page.locator("body").press(how)  # Material's keys focus the search field
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('.md-search__input')")


@pytest.mark.parametrize(("lang", "how"), [("zh", "click"), ("en", "/"), ("zh", "s")])
def test_the_search_index_loads_only_when_search_opens(visit: Visit, lang: str, how: str) -> None:
    page = visit.open(LANG_PREFIX[lang] + MATH_PAGE)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # Material sets up its search worker after load
    assert index_requests(visit) == [] and worker_requests(visit) == []  # neither the index nor the worker
    open_search(page, how)
    page.keyboard.type("dropout", delay=20)
    page.keyboard.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    requested = index_requests(visit)
    assert len(requested) == 1, requested
    assert ("/en/search/" in requested[0]) == (lang == "en")
    assert len(worker_requests(visit)) == 1
    visit.check_clean()


# Queries as candidates type them, with questions each must find, a pattern the best
# result's title must match, and questions it must not find (tests/fixtures).
QUERIES = yaml.safe_load((Path(__file__).parent / "fixtures" / "search_queries.yml").read_text(encoding="utf-8"))


def run_query(page: object, query: str) -> list[tuple[str, str]]:
    """(question id, title) of every result of ``query``, best first (all result pages rendered)."""
    search = page.locator("input.md-search__input")
    search.fill("")
    search.press("End")
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    search.fill(query)
    search.press("End")
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__item') ||"
        " /没有|No matching/.test(document.querySelector('.md-search-result__meta').textContent)"
    )
    scrollwrap = page.locator(".md-search__scrollwrap")
    unchanged = 0
    while unchanged < 3:  # Material renders ten pages of results, then four more per scroll
        before = page.locator(".md-search-result__item").count()
        scrollwrap.evaluate("el => el.scrollTo(0, el.scrollHeight)")
        page.wait_for_timeout(200)
        unchanged = unchanged + 1 if page.locator(".md-search-result__item").count() == before else 0
    links = page.eval_on_selector_all(
        ".md-search-result__link",
        "els => els.map(e => [e.href, (e.querySelector('h1, h2') || e).textContent.trim()])",
    )
    return [(href.split("#", 1)[1], title) for href, title in links if "#q" in href]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_search_finds_what_candidates_type(browser: object, built_site: Path, lang: str) -> None:
    visit = Visit(browser, built_site.resolve().as_uri() + "/")
    try:
        page = visit.open(LANG_PREFIX[lang] + "index.html")
        page.locator(".md-search__input").click()
        failures = []
        for case in QUERIES[lang]:
            results = run_query(page, case["query"])
            found = [qid for qid, _ in results]
            missing = [q for q in case.get("finds", []) if q not in found]
            wrong = [q for q in case.get("not", []) if q in found]
            best = results[0][1] if results else ""
            if missing or wrong or not re.search(case["top"], best, re.IGNORECASE):
                failures.append(f"{case['query']}: missing {missing}, wrongly found {wrong}, best {best!r}")
        assert failures == []
        visit.check_clean()
    finally:
        visit.context.close()


def test_search_snippets_show_question_text_not_labels(visit: Visit) -> None:
    page = visit.open("topics/regularization.html")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("过拟合", delay=20)
    page.locator(".md-search__input").press("End")
    page.locator(".md-search-result__article h2").first.wait_for(state="attached")
    # a result's snippet: what its article shows after the question's title
    teasers = page.eval_on_selector_all(
        ".md-search-result__article:has(h2)",
        """els => els.map(e => { const c = e.cloneNode(true);
                                c.querySelectorAll('h1, h2, nav').forEach(x => x.remove());
                                return c.textContent; })""",
    )
    labels = ("有答案", "编者答案", "题库答案", "查看原文", "难度")
    assert teasers and not [t for t in teasers if t.strip().startswith(labels)], teasers[:3]
    visit.check_clean()


def test_printed_pages_show_each_answer_once_without_chrome(visit: Visit) -> None:
    page = visit.open("topics/regularization.html")
    quotes = page.locator("h2.qb-question ~ details.quote")
    assert quotes.count() >= 2
    quotes.nth(0).locator(":scope > summary").click()  # the reader opens one original
    print_with_keyboard(page)
    answers = page.locator("details.answer > :not(summary)")
    assert answers.first.is_visible() and answers.nth(answers.count() - 1).is_visible()
    assert quotes.nth(0).locator(":scope > :not(summary)").first.is_visible()
    assert not quotes.nth(1).is_visible()  # originals nobody opened stay out
    nested = page.locator("details.answer details.quote:not([open])")
    assert nested.count() == 0 or not nested.first.is_visible()
    for chrome in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer"):
        assert not page.locator(chrome).first.is_visible(), chrome
    breaks = page.eval_on_selector_all(
        "details, .admonition, table", "els => [...new Set(els.map(e => getComputedStyle(e).breakInside))]"
    )
    assert "avoid" not in breaks  # long answers may run on: no half-empty pages
    visit.check_clean()


def test_permalink_never_wraps_alone(visit: Visit) -> None:
    page = visit.open("topics/regularization.html")
    page.set_viewport_size({"width": 390, "height": 800})
    stranded = page.evaluate(
        """() => [...document.querySelectorAll('h2.qb-question')].filter(h => {
            const link = h.querySelector('.headerlink');
            const text = link.previousSibling;
            if (!text || text.nodeType !== Node.TEXT_NODE || !text.length) return false;
            const range = document.createRange();
            range.setStart(text, text.length - 1);
            range.setEnd(text, text.length);
            const last = range.getClientRects()[0];
            return last && Math.abs(link.getBoundingClientRect().top - last.top) > 4;
        }).map(h => h.id)"""
    )
    assert stranded == []
    visit.check_clean()


def test_show_the_original_toggle_aligns_with_its_icon(visit: Visit) -> None:
    page = visit.open("en/topics/regularization.html")
    summary = page.locator("h2.qb-question ~ details.quote > summary").first
    layout = summary.evaluate(
        """s => [getComputedStyle(s).display, getComputedStyle(s).alignItems,
                 getComputedStyle(s, '::before').position, getComputedStyle(s, '::after').position]"""
    )
    # the icons are laid out in the line and centred on the text, not placed beside it
    assert layout == ["inline-flex", "center", "static", "static"]
    visit.check_clean()


def test_language_switch_lands_on_the_question_in_view(visit: Visit, bank) -> None:
    questions = [q for q in bank.questions if q.topic == "regularization"]
    first, later = questions[0], questions[5]
    page = visit.open(f"topics/regularization.html#{first.id}")
    page.wait_for_load_state("networkidle")
    # the reader scrolled on: scrolled again until the page has settled (a busy machine may
    # still lay it out, or move to the address's anchor, after the first scroll)
    page.wait_for_function(
        "id => { const el = document.getElementById(id); el.scrollIntoView();"
        " return Math.abs(el.getBoundingClientRect().top) < 2; }",
        arg=later.id,
        polling=200,
    )
    switch_language(page, "en")
    assert page.url == f"{visit.root}en/topics/regularization.html#{later.id}"
    top = page.locator(f"[id='{later.id}']").evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < 200
    visit.check_clean()


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Like GitHub Pages: the site under its path, and 404.html for any missing address."""

    prefix = "/"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        inside = path.removeprefix(self.prefix.rstrip("/"))
        return super().translate_path(inside if inside != path else "/__outside__")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def site_path(site: Path) -> str:
    """The path of the site's address (site_url), as the sitemap gives it: /ml-interview-bank/."""
    home = re.search(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert home is not None
    return urlsplit(home[1]).path.rsplit("/", 1)[0] + "/"


@pytest.fixture(scope="module")
def pages_root(built_site: Path) -> Iterator[str]:
    prefix = site_path(built_site)  # served under the site's path, as on Pages
    handler = functools.partial(type("Handler", (_PagesHandler,), {"prefix": prefix}), directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    server.shutdown()
    server.server_close()


NOT_FOUND = [
    ("http", "topics/no-such-page.html", "zh", "页面不存在"),
    ("http", "en/topics/deep/no-such-page.html", "en", "Page not found"),
    ("file", "404.html", "zh", "页面不存在"),
    ("file", "404.html", "en", "Page not found"),
]


SITE_NAME = {"zh": "ML/DL 面试题库", "en": "ML/DL Interview Question Bank"}
SEARCH = {"zh": "搜索", "en": "Search"}


@pytest.mark.parametrize(("where", "path", "lang", "heading"), NOT_FOUND)
def test_404_page_is_styled_and_in_the_readers_language(
    browser: object,
    built_site: Path,
    bank,
    request: pytest.FixtureRequest,
    where: str,
    path: str,
    lang: str,
    heading: str,
) -> None:
    base = built_site.resolve().as_uri() + "/" if where == "file" else request.getfixturevalue("pages_root")
    context = browser.new_context(locale="zh-CN" if lang == "zh" else "en-US")
    page = context.new_page()
    errors: list[str] = []
    # From disk, the browser's preload scanner first guesses the files at the <base> written
    # for Pages (file:///<site path>/…) before the page's first script moves the <base>:
    # those guesses fail, unseen; every file the page uses must load.
    guessed = "file://" + site_path(built_site) if where == "file" else "\0"
    page.on("requestfailed", lambda r: None if r.url.startswith(guessed) else errors.append(f"failed: {r.url}"))
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    try:
        page.goto(base + path)
        page.wait_for_load_state("load")
        assert page.locator("html").get_attribute("lang") == lang
        visible = page.locator(".qb-not-found:visible")
        assert visible.count() == 1 and heading in visible.inner_text()
        # styled: Material's stylesheet laid out the header, and the theme's logo is an icon
        assert page.locator(".md-header").evaluate("el => getComputedStyle(el).position") == "sticky"
        # the header and the navigation are the reader's language's too
        assert page.locator(".md-header__topic .md-ellipsis").first.inner_text().strip() == SITE_NAME[lang]
        assert page.locator("input.md-search__input").get_attribute("placeholder") == SEARCH[lang]
        group = page.locator(".md-sidebar--primary .md-nav__item--section > .md-nav__link").first
        assert group.inner_text().strip() == bank.groups[0].title.get(lang)
        home = visible.locator("a").first
        home.click()
        page.wait_for_load_state("load")
        assert page.locator("article table tbody tr").count() > 20  # the home page, found from any depth
        assert errors == []
    finally:
        context.close()
