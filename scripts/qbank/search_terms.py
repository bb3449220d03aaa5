"""Search as candidates type: hidden keywords added to every entry of the built search index.

Material's index holds what a page shows, cut by jieba into whole words (the glossary's
user dictionary keeps 过拟合 whole). Readers type other forms of the same thing, so each
entry gets a ``keywords`` field, indexed by Material's search worker like ``title`` and
``text`` but never shown in a result:

- the parts of long Chinese words (jieba's search mode): 拟合 finds 过拟合 and 欠拟合,
  归一化 finds 批归一化;
- the glossary's other forms of every term the entry holds, in both scripts: an entry
  saying 批量归一化 is also found by BatchNorm, BN and batch normalization, and back;
- British spellings of American ones and back: regularisation, normalisation, optimiser.

Latin and Chinese typed without a space (BN层, dropout原理) are split by the search
``separator`` in mkdocs.yml, in the index and in the query alike.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jieba

from .glossary import Glossary
from .products import Slots, digest

KEYWORDS = "keywords"
KEYWORDS_BOOST = 1.0  # as the text: a keyword match is as good as a word of the answer
TITLE_KEYWORDS = "title_keywords"
TITLE_KEYWORDS_BOOST = 100.0  # below the title's 1000: what the question says comes first
TAG = re.compile(r"<[^>]+>")
HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
# a Latin word, or a run of Han characters (in the index, jieba's words are cut by U+200B)
TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*|[\u3400-\u9fff\uf900-\ufaff]+")
# -ize/-ise families: regularization ↔ regularisation, optimizer ↔ optimiser
IZE = re.compile(r"(?<=[a-z]{3})i([zs])(e|es|ed|er|ers|ing|ation|ations)$")


@dataclass(frozen=True)
class Synonyms:
    """Every form of every glossary term, and the forms that belong together."""

    groups: list[frozenset[str]]
    latin: re.Pattern[str]
    han: re.Pattern[str] | None

    def found_in(self, text: str) -> Iterator[frozenset[str]]:
        found = {m.group(0).lower() for m in self.latin.finditer(text)}
        if self.han is not None:
            found |= set(self.han.findall(text))
        for group in self.groups:
            if group & found:
                yield group


def synonyms(glossary: Glossary) -> Synonyms:
    groups = [
        frozenset(form.lower() for form in (*term.zh_forms(), *term.en_forms()) if form.strip())
        for term in glossary.terms
    ]
    forms = sorted({form for group in groups for form in group}, key=lambda f: (-len(f), f))
    latin = [f for f in forms if not HAN_RUN.search(f)]
    han = [f for f in forms if HAN_RUN.fullmatch(f)]
    return Synonyms(
        groups=groups,
        latin=re.compile(r"(?<![A-Za-z0-9])" + trie_pattern(latin) + r"(?![A-Za-z0-9])", re.IGNORECASE),
        han=re.compile(trie_pattern(han)) if han else None,
    )


Trie = dict[str, "Trie"]  # a character → the words' rest; "" → {} where a word ends


def trie_pattern(words: list[str]) -> str:
    """A regular expression matching any of ``words``, the longest first where several start
    at one place, as a trie: Python's ``re`` tries the branches of a flat alternation one by
    one at every character, which made the glossary's 300 terms cost seconds per build."""
    trie: Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def pattern(node: Trie) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # greedy: the longer word is tried before the one ending here
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


def indexed_text(entry: dict[str, Any]) -> str:
    """What an index entry says, without markup; Chinese words still cut by jieba's U+200B."""
    return TAG.sub(" ", f"{entry.get('title', '')} {entry.get('text', '')}")


def keywords(text: str, table: Synonyms) -> str:
    """The other forms of what ``text`` (jieba-cut) says: space-separated, sorted, not already in it."""
    tokens = {t.lower() for t in TOKEN.findall(text)}
    words: set[str] = set()
    for group in table.found_in(text.replace("\u200b", "")):
        words |= {word for form in group for word in TOKEN.findall(form)}
    words |= {part for token in tokens if len(token) > 2 and HAN_RUN.fullmatch(token) for part in _parts(token)}
    words |= {variant for word in tokens | words if (variant := spelling_variant(word))}
    return " ".join(sorted(words - tokens))


@cache
def spelling_variant(word: str) -> str | None:
    """regularization → regularisation and back; None for a word without an -ize/-ise ending."""
    match = IZE.search(word)
    if match is None:
        return None
    other = "s" if match[1] == "z" else "z"
    return word[: match.start()] + "i" + other + match[2]


@cache  # the same words recur in every entry
def _parts(word: str) -> tuple[str, ...]:
    """Words inside a longer word (过拟合 → 拟合), as jieba's search mode finds them."""
    return tuple(part for part in jieba.cut_for_search(word) if len(part) > 1 and part != word)


# Material's search stems what it indexes (regularisation → regularisat) but, the query
# being a prefix search (regularisation*), not what the reader types: a stemmed keyword
# would never match. A trailing "_" keeps the stemmer off a Latin keyword (no English
# suffix ends in "_"), so that every prefix of it matches.
UNSTEMMED = "_"


def _protect(word: str) -> str:
    return word + UNSTEMMED if word[0].isascii() else word


@dataclass
class Memo:
    """The keywords of the texts a build saw, by the digest of each text, for the next
    build (``remembered``): an index entry that did not change costs a lookup."""

    known: dict[str, str]  # from the last build
    used: dict[str, str] = field(default_factory=dict)  # what this build asked for: the next one's

    def keywords(self, text: str, table: Synonyms) -> str:
        key = digest(text)[:32]
        found = self.known.get(key)
        self.used[key] = keywords(text, table) if found is None else found
        return self.used[key]


@contextmanager
def remembered(slots: Slots, inputs: str) -> Iterator[Memo]:
    """A memo of the last build's keywords if it was made from ``inputs`` (the glossary,
    jieba, the code), kept again after the block when this build asked for others."""
    kept = slots.get(MEMO, inputs)
    memo = Memo(json.loads(kept[MEMO]) if kept is not None else {})
    yield memo
    if memo.used != memo.known:
        slots.put(MEMO, inputs, {MEMO: json.dumps(memo.used, ensure_ascii=False, sort_keys=True).encode("utf-8")})


MEMO = "keywords"


def add_keywords(index: dict[str, Any], table: Synonyms, memo: Memo | None = None) -> dict[str, Any]:
    """The index with hidden keyword fields in its config and on every entry that has some:
    ``title_keywords`` (from the question itself, ranked near the title) and ``keywords``
    (the rest, ranked as the text), so that 批归一化 lists the questions titled BN first."""
    fields = {**index["config"]["fields"], TITLE_KEYWORDS: {"boost": TITLE_KEYWORDS_BOOST}}
    config = {**index["config"], "fields": {**fields, KEYWORDS: {"boost": KEYWORDS_BOOST}}}
    keywords_of = keywords if memo is None else memo.keywords
    docs = []
    for entry in index["docs"]:
        title = set(keywords_of(TAG.sub(" ", entry.get("title", "")), table).split())
        rest = set(keywords_of(indexed_text(entry), table).split()) - title
        found = {TITLE_KEYWORDS: _field(title), KEYWORDS: _field(rest)}
        docs.append({**entry, **{name: words for name, words in found.items() if words}})
    return {**index, "config": config, "docs": docs}


def _field(words: set[str]) -> str:
    return " ".join(_protect(word) for word in sorted(words))


# Badges (source, difficulty, "answered") and answer captions ("编者答案", "查看原文") are
# labels, not content: kept out of the index, a result's snippet starts with the question.
LABELS = re.compile(r'<summary>|<p class="qb-badges">')


def exclude_labels(html: str) -> str:
    """Mark a page's labels for Material's search to skip (it removes the mark after indexing)."""
    return LABELS.sub(lambda m: m[0][:-1] + ' data-search-exclude="1">', html)


def quiet_jieba(cache: Path) -> None:
    """jieba's prefix-dictionary cache inside the project's .cache/ (not the system's temp
    folder), and its progress lines ("Building prefix dict…") out of the build log."""
    cache.mkdir(parents=True, exist_ok=True)
    jieba.dt.tmp_dir = str(cache)
    jieba.setLogLevel(logging.WARNING)
