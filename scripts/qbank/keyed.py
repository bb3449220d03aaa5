"""Data filed by question (or note) id with a staleness hash: translations and editor answers.

Each entry records ``from``, a hash of the text it was made from, and ``original``, that
text itself. When the text changes the hash no longer matches and the entry is *stale*.
A question whose wording changed gets a new id; its old entry is then found again by the
``original`` it records (the closest current text above ``SIMILAR``), and is stale too.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from .model import InputError, Problem
from .yamlio import YamlMap, dump_yaml, load_yaml, write_text_atomic

SIMILAR = 0.6
Item = TypeVar("Item")


@dataclass
class Match(Generic[Item]):
    """An entry with the item it belongs to; stale when that item changed since."""

    key: str
    entry: YamlMap
    item: Item
    stale: bool


def read_sections(path: Path, display: str, sections: tuple[str, ...]) -> dict[str, YamlMap]:
    """The top-level ``sections`` of a keyed file (each id → entry); an absent file has none."""
    data = load_yaml(path, display) if path.exists() else None
    data = YamlMap() if data is None else data
    if not isinstance(data, YamlMap) or not all(isinstance(data.get(k) or {}, dict) for k in sections):
        names = " and ".join(f"'{k}'" for k in sections)
        raise InputError([Problem(display, 1, f"must map {names} to entries keyed by id")])
    unknown = sorted(set(data) - set(sections))
    if unknown:
        raise InputError([Problem(display, data.line_of(key), f"unknown section {key!r}") for key in unknown])
    return {key: data.get(key) or YamlMap() for key in sections}


def entries_of(raw: YamlMap, keys: set[str], display: str, problems: list[Problem]) -> dict[str, YamlMap]:
    """The entries of one section, each checked for unknown keys."""
    entries: dict[str, YamlMap] = {}
    for key, entry in raw.items():
        if not isinstance(entry, YamlMap):
            problems.append(Problem(display, raw.line_of(str(key)), f"entry {key!r} must be a mapping"))
            continue
        for unknown in sorted(set(entry) - keys):
            problems.append(Problem(display, entry.line_of(unknown), f"unknown key {unknown!r} in entry {key!r}"))
        entries[str(key)] = entry
    return entries


def match_entries(
    entries: Mapping[str, YamlMap],
    items: Mapping[str, Item],
    text_of: Callable[[Item], str],
    fingerprint: Callable[[Item], str],
) -> tuple[list[Match[Item]], list[str]]:
    """Each entry with its item (re-found by ``original`` if reworded), and the orphans' keys."""
    renamed = _match_reworded(entries, items, text_of)
    matches = [
        Match(key, entry, item, key in renamed or entry.get("from") != fingerprint(item))
        for key, entry, item in _paired(entries, items, renamed)
    ]
    orphans = [key for key in entries if key not in items and key not in renamed]
    return matches, orphans


def _paired(
    entries: Mapping[str, YamlMap], items: Mapping[str, Item], renamed: dict[str, str]
) -> Iterator[tuple[str, YamlMap, Item]]:
    for key, entry in entries.items():
        item = items.get(renamed.get(key, key))
        if item is not None:
            yield key, entry, item


def _match_reworded(
    entries: Mapping[str, YamlMap], items: Mapping[str, Item], text_of: Callable[[Item], str]
) -> dict[str, str]:
    """Old id → current id, for entries whose item was reworded (and so re-identified)."""
    free = [key for key in items if key not in entries]
    matches: dict[str, str] = {}
    for orphan in (key for key in entries if key not in items):
        original = str(entries[orphan].get("original") or "")
        scored = [(difflib.SequenceMatcher(None, original, text_of(items[key])).ratio(), key) for key in free]
        best = max(scored, default=(0.0, ""))
        if best[0] >= SIMILAR:
            matches[orphan] = best[1]
            free.remove(best[1])
    return matches


def write_sections(path: Path, header: str, sections: Mapping[str, Mapping[str, Any]]) -> None:
    """Write a keyed file atomically: a crash leaves the old file, never half a new one."""
    write_text_atomic(path, header + dump_yaml({key: dict(value) for key, value in sections.items()}))
