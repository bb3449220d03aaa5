"""sources → parsers → the typed bank: topics, ids, safe Markdown, corrections."""

from __future__ import annotations

from pathlib import Path

from .model import Bank, InputError, Lang, Localized, Note, Problem, Question, RawItem, Source
from .parsers import PARSERS, prepare_lines
from .registry import load_sources, load_topics, normalize_heading
from .text import normalize_for_id, sanitize_markdown, short_hash
from .translations import Coverage, merge_translations

ID_LENGTH, LONG_ID_LENGTH = 7, 12


def build_bank(sources_dir: Path) -> Bank:
    """Parse every registered collection into one bank; raise ``InputError`` listing all problems."""
    groups, topics = load_topics(sources_dir)
    sources = load_sources(sources_dir, set(PARSERS))
    aliases = {normalize_heading(alias): topic.slug for topic in topics for alias in topic.aliases}
    problems: list[Problem] = []
    unmapped: dict[tuple[str, str], int] = {}
    questions: list[Question] = []
    notes: list[Note] = []
    for source in sources:
        display = f"sources/{source.file}"
        try:
            text = (sources_dir / source.file).read_text(encoding="utf-8")
            parsed = PARSERS[source.format](prepare_lines(display, text, source), source)
        except InputError as err:
            problems.extend(err.problems)
            continue
        except UnicodeDecodeError as err:
            problems.append(Problem(display, 1, f"not UTF-8 text ({err.reason})"))
            continue
        source.preface = _safe(parsed.preface)

        def topic_of(heading: str, line: int) -> str:
            slug = aliases.get(normalize_heading(heading))
            if slug is None:
                unmapped.setdefault((display, heading), line)  # noqa: B023
            return slug or ""

        mine = [_question(source, item, topic_of(item.heading, item.heading_line)) for item in parsed.items]
        questions += mine
        for note in parsed.notes:
            lang: Lang = "zh" if note.text.zh else "en"
            text_ = _safe(note.text)
            notes.append(
                Note(
                    id="n" + short_hash(source.id, normalize_for_id(text_.get(lang) or ""), length=ID_LENGTH),
                    source=source.id,
                    topic=topic_of(note.heading, note.heading_line),
                    origin_lang=lang,
                    text=text_,
                    line=note.line,
                    heading=note.heading,
                    text_status={lang: "original"},
                )
            )
        _attach_corrections(source, mine)
    for (display, heading), line in sorted(unmapped.items(), key=lambda kv: (kv[0][0], kv[1])):
        problems.append(Problem(display, line, f"heading {heading!r} maps to no topic in sources/topics.yml"))
    if problems:
        raise InputError(problems)
    _assign_ids(questions)
    return Bank(groups=groups, topics=topics, sources=sources, questions=questions, notes=notes)


def build_translated_bank(sources_dir: Path) -> tuple[Bank, list[Coverage]]:
    """The bank with ``sources/translations/`` merged in (what the site shows), and its coverage."""
    bank = build_bank(sources_dir)
    return bank, merge_translations(bank, sources_dir / "translations")


def _safe(text: Localized) -> Localized:
    return Localized(**{lang: sanitize_markdown(value) if value else None for lang, value in text.as_dict().items()})


def _question(source: Source, item: RawItem, topic: str) -> Question:
    question, answer = _safe(item.question), _safe(item.answer)
    origin: Lang = "en" if source.lang == "en" or not question.zh else "zh"
    return Question(
        id="",
        source=source.id,
        topic=topic,
        origin_lang=origin,
        question=question,
        answer=answer,
        difficulty=item.difficulty,
        stars=item.stars,
        line=item.line,
        heading=item.heading,
        question_status=dict.fromkeys(question.langs(), "original"),
        answer_status=dict.fromkeys(answer.langs(), "original"),
    )


def _attach_corrections(source: Source, questions: list[Question]) -> None:
    """A correction shows on the question whose source lines it falls in."""
    for fix in source.corrections:
        before = [q for q in questions if q.line <= fix.line]
        if before:
            max(before, key=lambda q: q.line).corrections.append(fix.why)


def _assign_ids(questions: list[Question]) -> None:
    """``q`` + a hash of source and normalised question text; see README "Stable ids".

    The same text twice in one source: the later ones get ``-2``, ``-3`` in source
    order. Two different texts whose short hashes collide both get the long hash.
    """
    keys = [(q.source, normalize_for_id((q.question.zh or "") + (q.question.en or ""))) for q in questions]
    short = [short_hash(*key, length=ID_LENGTH) for key in keys]
    texts_by_prefix: dict[str, set[tuple[str, str]]] = {}
    for key, prefix in zip(keys, short, strict=True):
        texts_by_prefix.setdefault(prefix, set()).add(key)
    seen: dict[tuple[str, str], int] = {}
    for question, key, prefix in zip(questions, keys, short, strict=True):
        clash = len(texts_by_prefix[prefix]) > 1
        base = "q" + (short_hash(*key, length=LONG_ID_LENGTH) if clash else prefix)
        seen[key] = seen.get(key, 0) + 1
        question.id = base if seen[key] == 1 else f"{base}-{seen[key]}"
