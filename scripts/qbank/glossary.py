"""The ML glossary (sources/glossary.yml): terms for translators, tests and Chinese search."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import InputError, Problem
from .text import HAN
from .yamlio import line_of, load_yaml

# Far above jieba's own word frequencies, so that 过拟合 is never cut into 过/拟合.
JIEBA_FREQUENCY = 100000


@dataclass(frozen=True)
class Term:
    zh: str
    en: str
    zh_alt: tuple[str, ...] = ()
    en_alt: tuple[str, ...] = ()
    check: bool = True

    def zh_forms(self) -> list[str]:
        return [self.zh, *self.zh_alt]

    def en_forms(self) -> list[str]:
        return [self.en, *self.en_alt]


@dataclass
class Glossary:
    terms: list[Term] = field(default_factory=list)


def load_glossary(path: Path) -> Glossary:
    """Read the glossary; an entry without its terms is an ``InputError`` at ``file:line``."""
    display = f"sources/{path.name}"
    data = load_yaml(path, display) or {}
    entries = data.get("terms") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise InputError([Problem(display, line_of(data), "needs a list of 'terms:'")])
    problems = [
        Problem(display, line_of(entry), f"a term needs 'zh' and 'en' strings, and only {', '.join(TERM_KEYS)}")
        for entry in entries
        if not _valid_term(entry)
    ]
    if problems:
        raise InputError(problems)
    return Glossary([_term(entry) for entry in entries])


TERM_KEYS = ("zh", "en", "zh_alt", "en_alt", "check")


def _valid_term(entry: object) -> bool:
    return (
        isinstance(entry, dict)
        and all(isinstance(entry.get(key), str) and entry[key].strip() for key in ("zh", "en"))
        and all(isinstance(entry.get(key, []), list) for key in ("zh_alt", "en_alt"))
        and set(entry) <= set(TERM_KEYS)
    )


def _term(entry: dict[str, Any]) -> Term:
    return Term(
        zh=entry["zh"],
        en=entry["en"],
        zh_alt=tuple(str(alt) for alt in entry.get("zh_alt", [])),
        en_alt=tuple(str(alt) for alt in entry.get("en_alt", [])),
        check=bool(entry.get("check", True)),
    )


def jieba_words(glossary: Glossary) -> list[str]:
    """Chinese terms that jieba should keep whole (all Han, no spaces)."""
    words = {form for term in glossary.terms for form in term.zh_forms()}
    return sorted(w for w in words if len(w) > 1 and all(HAN.match(ch) for ch in w))


def write_jieba_dictionary(glossary: Glossary, folder: Path) -> Path:
    """Write jieba's user dictionary from the glossary (only when it changed) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "jieba_user_dict.txt"
    text = "".join(f"{word} {JIEBA_FREQUENCY} n\n" for word in jieba_words(glossary))
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path
