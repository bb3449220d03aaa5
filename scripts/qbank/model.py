"""The typed question bank: what every parser produces and every renderer reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
OTHER: dict[Lang, Lang] = {"zh": "en", "en": "zh"}
SourceLang = Literal["zh", "en", "bilingual"]
SOURCE_LANGS: tuple[SourceLang, ...] = ("zh", "en", "bilingual")
Difficulty = Literal["E", "M", "H"]
DIFFICULTIES: tuple[Difficulty, ...] = ("E", "M", "H")
# How a text reached a language: written in it, translated, or translated from an older original.
TextStatus = Literal["original", "translated", "stale"]
# An editor's entry: an answer of its own, the collection's answer accepted, or the group's.
Verdict = Literal["editor", "collection", "group"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located at ``file:line``."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class InputError(Exception):
    """Bad input: carries every problem found, so they can all be reported at once."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Localized:
    """A text in each language; ``None`` where the language has no text."""

    zh: str | None = None
    en: str | None = None

    def get(self, lang: Lang) -> str | None:
        return self.zh if lang == "zh" else self.en

    def set(self, lang: Lang, text: str | None) -> None:
        setattr(self, lang, text)

    def langs(self) -> list[Lang]:
        return [lang for lang in LANGS if self.get(lang)]

    def as_dict(self) -> dict[str, str | None]:
        return {"zh": self.zh, "en": self.en}


@dataclass
class RawItem:
    """A question as a parser read it, before topics and ids are assigned."""

    heading: str
    heading_line: int
    line: int
    question: Localized
    answer: Localized = field(default_factory=Localized)
    difficulty: Difficulty | None = None
    stars: int | None = None


@dataclass
class RawNote:
    """A study note, reference list or formula note, attached to its heading's topic."""

    heading: str
    heading_line: int
    line: int
    text: Localized


@dataclass
class ParsedSource:
    """All a parser read from one file. ``preface`` is text about the collection itself."""

    items: list[RawItem] = field(default_factory=list)
    notes: list[RawNote] = field(default_factory=list)
    preface: Localized = field(default_factory=Localized)


@dataclass
class Attribution:
    author: Localized = field(default_factory=Localized)
    url: str | None = None
    licence: Localized = field(default_factory=Localized)


@dataclass
class Correction:
    """A documented, visible fix to one source line (a missing image, a garbled formula)."""

    line: int
    find: str
    replace: str
    why: Localized


@dataclass
class FormatOptions:
    """The options some formats take (see each parser's docstring)."""

    # details-qa: question number → the section heading it starts
    sections: dict[int, str] = field(default_factory=dict)
    # quote-notes: bold block headers whose lines are questions, or prompts to study
    question_blocks: list[str] = field(default_factory=list)
    prompt_blocks: list[str] = field(default_factory=list)


@dataclass
class Source:
    """One collection, as registered in ``sources/sources.yml``."""

    id: str
    file: str
    format: str
    lang: SourceLang
    title: Localized
    attribution: Attribution
    short_title: Localized = field(default_factory=Localized)
    drop_lines: dict[str, str] = field(default_factory=dict)
    corrections: list[Correction] = field(default_factory=list)
    options: FormatOptions = field(default_factory=FormatOptions)
    preface: Localized = field(default_factory=Localized)

    @property
    def text_lang(self) -> Lang:
        """The slot a single-language source's text goes to: the one rule every parser uses.

        The registry rejects ``bilingual`` for formats that cannot tell the languages
        apart, so only a bilingual format's parser can get here with ``bilingual``.
        """
        if self.lang == "bilingual":
            raise ValueError(f"{self.id}: a bilingual source has no single text language")
        return self.lang

    def origin_lang(self, text: Localized) -> Lang:
        """The language a text of this source was written in."""
        if self.lang != "bilingual":
            return self.lang
        return "zh" if text.zh else "en"


@dataclass
class Topic:
    slug: str
    title: Localized
    group: str
    aliases: list[str]


@dataclass
class Group:
    slug: str
    title: Localized


@dataclass
class EditorAnswer:
    """Text written for this site (or the verdict that the collection's answer suffices)."""

    verdict: Verdict
    text: Localized  # empty unless the verdict is "editor"
    reviewed: bool
    corrects: Localized = field(default_factory=Localized)  # what it corrects in the collection's answer
    note: Localized = field(default_factory=Localized)  # an error in the question text itself
    stale: bool = False  # the question changed since the answer was written


@dataclass
class Question:
    id: str
    source: str
    topic: str
    origin_lang: Lang
    question: Localized
    answer: Localized
    difficulty: Difficulty | None
    stars: int | None
    line: int
    heading: str
    question_status: dict[Lang, TextStatus] = field(default_factory=dict)
    answer_status: dict[Lang, TextStatus] = field(default_factory=dict)
    corrections: list[Localized] = field(default_factory=list)
    editor: EditorAnswer | None = None
    same_as: list[str] = field(default_factory=list)  # the same question in other collections
    served_by: str | None = None  # the member of its group whose answer serves this one

    @property
    def has_collection_answer(self) -> bool:
        return bool(self.answer.langs())

    @property
    def has_editor_answer(self) -> bool:
        return self.editor is not None and bool(self.editor.text.langs())

    @property
    def accepted_collection_answer(self) -> bool:
        return self.editor is not None and self.editor.verdict == "collection"

    @property
    def has_own_answer(self) -> bool:
        return self.has_collection_answer or self.has_editor_answer

    @property
    def answered(self) -> bool:
        """An answer a reader of this question reaches: its own, or its group's."""
        return self.has_own_answer or self.served_by is not None


@dataclass
class Note:
    id: str
    source: str
    topic: str
    origin_lang: Lang
    text: Localized
    line: int
    heading: str
    text_status: dict[Lang, TextStatus] = field(default_factory=dict)
    # the note's title per language, where a translation gives one
    headings: dict[Lang, str] = field(default_factory=dict)


@dataclass
class Bank:
    groups: list[Group]
    topics: list[Topic]
    sources: list[Source]
    questions: list[Question]
    notes: list[Note]

    def questions_of(self, topic: str) -> list[Question]:
        return [q for q in self.questions if q.topic == topic]

    def notes_of(self, topic: str) -> list[Note]:
        return [n for n in self.notes if n.topic == topic]

    def topics_of(self, group: str) -> list[Topic]:
        return [t for t in self.topics if t.group == group]

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    @cached_property
    def by_id(self) -> dict[str, Question]:
        """Every question by its id (ids are final once the bank is built)."""
        return {q.id: q for q in self.questions}

    def question(self, question_id: str) -> Question:
        return self.by_id[question_id]
