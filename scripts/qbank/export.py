"""The bank as JSON and as a stats table: read-only views for people and tools."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict

from .model import LANGS, Bank, Question
from .translations import Coverage

QUESTION_KEYS = ("id", "source", "topic", "origin_lang", "question", "answer", "difficulty", "stars", "line")


def question_as_dict(question: Question) -> dict[str, object]:
    data = asdict(question)
    ordered = {key: data[key] for key in QUESTION_KEYS}
    extras = {key: value for key, value in data.items() if key not in QUESTION_KEYS}
    return {**ordered, **extras}


def bank_as_json(bank: Bank) -> str:
    payload = {
        "questions": [question_as_dict(q) for q in bank.questions],
        "notes": [asdict(n) for n in bank.notes],
        "topics": [asdict(t) for t in bank.topics],
        "groups": [asdict(g) for g in bank.groups],
        "sources": [asdict(s) for s in bank.sources],
    }
    return json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _row(name: str, questions: list[Question], notes: int) -> str:
    answered = sum(q.answered for q in questions)
    coverage = "  ".join(
        f"{lang}:{sum(bool(q.question.get(lang)) for q in questions)}/{len(questions)}" for lang in LANGS
    )
    return f"{name:<34} {len(questions):>9} {answered:>8} {notes:>5}   {coverage}"


def stats_table(bank: Bank) -> str:
    """Per source and per topic: questions, answered, notes, and question text per language."""
    header = f"{'':<34} {'questions':>9} {'answered':>8} {'notes':>5}   questions with text per language"
    notes_by_source = Counter(n.source for n in bank.notes)
    notes_by_topic = Counter(n.topic for n in bank.notes)
    lines = ["Per source", header]
    for source in bank.sources:
        mine = [q for q in bank.questions if q.source == source.id]
        lines.append(_row(source.id, mine, notes_by_source[source.id]))
    lines += ["", "Per topic", header]
    for topic in bank.topics:
        lines.append(_row(topic.slug, bank.questions_of(topic.slug), notes_by_topic[topic.slug]))
    lines += ["", _row("total", bank.questions, len(bank.notes))]
    return "\n".join(lines)


def coverage_table(coverage: list[Coverage]) -> str:
    """Translation coverage per source and language, then every stale or orphaned entry."""
    lines = ["Translations (texts that exist only in the other language, and how many are translated)"]
    lines.append(f"{'':<34} {'lang':>4} {'needed':>7} {'done':>6} {'stale':>6}")
    for report in coverage:
        if report.total or report.stale or report.orphans:
            stale = len(report.stale)
            lines.append(f"{report.source:<34} {report.lang:>4} {report.total:>7} {report.done:>6} {stale:>6}")
    for report in coverage:
        for item in report.stale:
            lines.append(f"stale: {report.source}.{report.lang}: {item} (original changed since it was translated)")
        for item in report.orphans:
            lines.append(f"orphaned: {report.source}.{report.lang}: {item} (no such question or note any more)")
    return "\n".join(lines)
