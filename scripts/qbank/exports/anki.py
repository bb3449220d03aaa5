"""Anki decks, one per language (Chinese-first, English-first), built with genanki.

One note per question, in a subdeck per topic group; the front shows the question with
its topic, difficulty and stars, the back the answers labelled as on the site and a link
to the question's permalink; each side carries the other language in a collapsible
block. Note GUIDs come from the question ids and model and deck ids are fixed, so
importing an updated deck updates the notes and keeps a learner's review history.
Math stays ``\\( \\)`` / ``\\[ \\]``, which Anki typesets with its own MathJax.

The same sources give the same bytes: genanki's clock is replaced by a fixed timestamp
(note and card ids, modification times), and the .apkg zip is written with fixed entry
dates instead of genanki's own writer.
"""

from __future__ import annotations

import hashlib
import html
import sqlite3
import tempfile
from pathlib import Path

import genanki

from ..model import LANGS, OTHER, Bank, Lang, Question
from ..strings import t
from .content import Labelled, QuestionView, view
from .files import write_zip
from .markdown import MarkdownRenderer

FIELDS = ("Question", "Meta", "Answers", "QuestionOther", "AnswersOther", "OtherLanguage", "Permalink", "Id")
# Fixed forever: Anki matches an updated deck to the learner's by these ids.
MODEL_IDS: dict[Lang, int] = {"zh": 1733100001, "en": 1733100002}


def deck_id(lang: Lang, group: str = "") -> int:
    """A fixed id per deck and subdeck, derived from its language and group slug."""
    digest = hashlib.sha256(f"qbank-deck:{lang}:{group}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def note_guid(question: Question, lang: Lang) -> str:
    """Stable per question and deck language (both decks can live in one collection)."""
    return str(genanki.guid_for(question.id, lang))


def tags_of(bank: Bank, question: Question) -> list[str]:
    group = next(topic.group for topic in bank.topics if topic.slug == question.topic)
    tags = [f"topic::{question.topic}", f"group::{group}", f"collection::{question.source}"]
    if question.difficulty:
        tags.append(f"difficulty::{question.difficulty}")
    return tags


def model(lang: Lang, templates: Path) -> genanki.Model:
    front = (templates / "anki-front.html").read_text(encoding="utf-8")
    back = (templates / "anki-back.html").read_text(encoding="utf-8")
    return genanki.Model(
        MODEL_IDS[lang],
        f"qbank ({lang})",
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": t("anki_card", lang), "qfmt": front, "afmt": back}],
    )


def _answers_html(answers: list[Labelled], renderer: MarkdownRenderer) -> str:
    return "".join(
        f'<div class="qb-label">{html.escape(answer.label)}</div>{renderer.html(answer.text)}' for answer in answers
    )


def note_fields(own: QuestionView, other: QuestionView, renderer: MarkdownRenderer) -> list[str]:
    """The note's fields (HTML) in FIELDS order: ``own`` language first, ``other`` folded away."""
    link = html.escape(own.permalink)
    return [
        renderer.html(own.question),
        html.escape(" · ".join(own.meta)),
        _answers_html(own.answers, renderer),
        renderer.html(other.question) if other.question != own.question else "",
        _answers_html(other.answers, renderer) if other.answers != own.answers else "",
        html.escape(t("other_language", own.lang)),
        f'<a href="{link}">{link}</a>',
        own.id,
    ]


def build_decks(
    bank: Bank, lang: Lang, site_url: str, renderer: MarkdownRenderer, templates: Path
) -> list[genanki.Deck]:
    """The deck of ``lang`` and its subdecks, one per topic group, in the bank's order."""
    note_model = model(lang, templates)
    root = t("anki_deck", lang)
    decks = {
        group.slug: genanki.Deck(deck_id(lang, group.slug), f"{root}::{group.title.get(lang)}") for group in bank.groups
    }
    groups = {topic.slug: topic.group for topic in bank.topics}
    for question in bank.questions:
        own, other = view(bank, question, lang, site_url), view(bank, question, OTHER[lang], site_url)
        note = genanki.Note(
            model=note_model,
            fields=note_fields(own, other, renderer),
            tags=tags_of(bank, question),
            guid=note_guid(question, lang),
        )
        decks[groups[question.topic]].add_note(note)
    return [genanki.Deck(deck_id(lang), root), *decks.values()]


def write_deck(path: Path, decks: list[genanki.Deck], timestamp: float) -> None:
    """The .apkg: genanki's collection database, zipped with fixed dates (cf. Package.write_to_file)."""
    with tempfile.TemporaryDirectory() as work:
        database = Path(work) / "collection.anki2"
        media = Path(work) / "media"
        media.write_text("{}", encoding="utf-8")
        connection = sqlite3.connect(database)
        try:
            package = genanki.Package(decks)
            package.write_to_db(connection.cursor(), timestamp, iter(range(int(timestamp * 1000), 1 << 62)))
            connection.commit()
        finally:
            connection.close()
        write_zip(path, [("collection.anki2", database), ("media", media)])


def write_decks(
    folder: Path, bank: Bank, site_url: str, renderer: MarkdownRenderer, templates: Path, timestamp: float
) -> dict[Lang, Path]:
    written = {}
    for lang in LANGS:
        path = folder / f"ml-interview-bank-{lang}.apkg"
        write_deck(path, build_decks(bank, lang, site_url, renderer, templates), timestamp)
        written[lang] = path
    return written
