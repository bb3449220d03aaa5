"""The translators' work files: list what is missing, and file what was translated.

``todo`` gives, for every question, answer and note that exists only in the other
language, an entry with the original text and empty fields to fill in. ``add`` files the
filled entries into ``sources/translations/<source>.<lang>.yml`` with the hash of the
original they were made from, so that later edits of the original show them as stale.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .keyed import read_sections, write_sections
from .model import OTHER, Bank, InputError, Lang, Note, Problem, Question
from .translations import SECTIONS, needs, note_fingerprint, original_fingerprint, translation_path
from .yamlio import YamlMap, dump_yaml, line_of, load_yaml


def todo(bank: Bank, lang: Lang, source: str | None = None) -> str:
    """A work file (YAML) of everything not yet translated into ``lang``."""
    work: list[dict[str, Any]] = []
    for question in bank.questions:
        wanted = needs(question, lang) if not source or question.source == source else {}
        if wanted:
            entry: dict[str, Any] = {"id": question.id, "source": question.source}
            entry.update({f"original_{k}": v for k, v in wanted.items()})
            entry.update(dict.fromkeys(wanted, ""))
            work.append(entry)
    for note in bank.notes:
        if (not source or note.source == source) and not note.text.get(lang):
            original = note.text.get(OTHER[lang]) or ""
            work.append(
                {"id": note.id, "source": note.source, "original_heading": note.heading, "original_text": original}
                | {"heading": "", "text": ""}
            )
    return dump_yaml(work)


def read_work_file(path: Path) -> list[YamlMap]:
    """The entries of a filled-in work file; a malformed one raises ``InputError`` at ``file:line``."""
    display = str(path)
    data = load_yaml(path, display)
    if data is None:
        return []
    if not isinstance(data, list):
        raise InputError([Problem(display, 1, "a work file is a list of entries")])
    problems = []
    for position, entry in enumerate(data, start=1):
        if not isinstance(entry, YamlMap) or not isinstance(entry.get("id"), str):
            problems.append(Problem(display, line_of(entry), f"entry {position} needs an 'id'"))
    if problems:
        raise InputError(problems)
    return data


def add(bank: Bank, folder: Path, work_file: Path, lang: Lang) -> int:
    """File a work file's translations into ``folder``; return how many entries were filed."""
    notes = {n.id: n for n in bank.notes}
    entries = read_work_file(work_file)
    files: dict[str, dict[str, YamlMap]] = {}
    problems = []
    for entry in entries:
        key = entry["id"]
        item = bank.by_id.get(key) or notes.get(key)
        if item is None:
            problems.append(Problem(str(work_file), entry.line, f"unknown id {key!r}"))
            continue
        if item.source not in files:
            path = translation_path(folder, item.source, lang)
            files[item.source] = read_sections(path, f"sources/translations/{path.name}", SECTIONS)
        if isinstance(item, Question):
            files[item.source]["questions"][key] = _question_record(item, entry, lang)
        else:
            files[item.source]["notes"][key] = _note_record(item, entry, lang)
    if problems:
        raise InputError(problems)
    for source, sections in files.items():
        write_sections(translation_path(folder, source, lang), _header(source, lang), sections)
    return len(entries)


def _question_record(question: Question, entry: YamlMap, lang: Lang) -> YamlMap:
    record = YamlMap({"from": original_fingerprint(question, lang)})
    record["original"] = question.question.get(OTHER[lang]) or question.question.get(lang) or ""
    for field in ("question", "answer"):
        if str(entry.get(field) or "").strip():
            record[field] = str(entry[field]).strip()
    return record


def _note_record(note: Note, entry: YamlMap, lang: Lang) -> YamlMap:
    record = YamlMap({"from": note_fingerprint(note, lang), "original": note.heading})
    record["heading"] = str(entry.get("heading") or note.heading).strip()
    record["text"] = str(entry.get("text") or "").strip()
    return record


def _header(source: str, lang: str) -> str:
    return f"# Translations of '{source}' into {lang}: see README.md \"Add a translation\".\n"
