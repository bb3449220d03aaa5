"""Answers on demand: a topic page arrives with its questions and the answers' captions;
the answers' bodies wait in one data script per topic until the reader reaches for one.

Every answer is collapsed, and the answers are most of a topic page (on the longest, 75 %
of its bytes): a reader who scans the questions should not download them all. After the
build, each closed top-level ``<details class="answer|editor">`` of a question keeps its
``<summary>`` and gets an empty slot ``<div class="qb-lazy" data-qb-body="N">`` in place of
its body; the bodies, in page order, go to ``assets/answers/<lang>/<topic>.js`` (a classic
script calling ``qbankRegister``, as the practice data do, so that it loads from
``file://``). ``overrides/assets/qbank.js`` loads it and fills the slots.

The outlines of glyphs that only the bodies' formulas use leave the page's ``<defs>`` with
them (on the longest pages, half of what is left), and come back as the script loads.
``restore`` puts bodies and glyphs back: what the checks of the built site read is the page
as a reader sees it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import NamedTuple

from .built_pages import BuiltPageError, article_span, data_script, lang_root, top_level_blocks, write_script
from .mathsvg import split_glyphs, with_glyphs
from .model import LANGS, Bank, Lang
from .yamlio import write_text_atomic

DATA_DIR = "assets/answers"
LAZY = {"answer", "editor"}  # the classes of the collapsible answers
SLOT = '<div class="qb-lazy" data-qb-body="{n}"></div>'
SLOTS = re.compile(r'<div class="qb-lazy" data-qb-body="(\d+)"></div>')
# the topic's data script, as the page names it (overrides/partials/qbank-scripts.html)
SCRIPT_ATTRIBUTE = re.compile(r'<script id="qb-ui"[^>]*\sdata-answers="([^"]+)"')
REGISTERED = re.compile(r"^qbankRegister\((\"[^\"]*\"),(.*)\);\n$", re.S)


def script_name(topic: str) -> str:
    return f"answers:{topic}"


def script_path(lang: Lang, topic: str) -> str:
    """Where a topic's answers are, from the site's root."""
    return f"{DATA_DIR}/{lang}/{topic}.js"


class CutPage(NamedTuple):
    page: str  # as served: each closed answer's body a slot
    bodies: list[str]  # in page order
    glyphs: dict[str, str]  # glyph id → outline, of those only the bodies' formulas use


def answers_script(topic: str, bodies: list[str], glyphs: dict[str, str]) -> str:
    """The data script of a topic's answers' bodies, in page order, and their glyphs."""
    return data_script(script_name(topic), {"bodies": bodies, "glyphs": glyphs})


def cut(page: str, name: str) -> CutPage:
    """The page with each closed answer's body replaced by a slot, the bodies in order, and
    the glyphs that leave the page with them."""
    if SLOTS.search(page):
        raise BuiltPageError(f"{name}: its answers were cut already")
    start, end = article_span(page, name)
    article = page[start:end]
    parts: list[str] = []
    bodies: list[str] = []
    position = 0
    for block in top_level_blocks(article):
        if block.tag != "details" or not LAZY & set(block.classes) or "open" in block.attrs:
            continue
        html = article[block.start : block.end]
        body_start = html.index("</summary>") + len("</summary>")
        body_end = html.rindex("</details>")
        parts += [article[position : block.start + body_start], SLOT.format(n=len(bodies))]
        bodies.append(html[body_start:body_end])
        position = block.start + body_end
    parts.append(article[position:])
    served, glyphs = split_glyphs(page[:start] + "".join(parts) + page[end:])
    return CutPage(served, bodies, glyphs)


def restore(page: str, bodies: list[str], glyphs: dict[str, str] | None = None) -> str:
    """The page as a reader sees it once its answers are in: ``restore(*cut(p)) == p``."""
    return with_glyphs(SLOTS.sub(lambda slot: bodies[int(slot[1])], page), glyphs or {})


def read_answers(script: Path) -> tuple[list[str], dict[str, str]]:
    """The bodies and glyphs of a topic's answers' data script."""
    match = REGISTERED.match(script.read_text(encoding="utf-8"))
    if match is None:
        raise BuiltPageError(f"{script}: not a data script")
    data = json.loads(match[2])
    return data["bodies"], data["glyphs"]


def page_as_read(path: Path) -> str:
    """A built page with its answers' bodies in place (pages without slots as they are)."""
    html = path.read_text(encoding="utf-8")
    if not SLOTS.search(html):
        return html
    script = SCRIPT_ATTRIBUTE.search(html)
    if script is None:
        raise BuiltPageError(f"{path}: answer slots, but no data-answers script named")
    return restore(html, *read_answers(path.parent / script[1]))


def write_answer_bodies(site: Path, bank: Bank) -> list[Path]:
    """Cut every topic page of both languages; returns the data scripts written."""
    written = []
    for lang in LANGS:
        for topic in bank.topics:
            page = lang_root(site, lang) / "topics" / f"{topic.slug}.html"
            html = page.read_text(encoding="utf-8")
            if SLOTS.search(html):  # not rebuilt (mkdocs serve --dirty): cut already
                continue
            served, bodies, glyphs = cut(html, str(page))
            script = site / script_path(lang, topic.slug)
            written.append(write_script(script, answers_script(topic.slug, bodies, glyphs)))
            write_text_atomic(page, served)
    return written
