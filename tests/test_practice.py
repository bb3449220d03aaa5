"""Practice, progress and filters in a real Chromium, from file:// and over HTTP.

The progress store is the browser's localStorage; each test gets a fresh browser context,
so a fresh store. The FSRS schedule is compared with ts-fsrs itself, run under node.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from browsing import LANG_PREFIX, Visit, serious_violations
from helpers import ROOT
from qbank import answer_bodies
from qbank.answer_bodies import read_answers
from qbank.built_pages import BuiltPageError, top_level_blocks
from qbank.practice import cut_cards, rebase

pytestmark = pytest.mark.browser
KEY = "ml-interview-bank:progress"
STORE = f"() => JSON.parse(localStorage.getItem('{KEY}'))"


def start_review(page: object, topics: list[str] | None = None, new_per_day: int | None = None) -> None:
    page.locator("#qb-choose").wait_for()
    if topics is not None:
        for box in page.locator("input[name='topic']").all():
            box.set_checked(box.get_attribute("value") in topics)
    if new_per_day is not None:
        page.fill("#qb-new-per-day", str(new_per_day))
    page.click("#qb-start-review")
    page.locator("#qb-card:not([hidden])").wait_for()


def card_id(page: object) -> str:
    return page.get_attribute("#qb-card-link", "href").split("#")[1]


def grade_shown_card(page: object, grade: int) -> str:
    shown = card_id(page)
    page.keyboard.press("Space")
    page.locator("#qb-grades:not([hidden])").wait_for()
    assert page.evaluate("() => document.activeElement.id") == "qb-card-answer"
    page.keyboard.press(str(grade))
    page.wait_for_function(f"() => (JSON.parse(localStorage.getItem('{KEY}')) || {{cards: {{}}}}).cards['{shown}']")
    return shown


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_graded_card_is_kept_after_reload_and_shown_on_its_topic_page(visit: Visit, bank, lang: str) -> None:
    page = visit.open(LANG_PREFIX[lang] + "practice.html")
    start_review(page, topics=["regularization"], new_per_day=5)
    assert "0" in page.inner_text("#qb-counts")
    first = grade_shown_card(page, 3)
    assert card_id(page) != first  # the next card
    assert page.get_attribute("#qb-undo", "disabled") is None
    visit.page.reload()
    start_review(page)  # the choice was remembered
    assert card_id(page) != first
    store = page.evaluate(STORE)
    assert store["version"] == 1 and store["cards"][first]["rating"] == 3 and len(store["log"]) == 1
    # done today: 1; new left: 5 - 1
    counts = page.inner_text("#qb-counts")
    assert "1" in counts and "4" in counts, counts
    topic = next(q.topic for q in bank.questions if q.id == first)
    page = visit.open(f"{LANG_PREFIX[lang]}topics/{topic}.html")
    heading = page.locator(f"h2[id='{first}']")
    assert "qb-state-known" in heading.get_attribute("class")
    assert page.locator(f"h2[id='{first}'] + .qb-badges select.qb-state").input_value() == "known"
    visit.check_clean()


def test_undo_restores_the_card_and_the_log(visit: Visit) -> None:
    page = visit.open("en/practice.html")
    start_review(page, topics=["probability"])
    first = grade_shown_card(page, 1)
    page.keyboard.press("u")
    page.wait_for_function(f"() => !JSON.parse(localStorage.getItem('{KEY}')).cards['{first}']")
    assert card_id(page) == first and page.evaluate(STORE)["log"] == []
    visit.check_clean()


def facet_topic(bank) -> tuple[str, list]:
    """The topic whose questions differ most in stars and collections."""

    def variety(topic: str) -> tuple[int, str]:
        questions = [q for q in bank.questions if q.topic == topic]
        return -len({q.stars for q in questions}) * len({q.source for q in questions}), topic

    topic = min({q.topic for q in bank.questions}, key=variety)
    return topic, [q for q in bank.questions if q.topic == topic]


def visible_questions(page: object) -> list[str]:
    """The questions the reader sees; nothing of a question filtered out may still show."""
    shown_though_hidden = page.eval_on_selector_all(
        "article [hidden]", "els => els.filter(e => e.checkVisibility()).length"
    )
    assert shown_though_hidden == 0  # Material's display: flow-root on details once beat [hidden]
    return page.eval_on_selector_all("h2.qb-question", "els => els.filter(e => e.checkVisibility()).map(e => e.id)")


def test_filters_show_exactly_the_matching_questions_and_live_in_the_url(visit: Visit, bank) -> None:
    topic, questions = facet_topic(bank)
    # the collection with the most starred questions here, and its two highest ratings
    source = min(Counter(q.source for q in questions if q.stars).items(), key=lambda kv: (-kv[1], kv[0]))[0]
    stars = sorted({q.stars for q in questions if q.stars and q.source == source})[-2:]
    query = f"stars={','.join(map(str, stars))}&source={source}"
    page = visit.open(f"en/topics/{topic}.html?{query}")
    expected = [q.id for q in questions if q.stars in stars and q.source == source]
    assert expected and visible_questions(page) == expected
    assert page.inner_text(".qb-shown") == f"Showing {len(expected)} of {len(questions)} questions"
    # the keyboard: tick "Hard" or another difficulty with Space; the URL follows
    difficulty = next(q.difficulty for q in questions if q.difficulty) if any(q.difficulty for q in questions) else ""
    box = page.locator(f".qb-filters input[name='difficulty'][value='{difficulty}']")
    if box.count():
        box.focus()
        page.keyboard.press("Space")
        expected = [q.id for q in questions if q.stars in stars and q.source == source and q.difficulty == difficulty]
        assert visible_questions(page) == expected
        assert f"difficulty={difficulty}" in page.url
    # clear: every question again, and a clean URL
    page.click("text=Clear filters")
    assert len(visible_questions(page)) == len(questions) and "?" not in page.url
    # my state: mark one known, filter by it
    first = questions[0].id
    assert not any("ts-fsrs" in url for url in visit.requests)  # reading needs no scheduler
    page.locator(f"h2[id='{first}'] + .qb-badges select.qb-state").select_option("known")
    page.wait_for_selector(f"h2[id='{first}'].qb-state-known")  # once the scheduler's script is in
    page.locator(".qb-filters input[name='state'][value='known']").check()
    assert visible_questions(page) == [first] and "state=known" in page.url
    visit.check_clean()


def topic_cards(script: Path) -> dict[str, dict[str, str]] | None:
    """The cards a practice data script registers (``qbankRegister(name, data)``); None for the index."""
    name, data = script.read_text(encoding="utf-8").removeprefix("qbankRegister(").split(",", 1)
    if json.loads(name) == "index":
        return None
    return json.loads(data.rstrip().removesuffix(");"))["cards"]


def first_card_with_math(site: Path) -> str:
    """A topic whose first question's answer holds a formula."""
    for script in sorted((site / "assets" / "practice" / "en").glob("*.js")):
        cards = topic_cards(script)
        if cards is None:
            continue
        bodies, _ = read_answers(site / answer_bodies.script_path("en", script.stem))  # what fills its slots
        if 'class="arithmatex' in answer_bodies.restore(next(iter(cards.values()))["a"], bodies):
            return script.stem
    raise AssertionError("no topic's first card holds a formula")


def test_math_in_a_revealed_card_is_drawn_with_its_glyphs(visit: Visit, built_site: Path) -> None:
    """Cards bring build-time SVG formulas; the glyphs they <use> and MathJax's stylesheet
    (which hides the screen readers' MathML copy) must come with them."""
    page = visit.open("en/practice.html")
    start_review(page, topics=[first_card_with_math(built_site)])
    page.keyboard.press("Space")
    formula = page.locator("#qb-card-answer mjx-container svg").first
    formula.wait_for()
    unresolved = page.evaluate(
        """() => [...document.querySelectorAll('#qb-card-answer mjx-container use')]
            .map(u => u.getAttribute('href')).filter(h => !document.getElementById(h.slice(1)))"""
    )
    assert unresolved == []
    assert page.locator("#qb-card-answer use").count() > 0
    hidden = page.locator("#qb-card-answer mjx-assistive-mml").first.evaluate(
        "m => { const s = getComputedStyle(m); return [s.position, s.clip]; }"
    )
    assert hidden[0] == "absolute" and hidden[1].startswith("rect("), hidden
    assert formula.bounding_box()["height"] > 5
    assert not any("mathjax" in url.lower() for url in visit.requests)
    visit.check_clean()


def test_expand_and_collapse_all(visit: Visit) -> None:
    page = visit.open("topics/regularization.html")
    answers = page.locator("details.answer")
    page.click("text=展开全部答案")
    assert page.locator("details.answer:not([open])").count() == 0 and answers.count() > 5
    page.click("text=收起全部答案")
    assert page.locator("details.answer[open]").count() == 0
    visit.check_clean()


def test_practice_choice_counts_match_the_bank(visit: Visit, bank) -> None:
    page = visit.open("en/practice.html")
    page.locator("#qb-choose").wait_for()
    assert page.inner_text("#qb-selected") == f"{len(bank.questions)} questions selected"
    for box in page.locator("input[name='difficulty']").all():
        box.set_checked(box.get_attribute("value") == "H")
    hard = sum(q.difficulty == "H" for q in bank.questions)
    assert hard > 0 and page.inner_text("#qb-selected") == f"{hard} questions selected"
    visit.check_clean()


def test_export_clear_import_restores_progress(visit: Visit, tmp_path: Path) -> None:
    page = visit.open("practice.html")
    start_review(page, topics=["cnn"])
    graded = [grade_shown_card(page, 3), grade_shown_card(page, 1)]
    before = page.evaluate(STORE)
    with page.expect_download() as download:
        page.click("#qb-export")
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "ml-interview-bank-progress" and data["version"] == 1
    assert sorted(data["cards"]) == sorted(graded) and len(data["log"]) == 2
    with page.expect_download() as csv_download:
        page.click("#qb-export-csv")
    csv = (Path(csv_download.value.path())).read_text(encoding="utf-8").splitlines()
    assert csv[0] == "card_id,review_time,review_rating,review_state,review_duration"
    assert [line.split(",")[0] for line in csv[1:]] == graded and csv[1].split(",")[2:4] == ["3", "0"]
    page.on("dialog", lambda dialog: dialog.accept())
    with page.expect_download():  # clearing exports first
        page.click("#qb-clear")
    assert page.evaluate(f"() => localStorage.getItem('{KEY}')") is None
    page.set_input_files("#qb-import-file", str(exported))
    page.wait_for_function(f"() => localStorage.getItem('{KEY}')")
    after = page.evaluate(STORE)
    assert after["cards"] == before["cards"] and after["log"] == before["log"]
    assert "2" in page.inner_text("#qb-status")
    # importing the same file again merges: nothing doubles
    page.set_input_files("#qb-import-file", str(exported))
    page.wait_for_timeout(200)
    assert len(page.evaluate(STORE)["log"]) == 2
    visit.check_clean()


def test_unreadable_progress_is_kept_aside_and_reported(visit: Visit) -> None:
    visit.context.add_init_script(f"localStorage.setItem('{KEY}', '{{not json')")
    page = visit.open("en/practice.html")
    notice = page.locator(".qb-notice")
    notice.wait_for()
    assert "could not be read" in notice.inner_text()
    kept = page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('ml-interview-bank:unreadable:'))"
        ".map(k => localStorage.getItem(k))"
    )
    assert kept == ["{not json"]
    visit.check_clean()


def test_mock_interview_times_scores_and_adds_the_weak_ones(visit: Visit) -> None:
    page = visit.open("en/practice.html")
    page.locator("#qb-choose").wait_for()
    page.fill("#qb-mock-count", "2")
    page.fill("#qb-mock-seconds", "60")
    page.click("#qb-start-mock")
    timer = page.locator("[role='timer']")
    timer.wait_for()
    assert timer.inner_text() in ("1:00", "0:59")
    page.click("#qb-pause")
    assert page.get_attribute("#qb-pause", "aria-pressed") == "true"
    paused = timer.inner_text()
    page.wait_for_timeout(1300)
    assert timer.inner_text() == paused
    page.click("#qb-pause")
    first = card_id(page)
    page.focus("#qb-show")  # Space on the pause button presses it, as on any button
    page.keyboard.press("Space")
    page.keyboard.press("1")  # missed
    page.locator("#qb-card-position:has-text('Question 2 of 2')").wait_for()
    page.keyboard.press("Space")
    page.keyboard.press("3")  # well
    page.locator("#qb-summary:not([hidden])").wait_for()
    links = page.locator("#qb-summary-list a")
    assert links.count() == 2 and links.first.get_attribute("href").endswith("#" + first)
    page.click("#qb-add-weak")
    store = page.evaluate(STORE)
    assert list(store["cards"]) == [first] and store["cards"][first]["rating"] == 1
    visit.check_clean()


def reference_schedule(steps: list[dict]) -> list[dict]:
    node = shutil.which("node")
    module = ROOT / "tests" / "node_modules" / "ts-fsrs"
    if node is None or not module.exists():
        pytest.skip("node and tests/node_modules (cd tests && npm ci) are needed for the reference schedule")
    result = subprocess.run(
        [node, str(ROOT / "tests" / "fsrs_reference.cjs"), json.dumps(steps)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(result.stdout)


def test_schedule_matches_ts_fsrs_for_a_scripted_sequence(visit: Visit) -> None:
    grades = [3, 3, 1, 2, 4, 3, 1, 3]
    at = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    page = visit.page
    visit.context.clock.set_fixed_time(at)
    visit.open("en/practice.html")
    start_review(page, topics=["statistics"], new_per_day=1)
    qid = card_id(page)
    steps, cards = [], []
    for grade in grades:
        assert card_id(page) == qid  # the due card comes first
        grade_shown_card(page, grade)
        steps.append({"time": int(at.timestamp() * 1000), "rating": grade})
        cards.append(page.evaluate(STORE)["cards"][qid])
        # come back when it is due, plus a few hours: late reviews count too
        at = datetime.fromisoformat(cards[-1]["due"].replace("Z", "+00:00")) + timedelta(hours=5)
        visit.context.clock.set_fixed_time(at)
        page.reload()
        start_review(page, new_per_day=0)
    expected = reference_schedule(steps)
    fields = ["due", "stability", "difficulty", "scheduled_days", "reps", "lapses", "state", "last_review"]
    assert [{f: c[f] for f in fields} for c in cards] == [{f: c[f] for f in fields} for c in expected]
    visit.check_clean()


@pytest.mark.parametrize(("lang", "scheme"), [("zh", "light"), ("en", "dark")])
def test_practice_page_has_no_serious_accessibility_violations(
    browser: object,
    root: str,
    lang: str,
    scheme: str,
) -> None:
    visit = Visit(browser, root, color_scheme=scheme)
    try:
        found = []
        page = visit.open(LANG_PREFIX[lang] + "practice.html")
        page.locator("#qb-choose").wait_for()
        for state in ("choose", "card"):
            if state == "card":
                start_review(page, topics=["transformers"])
                page.keyboard.press("Space")
            found += serious_violations(page, state)
        assert found == []
    finally:
        visit.context.close()


def test_phone_width_has_no_sideways_scroll(browser: object, root: str) -> None:
    visit = Visit(browser, root)
    try:
        page = visit.page
        page.set_viewport_size({"width": 390, "height": 844})
        visit.open("practice.html")
        start_review(page, topics=["cnn"])
        page.keyboard.press("Space")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        visit.shot(f"practice-phone-{'file' if root.startswith('file:') else 'http'}")
        visit.check_clean()
    finally:
        visit.context.close()


def test_home_page_shows_progress_per_topic_and_group(visit: Visit, bank) -> None:
    page = visit.open("en/index.html")
    cells = page.locator("td.qb-progress-cell")
    cells.first.wait_for()
    rows = page.locator("article table tbody tr").count()
    assert cells.count() == rows
    assert cells.last.inner_text() == f"0/{len(bank.questions)} · 0 due"
    visit.check_clean()


# --- the data cut from the built pages (no browser) ----------------------------------------


def test_cards_split_question_and_answers_and_links_are_rebased() -> None:
    page = (
        "<html><article class='md-content__inner'><h1>T</h1><p class='qb-summary'>s</p>"
        '<h2 class="qb-question" id="qa">What <em>is</em> x?<a class="headerlink" href="#qa">&para;</a></h2>\n'
        '<p class="qb-badges"><a href="../index.html#src">src</a></p>\n'
        '<details class="quote"><summary>o</summary><p>orig</p></details>\n'
        '<details class="answer"><summary>A</summary><details class="quote"><p>nested</p></details>'
        '<img src="../img/a.png"/><svg><use href="#MJX-TEX-I-1D465"></use></svg></details>\n'
        '<p class="qb-also"><a href="other.html#qb">other</a> <a href="#qa">self</a></p>\n'
        '<h2 id="notes">Notes</h2><p>not a card</p></article></html>'
    )
    cards = cut_cards(page, "t.html")
    assert list(cards) == ["qa"]
    card = {k: rebase(v, "topics", "t.html") for k, v in cards["qa"].items()}
    assert card["t"] == "What <em>is</em> x?"
    assert 'href="index.html#src"' in card["q"] and "orig" in card["q"] and "nested" not in card["q"]
    assert "nested" in card["a"] and 'src="img/a.png"' in card["a"]
    assert '<use href="#MJX-TEX-I-1D465">' in card["a"]  # glyphs: the practice page holds them too
    assert 'href="topics/other.html#qb"' in card["a"] and 'href="topics/t.html#qa"' in card["a"]
    assert "not a card" not in json.dumps(cards)


def test_top_level_blocks_read_attributes_comments_and_formulas_as_the_html_parser_would() -> None:
    html = (
        '<h2 id="q1" class="qb-question" title="a > b">Q</h2><!-- <p> -->\n'
        "<p class='x y'>one<br>two<img src=a.png/></p><hr/>"
        '<mjx-container><svg><g><use href="#g"/></g></svg><math><mi>x</mi></math></mjx-container>'
        '<details class="answer" data-x="&quot;q&quot;"><summary>A</summary><div><p>t</p></div></details>'
    )
    blocks = top_level_blocks(html)
    assert [(b.tag, b.classes) for b in blocks] == [
        ("h2", ["qb-question"]),
        ("p", ["x", "y"]),
        ("hr", []),
        ("mjx-container", []),
        ("details", ["answer"]),
    ]
    assert blocks[0].attrs == {"id": "q1", "class": "qb-question", "title": "a > b"}
    assert blocks[4].attrs["data-x"] == '"q"'
    assert "".join(html[b.start : b.end] for b in blocks) == html.replace("<!-- <p> -->\n", "")


@pytest.mark.parametrize("html", ["<div><p>open</div>", "<p>x</p></div>", "<mjx-container><svg>"])
def test_top_level_blocks_refuse_tags_that_do_not_balance(html: str) -> None:
    with pytest.raises(BuiltPageError):
        top_level_blocks(html)


def test_every_question_has_a_card_in_both_languages(built_site: Path, bank) -> None:
    for lang in ("zh", "en"):
        folder = built_site / "assets" / "practice" / lang
        ids: list[str] = []
        for script in sorted(folder.glob("*.js")):
            cards = topic_cards(script)
            if cards is not None:
                ids += cards
                assert all(card["t"] and card["a"] for card in cards.values()), script
            assert script.stat().st_mode & 0o444 == 0o444, script  # a web server must read it
        assert sorted(ids) == sorted(q.id for q in bank.questions)


def test_firefox_from_disk_is_told_its_progress_is_per_page(browser: object, built_site: Path) -> None:
    visit = Visit(browser, built_site.resolve().as_uri() + "/")
    visit.context.close()
    firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"
    visit.context = browser.new_context(user_agent=firefox)
    try:
        page = visit.context.new_page()
        for path in ("en/practice.html", "en/topics/cnn.html"):
            page.goto(visit.root + path)
            notice = page.locator(".qb-notice")
            notice.first.wait_for()
            assert "python3 -m http.server -d site" in notice.first.inner_text()
    finally:
        visit.context.close()


def test_a_bad_import_file_is_refused_and_changes_nothing(visit: Visit, tmp_path: Path) -> None:
    page = visit.open("en/practice.html")
    start_review(page, topics=["cnn"])
    grade_shown_card(page, 3)
    before = page.evaluate(STORE)
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"format": "ml-interview-bank-progress", "version": 1, "cards": {"x,y": {}}, "log": []}),
        encoding="utf-8",
    )
    page.set_input_files("#qb-import-file", str(bad))
    page.locator("#qb-status:has-text('Cannot import this file')").wait_for()
    newer = tmp_path / "newer.json"
    newer.write_text(
        json.dumps({"format": "ml-interview-bank-progress", "version": 99, "cards": {}, "log": []}), encoding="utf-8"
    )
    page.set_input_files("#qb-import-file", str(newer))
    page.locator("#qb-status:has-text('newer version')").wait_for()
    assert page.evaluate(STORE) == before
    visit.check_clean()
