"""PDF books, one per language, printed by headless Chromium from a print page.

The print page (``overrides/exports/book.html``) holds a cover, a table of contents by
group and topic, and every question with its answers expanded and its permalink; its
``@page`` rules give A4 and page numbers (Chromium prints CSS margin boxes). It is
written to a temporary folder, never into the site, so no navigation or search index
sees it. Its formulas are made by MathJax the way the site's are (``mathsvg``, with a disk
cache of its own), but as CommonHTML: Chromium prints their characters as text in
MathJax's fonts, embedded once, where it writes each glyph of an SVG formula as its own
path (a book of SVG formulas was three times the size). Chromium's own command line
prints it (``--print-to-pdf``): no Playwright at export time.
Chinese text needs a CJK font on the machine (Debian's ``fonts-wqy-microhei``, which
``make exports`` installs); Chromium embeds it whole (a font collection, which it does not
subset: 2.3 MB of the Chinese book).
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from .. import mathsvg
from ..browser import CHROMIUM_ARGS, find_chromium
from ..model import LANGS, Bank, Lang
from ..strings import t
from . import ExportError
from .content import view
from .markdown import MarkdownRenderer

PRINT_TIMEOUT_S = 3600  # a 700-page book takes 5 to 15 minutes on a busy 2-core machine
_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)


class PrintError(ExportError):
    """Chromium did not print the book."""


@dataclass(frozen=True)
class BookAnswer:
    label: str
    html: Markup


@dataclass(frozen=True)
class BookQuestion:
    id: str
    number: int
    title: Markup
    meta: str
    body: Markup
    answers: list[BookAnswer]
    permalink: str


@dataclass(frozen=True)
class BookTopic:
    slug: str
    title: str
    questions: list[BookQuestion]


@dataclass(frozen=True)
class BookGroup:
    slug: str
    title: str
    topics: list[BookTopic]


def book_questions(bank: Bank, lang: Lang, site_url: str, renderer: MarkdownRenderer) -> list[BookGroup]:
    """Every question of the bank, by group and topic, in the site's order, numbered."""
    number = 0
    groups = []
    for group in bank.groups:
        topics = []
        for topic in bank.topics_of(group.slug):
            questions = []
            for question in bank.questions_of(topic.slug):
                number += 1
                shown = view(bank, question, lang, site_url)
                title, _, rest = shown.question.strip().partition("\n")
                heading = renderer.html(title)
                questions.append(
                    BookQuestion(
                        id=question.id,
                        number=number,
                        title=Markup(_PARAGRAPH.sub(r"\1", heading)),  # noqa: S704 (rendered from escaped Markdown)
                        meta=" · ".join(shown.meta),
                        body=Markup(renderer.html(rest)) if rest.strip() else Markup(),  # noqa: S704
                        answers=[BookAnswer(a.label, Markup(renderer.html(a.text))) for a in shown.answers],  # noqa: S704
                        permalink=shown.permalink,
                    )
                )
            topics.append(BookTopic(topic.slug, topic.title.get(lang) or topic.slug, questions))
        groups.append(BookGroup(group.slug, group.title.get(lang) or group.slug, topics))
    return groups


def book_html(
    bank: Bank,
    lang: Lang,
    site_url: str,
    renderer: MarkdownRenderer,
    templates: Path,
    math: mathsvg.MathRenderer,
    date: str,
) -> str:
    """The print page of ``lang``, its formulas rendered by ``math``."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), autoescape=True)
    total = len(bank.questions)
    page = environment.get_template("book.html").render(
        lang=lang,
        title=t("book_title", lang),
        subtitle=t("book_subtitle", lang),
        facts=t("book_facts", lang, questions=total, collections=len(bank.sources), date=date),
        copyright=t("book_copyright", lang),
        contents=t("book_contents", lang),
        site_url=site_url,
        groups=book_questions(bank, lang, site_url, renderer),
    )
    try:
        return mathsvg.render_math(page, math, label=t("formula", lang))
    except mathsvg.FormulaErrors as err:
        raise PrintError(f"the {lang} book: MathJax cannot typeset: {err}") from None
    except mathsvg.RendererMissing as err:
        raise PrintError(str(err)) from None


def print_pdfs(books: dict[Path, str]) -> None:
    """Print each HTML document to its PDF path with headless Chromium, all at once (one
    Chromium per book: printing is single-threaded, the books are independent)."""
    with tempfile.TemporaryDirectory(prefix="qbank-book-") as work:
        running = []
        for n, (out, page) in enumerate(books.items()):
            source = Path(work) / f"book-{n}.html"
            source.write_text(page, encoding="utf-8")
            command = [
                find_chromium(),
                "--headless",
                *CHROMIUM_ARGS,
                f"--user-data-dir={Path(work) / f'profile-{n}'}",
                "--allow-file-access-from-files",
                "--no-pdf-header-footer",
                # A tagged PDF (Chromium's default) writes a structure element for every
                # box of the page: 200,000 for a book, three quarters of its size.
                "--disable-pdf-tagging",
                "--run-all-compositor-stages-before-draw",
                f"--print-to-pdf={out}",
                source.as_uri(),
            ]
            running.append(
                (out, subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True))
            )
        for out, process in running:
            try:
                _, errors = process.communicate(timeout=PRINT_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                for _, other in running:
                    other.kill()
                raise PrintError(f"Chromium did not print {out.name} within {PRINT_TIMEOUT_S} s") from None
            if process.returncode != 0 or not out.exists() or out.stat().st_size == 0:
                raise PrintError(f"Chromium could not print {out.name}: {errors.strip()[-500:]}")


# What ``qbank exports`` calls to write the books (the tests of the other files pass one that
# writes stand-ins: printing the real books takes minutes, and they are tested apart).
BookWriter = Callable[[Path, Bank, str, MarkdownRenderer, Path, str, Path], dict[Lang, Path]]


def write_books(
    folder: Path, bank: Bank, site_url: str, renderer: MarkdownRenderer, templates: Path, date: str, cache: Path
) -> dict[Lang, Path]:
    """Both books, printed into ``folder``; formulas are cached in ``cache``."""
    node = mathsvg.NodeRenderer(chtml=True)
    math = mathsvg.MathRenderer(node, cache)
    math.forget_other_versions()
    try:
        pages = {lang: book_html(bank, lang, site_url, renderer, templates, math, date) for lang in LANGS}
    finally:
        node.close()
    paths = {lang: book_path(folder, lang) for lang in LANGS}
    print_pdfs({paths[lang]: page for lang, page in pages.items()})
    return paths


def book_path(folder: Path, lang: Lang) -> Path:
    return folder / f"ml-interview-bank-{lang}.pdf"
