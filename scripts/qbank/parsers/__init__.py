"""One parser per source format, all behind the same signature (see ``base.Parser``)."""

from __future__ import annotations

from . import bilingual_outline, details_qa, quote_notes, starred_list, tagged_outline
from .base import Parser, SourceLines, prepare_lines

PARSERS: dict[str, Parser] = {
    "bilingual-outline": bilingual_outline.parse,
    "starred-list": starred_list.parse,
    "details-qa": details_qa.parse,
    "tagged-outline": tagged_outline.parse,
    "quote-notes": quote_notes.parse,
}

__all__ = ["PARSERS", "Parser", "SourceLines", "prepare_lines"]
