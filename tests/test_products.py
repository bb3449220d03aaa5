"""What the build keeps between builds (qbank.products): a kept product is the one the code
would make, and a changed input (or code) makes it again."""

from __future__ import annotations

import pytest
from helpers import CountingBackend
from qbank import products, search_terms, served
from qbank.built_pages import BuiltPageError
from qbank.mathsvg import MathRenderer
from qbank.products import Slots

PAGE = (
    '<html><head></head><body><article class="md-content__inner"><h1>T</h1>'
    '<h2 class="qb-question" id="qa">What is <span class="arithmatex">\\(x\\)</span>?'
    '<a class="headerlink" href="#qa">&para;</a></h2>\n'
    '<details class="answer"><summary>A</summary><p>Since <span class="arithmatex">\\(x\\)</span>'
    ' and <span class="arithmatex">\\(y\\)</span>.</p></details>\n'
    '</article><script id="__config" type="application/json">{"base": "..", "x": 1}</script></body></html>'
)


def built(html: str = PAGE, questions: tuple[str, ...] = ("qa",)) -> served.BuiltTopic:
    return served.BuiltTopic(html, "en", "topics/t.html", "t", "site/en/topics/t.html", list(questions), "formula")


def test_a_slot_gives_back_its_parts_only_for_the_inputs_they_were_made_from(tmp_path) -> None:
    slots = Slots(tmp_path)
    slots.put("page", "inputs-1", {"page": "页".encode(), "empty": b"", "data": b"\n\x00"})
    assert slots.get("page", "inputs-1") == {"page": "页".encode(), "empty": b"", "data": b"\n\x00"}
    assert slots.get("page", "inputs-2") is None and slots.get("other", "inputs-1") is None
    slots.put("page", "inputs-2", {"page": b"new"})  # the slot holds one version: the last
    assert slots.get("page", "inputs-1") is None and slots.get("page", "inputs-2") == {"page": b"new"}
    assert len(list(tmp_path.iterdir())) == 1
    next(tmp_path.iterdir()).write_bytes(b"damaged")
    assert slots.get("page", "inputs-2") is None
    assert Slots(None).get("page", "inputs-1") is None  # no folder: nothing kept


def test_digests_keep_their_parts_apart() -> None:
    assert products.digest("ab", "c") != products.digest("a", "bc")
    assert products.digest("页") == products.digest("页".encode())


def serve(renderer: MathRenderer, slots: Slots, topic: served.BuiltTopic) -> served.ServedTopic:
    return served.serve_topic(topic, renderer, slots)


def test_a_kept_topic_page_is_the_page_made_anew_and_renders_nothing(tmp_path) -> None:
    backend = CountingBackend()
    uncached = serve(MathRenderer(backend), Slots(None), built())
    assert 'data-qb-body="0"' in uncached.page and b"Since" in uncached.answers and b'"qa"' in uncached.cards
    assert '"base": "../en/."' in uncached.page  # the English page points at its own index
    first = serve(MathRenderer(backend), Slots(tmp_path), built())
    calls = len(backend.calls)
    renderer = MathRenderer(backend)
    kept = serve(renderer, Slots(tmp_path), built())
    assert kept == first == uncached
    assert len(backend.calls) == calls  # nothing rendered
    assert renderer.summary().startswith("3 formulas (2 distinct), 0 rendered")  # counted all the same


@pytest.mark.parametrize(
    "changed",
    [
        built(PAGE.replace("What is", "Why is")),
        built(questions=("qa", "qb")),  # the bank's questions: the check is made again
        served.BuiltTopic(PAGE, "zh", "topics/t.html", "t", "site/topics/t.html", ["qa"], "公式"),
    ],
)
def test_a_changed_input_makes_the_page_again(tmp_path, changed: served.BuiltTopic) -> None:
    serve(MathRenderer(CountingBackend()), Slots(tmp_path), built())
    backend = CountingBackend()
    if changed.questions != ["qa"]:
        with pytest.raises(BuiltPageError):
            serve(MathRenderer(backend), Slots(tmp_path), changed)
    else:
        again = serve(MathRenderer(backend), Slots(tmp_path), changed)
        assert again == serve(MathRenderer(CountingBackend()), Slots(None), changed)
    assert backend.calls  # rendered again, not taken from the slot


def test_other_code_or_another_renderer_makes_the_page_again(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    serve(MathRenderer(CountingBackend()), Slots(tmp_path), built())
    monkeypatch.setattr(served, "code_digest", lambda: "other code")
    backend = CountingBackend()
    serve(MathRenderer(backend), Slots(tmp_path), built())
    assert backend.calls
    backend = CountingBackend()
    backend.version = "test-2"
    serve(MathRenderer(backend), Slots(tmp_path), built())
    assert backend.calls


def index(*titles: str) -> dict[str, object]:
    docs = [{"location": f"a.html#q{i}", "title": title, "text": "<p>正则化</p>"} for i, title in enumerate(titles)]
    return {"config": {"fields": {"title": {"boost": 1000.0}}}, "docs": docs}


def test_remembered_keywords_are_the_keywords_and_change_with_their_inputs(tmp_path, table, monkeypatch) -> None:
    slots = Slots(tmp_path)
    uncached = search_terms.add_keywords(index("过拟合", "BatchNorm"), table)
    with search_terms.remembered(slots, "glossary-1") as memo:
        assert search_terms.add_keywords(index("过拟合", "BatchNorm"), table, memo) == uncached
    asked: list[str] = []
    monkeypatch.setattr(search_terms, "keywords", lambda text, table: asked.append(text) or "")
    with search_terms.remembered(slots, "glossary-1") as memo:
        assert search_terms.add_keywords(index("过拟合", "BatchNorm"), table, memo) == uncached
        search_terms.add_keywords(index("欠拟合"), table, memo)  # a new entry: made
    assert [text.split()[0] for text in asked] == ["欠拟合", "欠拟合"]  # its title, its title and text
    with search_terms.remembered(slots, "glossary-2") as memo:  # another glossary: made again
        search_terms.add_keywords(index("过拟合"), table, memo)
    assert [text.split()[0] for text in asked[2:]] == ["过拟合", "过拟合"]
