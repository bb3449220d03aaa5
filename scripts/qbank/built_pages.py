"""The built site's pages read as blocks, and the data scripts written beside them.

The practice cards (``practice``) and the answers on demand (``answer_bodies``) are cut
from the written topic pages; their data are classic scripts calling
``qbankRegister(name, data)`` (overrides/assets/progress.js), which a page inserts with
``<script>`` tags: that works from ``file://``, where fetch does not.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
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
OPAQUE = {"script", "style", "pre", "mjx-container"}  # skipped whole: no blocks inside


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
    depth = 0
    for kind, tag, end in _tags(html, 0):
        if kind == "close":
            depth -= 1
            if depth < 0:
                raise BuiltPageError(f"</{tag['name']}> at offset {tag.start()} closes nothing")
        elif depth == 0:
            values = _attributes(tag["attrs"].rstrip("/"))
            blocks.append(Block(tag["name"].lower(), values.get("class", "").split(), values, tag.start()))
        if kind == "open":
            depth += 1
        elif depth == 0:
            blocks[-1].end = end
    if depth:
        raise BuiltPageError(f"{depth} element(s) never closed")
    return blocks


def element_end(html: str, start: int) -> int:
    """Where the element whose start tag is at ``start`` ends (after its end tag)."""
    depth = 0
    for kind, _, end in _tags(html, start):
        depth += {"open": 1, "close": -1}.get(kind, 0)
        if depth <= 0:
            return end
    raise BuiltPageError(f"the element at offset {start} is never closed")


def _tags(html: str, position: int) -> Iterator[tuple[str, re.Match[str], int]]:
    """Each tag from ``position`` on: "open", "close" or "empty" (a void or self-closed
    element, or an opaque one skipped whole), the tag, and where it (or its element) ends."""
    while (tag := MARKUP.search(html, position)) is not None:
        position = tag.end()
        name = (tag["name"] or "").lower()
        if not name or (tag["close"] and name in VOID):  # a comment; </br>
            continue
        if tag["close"]:
            yield "close", tag, position
            continue
        if name in VOID or tag["attrs"].endswith("/"):
            yield "empty", tag, position
        elif name in OPAQUE:
            closing = html.find(f"</{name}>", position)
            if closing < 0:
                raise BuiltPageError(f"<{name}> at offset {tag.start()} is never closed")
            position = closing + len(name) + 3
            yield "empty", tag, position
        else:
            yield "open", tag, position


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
