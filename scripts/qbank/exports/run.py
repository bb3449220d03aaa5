"""``qbank exports``: every download, written into the built site's downloads/ folder.

Order matters: the books print after the site is built, the downloads pages
are filled in once the files exist, and the offline zip is made last so that its copy of
the downloads pages lists every file but itself.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..build import build_site_bank
from ..export import bank_as_json
from ..model import Bank
from ..yamlio import write_text_atomic
from . import ExportError, anki, datasets, pdf
from .downloads import FOLDER, MANIFEST, Download, Manifest, describe, fill_pages
from .files import staged_folder, write_zip
from .markdown import MarkdownRenderer, load_site_config

OFFLINE_ZIP = "ml-interview-bank-offline.zip"


class SiteMissingError(ExportError):
    """``qbank exports`` needs the built site (``make site``)."""


@dataclass(frozen=True)
class Project:
    root: Path  # where mkdocs.yml is
    sources: Path
    site: Path

    @property
    def templates(self) -> Path:
        return self.root / "overrides" / "exports"


def content_time(project: Project) -> int:
    """When the content last changed, as the exports' date and genanki's clock (so the same
    sources give the same files): ``SOURCE_DATE_EPOCH`` if set, else the last commit that
    touched sources/, else the newest file in sources/."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", str(project.sources.resolve())],
            cwd=project.sources,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode == 0 and result.stdout.strip().isdigit():
            return int(result.stdout.strip())
    except OSError:
        pass
    return int(max(path.stat().st_mtime for path in project.sources.rglob("*") if path.is_file()))


def write_data_and_decks(
    project: Project, bank: Bank, folder: Path, renderer: MarkdownRenderer, when: int, books: pdf.BookWriter
) -> list[Download]:
    """Everything but the offline zip, into ``folder``; what each file is."""
    site_url = load_site_config(project.root / "mkdocs.yml").site_url
    total = len(bank.questions)
    files = []
    for lang, path in anki.write_decks(folder, bank, site_url, renderer, project.templates, float(when)).items():
        files.append(describe(path, "anki", lang, total))
    date = datetime.fromtimestamp(when, UTC).date().isoformat()
    printed = books(
        folder, bank, site_url, renderer, project.templates, date, project.root / ".cache" / "mathjax-chtml"
    )
    files += [describe(path, "pdf", lang, total) for lang, path in printed.items()]
    texts = {
        "ml-interview-bank.json": ("json", bank_as_json(bank)),
        "ml-interview-bank.csv": ("csv", datasets.bank_csv(bank, site_url)),
        "README.txt": ("readme", datasets.licence_text(bank)),
    }
    for name, (kind, text) in texts.items():
        (folder / name).write_text(text, encoding="utf-8", newline="\n")
        files.append(describe(folder / name, kind, "", total if kind in ("json", "csv") else 0))
    return files


def zip_site(site: Path, zip_path: Path) -> None:
    """The whole site (downloads included, but not this zip) as one deterministic zip."""
    entries = sorted(
        (path.relative_to(site).as_posix(), path)
        for path in site.rglob("*")
        if path.is_file()
        and path != zip_path
        and not any(part.startswith(".") for part in path.relative_to(site).parts)
    )
    partial = zip_path.with_name(f".{zip_path.name}-partial")
    try:
        write_zip(partial, entries)
        partial.replace(zip_path)
    finally:
        partial.unlink(missing_ok=True)


def run_exports(project: Project, books: pdf.BookWriter = pdf.write_books) -> Manifest:
    """Write every export into ``site/downloads/`` and fill in the downloads pages."""
    if not (project.site / "index.html").exists() or not (project.site / "downloads.html").exists():
        raise SiteMissingError(f"no built site in {project.site}: run `make site` first")
    started = time.monotonic()
    bank = build_site_bank(project.sources).bank
    renderer = MarkdownRenderer(load_site_config(project.root / "mkdocs.yml"))
    when = content_time(project)
    date = datetime.fromtimestamp(when, UTC).date().isoformat()
    downloads = project.site / FOLDER
    with staged_folder(downloads) as staging:
        files = write_data_and_decks(project, bank, staging, renderer, when, books)
    manifest = Manifest(date, files)
    fill_pages(project.site, manifest, renderer)
    zip_site(project.site, downloads / OFFLINE_ZIP)
    manifest = Manifest(date, [*files, describe(downloads / OFFLINE_ZIP, "zip", "", len(bank.questions))])
    fill_pages(project.site, manifest, renderer)
    write_text_atomic(downloads / MANIFEST, manifest.to_json())
    print(f"qbank exports: {len(manifest.files)} files in {downloads} ({time.monotonic() - started:.0f} s)")
    return manifest
