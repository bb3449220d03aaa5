"""``bilingual-outline``: numbered bold sections, ``- **中文 (English)?**`` questions, ``- **A:**`` answers.

Sections are ``1. **Title**``, ``1.1 **Title:**`` or a bullet ``- **3.1 Title:**``. An
answer bullet belongs to the question above it (whatever its indentation); lines indented
deeper than the answer bullet continue the answer. ``N/A`` means no answer.
"""

from __future__ import annotations

import re

from ..model import Localized, ParsedSource, RawItem, Source
from ..text import split_bilingual
from .base import SourceLines, dedent_block, indent_of

SECTION = re.compile(r"^(?:\d+\.\s+|\d+\.\d+\s+|\s*-\s+\*\*\d+\.\d+\s+)\*{0,2}(?P<title>.+?):?\*\*:?\s*$")
ANSWER = re.compile(r"^(?P<indent>\s*)-\s+\*\*A:\*\*\s?(?P<text>.*)$")
QUESTION = re.compile(r"^\s*-\s+\*\*(?P<title>.+)\*\*\s*$")
NO_ANSWER = "N/A"


def parse(lines: SourceLines, source: Source) -> ParsedSource:
    parsed = ParsedSource()
    heading, heading_line = "", 0
    answer_indent: int | None = None
    answer_block: list[str] = []

    def close_answer() -> None:
        nonlocal answer_indent
        if answer_indent is not None:
            text = dedent_block(answer_block, answer_indent + 2)
            parsed.items[-1].answer = Localized(en=None if text == NO_ANSWER else text or None)
        answer_indent = None

    for number, line in lines.numbered():
        if answer_indent is not None and (not line.strip() or indent_of(line) > answer_indent):
            answer_block.append(line)
            continue
        close_answer()
        if not line.strip():
            continue
        if answer := ANSWER.match(line):
            item = parsed.items[-1] if parsed.items else None
            if item is None or item.answer.langs() or item.line < heading_line:
                lines.problem(number, "answer without a question above it")
                continue
            answer_indent, answer_block = len(answer["indent"]), [" " * (len(answer["indent"]) + 2) + answer["text"]]
        elif section := SECTION.match(line):
            heading, heading_line = section["title"].strip(), number
        elif question := QUESTION.match(line):
            if not heading:
                lines.problem(number, "question before any section heading")
                continue
            zh, en = split_bilingual(question["title"].strip())
            parsed.items.append(RawItem(heading, heading_line, number, Localized(zh=zh, en=en)))
        else:
            lines.problem(number, f"cannot place this line: {line.strip()[:60]!r}")
    close_answer()
    lines.raise_if_any()
    return parsed
