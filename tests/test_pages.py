"""Page generation: a small bank → expected Markdown (tests/fixtures/pages), and its rules."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import FIXTURES, fixture_sources
from qbank.build import build_bank
from qbank.model import LANGS
from qbank.pages import render_site, render_source_list, render_topic_table
from qbank.strings import STRINGS, missing_strings


@pytest.fixture
def small_bank(tmp_path: Path):
    return build_bank(fixture_sources("tagged-outline", tmp_path))


@pytest.mark.parametrize("lang", LANGS)
def test_topic_page_matches_expected_markdown(small_bank, lang: str) -> None:
    page = render_site(small_bank)["topics/all.md" if lang == "zh" else "topics/all.en.md"]
    expected = FIXTURES / "pages" / f"all.{lang}.md"
    if os.environ.get("QBANK_UPDATE_EXPECTED"):
        expected.parent.mkdir(exist_ok=True)
        expected.write_text(page, encoding="utf-8")
    assert page == expected.read_text(encoding="utf-8")


def test_each_question_is_a_heading_with_its_id_and_a_collapsed_answer(small_bank) -> None:
    page = render_site(small_bank)["topics/all.en.md"]
    for question in small_bank.questions:
        assert f"{{ #{question.id} .qb-question data-source={question.source}" in page
    assert page.count("??? answer \"Collection's answer") == sum(q.answered for q in small_bank.questions)
    assert page.count("No answer yet.") == sum(not q.answered for q in small_bank.questions)


def test_text_only_in_the_other_language_is_marked_original(small_bank) -> None:
    zh = render_site(small_bank)["topics/all.md"]
    assert "*原文 · 英文*{ .qb-badge .qb-lang }" in zh
    assert "What does it mean when a function is differentiable?" in zh


def test_translated_text_is_marked_and_keeps_its_original(small_bank) -> None:
    question = small_bank.questions[0]
    question.question.zh = "可微函数：函数可微是什么意思？"
    question.question_status["zh"] = "translated"
    zh = render_site(small_bank)["topics/all.md"]
    assert "*译*{ .qb-badge .qb-lang }" in zh
    assert '??? quote "查看原文"\n    Differentiable functions: What does it mean' in zh
    question.question_status["zh"] = "stale"
    assert "*译文待更新*{ .qb-badge .qb-lang }" in render_site(small_bank)["topics/all.md"]


def test_home_tables_count_questions_per_topic(small_bank) -> None:
    table = render_topic_table(small_bank, "en")
    assert "| [All](topics/all.md) | 8 | 1 |" in table
    sources = render_source_list(small_bank, "zh")
    assert "{ #tagged-outline }" in sources


def test_every_interface_string_exists_in_both_languages() -> None:
    assert missing_strings() == []
    assert all(set(texts) == set(LANGS) for texts in STRINGS.values())
