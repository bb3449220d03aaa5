"""``details-qa``: ``> N、question`` lines, each followed by an HTML ``<details>`` answer.

The answer's HTML is converted, not passed through: ``<br>`` and line ends become
paragraph breaks, the text is escaped so that it reads as written, and the generic
``<summary>答案</summary>`` caption gives way to the site's own "Answer" label. The
collection has no headings, so the registry's ``sections`` (question number → heading)
files each question under a topic.
"""

from __future__ import annotations

import re

from ..model import Localized, ParsedSource, RawItem, Source
from ..text import escape_plain
from .base import SourceLines

QUESTION = re.compile(r"^>\s*(?P<number>\d+)\s*[、.．]\s*(?P<text>.+?)\s*$")
DETAILS_OPEN = re.compile(r"^\s*<details>\s*$", re.I)
DETAILS_CLOSE = re.compile(r"^\s*</details>\s*$", re.I)
SUMMARY = re.compile(r"^\s*<summary>(?P<label>.*?)</summary>\s*$", re.I)
BREAK = re.compile(r"<br\s*/?>", re.I)
GENERIC_LABELS = {"答案", "参考答案", "解答", "answer", "answers"}


def parse(lines: SourceLines, source: Source) -> ParsedSource:
    parsed = ParsedSource()
    sections = source.options.sections
    heading, heading_line = "", 0
    answer: list[str] | None = None
    opened_at = 0
    for number, line in lines.numbered():
        if answer is not None:
            if DETAILS_CLOSE.match(line):
                parsed.items[-1].answer = _answer_text(answer, source)
                answer = None
            elif summary := SUMMARY.match(line):
                label = summary["label"].strip()
                if label.casefold() not in GENERIC_LABELS:
                    answer.append(f"**{label}**")
            else:
                answer.extend(BREAK.split(line))
        elif not line.strip():
            continue
        elif match := QUESTION.match(line):
            if int(match["number"]) in sections:
                heading, heading_line = sections[int(match["number"])], number
            if not heading:
                lines.problem(number, f"question {match['number']} has no section: add it to 'sections'")
                continue
            question = Localized(**{source.text_lang: escape_plain(match["text"])})
            parsed.items.append(RawItem(heading, heading_line, number, question))
        elif DETAILS_OPEN.match(line) and parsed.items and not parsed.items[-1].answer.langs():
            answer, opened_at = [], number
        else:
            lines.problem(number, f"cannot place this line: {line.strip()[:60]!r}")
    if answer is not None:
        lines.problem(opened_at, "<details> is never closed")
    lines.raise_if_any()
    return parsed


def _lang(source: Source) -> str:
    return "en" if source.lang == "en" else "zh"


def _answer_text(pieces: list[str], source: Source) -> Localized:
    paragraphs = [p.strip() for p in pieces if p.strip()]
    kept = [p if p.startswith("$$") or p.startswith("**") else escape_plain(p) for p in paragraphs]
    return Localized(**{source.text_lang: "\n\n".join(kept) or None})
