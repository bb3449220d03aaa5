"""Answers on demand: a topic page arrives with its questions and the answers' captions;
the answers' bodies wait in one data script per topic until the reader reaches for one.

Every answer is collapsed, and the answers are most of a topic page (on the longest, 75 %
of its bytes): a reader who scans the questions should not download them all. After the
build, each closed top-level ``<details class="answer|editor">`` of a question keeps its
``<summary>`` and gets an empty slot ``<div class="qb-lazy" data-qb-body="N">`` in place of
its body; the bodies, in page order, go to ``assets/answers/<lang>/<topic>.js`` (a classic
script calling ``qbankRegister``, as the practice data do, so that it loads from
``file://``). ``overrides/assets/qbank.js`` loads it and fills the slots.

The glyphs of the answers' formulas stay in the page's one ``<defs>``. ``restore`` puts
the bodies back: what the checks of the built site read is the page as a reader sees it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .built_pages import BuiltPageError, article_span, data_script, lang_root, top_level_blocks, write_script
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


def answers_script(topic: str, bodies: list[str]) -> str:
    """The data script of a topic's answers' bodies, in page order."""
    return data_script(script_name(topic), {"bodies": bodies})


def cut(page: str, name: str) -> tuple[str, list[str]]:
    """The page with each closed answer's body replaced by a slot, and the bodies in order."""
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
    return page[:start] + "".join(parts) + page[end:], bodies


def restore(page: str, bodies: list[str]) -> str:
    """The page as a reader sees it once its answers are in: ``restore(*cut(p)) == p``."""
    return SLOTS.sub(lambda slot: bodies[int(slot[1])], page)


def read_bodies(script: Path) -> list[str]:
    match = REGISTERED.match(script.read_text(encoding="utf-8"))
    if match is None:
        raise BuiltPageError(f"{script}: not a data script")
    bodies: list[str] = json.loads(match[2])["bodies"]
    return bodies


def page_as_read(path: Path) -> str:
    """A built page with its answers' bodies in place (pages without slots as they are)."""
    html = path.read_text(encoding="utf-8")
    if not SLOTS.search(html):
        return html
    script = SCRIPT_ATTRIBUTE.search(html)
    if script is None:
        raise BuiltPageError(f"{path}: answer slots, but no data-answers script named")
    return restore(html, read_bodies(path.parent / script[1]))


def write_answer_bodies(site: Path, bank: Bank) -> list[Path]:
    """Cut every topic page of both languages; returns the data scripts written."""
    written = []
    for lang in LANGS:
        for topic in bank.topics:
            page = lang_root(site, lang) / "topics" / f"{topic.slug}.html"
            html = page.read_text(encoding="utf-8")
            if SLOTS.search(html):  # not rebuilt (mkdocs serve --dirty): cut already
                continue
            slimmer, bodies = cut(html, str(page))
            script = site / script_path(lang, topic.slug)
            written.append(write_script(script, answers_script(topic.slug, bodies)))
            write_text_atomic(page, slimmer)
    return written
