"""The downloads pages: what ``qbank exports`` wrote, listed with size, questions and date.

The site's build cannot know the files (they are made from the built site), so the
hook expands ``<!-- qbank:downloads -->`` into a note that ``make exports`` builds them,
between two comment marks. After writing the files, the exports write ``manifest.json``
beside them and replace what is between the marks in the two built pages with the
table, rendered by the same Markdown renderer: no second site build (see README).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from ..model import LANGS, Bank, Lang
from ..strings import t
from ..yamlio import write_text_atomic
from . import ExportError
from .markdown import MarkdownRenderer

FOLDER = "downloads"
MANIFEST = "manifest.json"
BEGIN, END = "<!-- qbank:downloads:begin -->", "<!-- qbank:downloads:end -->"
_BETWEEN = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.DOTALL)


class PageMarkError(ExportError):
    """A built downloads page without the marks to fill in (built before this version?)."""


@dataclass(frozen=True)
class Download:
    name: str  # the file's name in downloads/
    kind: str  # anki | pdf | json | csv | readme | zip
    lang: str  # zh | en | "" (both)
    bytes: int
    questions: int


@dataclass(frozen=True)
class Manifest:
    date: str
    files: list[Download]

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1) + "\n"


def describe(path: Path, kind: str, lang: str, questions: int) -> Download:
    return Download(path.name, kind, lang, path.stat().st_size, questions)


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def placeholder(lang: Lang) -> str:
    """What the site's build puts on the page (the hook's marker)."""
    return f"{BEGIN}\n\n{t('downloads_missing', lang)}\n{{ .qb-downloads-missing }}\n\n{END}"


def downloads_table(manifest: Manifest, lang: Lang) -> str:
    """The Markdown table of the files, linked relative to the page of ``lang``."""
    prefix = f"{FOLDER}/" if lang == "zh" else f"../{FOLDER}/"
    rows = [
        f"| {t('col_file', lang)} | {t('col_content', lang)} | {t('col_size', lang)} "
        f"| {t('col_questions', lang)} | {t('col_date', lang)} |",
        "|---|---|--:|--:|---|",
    ]
    for item in manifest.files:
        what = t(f"download_{item.kind}", lang) + (f" · {t('lang_' + item.lang, lang)}" if item.lang else "")
        rows.append(
            f"| [`{item.name}`]({prefix}{item.name}) | {what} | {human_size(item.bytes)} "
            f"| {item.questions or '—'} | {manifest.date} |"
        )
    return "\n".join(rows) + "\n"


def fill_pages(site: Path, manifest: Manifest, renderer: MarkdownRenderer) -> None:
    """Replace the placeholder (or an older table) on both built downloads pages."""
    for lang in LANGS:
        page = site / ("downloads.html" if lang == "zh" else "en/downloads.html")
        html = page.read_text(encoding="utf-8")
        found = _BETWEEN.search(html)
        if found is None:
            raise PageMarkError(f"{page}: no {BEGIN} … {END} to fill in; rebuild the site (make site)")
        table = f"{BEGIN}\n{renderer.html(downloads_table(manifest, lang))}\n{END}"
        write_text_atomic(page, html[: found.start()] + table + html[found.end() :])


def render_licences(bank: Bank, lang: Lang) -> str:
    """The licence and attribution of each collection, for the downloads pages."""
    rows = [
        f"| {t('col_source', lang)} | {t('col_questions', lang)} | {t('author', lang)} | {t('licence', lang)} |",
        "|---|--:|---|---|",
    ]
    for source in bank.sources:
        name = _cell(source.title.get(lang) or source.id)
        if source.attribution.url:
            name = f"[{name}](<{source.attribution.url}>)"
        count = sum(q.source == source.id for q in bank.questions)
        author = _cell(source.attribution.author.get(lang) or "—")
        licence = _cell(source.attribution.licence.get(lang) or "—")
        rows.append(f"| {name} (`{source.id}`) | {count} | {author} | {licence} |")
    return "\n".join(rows) + "\n"
