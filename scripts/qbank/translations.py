"""Translations as data: ``sources/translations/<source-id>.<lang>.yml`` merged into the bank.

Each entry is keyed by question (or note) id and records ``from``, a hash of the original
text it was translated from. When the original changes, the hash no longer matches and
the translation is shown as stale. A question whose wording changed gets a new id; its
old entry is then matched by the ``original`` text it records, and is stale too.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import LANGS, OTHER, Bank, InputError, Lang, Localized, Note, Problem, Question
from .registry import load_yaml
from .text import sanitize_markdown, text_hash

QUESTION_KEYS = {"from", "original", "question", "answer", "__line__"}
NOTE_KEYS = {"from", "original", "heading", "text", "__line__"}
SIMILAR = 0.6


def original_fingerprint(question: Question, lang: Lang) -> str:
    """The hash of what a translation into ``lang`` is made from."""
    source_lang = OTHER[lang]
    parts = [
        (text.get(source_lang) or "") if status.get(source_lang) == "original" else ""
        for text, status in ((question.question, question.question_status), (question.answer, question.answer_status))
    ]
    return text_hash("\x1f".join(parts))


def note_fingerprint(note: Note, lang: Lang) -> str:
    return text_hash(f"{note.heading}\x1f{note.text.get(OTHER[lang]) or ''}")


def needs(question: Question, lang: Lang) -> dict[str, str]:
    """What a ``lang`` reader lacks of this question: field → original text to translate."""
    wanted = {}
    if not question.question.get(lang) and question.question.get(OTHER[lang]):
        wanted["question"] = question.question.get(OTHER[lang]) or ""
    if not question.answer.get(lang) and question.answer.get(OTHER[lang]):
        wanted["answer"] = question.answer.get(OTHER[lang]) or ""
    return wanted


@dataclass
class Coverage:
    """Translation coverage of one source in one language."""

    source: str
    lang: Lang
    total: int = 0
    done: int = 0
    stale: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)


def merge_translations(bank: Bank, folder: Path) -> list[Coverage]:
    """Fill the bank's missing languages from the translation files; report coverage."""
    problems: list[Problem] = []
    coverage: list[Coverage] = []
    questions_of = _by_source(bank.questions)
    notes_of = _by_source(bank.notes)
    for source in bank.sources:
        questions, notes = questions_of.get(source.id, []), notes_of.get(source.id, [])
        for lang in LANGS:
            path = folder / f"{source.id}.{lang}.yml"
            display = f"sources/translations/{path.name}"
            data = load_yaml(path, display) if path.exists() else {}
            if not isinstance(data, dict) or not all(
                isinstance(data.get(k) or {}, dict) for k in ("questions", "notes")
            ):
                problems.append(Problem(display, 1, "must map 'questions' and 'notes' to entries keyed by id"))
                continue
            report = Coverage(source.id, lang)
            _merge(questions, QUESTIONS, lang, (data or {}).get("questions") or {}, report, problems, path)
            _merge(notes, NOTES, lang, (data or {}).get("notes") or {}, report, problems, path)
            coverage.append(report)
    if problems:
        raise InputError(problems)
    return coverage


def _by_source(items: list[Question] | list[Note]) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for item in items:
        grouped.setdefault(item.source, []).append(item)
    return grouped


def _entries(raw: dict[str, Any], keys: set[str], path: Path, problems: list[Problem]) -> dict[str, dict[str, Any]]:
    display = f"sources/translations/{path.name}"
    entries = {}
    for key, entry in raw.items():
        if key == "__line__":
            continue
        if not isinstance(entry, dict):
            problems.append(Problem(display, 1, f"entry {key!r} must be a mapping"))
            continue
        for unknown in sorted(set(entry) - keys):
            problems.append(Problem(display, entry["__line__"], f"unknown key {unknown!r} in entry {key!r}"))
        entries[str(key)] = entry
    return entries


def _match_orphans(
    entries: dict[str, dict[str, Any]], items: dict[str, Question] | dict[str, Note], text_of
) -> dict[str, str]:
    """Old id → current id, for entries whose question was reworded (and so re-identified)."""
    orphans = [key for key in entries if key not in items]
    free = [key for key in items if key not in entries]
    matches: dict[str, str] = {}
    for orphan in orphans:
        original = str(entries[orphan].get("original") or "")
        scored = [(difflib.SequenceMatcher(None, original, text_of(items[key])).ratio(), key) for key in free]
        best = max(scored, default=(0.0, ""))
        if best[0] >= SIMILAR:
            matches[orphan] = best[1]
            free.remove(best[1])
    return matches


def _paired(
    entries: dict[str, dict[str, Any]], items: dict[str, Any], text_of: Callable[[Any], str], report: Coverage
) -> Iterator[tuple[dict[str, Any], Any, bool]]:
    """Each entry with the question or note it translates, and whether that one was reworded."""
    renamed = _match_orphans(entries, items, text_of)
    report.orphans += [key for key in entries if key not in items and key not in renamed]
    for key, entry in entries.items():
        item = items.get(renamed.get(key, key))
        if item is not None:
            yield entry, item, key in renamed


def _question_texts(question: Question) -> tuple[tuple[Localized, dict[str, str]], ...]:
    return ((question.question, question.question_status), (question.answer, question.answer_status))


def _fill_question(question: Question, entry: dict[str, Any], lang: Lang, stale: bool) -> None:
    _fill(question.question, question.question_status, lang, entry.get("question"), stale)
    _fill(question.answer, question.answer_status, lang, entry.get("answer"), stale)


def _fill_note(note: Note, entry: dict[str, Any], lang: Lang, stale: bool) -> None:
    _fill(note.text, note.text_status, lang, entry.get("text"), stale)
    if isinstance(entry.get("heading"), str):
        note.headings[lang] = entry["heading"]


@dataclass(frozen=True)
class _Kind:
    """How translations of one kind of item (questions or notes) are read and applied."""

    keys: set[str]
    original: Callable[[Any, Lang], str]
    fingerprint: Callable[[Any, Lang], str]
    texts: Callable[[Any], tuple[tuple[Localized, dict[str, str]], ...]]
    fill: Callable[[Any, dict[str, Any], Lang, bool], None]


QUESTIONS = _Kind(
    QUESTION_KEYS,
    lambda q, lang: q.question.get(OTHER[lang]) or "",
    lambda q, lang: original_fingerprint(q, lang),
    _question_texts,
    _fill_question,
)
NOTES = _Kind(
    NOTE_KEYS,
    lambda n, lang: n.text.get(OTHER[lang]) or "",
    lambda n, lang: note_fingerprint(n, lang),
    lambda n: ((n.text, n.text_status),),
    _fill_note,
)


def _merge(
    items: list[Question] | list[Note],
    kind: _Kind,
    lang: Lang,
    raw: dict[str, Any],
    report: Coverage,
    problems: list[Problem],
    path: Path,
) -> None:
    entries = _entries(raw, kind.keys, path, problems)
    by_id = {item.id: item for item in items}
    for entry, item, reworded in _paired(entries, by_id, lambda it: kind.original(it, lang), report):
        stale = reworded or entry.get("from") != kind.fingerprint(item, lang)
        kind.fill(item, entry, lang, stale)
        if stale:
            report.stale.append(item.id)
    for item in items:
        for text, status in kind.texts(item):
            if status.get(lang) != "original" and text.get(OTHER[lang]):
                report.total += 1
                report.done += status.get(lang) in ("translated", "stale") and bool(text.get(lang))


def _fill(text: Localized, status: dict[str, str], lang: Lang, value: Any, stale: bool) -> None:
    if not isinstance(value, str) or not value.strip() or status.get(lang) == "original":
        return
    text.set(lang, sanitize_markdown(value.strip()))
    status[lang] = "stale" if stale else "translated"
