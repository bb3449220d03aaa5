"""The practice page's data: built topic pages → per-topic card scripts and an index.

Cards hold the HTML of the *written* topic pages (read after the whole build), so their
math and sanitising are exactly the topic pages'; the data are scripts (``built_pages``).

- ``assets/practice/<lang>/index.js``: topics, groups, collections, and one row per
  question ``[id, topic, collection, difficulty, stars]`` (list indexes, "" and 0 for none).
- ``assets/practice/<lang>/<topic>.js``: ``{"cards": {id: {"t": title, "q": question, "a":
  answers}}, "glyphs": {glyph id: SVG path}}``: the formulas are the page's SVG, whose glyph
  outlines the topic page holds once (``mathsvg``), so the cards carry them beside. The
  answers are cut as the page is served, their bodies in slots (``answer_bodies``): the
  practice page fills them from the topic page's own data, not from a second copy, and
  takes the glyphs only the bodies use from there too.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from .built_pages import BuiltPageError, article_span, data_script, lang_root, top_level_blocks, write_script
from .mathsvg import glyphs_of
from .model import LANGS, Bank, Lang

DATA_DIR = "assets/practice"
# Top-level blocks of a question's section that answer it: revealed only on "Show answer".
ANSWER_CLASSES = {"answer", "editor", "qb-served", "qb-no-answer", "qb-also"}
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
URL_ATTR = re.compile(r'\b(href|src)="([^"]*)"')
# a tag with a URL; a formula's <use href="#MJX-…"> points at a glyph the practice page
# holds too (and formulas' tags, most of a page's, have none: the regex passes them by)
LINKING_TAG = re.compile(r"<(?!use\b)[a-zA-Z][\w-]*\b[^>]*\b(?:href|src)=[^>]*>")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def rebase(html: str, page_dir: str, page_name: str) -> str:
    """Relative links of a page in ``page_dir`` made relative to the language's root."""

    def fix(match: re.Match[str]) -> str:
        attr, url = match[1], match[2]
        if url.startswith("#"):
            return f'{attr}="{page_dir}/{page_name}{url}"'
        if SCHEME.match(url) or url.startswith("/") or not url:
            return match[0]
        path, hash_, fragment = url.partition("#")
        joined = posixpath.normpath(posixpath.join(page_dir, path))
        return f'{attr}="{joined}{hash_}{fragment}"'

    return LINKING_TAG.sub(lambda tag: URL_ATTR.sub(fix, tag[0]), html)


@dataclass
class _Card:
    title: str
    question: list[str]
    answers: list[str]


def cut_cards(page: str, name: str) -> dict[str, dict[str, str]]:
    """Each question of a built topic page: its title, the question's blocks, the answers'."""
    start, end = article_span(page, name)
    article = page[start:end]
    cards: dict[str, _Card] = {}
    current: _Card | None = None
    for block in top_level_blocks(article):
        html = article[block.start : block.end]
        if block.tag == "h2":
            current = None
            if "qb-question" in block.classes:
                title = HEADERLINK.sub("", html[html.index(">") + 1 : html.rindex("</h2>")]).strip()
                current = cards[block.attrs["id"]] = _Card(title, [], [])
        elif current is not None:
            (current.answers if ANSWER_CLASSES & set(block.classes) else current.question).append(html)
    return {qid: {"t": c.title, "q": "\n".join(c.question), "a": "\n".join(c.answers)} for qid, c in cards.items()}


def practice_index(bank: Bank, lang: Lang) -> dict[str, object]:
    """What the practice page chooses from, in the page order of the topics."""
    topics = list(bank.topics)
    groups = list(bank.groups)
    sources = list(bank.sources)
    topic_index = {t.slug: i for i, t in enumerate(topics)}
    source_index = {s.id: i for i, s in enumerate(sources)}
    group_index = {g.slug: i for i, g in enumerate(groups)}
    rows = [
        [q.id, topic_index[q.topic], source_index[q.source], q.difficulty or "", q.stars or 0]
        for topic in topics
        for q in bank.questions_of(topic.slug)
    ]
    return {
        "groups": [{"slug": g.slug, "title": g.title.get(lang) or g.slug} for g in groups],
        "topics": [
            {"slug": t.slug, "title": t.title.get(lang) or t.slug, "group": group_index[t.group]} for t in topics
        ],
        "sources": [{"id": s.id, "title": s.short_title.get(lang) or s.title.get(lang) or s.id} for s in sources],
        "questions": rows,
    }


def topic_script(page: str, name: str, topic: str, expected: list[str]) -> str:
    """The data script of a built topic page's cards (the page as served: answers' bodies
    in slots), which must be those of the questions ``expected``."""
    cards = cut_cards(page, name)
    if sorted(cards) != sorted(expected):
        missing = sorted(set(expected) - set(cards))
        raise BuiltPageError(f"{name}: questions missing from the built page: {missing[:5]}")
    page_name = f"{topic}.html"
    cards = {qid: {k: rebase(v, "topics", page_name) for k, v in card.items()} for qid, card in cards.items()}
    return data_script(f"topic:{topic}", {"cards": cards, "glyphs": glyphs_of(page)})


def data_path(site: Path, lang: Lang, name: str) -> Path:
    """Where a practice data script is: beside the theme's assets, which both languages share."""
    return site / DATA_DIR / lang / f"{name}.js"


def write_practice_data(site: Path, bank: Bank) -> list[Path]:
    """Write every data script of both languages from the written topic pages; returns what it wrote."""
    written = []
    for lang in LANGS:
        for topic in bank.topics:
            page = lang_root(site, lang) / "topics" / f"{topic.slug}.html"
            text = page.read_text(encoding="utf-8")  # as served: answer bodies in slots
            script = topic_script(text, str(page), topic.slug, [q.id for q in bank.questions_of(topic.slug)])
            written.append(write_script(data_path(site, lang, topic.slug), script))
    return written + write_practice_index(site, bank)


def write_practice_index(site: Path, bank: Bank) -> list[Path]:
    """The index of both languages, which the topics' cards do not change."""
    return [
        write_script(data_path(site, lang, "index"), data_script("index", practice_index(bank, lang))) for lang in LANGS
    ]
