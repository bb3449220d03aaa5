"""``tagged-outline``: ``##``–``####`` headings, numbered items and sub-bullets tagged [E]/[M]/[H].

- An untagged item with sub-bullets is a group: its text is the stem of each sub-bullet
  question ("Electronic chip defects: If you randomly pick …").
- A tagged item with untagged sub-bullets is a multiple-choice question; the sub-bullets
  are its options.
- Any other item or sub-bullet is a question, tagged or not.
- An indented ``Answer:`` block answers the question above it.
- Text that is not a numbered item (a paragraph, a bullet list at the margin) is a study
  note of its section. Text before the first ``##`` heading is the collection's preface.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import DIFFICULTIES, Difficulty, Lang, Localized, ParsedSource, RawItem, RawNote, Source
from .base import SourceLines, dedent_block, indent_of

HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<title>.+?)\s*$")
ITEM = re.compile(r"^(?P<number>\d+)\.\s+(?P<text>.+?)\s*$")
SUB = re.compile(r"^(?P<indent>\s{2,})-\s+(?P<text>.+?)\s*$")
ANSWER = re.compile(r"^(?P<indent>\s+)Answer:\s*(?P<text>.*?)\s*$")
TAG = re.compile(r"^\[(?P<tag>[A-Za-z]{1,2})\]\s+(?P<text>.+)$")


@dataclass
class _Entry:
    line: int
    text: str
    tag: Difficulty | None
    answer: list[str] = field(default_factory=list)
    answer_indent: int = 0


@dataclass
class _Item(_Entry):
    subs: list[_Entry] = field(default_factory=list)


class _Reader:
    def __init__(self, lines: SourceLines, lang: Lang) -> None:
        self.lines, self.lang = lines, lang
        self.parsed = ParsedSource()
        self.heading, self.heading_line = "", 0
        self.item: _Item | None = None
        self.answering: _Entry | None = None
        self.note: list[str] = []
        self.note_line = 0
        self.preface: list[str] = []

    def entry(self, number: int, text: str) -> tuple[Difficulty | None, str]:
        match = TAG.match(text)
        if not match:
            return None, text
        tag = next((d for d in DIFFICULTIES if d == match["tag"]), None)
        if tag is None:
            self.lines.problem(number, f"unknown difficulty tag [{match['tag']}] (known: E, M, H)")
        return tag, match["text"]

    def feed(self, number: int, line: str) -> None:
        if self.answering and (not line.strip() or indent_of(line) >= self.answering.answer_indent):
            self.answering.answer.append(line)
            return
        self.answering = None
        if not line.strip():
            if self.note:  # a blank line inside a note separates its paragraphs
                self.note.append("")
        elif match := HEADING.match(line):
            self.close()
            if len(match["level"]) == 1:  # the document's title: part of the preface
                self.preface.append(f"**{match['title']}**")
            else:
                self.heading, self.heading_line = match["title"], number
        elif not self.heading:
            self.preface.append(line.strip())
        elif match := ITEM.match(line):
            self.close()
            tag, text = self.entry(number, match["text"])
            self.item = _Item(number, text, tag)
        elif (match := SUB.match(line)) and self.item:
            tag, text = self.entry(number, match["text"])
            self.item.subs.append(_Entry(number, text, tag))
        elif (match := ANSWER.match(line)) and self.item:
            target = self.item.subs[-1] if self.item.subs else self.item
            target.answer_indent = len(match["indent"])
            target.answer = [" " * target.answer_indent + match["text"]]
            self.answering = target
        elif indent_of(line) == 0:
            self.close_item()
            self.note_line = self.note_line or number
            self.note.append(line.rstrip())
        else:
            self.lines.problem(number, f"cannot place this line: {line.strip()[:60]!r}")

    def close(self) -> None:
        self.close_item()
        if any(self.note):
            text = "\n".join(self.note).strip()
            self.parsed.notes.append(RawNote(self.heading, self.heading_line, self.note_line, self._loc(text)))
        self.note, self.note_line = [], 0

    def close_item(self) -> None:
        item, self.item = self.item, None
        if item is None:
            return
        if not item.subs:
            self.add(item, item.text)
        elif item.tag and all(sub.tag is None and not sub.answer for sub in item.subs):
            options = "\n".join(f"- {sub.text}" for sub in item.subs)
            self.add(item, f"{item.text}\n\n{options}")
        elif item.tag:
            self.lines.problem(item.line, "a tagged item's sub-bullets must be untagged options")
        else:
            stem = item.text.rstrip(":：").strip()
            for sub in item.subs:
                self.add(sub, f"{stem}: {sub.text}")

    def add(self, entry: _Entry, text: str) -> None:
        answer = dedent_block(entry.answer, entry.answer_indent) if entry.answer else None
        self.parsed.items.append(
            RawItem(
                self.heading,
                self.heading_line,
                entry.line,
                self._loc(text),
                self._loc(answer or None),
                difficulty=entry.tag,
            )
        )

    def _loc(self, text: str | None) -> Localized:
        return Localized(**{self.lang: text})


def parse(lines: SourceLines, source: Source) -> ParsedSource:
    reader = _Reader(lines, source.text_lang)
    for number, line in lines.numbered():
        reader.feed(number, line)
    reader.close()
    if reader.preface:
        reader.parsed.preface = reader._loc("\n\n".join(reader.preface))
    lines.raise_if_any()
    return reader.parsed
