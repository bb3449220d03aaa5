"""The bank as JSON and as a stats table: read-only views for people and tools."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict

from .answers import AnswerReport
from .model import LANGS, Bank, Lang, Question
from .translations import Coverage

QUESTION_KEYS = ("id", "source", "topic", "origin_lang", "question", "answer", "difficulty", "stars", "line")
# the model's editorial fields, given in the JSON bank's own shape instead
EDITORIAL_KEYS = {"editor", "same_as", "served_by", "corrections"}


def question_as_dict(question: Question) -> dict[str, object]:
    """One question as the JSON bank holds it (README, "The JSON bank")."""
    data = asdict(question)
    editor = question.editor
    editorial: dict[str, object] = {
        "editor_answer": editor.text.as_dict() if editor is not None and question.has_editor_answer else None,
        "editor_corrects": editor.corrects.as_dict() if editor is not None and editor.corrects.langs() else None,
        "reviewed": bool(editor and editor.reviewed),
        "same_as": question.same_as,
        "served_by": question.served_by,
        "corrections": [fix.as_dict() for fix in question.corrections]
        + ([editor.note.as_dict()] if editor is not None and editor.note.langs() else []),
    }
    ordered = {key: data[key] for key in QUESTION_KEYS}
    extras = {key: value for key, value in data.items() if key not in QUESTION_KEYS and key not in EDITORIAL_KEYS}
    return {**ordered, **editorial, **extras}


def bank_as_json(bank: Bank) -> str:
    payload = {
        "questions": [question_as_dict(q) for q in bank.questions],
        "notes": [asdict(n) for n in bank.notes],
        "topics": [asdict(t) for t in bank.topics],
        "groups": [asdict(g) for g in bank.groups],
        "sources": [asdict(s) for s in bank.sources],
    }
    return json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


STATS_COLUMNS = ("questions", "answered", "collection", "editor", "group", "unreviewed", "stale", "zh", "en", "notes")


def answered_in(question: Question, lang: Lang, bank: Bank) -> bool:
    """Whether a ``lang`` reader of this question reaches an answer in ``lang``."""
    served = bank.question(question.served_by) if question.served_by else None
    return any(
        bool(q.answer.get(lang)) or bool(q.editor and q.editor.text.get(lang))
        for q in (question, served)
        if q is not None
    )


def _row(name: str, questions: list[Question], notes: int, bank: Bank) -> str:
    editors = [q.editor for q in questions if q.editor is not None]
    counts = (
        len(questions),
        sum(q.answered for q in questions),
        sum(q.has_collection_answer for q in questions),
        sum(q.has_editor_answer for q in questions),
        sum(q.served_by is not None for q in questions),
        sum(not e.reviewed for e in editors),
        sum(e.stale for e in editors),
        *(sum(answered_in(q, lang, bank) for q in questions) for lang in LANGS),
        notes,
    )
    return f"{name:<34}" + "".join(f"{count:>11}" for count in counts)


def stats_table(bank: Bank) -> str:
    """Per source and per topic: questions, how they are answered (collection, editor, by their
    duplicate group), editor answers not yet reviewed or stale, answered per language, notes."""
    header = f"{'':<34}" + "".join(f"{column:>11}" for column in STATS_COLUMNS)
    notes_by_source = Counter(n.source for n in bank.notes)
    notes_by_topic = Counter(n.topic for n in bank.notes)
    lines = ["Per source", header]
    for source in bank.sources:
        mine = [q for q in bank.questions if q.source == source.id]
        lines.append(_row(source.id, mine, notes_by_source[source.id], bank))
    lines += ["", "Per topic", header]
    for topic in bank.topics:
        lines.append(_row(topic.slug, bank.questions_of(topic.slug), notes_by_topic[topic.slug], bank))
    lines += ["", _row("total", bank.questions, len(bank.notes), bank)]
    return "\n".join(lines)


def answers_table(report: AnswerReport) -> str:
    """The answer files, and every stale or orphaned editor answer."""
    lines = ["Editor answers (sources/answers/)"]
    lines += [f"{name:<34} {count:>5} entries" for name, count in sorted(report.files.items())]
    lines += [f"stale: {key} (the question changed since it was answered)" for key in report.stale]
    lines += [f"orphaned: {key} (no such question any more)" for key in report.orphans]
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
