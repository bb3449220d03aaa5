"""Shared fixtures: a bank built from small fixture collections, and the built site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

# CI explores the same examples every run (a red build is then reproducible); local runs
# explore new ones.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FORMATS = ["bilingual-outline", "starred-list", "details-qa", "tagged-outline", "quote-notes"]


def make_sources(folder: Path, entries: list[dict], files: dict[str, str], headings: list[str]) -> Path:
    """A sources/ folder with these collections and one topic that takes every heading."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "sources.yml").write_text(yaml.safe_dump({"sources": entries}, allow_unicode=True), encoding="utf-8")
    topics = {
        "groups": [{"slug": "all", "title": {"zh": "全部", "en": "All"}}],
        "topics": [{"slug": "all", "group": "all", "title": {"zh": "全部", "en": "All"}, "aliases": headings}],
    }
    (folder / "topics.yml").write_text(yaml.safe_dump(topics, allow_unicode=True), encoding="utf-8")
    return folder


def fixture_sources(fmt: str, folder: Path) -> Path:
    """The fixture collection of one format as a sources/ folder whose topic takes all its headings."""
    from qbank.parsers import PARSERS, prepare_lines
    from qbank.registry import load_sources

    entry = yaml.safe_load((FIXTURES / "parsers" / f"{fmt}.yml").read_text(encoding="utf-8"))
    text = (FIXTURES / "parsers" / f"{fmt}.md").read_text(encoding="utf-8")
    make_sources(folder, [entry], {entry["file"]: text}, [])
    source = load_sources(folder, set(PARSERS))[0]
    parsed = PARSERS[fmt](prepare_lines(entry["file"], text, source), source)
    headings = sorted({i.heading for i in parsed.items} | {n.heading for n in parsed.notes})
    return make_sources(folder, [entry], {entry["file"]: text}, headings)


def find_chromium() -> str | None:
    """Playwright's own Chromium where installed (GitHub's runners), else the system's."""
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            own = Path(p.chromium.executable_path)
            if own.exists():
                return str(own)
    except Exception:
        pass
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def ensure_chromium() -> str:
    """Find a Chromium; as root on Debian, install Debian's package when there is none."""
    found = find_chromium()
    if found:
        return found
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    if is_root and shutil.which("apt-get"):
        print("installing Debian's chromium for the browser tests", file=sys.stderr)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True)
        found = find_chromium()
    if not found:
        pytest.fail("no Chromium found: install Debian's 'chromium' or run 'playwright install chromium'")
    return found


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per session with --strict into a temporary folder."""
    site = tmp_path_factory.mktemp("site") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def bank():
    from qbank.build import build_translated_bank

    return build_translated_bank(ROOT / "sources")[0]
