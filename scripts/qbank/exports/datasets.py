"""The bank as data: the JSON bank (schema: README, "The JSON bank"), a CSV with one row
per question, and the licence and attribution of each collection beside them.

The CSV is UTF-8 with a byte-order mark: without it Excel (the spreadsheet most readers
double-click) reads the Chinese text as a legacy code page; pandas' ``read_csv`` skips
the mark by itself, and Python's ``csv`` module reads it with ``encoding="utf-8-sig"``.
"""

from __future__ import annotations

import csv
import io

from ..model import Bank
from .content import permalink

CSV_COLUMNS = (
    "id",
    "topic",
    "group",
    "collection",
    "difficulty",
    "stars",
    "question_zh",
    "question_en",
    "answer_zh",
    "answer_en",
    "editor_answer_zh",
    "editor_answer_en",
    "permalink_zh",
    "permalink_en",
)
BOM = "\ufeff"


def bank_csv(bank: Bank, site_url: str) -> str:
    """One row per question, in the bank's order; texts are the Markdown the site renders."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, which spreadsheets expect
    writer.writerow(CSV_COLUMNS)
    groups = {topic.slug: topic.group for topic in bank.topics}
    for q in bank.questions:
        editor = q.editor.text if q.editor is not None and q.has_editor_answer else None
        writer.writerow(
            (
                q.id,
                q.topic,
                groups[q.topic],
                q.source,
                q.difficulty or "",
                q.stars or "",
                q.question.zh or "",
                q.question.en or "",
                q.answer.zh or "",
                q.answer.en or "",
                (editor.zh if editor else None) or "",
                (editor.en if editor else None) or "",
                permalink(site_url, q, "zh"),
                permalink(site_url, q, "en"),
            )
        )
    return BOM + out.getvalue()


def licence_text(bank: Bank) -> str:
    """README.txt of the downloads folder: what the files are and whose questions they hold."""
    lines = [
        "ML/DL interview question bank: downloads",
        "",
        "Each question belongs to the authors of its collection. Collections and their licences:",
        "",
    ]
    for source in bank.sources:
        count = sum(q.source == source.id for q in bank.questions)
        lines += [
            f"- {source.id}: {source.title.en or source.title.zh or source.file} ({count} questions)",
            f"  author: {source.attribution.author.get('en') or 'unknown'}",
            f"  licence: {source.attribution.licence.get('en') or 'unknown'}",
        ]
        if source.attribution.url:
            lines.append(f"  url: {source.attribution.url}")
    lines += [
        "",
        "The editor answers (editor_answer in the JSON bank and the CSV) were written for this site.",
        "The 'collection' column of the CSV and 'source' in the JSON name the collection of each question.",
        "",
    ]
    return "\n".join(lines)
