"""The editorial layer: editor answers, their review, and duplicate groups, merged into the bank.

``sources/answers/*.yml`` (one file per topic, by convention) file entries by question id
with the staleness hash of ``keyed``, made from the question's text in its own language::

    answers:
      q7abcdef:
        from: 1a2b3c4d5e        # the hash of the question text answered
        original: …             # that text (finds the entry again if the question is reworded)
        verdict: editor         # editor: the answer below | collection: the collection's own
                                # answer was checked and is correct and sufficient | group:
                                # answered by the editor answer of its duplicate group
        reviewed: true          # checked by a second, independent editor
        corrects: {zh: …, en: …}   # optional: what the editor answer corrects
        note: {zh: …, en: …}       # optional: an error in the question text itself
        zh: |                   # the editor answer, Markdown + LaTeX (verdict editor)
        en: |

``sources/duplicates.yml`` holds hand-checked groups of the same question asked in
several collections: one answer serves the group, and each member links the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .keyed import entries_of, match_entries, read_sections, write_sections
from .model import LANGS, Bank, EditorAnswer, InputError, Localized, Problem, Question, Verdict
from .text import python_markdown_lists, sanitize_markdown, text_hash
from .yamlio import YamlMap, line_of, load_yaml

ANSWER_KEYS = {"from", "original", "verdict", "reviewed", "corrects", "note", "zh", "en"}
VERDICTS: tuple[Verdict, ...] = ("editor", "collection", "group")
FOLDER = "answers"
DUPLICATES = "duplicates.yml"


def question_text(question: Question) -> str:
    """What an editor answer is made from: the question in its own language."""
    return question.question.get(question.origin_lang) or ""


def question_fingerprint(question: Question) -> str:
    return text_hash(question_text(question))


@dataclass
class AnswerReport:
    """What the editorial layer found: entries per file, stale entries, orphans."""

    files: dict[str, int] = field(default_factory=dict)
    stale: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)


def merge_answers(bank: Bank, sources_dir: Path) -> AnswerReport:
    """Attach editor answers and duplicate groups to the bank's questions."""
    problems: list[Problem] = []
    report = AnswerReport()
    entries, displays = _read_answer_files(sources_dir / FOLDER, problems, report)
    matches, report.orphans = match_entries(entries, bank.by_id, question_text, question_fingerprint)
    for match in matches:
        answer = _editor_answer(match.entry, match.item, displays[match.key], problems)
        if answer is not None:
            answer.stale = match.stale
            match.item.editor = answer
            if match.stale:
                report.stale.append(match.item.id)
    _link_duplicates(bank, sources_dir / DUPLICATES, problems)
    for match in matches:
        if match.entry.get("verdict") == "group" and match.item.served_by is None:
            message = "'verdict: group' needs a group in sources/duplicates.yml whose member has an editor answer"
            problems.append(Problem(displays[match.key], match.entry.line, f"{match.key}: {message}"))
    if problems:
        raise InputError(problems)
    return report


def _read_answer_files(
    folder: Path, problems: list[Problem], report: AnswerReport
) -> tuple[dict[str, YamlMap], dict[str, str]]:
    """Every entry of every answers file, and the file each came from."""
    entries: dict[str, YamlMap] = {}
    displays: dict[str, str] = {}
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        display = f"sources/{FOLDER}/{path.name}"
        try:
            section = read_sections(path, display, ("answers",))["answers"]
        except InputError as err:
            problems += err.problems
            continue
        found = entries_of(section, ANSWER_KEYS, display, problems)
        report.files[path.name] = len(found)
        for key, entry in found.items():
            if key in entries:
                problems.append(Problem(display, entry.line, f"{key} is answered in another file too"))
            entries[key], displays[key] = entry, display
    return entries, displays


def _localized(value: object, where: str, line: int, display: str, problems: list[Problem]) -> Localized:
    """Both languages' texts, sanitised; ``None`` is no text, anything else must have both."""
    if value is None:
        return Localized()
    texts = [value.get(lang) for lang in LANGS] if isinstance(value, dict) else []
    if not all(isinstance(text, str) and text.strip() for text in texts) or not texts:
        problems.append(Problem(display, line, f"{where} must have non-empty 'zh' and 'en' texts"))
        return Localized()
    # editors write lists the CommonMark way; the site's Markdown wants 4 spaces a level
    zh, en = (sanitize_markdown(python_markdown_lists(str(text).strip())) for text in texts)
    return Localized(zh=zh, en=en)


def _editor_answer(entry: YamlMap, question: Question, display: str, problems: list[Problem]) -> EditorAnswer | None:
    before = len(problems)
    verdict = next((v for v in VERDICTS if v == entry.get("verdict")), None)
    if verdict is None:
        problems.append(Problem(display, entry.line, f"{question.id}: 'verdict' must be one of {', '.join(VERDICTS)}"))
    if not isinstance(entry.get("reviewed"), bool):
        problems.append(Problem(display, entry.line, f"{question.id}: 'reviewed' must be true or false"))
    has_text = any(lang in entry for lang in LANGS)
    if verdict == "group" and has_text:
        problems.append(Problem(display, entry.line, f"{question.id}: 'verdict: group' takes no text of its own"))
    if verdict == "editor" or has_text:
        text = _localized(entry, f"{question.id}: the editor answer", entry.line, display, problems)
    else:
        text = Localized()
    if verdict == "collection" and (not question.has_collection_answer or has_text):
        message = "'verdict: collection' accepts the collection's own answer: the question must have one, and no text"
        problems.append(Problem(display, entry.line, f"{question.id}: {message}"))
    corrects, note = (
        _localized(entry.get(key), f"{question.id}: '{key}'", entry.line_of(key), display, problems)
        for key in ("corrects", "note")
    )
    if len(problems) > before or verdict is None:
        return None
    return EditorAnswer(verdict=verdict, text=text, reviewed=bool(entry["reviewed"]), corrects=corrects, note=note)


def _link_duplicates(bank: Bank, path: Path, problems: list[Problem]) -> None:
    """Each group's members link each other; members without an answer are served by one."""
    display = f"sources/{DUPLICATES}"
    data = load_yaml(path, display) if path.exists() else {"groups": []}
    groups = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(groups, list):
        problems.append(Problem(display, line_of(data), "needs a list of 'groups:'"))
        return
    by_id = bank.by_id
    grouped: dict[str, int] = {}
    for group in groups:
        ids = group.get("ids") if isinstance(group, dict) else None
        if not isinstance(ids, list) or len(ids) < 2 or not all(isinstance(i, str) for i in ids):
            problems.append(Problem(display, line_of(group), "a group needs 'ids': two or more question ids"))
            continue
        for unknown in [i for i in ids if i not in by_id]:
            problems.append(Problem(display, line_of(group), f"no question has the id {unknown}"))
        for again in [i for i in ids if i in grouped]:
            problems.append(
                Problem(display, line_of(group), f"{again} is already in the group on line {grouped[again]}")
            )
        grouped.update(dict.fromkeys(ids, line_of(group)))
        members = [by_id[i] for i in ids if i in by_id]
        _serve(members)


def _serve(members: list[Question]) -> None:
    """The group's editor answer serves every member without one whose own answer was not
    accepted as it is; failing an editor answer, a collection's answer serves the unanswered."""
    editor_holder = next((q for q in members if q.has_editor_answer), None)
    collection_holder = next((q for q in members if q.has_collection_answer), None)
    for member in members:
        member.same_as = [q.id for q in members if q is not member]
        if editor_holder is not None and not member.has_editor_answer and not member.accepted_collection_answer:
            member.served_by = editor_holder.id
        elif collection_holder is not None and not member.has_own_answer:
            member.served_by = collection_holder.id


def answers_file_header(topic: str) -> str:
    return f"# Editor answers for the topic '{topic}': see README.md \"Add an answer\".\n"


def file_answers(sources_dir: Path, topic: str, records: Iterable[tuple[str, dict[str, Any]]]) -> None:
    """Add or replace entries in ``sources/answers/<topic>.yml`` (written atomically); an id
    filed elsewhere before (its question has moved topic since) leaves its old file."""
    folder = sources_dir / FOLDER
    path = folder / f"{topic}.yml"
    filed = dict(records)
    for other in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        if other != path:
            _drop_entries(other, set(filed))
    section = read_sections(path, f"sources/{FOLDER}/{path.name}", ("answers",))["answers"]
    section.update(filed)
    write_sections(path, answers_file_header(topic), {"answers": section})


def _drop_entries(path: Path, keys: set[str]) -> None:
    section = read_sections(path, f"sources/{FOLDER}/{path.name}", ("answers",))["answers"]
    if keys & set(section):
        kept = {key: entry for key, entry in section.items() if key not in keys}
        write_sections(path, answers_file_header(path.stem), {"answers": kept})
