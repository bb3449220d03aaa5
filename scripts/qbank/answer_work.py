"""The editors' work files: list what needs an answer, and file written answers.

``todo`` gives, for every question of the chosen topics that has no editor entry yet (or
only an unreviewed or stale one, with ``--review``), the question in both languages and
the collection's own answer. ``add`` files entries into ``sources/answers/<topic>.yml``
with the hash of the question text they answer; see README.md "Add an answer".
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from .answers import VERDICTS, file_answers, question_fingerprint, question_text
from .model import LANGS, Bank, InputError, Problem, Question
from .translate import read_work_file
from .yamlio import YamlMap, dump_yaml


def todo(bank: Bank, topics: list[str], review: bool = False) -> str:
    """A work file (YAML) of the questions of ``topics`` (all when empty) that need an editor."""
    work = [_work_entry(q) for q in bank.questions if (not topics or q.topic in topics) and _needs(q, review)]
    return dump_yaml(work)


def _needs(question: Question, review: bool) -> bool:
    if question.editor is None:
        return not review and question.served_by is None
    return review and (not question.editor.reviewed or question.editor.stale)


def _work_entry(question: Question) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": question.id, "topic": question.topic, "source": question.source}
    entry |= {f"question_{lang}": question.question.get(lang) for lang in LANGS}
    if question.has_collection_answer:
        entry |= {f"collection_answer_{lang}": question.answer.get(lang) for lang in LANGS}
    editor = question.editor
    if editor is None:
        return entry | {"verdict": "editor", "reviewed": False, "zh": "", "en": ""}
    return (
        entry
        | {"verdict": editor.verdict, "reviewed": editor.reviewed}
        | {lang: editor.text.get(lang) or "" for lang in LANGS}
    )


def add(bank: Bank, sources_dir: Path, work_file: Path) -> int:
    """File a work file's answers, each into its question's topic file; return how many."""
    per_topic: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    problems = []
    for entry in read_work_file(work_file):
        question = bank.by_id.get(entry["id"])
        if question is None:
            problems.append(Problem(str(work_file), entry.line, f"unknown id {entry['id']!r}"))
        elif entry.get("verdict") not in VERDICTS:
            problems.append(Problem(str(work_file), entry.line, f"'verdict' must be one of {', '.join(VERDICTS)}"))
        else:
            per_topic[question.topic].append((question.id, _record(question, entry)))
    if problems:
        raise InputError(problems)
    for topic, records in sorted(per_topic.items()):
        file_answers(sources_dir, topic, records)
    return sum(len(records) for records in per_topic.values())


def _record(question: Question, entry: YamlMap) -> dict[str, Any]:
    """What ``sources/answers/`` keeps of a work entry: the stamp, the verdict, the texts."""
    record: dict[str, Any] = {"from": question_fingerprint(question), "original": question_text(question)}
    record["verdict"] = entry["verdict"]
    record["reviewed"] = entry.get("reviewed") is True
    for key in ("corrects", "note"):
        if isinstance(entry.get(key), dict):
            record[key] = {lang: str(entry[key].get(lang) or "").strip() for lang in LANGS}
    if entry["verdict"] == "editor":
        record |= {lang: str(entry.get(lang) or "").strip() + "\n" for lang in LANGS}
    return record
