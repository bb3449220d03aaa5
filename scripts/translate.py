"""Work on translations: list what is missing, and file finished translations.

    python scripts/translate.py todo --lang en [--source ID] > work.yml
    python scripts/translate.py add work.yml --lang en

``todo`` writes, for every question, answer and note that exists only in the other
language, an entry with the original text and empty fields to fill in. ``add`` files the
filled entries into sources/translations/<source>.<lang>.yml with the hash of the
original they were made from, so later edits of the original show them as stale.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from qbank.build import build_bank, build_translated_bank  # noqa: E402
from qbank.model import OTHER, InputError  # noqa: E402
from qbank.translations import needs, note_fingerprint, original_fingerprint  # noqa: E402

FOLDER = ROOT / "sources" / "translations"


class _Literal(str):
    pass


def _literal(dumper: yaml.SafeDumper, value: _Literal) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style=style)


yaml.SafeDumper.add_representer(_Literal, _literal)


def dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def todo(lang: str, source: str | None) -> str:
    bank, _ = build_translated_bank(ROOT / "sources")
    work = []
    for question in bank.questions:
        if source and question.source != source:
            continue
        wanted = needs(question, lang)
        if wanted:
            entry = {"id": question.id, "source": question.source}
            entry.update({f"original_{k}": _Literal(v) for k, v in wanted.items()})
            entry.update(dict.fromkeys(wanted, ""))
            work.append(entry)
    for note in bank.notes:
        if (not source or note.source == source) and not note.text.get(lang):
            work.append(
                {
                    "id": note.id,
                    "source": note.source,
                    "original_heading": note.heading,
                    "original_text": _Literal(note.text.get(OTHER[lang]) or ""),
                    "heading": "",
                    "text": "",
                }
            )
    return dump(work)


def add(work_file: Path, lang: str) -> int:
    bank = build_bank(ROOT / "sources")
    questions = {q.id: q for q in bank.questions}
    notes = {n.id: n for n in bank.notes}
    files: dict[str, dict] = {}
    for entry in yaml.safe_load(work_file.read_text(encoding="utf-8")) or []:
        key = entry["id"]
        target = files.setdefault(entry["source"], _load(entry["source"], lang))
        if key in questions:
            question = questions[key]
            record = {"from": original_fingerprint(question, lang)}
            record["original"] = question.question.get(OTHER[lang]) or question.question.get(lang) or ""
            for field in ("question", "answer"):
                if str(entry.get(field) or "").strip():
                    record[field] = _Literal(str(entry[field]).strip())
            target["questions"][key] = record
        elif key in notes:
            note = notes[key]
            record = {"from": note_fingerprint(note, lang), "original": note.heading}
            record["heading"] = str(entry.get("heading") or note.heading).strip()
            record["text"] = _Literal(str(entry.get("text") or "").strip())
            target["notes"][key] = record
        else:
            print(f"{work_file}: unknown id {key!r}", file=sys.stderr)
            return 1
    FOLDER.mkdir(parents=True, exist_ok=True)
    for source, data in files.items():
        (FOLDER / f"{source}.{lang}.yml").write_text(_header(source, lang) + dump(data), encoding="utf-8")
    return 0


def _header(source: str, lang: str) -> str:
    return f"# Translations of '{source}' into {lang}: see README.md \"Add a translation\".\n"


def _load(source: str, lang: str) -> dict:
    path = FOLDER / f"{source}.{lang}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    data = data or {}
    return {"questions": dict(data.get("questions") or {}), "notes": dict(data.get("notes") or {})}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="translate.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    todo_cmd = commands.add_parser("todo", help="print what is not yet translated, as a work file")
    todo_cmd.add_argument("--lang", choices=["zh", "en"], required=True)
    todo_cmd.add_argument("--source", help="only this source id")
    add_cmd = commands.add_parser("add", help="file a filled-in work file into sources/translations/")
    add_cmd.add_argument("work_file", type=Path)
    add_cmd.add_argument("--lang", choices=["zh", "en"], required=True)
    args = parser.parse_args(argv)
    try:
        if args.command == "todo":
            sys.stdout.write(todo(args.lang, args.source))
            return 0
        return add(args.work_file, args.lang)
    except InputError as err:
        print(err, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
