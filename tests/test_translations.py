"""Translations: complete for the shipped sources, true to the glossary, stale when the original moves."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from helpers import ROOT, fixture_sources, run_cli
from qbank.build import build_bank, build_site_bank
from qbank.glossary import jieba_words, load_glossary
from qbank.model import OTHER
from qbank.translations import merge_translations

GLOSSARY = load_glossary(ROOT / "sources" / "glossary.yml")


def test_coverage_is_complete_for_the_shipped_sources() -> None:
    built = build_site_bank(ROOT / "sources")
    bank, coverage = built.bank, built.translations
    assert sum(r.total for r in coverage) > 700
    assert [(r.source, r.lang, r.total - r.done) for r in coverage if r.done != r.total] == []
    assert [r.stale for r in coverage if r.stale] == [] and [r.orphans for r in coverage if r.orphans] == []
    for question in bank.questions:
        assert question.question.zh and question.question.en, question.id
        assert bool(question.answer.zh) == bool(question.answer.en), question.id
    for note in bank.notes:
        assert note.text.zh and note.text.en, note.id


def test_a_collection_without_translations_builds_with_originals(tmp_path: Path) -> None:
    bank = build_bank(fixture_sources("starred-list", tmp_path / "sources"))
    coverage = merge_translations(bank, tmp_path / "no-translations")
    assert coverage[1].lang == "en" and coverage[1].total == 5 and coverage[1].done == 0
    assert all(q.question.en is None for q in bank.questions)


class _Matcher:
    """One term's forms in each language: English as whole words (any case), Chinese as substrings."""

    def __init__(self, term) -> None:
        self.label = f"{term.zh} / {term.en}"
        words = "|".join(re.escape(form) for form in term.en_forms())
        self.en = re.compile(rf"(?<![A-Za-z])(?:{words})(?![A-Za-z])", re.I)
        self.zh = term.zh_forms()

    def found(self, text: str, lang: str) -> bool:
        return bool(self.en.search(text)) if lang == "en" else any(form in text for form in self.zh)


MATCHERS = [_Matcher(term) for term in GLOSSARY.terms if term.check]


def glossary_misses(bank) -> list[str]:
    """Translations lacking the counterpart of a glossary term that their original uses."""
    misses = []
    for q in bank.questions:
        for text, status in ((q.question, q.question_status), (q.answer, q.answer_status)):
            for lang in ("zh", "en"):
                if status.get(lang) != "translated":
                    continue
                original, translation = text.get(OTHER[lang]) or "", text.get(lang) or ""
                misses += [
                    f"{q.id} [{lang}] {m.label}"
                    for m in MATCHERS
                    if m.found(original, OTHER[lang]) and not m.found(translation, lang)
                ]
    return misses


def test_translations_use_the_glossary(bank) -> None:
    assert len(MATCHERS) >= 100
    assert glossary_misses(bank) == []


def test_glossary_feeds_chinese_search() -> None:
    words = jieba_words(GLOSSARY)
    assert {"过拟合", "交叉熵", "梯度消失", "正则化", "自注意力", "感受野"} <= set(words)


def _stats(sources: Path) -> str:
    result = run_cli("stats", "--sources", sources)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_editing_an_original_marks_its_translation_stale(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", sources)
    assert "stale:" not in _stats(sources)
    starred = sources / "dl-cv-starred-questions-zh.md"
    starred.write_text(
        starred.read_text(encoding="utf-8").replace("说说 KL 散度⭐⭐⭐⭐", "说说 KL 散度的定义⭐⭐⭐⭐"),
        encoding="utf-8",
    )
    details = sources / "transformer-python-ml-qa-zh.md"
    details.write_text(
        details.read_text(encoding="utf-8").replace("某个神经元以p的概率保留", "每个神经元以p的概率保留"),
        encoding="utf-8",
    )
    stats = _stats(sources)
    bank = build_site_bank(sources).bank
    kl = next(q for q in bank.questions if q.question.zh == "说说 KL 散度的定义")
    dropout = next(q for q in bank.questions if (q.answer.zh or "").startswith("每个神经元"))
    assert f"stale: dl-cv-starred-zh.en: {kl.id}" in stats
    assert f"stale: transformer-python-ml-qa-zh.en: {dropout.id}" in stats
    assert kl.question_status["en"] == "stale" and kl.question.en
    assert dropout.answer_status["en"] == "stale"
