"""``starred-list``: ``#``/``##`` headings and numbered questions ending in ⭐ ratings.

The stars (1–5) say how often a question is asked; a question without stars has none.
"""

from __future__ import annotations

import re

from ..model import Localized, ParsedSource, RawItem, Source
from .base import SourceLines

HEADING = re.compile(r"^#{1,6}\s+(?P<title>.+?)\s*#*\s*$")
QUESTION = re.compile(r"^\d+[.、]\s+(?P<text>.+?)\s*(?P<stars>⭐*)\s*$")
MAX_STARS = 5


def parse(lines: SourceLines, source: Source) -> ParsedSource:
    parsed = ParsedSource()
    heading, heading_line = "", 0
    lang = source.text_lang
    for number, line in lines.numbered():
        if not line.strip():
            continue
        if match := HEADING.match(line):
            heading, heading_line = match["title"], number
        elif match := QUESTION.match(line):
            stars = len(match["stars"]) or None
            if stars and stars > MAX_STARS:
                lines.problem(number, f"{stars} stars: ratings go from 1 to {MAX_STARS}")
            elif not heading:
                lines.problem(number, "question before any heading")
            else:
                question = Localized(**{lang: match["text"]})
                parsed.items.append(RawItem(heading, heading_line, number, question, stars=stars))
        else:
            lines.problem(number, f"cannot place this line: {line.strip()[:60]!r}")
    lines.raise_if_any()
    return parsed
