"""``quote-notes``: study notes in nested blockquotes, one block per bold topic header.

A block is a run of ``>`` lines opened by ``> **Header**``. In the blocks the registry
lists under ``question_blocks``, a numbered line is a question and the deeper-quoted
lines after it are its answer; in ``prompt_blocks`` every line is a short question.
Everything else in a block (paper titles, links, sub-headers, formulas, numbered
property lists) is a note of the block's topic, one paragraph per line.
"""

from __future__ import annotations

import re

from ..model import Lang, Localized, ParsedSource, RawItem, RawNote, Source
from .base import SourceLines

HEADER = re.compile(r"^\*\*(?P<title>.+?)\s*\*\*\s*$")
QUESTION = re.compile(r"^(?P<number>\d+)\.\s+(?P<text>.+?)\s*$")
TITLE = re.compile(r"^#{1,6}\s+(?P<title>.+?)\s*$")


def split_quote(line: str) -> tuple[int, str]:
    """``> >  > text`` → ``(3, "text")``: the quote depth and what it quotes."""
    depth, rest = 0, line
    while rest.lstrip(" ").startswith(">"):
        depth, rest = depth + 1, rest.lstrip(" ")[1:]
    return depth, rest.strip()


class _Block:
    def __init__(self, title: str, line: int, kind: str, lang: Lang) -> None:
        self.title, self.line, self.kind, self.lang = title, line, kind, lang
        self.items: list[RawItem] = []
        self.answers: list[list[str]] = []
        self.note: list[str] = []
        self.question_depth: int | None = None

    def feed(self, number: int, depth: int, content: str) -> None:
        if self.question_depth is not None and depth > self.question_depth:
            self.answers[-1].append(content)
        elif not content:
            return
        elif self.kind == "prompts" or (self.kind == "questions" and QUESTION.match(content)):
            question = QUESTION.match(content)
            text = question["text"] if question and self.kind == "questions" else content
            self.items.append(RawItem(self.title, self.line, number, Localized(**{self.lang: text})))
            self.answers.append([])
            self.question_depth = depth
        else:
            self.question_depth = None
            self.note.append(content)

    def close(self, parsed: ParsedSource) -> None:
        for item, answer in zip(self.items, self.answers, strict=True):
            text = "\n\n".join(line for line in answer if line)
            item.answer = Localized(**{self.lang: text or None})
        parsed.items.extend(self.items)
        if self.note or not self.items:
            # A header-only block still names a topic to study: it is kept as a note.
            text = "\n\n".join([f"**{self.title}**", *self.note])
            parsed.notes.append(RawNote(self.title, self.line, self.line, Localized(**{self.lang: text})))


def parse(lines: SourceLines, source: Source) -> ParsedSource:
    parsed = ParsedSource()
    lang = source.text_lang
    question_blocks = set(source.options.question_blocks)
    prompt_blocks = set(source.options.prompt_blocks)
    block: _Block | None = None
    preface: list[str] = []
    for number, line in lines.numbered():
        depth, content = split_quote(line)
        if depth == 0:
            if block:
                block.close(parsed)
                block = None
            if title := TITLE.match(line):
                preface.append(f"**{title['title']}**")
            elif line.strip():
                lines.problem(number, f"cannot place this line outside a quote block: {line.strip()[:60]!r}")
        elif block:
            block.feed(number, depth, content)
        elif header := HEADER.match(content):
            name = str(header["title"])
            kind = "prompts" if name in prompt_blocks else "questions" if name in question_blocks else "notes"
            block = _Block(name, number, kind, lang)
        elif content:
            lines.problem(number, "a quote block must open with a bold header '> **Topic**'")
    if block:
        block.close(parsed)
    parsed.preface = Localized(**{lang: "\n\n".join(preface) or None})
    lines.raise_if_any()
    return parsed
