"""A topic page as it is served, made as MkDocs hands it over (``on_post_page``): its
formulas rendered (``mathsvg``), its answers' bodies cut out (``answer_bodies``), and its
practice cards cut from what remains (``practice``).

Cut in memory, the page is written once, slim, and never read back; and all of it is kept
in ``.cache/`` (``products``) by the page MkDocs made, so that a warm build serves a page
that did not change as it did last time, rendering and cutting nothing. The data scripts
are written after the build (``write_topic_data``), where a page not built this time
(``--dirty``) is cut from the site as before.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from . import answer_bodies, mathsvg, practice, search_split
from .model import LANGS, Bank, Lang
from .products import Parts, Slots, code_digest, digest
from .yamlio import write_bytes_atomic


@dataclass(frozen=True)
class ServedTopic:
    page: str  # the page as written: its answers' bodies in slots
    answers: bytes  # the data script of its answers' bodies
    cards: bytes  # the practice page's data script of its cards


@dataclass(frozen=True)
class BuiltTopic:
    """A topic page as MkDocs made it, and what serving it depends on besides."""

    html: str
    lang: Lang
    url: str
    topic: str
    name: str  # for messages: the page's path in the site
    questions: list[str]  # the ids it must hold (the bank's)
    label: str  # what a wide formula's box is called


def serve_topic(built: BuiltTopic, renderer: mathsvg.MathRenderer, slots: Slots) -> ServedTopic:
    """The page rendered and cut, or as kept from the build that last saw it; raises
    ``mathsvg.FormulaErrors`` and ``BuiltPageError`` (and keeps nothing then)."""
    slot = f"{built.lang}:{built.topic}"  # not the path: the tests' builds in other folders share it
    parts_of = (built.html, built.lang, built.url, built.topic, built.label, *built.questions)
    inputs = digest(*parts_of, renderer.backend.version, code_digest())
    parts = slots.get(slot, inputs)
    if parts is None:
        parts = _made(built, renderer)
        slots.put(slot, inputs, parts)
    else:  # its formulas counted as if rendered, for the build's summary
        occurrences, keys = json.loads(parts["formulas"])
        renderer.count(occurrences, keys)
    return ServedTopic(parts["page"].decode("utf-8"), parts["answers"], parts["cards"])


def _made(built: BuiltTopic, renderer: mathsvg.MathRenderer) -> Parts:
    html = mathsvg.render_math(built.html, renderer, label=built.label)
    html = search_split.point_config_at_language_index(html, built.lang, built.url)
    page, bodies, glyphs = answer_bodies.cut(html, built.name)
    cards = practice.topic_script(page, built.name, built.topic, built.questions)
    formulas = mathsvg.formulas_on(built.html)
    return {
        "page": page.encode("utf-8"),
        "answers": answer_bodies.answers_script(built.topic, bodies, glyphs).encode("utf-8"),
        "cards": cards.encode("utf-8"),
        "formulas": json.dumps([len(formulas), list(dict.fromkeys(f.key for f in formulas))]).encode("utf-8"),
    }


def write_topic_data(site: Path, bank: Bank, served: dict[tuple[Lang, str], ServedTopic]) -> None:
    """The data scripts of the topic pages served, and the practice index; where a topic
    page was not built this time, every page is cut from the site as written."""
    for lang in LANGS:
        for topic in bank.topics:
            if (lang, topic.slug) in served:
                write_bytes_atomic(site / answer_bodies.script_path(lang, topic.slug), served[lang, topic.slug].answers)
                write_bytes_atomic(practice.data_path(site, lang, topic.slug), served[lang, topic.slug].cards)
    if all((lang, topic.slug) in served for lang in LANGS for topic in bank.topics):
        practice.write_practice_index(site, bank)
    else:  # pages left as they were (mkdocs serve --dirty): cut already, or cut now
        answer_bodies.write_answer_bodies(site, bank)
        practice.write_practice_data(site, bank)
