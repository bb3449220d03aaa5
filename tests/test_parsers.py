"""Each format against expected output: fixture collection → bank JSON (tests/fixtures/parsers).

Set QBANK_UPDATE_EXPECTED=1 to rewrite the expected files after a deliberate change,
then read the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import FIXTURES, FORMAT_NAMES, fixture_sources
from qbank.build import build_bank
from qbank.export import bank_as_json


def bank_json(fmt: str, folder: Path) -> dict:
    data = json.loads(bank_as_json(build_bank(fixture_sources(fmt, folder))))
    return {"questions": data["questions"], "notes": data["notes"], "preface": data["sources"][0]["preface"]}


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_format_matches_expected_output(fmt: str, tmp_path: Path) -> None:
    expected_file = FIXTURES / "parsers" / f"{fmt}.expected.json"
    actual = bank_json(fmt, tmp_path)
    if os.environ.get("QBANK_UPDATE_EXPECTED"):
        expected_file.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert actual == json.loads(expected_file.read_text(encoding="utf-8"))


def questions(fmt: str, folder: Path) -> list[dict]:
    return bank_json(fmt, folder)["questions"]


def test_bilingual_titles_are_split_and_answers_attach_whatever_their_indent(tmp_path: Path) -> None:
    qs = questions("bilingual-outline", tmp_path)
    assert qs[0]["question"] == {"zh": "过拟合是什么？", "en": "What is overfitting?"}
    assert qs[1]["question"] == {"zh": None, "en": "L1 vs L2, which one is which"}
    assert qs[1]["answer"] == {"zh": None, "en": None}  # N/A means no answer
    assert qs[2]["question"]["zh"] == "Lasso/Ridge的解释 (prior分别是什么）"
    gmm = next(q for q in qs if q["question"]["en"] == "What is GMM?")
    assert gmm["answer"]["en"].startswith("A mixture of Gaussians")
    assert [q["topic"] for q in qs] == ["all"] * 5


def test_stray_line_is_dropped_only_by_its_rule(tmp_path: Path) -> None:
    text = json.dumps(bank_json("bilingual-outline", tmp_path), ensure_ascii=False)
    assert "continue answering" not in text


def test_raw_html_is_escaped_and_urls_become_links(tmp_path: Path) -> None:
    qs = questions("bilingual-outline", tmp_path)
    gmm = next(q for q in qs if q["question"]["en"] == "What is GMM?")
    assert "<script>" not in gmm["answer"]["en"] and "&lt;script>" in gmm["answer"]["en"]
    assert "<https://example.org/lasso>." in qs[2]["answer"]["en"]


def test_display_math_in_brackets_becomes_dollars(tmp_path: Path) -> None:
    lm = questions("bilingual-outline", tmp_path)[-1]
    assert lm["answer"]["en"] == "Output: $$Out = In + 1$$."


def test_stars_difficulty_and_missing_stars(tmp_path: Path) -> None:
    qs = questions("starred-list", tmp_path)
    assert [q["stars"] for q in qs] == [5, 4, None, 1, 3]
    assert all(q["difficulty"] is None for q in qs)


def test_details_answers_are_converted_not_passed_through(tmp_path: Path) -> None:
    qs = questions("details-qa", tmp_path)
    first = qs[0]["answer"]["zh"]
    assert r"q\*k" in first and r"\_\_iter\_\_" in first and "<https://example.org/a?b=1_2>" in first
    second = qs[1]["answer"]["zh"].split("\n\n")
    assert second[:3] == ["1、增加更多数据", "2、加入数据增强", "3、早停"]
    assert "$$L = -\\sum_i y_i \\log p_i$$" in second
    assert qs[1]["corrections"] == [{"zh": "图片缺失。", "en": "The image is missing."}]
    assert qs[2]["answer"] == {"zh": None, "en": None}


def test_groups_options_untagged_answers_and_notes(tmp_path: Path) -> None:
    data = bank_json("tagged-outline", tmp_path)
    qs = data["questions"]
    assert qs[0]["question"]["en"] == "Differentiable functions: What does it mean when a function is differentiable?"
    assert qs[0]["difficulty"] == "E"
    assert qs[2]["difficulty"] is None and qs[2]["question"]["en"].startswith("Logistic discriminant")
    assert qs[4]["question"]["en"] == "Which of the following statements is true?\n\n- Option one.\n- Option two."
    assert qs[6]["answer"]["en"].startswith("Because they:\n- Convert tokens")
    assert "Second paragraph." in qs[6]["answer"]["en"]
    assert qs[7]["answer"]["en"] is None
    assert "Key data structures to know:" in data["notes"][0]["text"]["en"]
    assert "Support the author" in data["preface"]["en"]


def test_quote_blocks_questions_prompts_and_notes(tmp_path: Path) -> None:
    data = bank_json("quote-notes", tmp_path)
    texts = [q["question"]["zh"] for q in data["questions"]]
    assert texts[:2] == ["epoch和batch的设置意义", "孪生网络"]
    assert len(texts) == 6
    assert data["questions"][2]["answer"]["zh"] == r"[CLS]用于分类。$p(\chi)=\prod p(x_t|\chi_{<t})$"
    assert data["questions"][3]["answer"]["zh"] is None
    assert data["questions"][4]["answer"]["zh"] == "预训练阶段的损失函数由MLM和NSP任务得到。\n\nfinetune阶段随任务定义"
    notes = {n["heading"]: n["text"]["zh"] for n in data["notes"]}
    assert notes["CNN/ResNet/Inception"] == "**CNN/ResNet/Inception**"
    assert "1. $G=(V,E)$ V顶点代表随机变量" in notes["MRF"]
    assert "ALBERT" in notes["BERT"]
