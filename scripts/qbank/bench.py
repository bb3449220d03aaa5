"""Measure the pipeline and the site: times and sizes, each the median of several runs.

Prints the conversion time, the full build time, the built site's size, the search
index size per language, and the bytes one topic page transfers (HTML, CSS, JS, fonts,
MathJax) in Chromium. ``--scale`` also converts and builds synthetic banks 10× and 30×
the real one (every collection repeated under new ids) to show how build time grows.
``--exports`` also times ``qbank exports`` (once: the PDF books take minutes) and prints
the size of each file it writes.
Figures, not pass/fail: the tests check behaviour, this script measures it.
"""

from __future__ import annotations

import functools
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .browser import CHROMIUM_ARGS, find_chromium, serve_folder

if TYPE_CHECKING:  # Playwright is a test requirement, not a site one
    from playwright.sync_api import Response

TOPIC_PAGE = "topics/transformers.html"  # answers and formulas: the heaviest kind of page
COPY_IGNORE = shutil.ignore_patterns(".venv", ".git", "site", ".cache", "node_modules", "test-artifacts", "__pycache__")


def timed(command: list[str], cwd: Path, runs: int) -> float:
    """Median wall time of a command, in seconds; fails loudly if the command fails."""
    times = []
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def kib(size: float) -> str:
    return f"{size / 1024:,.0f} KiB"


def convert_and_build(project: Path, runs: int) -> tuple[float, float]:
    convert = timed([sys.executable, "-m", "qbank.cli", "check"], project, runs)
    build = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"], project, runs)
    return convert, build


def page_transfer(site: Path, runs: int) -> dict[str, tuple[float, float]]:
    """Bytes by resource type (raw, gzip) that one topic page loads over HTTP, median of runs."""
    from playwright.sync_api import sync_playwright

    samples: dict[str, list[tuple[int, int]]] = defaultdict(list)
    with serve_folder(site) as root, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        for _ in range(runs):
            totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
            page = browser.new_page()
            page.on("response", functools.partial(_count, totals=totals))
            page.goto(f"{root}{TOPIC_PAGE}")
            page.wait_for_function("() => !window.MathJax || (MathJax.startup && MathJax.startup.promise)")
            page.evaluate("() => window.MathJax && MathJax.startup.promise")
            page.wait_for_load_state("networkidle")
            page.close()
            for kind, (raw, packed) in totals.items():
                samples[kind].append((raw, packed))
        browser.close()
    return {k: (statistics.median(r for r, _ in v), statistics.median(g for _, g in v)) for k, v in samples.items()}


def _count(response: Response, totals: dict[str, list[int]]) -> None:
    body = response.body()
    url = response.url
    kind = "mathjax" if "/mathjax/" in url else response.request.resource_type
    totals[kind][0] += len(body)
    totals[kind][1] += len(gzip.compress(body))


def scaled_project(root: Path, factor: int, workdir: Path) -> Path:
    """A copy of the project whose sources hold every collection ``factor`` times."""
    project = workdir / f"x{factor}"
    shutil.copytree(root, project, ignore=COPY_IGNORE)
    sources = project / "sources"
    registry = yaml.safe_load((sources / "sources.yml").read_text(encoding="utf-8"))
    entries = []
    for copy in range(factor):
        for entry in registry["sources"]:
            new = dict(entry, id=f"{entry['id']}-x{copy}")
            if copy:
                original = Path(entry["file"])
                new["file"] = f"{original.stem}-x{copy}{original.suffix}"
                shutil.copy(sources / entry["file"], sources / new["file"])
            entries.append(new)
    (sources / "sources.yml").write_text(yaml.safe_dump({"sources": entries}, allow_unicode=True), encoding="utf-8")
    shutil.rmtree(sources / "translations")  # keyed by the original ids: the copies show originals
    return project


def exports_figures(project: Path) -> None:
    """``qbank exports`` on the built copy: its time and each file's size and pages."""
    took = timed([sys.executable, "-m", "qbank.cli", "exports"], project, 1)
    print(f"exports (qbank exports, 1 run) {took:.0f} s")
    for path in sorted((project / "site" / "downloads").iterdir()):
        pages = ""
        if path.suffix == ".pdf":
            from pypdf import PdfReader  # a test requirement, as Playwright is

            pages = f", {len(PdfReader(path).pages)} pages"
        print(f"  {path.name:<34} {kib(path.stat().st_size):>12}{pages}")


def run(root: Path, runs: int, scale: bool, exports: bool = False) -> None:
    """Print every figure for the project at ``root`` (measured on a copy of it)."""
    with tempfile.TemporaryDirectory(prefix="qbank-bench-") as tmp:
        project = Path(tmp) / "x1"
        shutil.copytree(root, project, ignore=COPY_IGNORE)
        convert, build = convert_and_build(project, runs)
        site = project / "site"
        print(f"runs per figure (median)      {runs}")
        print(f"conversion (qbank check)      {convert:.2f} s")
        print(f"full build (mkdocs --strict)  {build:.2f} s")
        print(f"site size                     {kib(folder_size(site))} in {sum(1 for _ in site.rglob('*'))} files")
        for lang, folder in (("zh", site / "search"), ("en", site / "en" / "search")):
            index = folder / "search_index.json"
            index_gzip = len(gzip.compress(index.read_bytes()))
            print(f"search index {lang}               {kib(index.stat().st_size)} ({kib(index_gzip)} gzip)")
        transfer = page_transfer(site, runs)
        total_raw = sum(raw for raw, _ in transfer.values())
        total_gzip = sum(packed for _, packed in transfer.values())
        print(f"one topic page ({TOPIC_PAGE}) transfers {kib(total_raw)} ({kib(total_gzip)} gzip):")
        for kind, (raw, packed) in sorted(transfer.items(), key=lambda kv: -kv[1][0]):
            print(f"  {kind:<12} {kib(raw):>12} ({kib(packed)} gzip)")
        if exports:
            exports_figures(project)
        if scale:
            print("scaling (synthetic banks: every collection repeated under new ids)")
            for factor in (1, 10, 30):
                scaled = project if factor == 1 else scaled_project(root, factor, Path(tmp))
                factor_runs = 1 if factor > 1 else runs
                convert, build = convert_and_build(scaled, factor_runs)
                count = question_count(scaled)
                print(f"  {factor:>2}x  {count:>6} questions  convert {convert:6.2f} s  build {build:7.2f} s", end="")
                print(f"  (runs: {factor_runs})")


def question_count(project: Path) -> int:
    command = [sys.executable, "-m", "qbank.cli", "stats"]
    out = subprocess.run(command, cwd=project, check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[1] for line in out.splitlines() if line.startswith("total")))
