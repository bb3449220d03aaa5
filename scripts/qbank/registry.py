"""Read ``sources/sources.yml`` and ``sources/topics.yml`` into typed records, strictly."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .model import (
    SOURCE_LANGS,
    Attribution,
    Correction,
    FormatOptions,
    Group,
    InputError,
    Localized,
    Problem,
    Source,
    Topic,
)
from .parsers import Format
from .text import normalize_text
from .yamlio import YamlMap, line_of, load_yaml

SOURCE_KEYS = {"file", "id", "format", "lang", "title", "short_title", "attribution"}
SOURCE_OPTION_KEYS = {"drop_lines", "corrections", "sections", "prompt_blocks", "question_blocks"}
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ATTRIBUTION_KEYS = {"author", "url", "licence"}


class _Reader:
    """Collects problems while reading one registry file, so all are reported at once."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.problems: list[Problem] = []

    def problem(self, entry: dict[str, Any] | None, message: str) -> None:
        self.problems.append(Problem(self.display, line_of(entry), message))

    def entries(self, data: Any, key: str) -> list[dict[str, Any]]:
        items = data.get(key) if isinstance(data, dict) else None
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            self.problem(data if isinstance(data, dict) else None, f"needs a list of '{key}:'")
            return []
        return items

    def text(self, entry: dict[str, Any], key: str, required: bool = True) -> str | None:
        value = entry.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(entry, f"'{key}' must be a non-empty string")
            return None
        return value

    def localized(self, entry: dict[str, Any], key: str, required: bool = True) -> Localized:
        value = entry.get(key)
        if value is None and not required:
            return Localized()
        if not isinstance(value, dict) or not all(isinstance(value.get(k), str) for k in ("zh", "en")):
            self.problem(entry, f"'{key}' must have 'zh' and 'en' strings")
            return Localized()
        return Localized(zh=value["zh"], en=value["en"])

    def unknown_keys(self, entry: dict[str, Any], known: set[str]) -> None:
        for key in sorted(set(entry) - known):
            self.problem(entry, f"unknown key '{key}'")

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)


def _read_attribution(reader: _Reader, attribution: dict[str, Any]) -> Attribution:
    """Author and licence in both languages ({zh: …, en: …}), or one text for both (a name)."""

    def either(key: str) -> Localized:
        value = attribution.get(key)
        if isinstance(value, str):
            return Localized(zh=value, en=value)
        return reader.localized(attribution, key, required=False)

    url = attribution.get("url")
    return Attribution(author=either("author"), url=str(url) if url else None, licence=either("licence"))


def load_sources(sources_dir: Path, formats: Mapping[str, Format]) -> list[Source]:
    display = "sources/sources.yml"
    reader = _Reader(display)
    data = load_yaml(sources_dir / "sources.yml", display)
    sources: list[Source] = []
    for entry in reader.entries(data, "sources"):
        reader.unknown_keys(entry, SOURCE_KEYS | SOURCE_OPTION_KEYS)
        source = _read_source(reader, entry, sources_dir, formats)
        if source and any(s.id == source.id for s in sources):
            reader.problem(entry, f"duplicate source id '{source.id}'")
        elif source:
            sources.append(source)
    reader.raise_if_any()
    return sources


def _read_source(reader: _Reader, entry: dict[str, Any], root: Path, formats: Mapping[str, Format]) -> Source | None:
    file, fmt, lang = (reader.text(entry, key) for key in ("file", "format", "lang"))
    if fmt and fmt not in formats:
        reader.problem(entry, f"unknown format '{fmt}' (known: {', '.join(sorted(formats))})")
    if lang and lang not in SOURCE_LANGS:
        reader.problem(entry, f"unknown lang '{lang}' (known: {', '.join(SOURCE_LANGS)})")
    elif lang == "bilingual" and fmt and fmt in formats and not formats[fmt].bilingual:
        reader.problem(entry, f"format '{fmt}' holds one language: 'lang' must be zh or en, not bilingual")
    if file and not (root / file).is_file():
        reader.problem(entry, f"source file 'sources/{file}' not found")
    source_id = reader.text(entry, "id", required=False) or (Path(file).stem if file else "")
    if source_id and not ID_PATTERN.match(source_id):
        reader.problem(entry, f"id '{source_id}' must be lowercase letters, digits and '-'")
    attribution = entry.get("attribution") or {}
    if not isinstance(attribution, dict):
        reader.problem(entry, "'attribution' must be a mapping of author, url, licence")
        attribution = {}
    reader.unknown_keys(attribution, ATTRIBUTION_KEYS)
    if not (file and fmt and lang in SOURCE_LANGS):
        return None
    return Source(
        id=source_id,
        file=file,
        format=fmt,
        lang=lang,
        title=reader.localized(entry, "title", required=False),
        short_title=reader.localized(entry, "short_title", required=False),
        attribution=_read_attribution(reader, attribution),
        drop_lines=_read_drop_lines(reader, entry),
        corrections=_read_corrections(reader, entry),
        options=_read_options(reader, entry),
    )


def _read_options(reader: _Reader, entry: dict[str, Any]) -> FormatOptions:
    """Format options: ``sections`` maps question numbers to headings; ``*_blocks`` list headers."""
    options = FormatOptions()
    sections = entry.get("sections", {})
    if not isinstance(sections, dict) or not all(
        isinstance(k, int) and isinstance(v, str) for k, v in sections.items()
    ):
        reader.problem(entry, "'sections' must map question numbers to headings")
    else:
        options.sections = dict(sections)
    for key in ("prompt_blocks", "question_blocks"):
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            reader.problem(entry, f"'{key}' must be a list of block headers")
        else:
            setattr(options, key, list(value))
    return options


def _read_drop_lines(reader: _Reader, entry: dict[str, Any]) -> dict[str, str]:
    rules: dict[str, str] = {}
    for rule in reader.entries(entry, "drop_lines") if "drop_lines" in entry else []:
        text, why = reader.text(rule, "text"), reader.text(rule, "why")
        reader.unknown_keys(rule, {"text", "why"})
        if text and why:
            rules[text.strip()] = why
    return rules


def _read_corrections(reader: _Reader, entry: dict[str, Any]) -> list[Correction]:
    corrections: list[Correction] = []
    for rule in reader.entries(entry, "corrections") if "corrections" in entry else []:
        reader.unknown_keys(rule, {"line", "find", "replace", "why"})
        find, replace = reader.text(rule, "find"), reader.text(rule, "replace")
        line = rule.get("line")
        if not isinstance(line, int) or line < 1:
            reader.problem(rule, "'line' must be a positive line number")
            continue
        why = reader.localized(rule, "why")
        if find and replace and why.zh:
            corrections.append(Correction(line=line, find=find, replace=replace, why=why))
    return corrections


def load_topics(sources_dir: Path) -> tuple[list[Group], list[Topic], dict[str, tuple[str, int]]]:
    """The groups, the topics, and the per-question moves (id → (topic, line))."""
    display = "sources/topics.yml"
    reader = _Reader(display)
    data = load_yaml(sources_dir / "topics.yml", display)
    groups = [
        Group(slug=g["slug"], title=reader.localized(g, "title"))
        for g in reader.entries(data, "groups")
        if reader.text(g, "slug")
    ]
    group_slugs = {g.slug for g in groups}
    topics: list[Topic] = []
    seen_aliases: dict[str, str] = {}
    for entry in reader.entries(data, "topics"):
        reader.unknown_keys(entry, {"slug", "group", "title", "aliases"})
        slug, group = reader.text(entry, "slug"), reader.text(entry, "group")
        if group and group not in group_slugs:
            reader.problem(entry, f"unknown group '{group}'")
        if slug and not ID_PATTERN.match(slug):
            reader.problem(entry, f"slug '{slug}' must be lowercase letters, digits and '-'")
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            reader.problem(entry, "'aliases' must be a list of headings")
            aliases = []
        for alias in aliases:
            key = normalize_text(str(alias), drop_numbering=True)
            if key in seen_aliases and seen_aliases[key] != slug:
                reader.problem(entry, f"alias '{alias}' also maps to topic '{seen_aliases[key]}'")
            seen_aliases[key] = slug or ""
        if slug and group:
            topics.append(Topic(slug, reader.localized(entry, "title"), group, [str(a) for a in aliases]))
    moves = _read_moves(reader, data, {t.slug for t in topics})
    reader.raise_if_any()
    return groups, topics, moves


def _read_moves(reader: _Reader, data: Any, slugs: set[str]) -> dict[str, tuple[str, int]]:
    """``moves``: question id → topic, for questions whose source heading files them badly."""
    moves = data.get("moves") if isinstance(data, YamlMap) else None
    if moves is None:
        return {}
    if not isinstance(moves, YamlMap):
        reader.problem(data, "'moves' must map question ids to topic slugs")
        return {}
    found: dict[str, tuple[str, int]] = {}
    for key, slug in moves.items():
        line = moves.line_of(key)
        if slug not in slugs:
            reader.problems.append(Problem(reader.display, line, f"moves: {key} goes to unknown topic {slug!r}"))
        else:
            found[str(key)] = (str(slug), line)
    return found
