"""Session fixtures: the shipped bank and the real site, built once into a temporary folder."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import Visit
from helpers import ROOT, project_config
from hypothesis import settings
from qbank.browser import CHROMIUM_ARGS, find_chromium, serve_folder

# CI explores the same examples every run (a red build is then reproducible); local runs
# explore new ones.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per session with --strict; docs/ is never written."""
    project = tmp_path_factory.mktemp("project")
    site = project / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project_config(project)), "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def table(tmp_path_factory: pytest.TempPathFactory):
    """The search keywords' synonyms of the shipped glossary, with jieba as a build sets it up."""
    import jieba
    from qbank import search_terms
    from qbank.glossary import load_glossary, write_jieba_dictionary

    glossary = load_glossary(ROOT / "sources" / "glossary.yml")
    cache = tmp_path_factory.mktemp("jieba")
    search_terms.quiet_jieba(cache)
    jieba.load_userdict(str(write_jieba_dictionary(glossary, cache)))  # as Material does in a build
    return search_terms.synonyms(glossary)


@pytest.fixture(scope="session")
def bank():
    from qbank.build import build_site_bank

    return build_site_bank(ROOT / "sources").bank


# The browser tests' fixtures (tests/test_browser.py, test_practice.py, test_reading.py):
# defined once here, so every module shares the one Chromium of the session.
@pytest.fixture(scope="session")
def http_root(built_site: Path) -> Iterator[str]:
    with serve_folder(built_site) as root:
        yield root


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = find_chromium()  # `make test` installs one where it can
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(params=["file", "http"])
def root(request: pytest.FixtureRequest, built_site: Path) -> str:
    if request.param == "file":
        return built_site.resolve().as_uri() + "/"
    return request.getfixturevalue("http_root")


@pytest.fixture
def visit(browser: object, root: str) -> Iterator[Visit]:
    v = Visit(browser, root)
    yield v
    v.context.close()
