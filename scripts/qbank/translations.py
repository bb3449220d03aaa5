"""Translations as data: ``sources/translations/<source-id>.<lang>.yml`` merged into the bank.

Entries are keyed by question (or note) id with the staleness hash of ``keyed``: a
translation whose original changed is shown as stale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from .keyed import entries_of, match_entries, read_sections
from .model import LANGS, OTHER, Bank, InputError, Lang, Localized, Note, Problem, Question, TextStatus
from .text import sanitize_markdown, text_hash
from .yamlio import YamlMap

QUESTION_KEYS = {"from", "original", "question", "answer"}
NOTE_KEYS = {"from", "original", "heading", "text"}
SECTIONS = ("questions", "notes")


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
    wanted: dict[str, str] = {}
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
            path = translation_path(folder, source.id, lang)
            display = f"sources/translations/{path.name}"
            try:
                sections = read_sections(path, display, SECTIONS)
            except InputError as err:
                problems += err.problems
                continue
            report = Coverage(source.id, lang)
            question_entries = entries_of(sections["questions"], QUESTIONS.keys, display, problems)
            _merge(questions, QUESTIONS, lang, question_entries, report)
            _merge(notes, NOTES, lang, entries_of(sections["notes"], NOTES.keys, display, problems), report)
            coverage.append(report)
    if problems:
        raise InputError(problems)
    return coverage


def translation_path(folder: Path, source_id: str, lang: Lang) -> Path:
    return folder / f"{source_id}.{lang}.yml"


Item = TypeVar("Item", Question, Note)


def _by_source(items: list[Item]) -> dict[str, list[Item]]:
    grouped: dict[str, list[Item]] = {}
    for item in items:
        grouped.setdefault(item.source, []).append(item)
    return grouped


Texts = tuple[tuple[Localized, dict[Lang, TextStatus]], ...]


def _question_texts(question: Question) -> Texts:
    return ((question.question, question.question_status), (question.answer, question.answer_status))


def _fill_question(question: Question, entry: YamlMap, lang: Lang, stale: bool) -> None:
    _fill(question.question, question.question_status, lang, entry.get("question"), stale)
    _fill(question.answer, question.answer_status, lang, entry.get("answer"), stale)


def _fill_note(note: Note, entry: YamlMap, lang: Lang, stale: bool) -> None:
    _fill(note.text, note.text_status, lang, entry.get("text"), stale)
    if isinstance(entry.get("heading"), str):
        note.headings[lang] = entry["heading"]


@dataclass(frozen=True)
class _Kind(Generic[Item]):
    """How translations of one kind of item (questions or notes) are read and applied."""

    keys: set[str]
    original: Callable[[Item, Lang], str]
    fingerprint: Callable[[Item, Lang], str]
    texts: Callable[[Item], Texts]
    fill: Callable[[Item, YamlMap, Lang, bool], None]


QUESTIONS: _Kind[Question] = _Kind(
    QUESTION_KEYS,
    lambda q, lang: q.question.get(OTHER[lang]) or "",
    original_fingerprint,
    _question_texts,
    _fill_question,
)
NOTES: _Kind[Note] = _Kind(
    NOTE_KEYS,
    lambda n, lang: n.text.get(OTHER[lang]) or "",
    note_fingerprint,
    lambda n: ((n.text, n.text_status),),
    _fill_note,
)


def _merge(items: list[Item], kind: _Kind[Item], lang: Lang, entries: dict[str, YamlMap], report: Coverage) -> None:
    by_id = {item.id: item for item in items}
    matches, orphans = match_entries(
        entries, by_id, lambda item: kind.original(item, lang), lambda item: kind.fingerprint(item, lang)
    )
    report.orphans += orphans
    for match in matches:
        kind.fill(match.item, match.entry, lang, match.stale)
        if match.stale:
            report.stale.append(match.item.id)
    for item in items:
        for text, status in kind.texts(item):
            if status.get(lang) != "original" and text.get(OTHER[lang]):
                report.total += 1
                report.done += status.get(lang) in ("translated", "stale") and bool(text.get(lang))


def _fill(text: Localized, status: dict[Lang, TextStatus], lang: Lang, value: object, stale: bool) -> None:
    if not isinstance(value, str) or not value.strip() or status.get(lang) == "original":
        return
    text.set(lang, sanitize_markdown(value.strip()))
    status[lang] = "stale" if stale else "translated"
