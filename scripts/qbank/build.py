"""sources → parsers → the typed bank: topics, ids, safe Markdown, corrections."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .answers import AnswerReport, merge_answers
from .model import Bank, InputError, Localized, Note, Problem, Question, RawItem, RawNote, Source
from .parsers import FORMATS, prepare_lines
from .registry import load_sources, load_topics
from .text import normalize_text, sanitize_markdown, short_hash
from .translations import Coverage, merge_translations

ID_LENGTH, LONG_ID_LENGTH = 7, 12


def build_bank(sources_dir: Path) -> Bank:
    """Parse every registered collection into one bank; raise ``InputError`` listing all problems."""
    groups, topics, moves = load_topics(sources_dir)
    sources = load_sources(sources_dir, FORMATS)
    aliases = {normalize_text(alias, drop_numbering=True): topic.slug for topic in topics for alias in topic.aliases}
    problems: list[Problem] = []
    unmapped: dict[tuple[str, str], int] = {}
    questions: list[Question] = []
    notes: list[Note] = []
    for source in sources:
        display = f"sources/{source.file}"
        try:
            text = (sources_dir / source.file).read_text(encoding="utf-8")
            parsed = FORMATS[source.format].parse(prepare_lines(display, text, source), source)
        except InputError as err:
            problems.extend(err.problems)
            continue
        except UnicodeDecodeError as err:
            problems.append(Problem(display, 1, f"not UTF-8 text ({err.reason})"))
            continue
        source.preface = _safe(parsed.preface)

        def topic_of(heading: str, line: int) -> str:
            slug = aliases.get(normalize_text(heading, drop_numbering=True))
            if slug is None:
                unmapped.setdefault((display, heading), line)  # noqa: B023
            return slug or ""

        mine = [_question(source, item, topic_of(item.heading, item.heading_line)) for item in parsed.items]
        questions += mine
        notes += [_note(source, note, topic_of(note.heading, note.heading_line)) for note in parsed.notes]
        _attach_corrections(source, mine)
    for (display, heading), line in sorted(unmapped.items(), key=lambda kv: (kv[0][0], kv[1])):
        problems.append(Problem(display, line, f"heading {heading!r} maps to no topic in sources/topics.yml"))
    if problems:
        raise InputError(problems)
    _assign_ids(questions, "q", lambda q: (q.question.zh or "") + (q.question.en or ""))
    _assign_ids(notes, "n", lambda n: n.text.get(n.origin_lang) or "")
    _move(questions, moves)
    return Bank(groups=groups, topics=topics, sources=sources, questions=questions, notes=notes)


@dataclass
class SiteBank:
    """The bank as the site shows it, with what merging translations and answers reported."""

    bank: Bank
    translations: list[Coverage]
    answers: AnswerReport


def build_site_bank(sources_dir: Path) -> SiteBank:
    """The bank with ``sources/translations/`` and the editorial layer merged in."""
    bank = build_bank(sources_dir)
    translations = merge_translations(bank, sources_dir / "translations")
    return SiteBank(bank, translations, merge_answers(bank, sources_dir))


def _move(questions: list[Question], moves: dict[str, tuple[str, int]]) -> None:
    """Re-file the questions the taxonomy's ``moves`` name; an unknown id is an error."""
    by_id = {q.id: q for q in questions}
    unknown = [
        Problem("sources/topics.yml", line, f"moves: no question has the id {key}")
        for key, (_, line) in moves.items()
        if key not in by_id
    ]
    if unknown:
        raise InputError(unknown)
    for key, (topic, _) in moves.items():
        by_id[key].topic = topic


def _safe(text: Localized) -> Localized:
    return Localized(**{lang: sanitize_markdown(value) if value else None for lang, value in text.as_dict().items()})


def _question(source: Source, item: RawItem, topic: str) -> Question:
    question, answer = _safe(item.question), _safe(item.answer)
    return Question(
        id="",
        source=source.id,
        topic=topic,
        origin_lang=source.origin_lang(question),
        question=question,
        answer=answer,
        difficulty=item.difficulty,
        stars=item.stars,
        line=item.line,
        heading=item.heading,
        question_status=dict.fromkeys(question.langs(), "original"),
        answer_status=dict.fromkeys(answer.langs(), "original"),
    )


def _note(source: Source, note: RawNote, topic: str) -> Note:
    text = _safe(note.text)
    lang = source.origin_lang(text)
    return Note(
        id="",
        source=source.id,
        topic=topic,
        origin_lang=lang,
        text=text,
        line=note.line,
        heading=note.heading,
        text_status={lang: "original"},
    )


def _attach_corrections(source: Source, questions: list[Question]) -> None:
    """A correction shows on the question whose source lines it falls in."""
    for fix in source.corrections:
        before = [q for q in questions if q.line <= fix.line]
        if before:
            max(before, key=lambda q: q.line).corrections.append(fix.why)


def _assign_ids(items: Sequence[Question | Note], prefix: str, text_of: Callable[[Any], str]) -> None:
    """``prefix`` + a hash of source and normalised text; see README "Stable ids".

    The same text twice in one source: the later ones get ``-2``, ``-3`` in source
    order. Two different texts whose short hashes collide both get the long hash.
    """
    keys = [(item.source, normalize_text(text_of(item))) for item in items]
    short = [short_hash(*key, length=ID_LENGTH) for key in keys]
    texts_by_prefix: dict[str, set[tuple[str, str]]] = {}
    for key, digest in zip(keys, short, strict=True):
        texts_by_prefix.setdefault(digest, set()).add(key)
    seen: dict[tuple[str, str], int] = {}
    for item, key, digest in zip(items, keys, short, strict=True):
        clash = len(texts_by_prefix[digest]) > 1
        base = prefix + (short_hash(*key, length=LONG_ID_LENGTH) if clash else digest)
        seen[key] = seen.get(key, 0) + 1
        item.id = base if seen[key] == 1 else f"{base}-{seen[key]}"
