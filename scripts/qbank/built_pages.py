"""The built site's pages read as blocks, and the data scripts written beside them.

The practice cards (``practice``) and the answers on demand (``answer_bodies``) are cut
from the written topic pages; their data are classic scripts calling
``qbankRegister(name, data)`` (overrides/assets/progress.js), which a page inserts with
``<script>`` tags: that works from ``file://``, where fetch does not.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from .model import Lang
from .yamlio import write_text_atomic

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# a comment, or a start or end tag (attribute values may hold ">")
MARKUP = re.compile(
    r"""<!--.*?-->|<(?P<close>/?)(?P<name>[a-zA-Z][^\s/>]*)(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*)>""", re.S
)
ATTR = re.compile(r"""(?P<key>[^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
OPAQUE = {"script", "style", "mjx-container"}  # skipped whole: no blocks inside


class BuiltPageError(Exception):
    """A built page, or a data script, does not have the shape it is cut from or read as."""


@dataclass
class Block:
    tag: str
    classes: list[str]
    attrs: dict[str, str]
    start: int
    end: int = -1


def top_level_blocks(html: str) -> list[Block]:
    """The top-level elements of an HTML fragment, with their offsets in it.

    A scanner over tags, not ``html.parser``: a long topic page holds some 30,000 tags of
    SVG formulas, which the parser takes seconds to walk; a formula or a script is skipped
    whole. Written pages are well-formed (Python-Markdown's output), so a page whose tags do
    not balance is an error, not something to repair.
    """
    blocks: list[Block] = []
    depth, position = 0, 0
    while (tag := MARKUP.search(html, position)) is not None:
        position = tag.end()
        name = (tag["name"] or "").lower()
        if not name:  # a comment
            continue
        if tag["close"]:
            if name not in VOID:
                depth -= 1
                if depth < 0:
                    raise BuiltPageError(f"</{name}> at offset {tag.start()} closes nothing")
                if depth == 0:
                    blocks[-1].end = position
            continue
        empty = name in VOID or tag["attrs"].endswith("/")
        if depth == 0:
            values = _attributes(tag["attrs"].rstrip("/"))
            blocks.append(Block(name, values.get("class", "").split(), values, tag.start()))
        if name in OPAQUE and not empty:
            closing = html.find(f"</{name}>", position)
            if closing < 0:
                raise BuiltPageError(f"<{name}> at offset {tag.start()} is never closed")
            position, empty = closing + len(name) + 3, True
        if empty:
            if depth == 0:
                blocks[-1].end = position
        else:
            depth += 1
    if depth:
        raise BuiltPageError(f"{depth} element(s) never closed")
    return blocks


def _attributes(text: str) -> dict[str, str]:
    return {
        m["key"].lower(): unescape(next((v for v in m.group(2, 3, 4) if v is not None), ""))
        for m in ATTR.finditer(text)
    }


def article_span(page: str, name: str) -> tuple[int, int]:
    """Where the content of a built page's ``<article>`` starts and ends."""
    start = page.find("<article")
    end = page.rfind("</article>")
    if start < 0 or end < 0:
        raise BuiltPageError(f"{name}: no <article> in the built page")
    return page.index(">", start) + 1, end


def data_script(name: str, data: object) -> str:
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"qbankRegister({json.dumps(name)},{payload});\n"


def write_script(path: Path, text: str) -> Path:
    """Atomically, readable by the web server like the site's other files."""
    write_text_atomic(path, text)
    return path


def lang_root(site: Path, lang: Lang) -> Path:
    return site if lang == "zh" else site / lang
