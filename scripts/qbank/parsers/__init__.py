"""One parser per source format, all behind the same signature (see ``base.Parser``)."""

from __future__ import annotations

from dataclasses import dataclass

from . import bilingual_outline, details_qa, quote_notes, starred_list, tagged_outline
from .base import Parser, SourceLines, prepare_lines


@dataclass(frozen=True)
class Format:
    """A source format: its parser, and whether one file of it can hold both languages."""

    parse: Parser
    bilingual: bool = False


FORMATS: dict[str, Format] = {
    "bilingual-outline": Format(bilingual_outline.parse, bilingual=True),
    "starred-list": Format(starred_list.parse),
    "details-qa": Format(details_qa.parse),
    "tagged-outline": Format(tagged_outline.parse),
    "quote-notes": Format(quote_notes.parse),
}

__all__ = ["FORMATS", "Format", "Parser", "SourceLines", "prepare_lines"]
