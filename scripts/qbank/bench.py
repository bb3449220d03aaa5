"""Measure the pipeline and the site: times and sizes, each the median of several runs.

Prints the conversion time; the full build time with a cold and a warm cache (the formulas in
``.cache/mathjax``, what the build made from its pages in ``.cache/products``), and its ratio to
a bare Material build of the same generated pages (mkdocs.yml without the hook); the
formulas MathJax rendered and node's time for them;
the built site's size, the search index size per language, one math page's HTML, and the
bytes that page transfers in Chromium (HTML, CSS, JS, images), in all and before any
search (the index loads only once the reader opens search), and the practice page's;
the size of a progress export with every question reviewed once; Lighthouse's mobile scores of
a few pages (scripts/lighthouse, installed by ``make bench``; skipped with a note where it
is not installed). ``--scale N…`` also converts and builds synthetic banks N times the
real one (every collection repeated under new ids) to show how build time grows.
``--exports`` also times ``qbank exports`` (once: the PDF books take minutes) and prints
the size of each file it writes.
Figures, not pass/fail: the tests check behaviour, this script measures it.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .browser import CHROMIUM_ARGS, find_chromium, serve_folder

if TYPE_CHECKING:  # Playwright is a test requirement, not a site one
    from playwright.sync_api import Browser, Response

SEARCH_INDEX = "search index"
TOPIC_PAGE = "topics/transformers.html"  # answers and formulas: the heaviest kind of page
# Lighthouse's pages: the home page, a plain topic page, a math page, the practice page
LIGHTHOUSE_PAGES = ("index.html", "topics/trees-ensembles.html", TOPIC_PAGE, "practice.html")
LIGHTHOUSE = Path(__file__).resolve().parents[1] / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE_RUNS = 3  # at most, per page
PRACTICE_PAGE = "practice.html"  # before a topic's cards are loaded
COPY_IGNORE = shutil.ignore_patterns(".venv", ".git", "site", ".cache", "node_modules", "test-artifacts", "__pycache__")


BUILD = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"]
MATH_LOG = re.compile(
    r"qbank: (?P<count>\d+) formulas \((?P<distinct>\d+) distinct\),"
    r" (?P<rendered>\d+) rendered by MathJax in (?P<seconds>[\d.]+) s"
)


def timed(command: list[str], cwd: Path, runs: int, before: tuple[Path, ...] = ()) -> tuple[float, str]:
    """Median wall time of a command, in seconds, and the last run's log; fails loudly if the
    command fails. ``before``: folders removed before each run (cold caches)."""
    times = []
    log = ""
    for _ in range(runs):
        for folder in before:
            shutil.rmtree(folder, ignore_errors=True)
        took, log = run_once(command, cwd)
        times.append(took)
    return statistics.median(times), log


def timed_in_turn(commands: list[list[str]], cwd: Path, runs: int) -> list[float]:
    """Median wall time of each command, run in turn (a, b, a, b, …): where the machine's
    load drifts (a shared 2-core VM), it weighs on all of them alike, not on one block."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for command, samples in zip(commands, times, strict=True):
            samples.append(run_once(command, cwd)[0])
    return [statistics.median(samples) for samples in times]


def run_once(command: list[str], cwd: Path) -> tuple[float, str]:
    """Wall time of one run, in seconds, and its log; fails loudly if the command fails."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, env=env, text=True)
    took = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"bench: {' '.join(command)} failed in {cwd}:\n{done.stderr[-3000:]}")
    return took, done.stdout + done.stderr


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def kib(size: float) -> str:
    return f"{size / 1024:,.0f} KiB"


@dataclass
class Builds:
    convert: float
    cold: float  # full build, no formula cache
    warm: float  # full build, every formula cached
    bare: float  # Material alone, on the pages the full build generated
    math: dict[str, str]  # the hook's figures of the cold build (formulas, node's time)


def convert_and_build(project: Path, runs: int) -> Builds:
    convert, _ = timed([sys.executable, "-m", "qbank.cli", "check"], project, runs)
    # cold: no formula rendered, nor anything made from the pages (the pages kept whole hold
    # their formulas: a build that found them would render none)
    cold, log = timed(BUILD, project, runs, before=(project / ".cache" / "mathjax", project / ".cache" / "products"))
    print(f"  (measuring: cold build {cold:.2f} s)", flush=True)
    # not --strict: without the hook the home page's markers stay unexpanded, so the topic
    # pages' links to its anchors only warn
    bare_build = [*BUILD[:3], "build", "--no-strict", "--site-dir", "bare-site", "-f", str(bare_config(project))]
    warm, bare = timed_in_turn([BUILD, bare_build], project, runs)
    print(f"  (measuring: warm build {warm:.2f} s, bare {bare:.2f} s, in turn)", flush=True)
    found = MATH_LOG.search(log)
    return Builds(convert, cold, warm, bare, found.groupdict() if found else {})


def bare_config(project: Path) -> Path:
    """mkdocs.yml without the hook: the pages full builds left in docs/, Material alone.
    The practice pages are left out too: their template needs what the hook provides."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    bare = re.sub(r"^hooks:\n(  - .*\n)+", "", text, flags=re.M)
    assert bare != text, "mkdocs.yml has no hooks: section to leave out"
    assert "exclude_docs:" not in bare, "mkdocs.yml has an exclude_docs: section: merge the practice pages into it"
    bare += "\nexclude_docs: |\n  practice*.md\n"
    path = project / "mkdocs-bare.yml"
    path.write_text(bare, encoding="utf-8")
    return path


def print_builds(builds: Builds) -> None:
    print(f"conversion (qbank check)      {builds.convert:.2f} s")
    print(f"full build, cold math cache   {builds.cold:.2f} s  ({builds.cold / builds.bare:.2f}x bare)")
    print(f"full build, warm math cache   {builds.warm:.2f} s  ({builds.warm / builds.bare:.2f}x bare)")
    print(f"bare Material build           {builds.bare:.2f} s  (same pages, no hook)")
    if builds.math:
        m = builds.math
        print(f"formulas                      {m['count']} on the pages, {m['distinct']} distinct")
        print(f"node (MathJax), cold cache    {m['rendered']} rendered in {m['seconds']} s")


def page_transfer(site: Path, runs: int, path: str) -> dict[str, tuple[float, float]]:
    """Bytes by resource type (raw, gzip) that one page loads over HTTP, median of runs."""
    from playwright.sync_api import sync_playwright

    samples: dict[str, list[tuple[int, int]]] = defaultdict(list)
    with serve_folder(site) as root, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        for _ in range(runs):
            for kind, (raw, packed) in _one_load(browser, f"{root}{path}").items():
                samples[kind].append((raw, packed))
        browser.close()
    return {k: (statistics.median(r for r, _ in v), statistics.median(g for _, g in v)) for k, v in samples.items()}


def _one_load(browser: Browser, url: str) -> dict[str, list[int]]:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    responses: list[Response] = []
    page = browser.new_page()
    page.on("response", lambda response: responses.append(response))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    for response in responses:  # bodies read while the page is still open
        _count(response, totals)
    page.close()
    return totals


# Every question of the bank reviewed once, graded Good, then exported (progress.js).
EXPORT_ALL = """async () => {
  const P = window.qbankProgress;
  const index = await P.data("index", P.base + "index.js");
  const at = new Date(Date.UTC(2026, 0, 1, 9));
  index.questions.forEach((row, i) => P.grade(row[0], 3, new Date(at.getTime() + i * 20000), 15000));
  return [index.questions.length, P.exportText(new Date(at.getTime() + 86400000)), P.logCsv()];
}"""


def practice_export_size(site: Path) -> tuple[int, int, int, int]:
    """Cards reviewed, and the progress export's size (raw, gzip) and the CSV log's (raw)."""
    from playwright.sync_api import sync_playwright

    with serve_folder(site) as root, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{root}practice.html")
        count, exported, csv = page.evaluate(EXPORT_ALL)
        browser.close()
    data = exported.encode("utf-8")
    return count, len(data), len(gzip.compress(data)), len(csv.encode("utf-8"))


def _count(response: Response, totals: dict[str, list[int]]) -> None:
    body = response.body()
    url = response.url
    kind = SEARCH_INDEX if "/search/search_index" in url else response.request.resource_type
    totals[kind][0] += len(body)
    totals[kind][1] += len(gzip.compress(body))


def copy_project(root: Path, project: Path) -> Path:
    """The project without its caches and build output; MathJax's npm packages are linked."""
    shutil.copytree(root, project, ignore=COPY_IGNORE)
    modules = root / "scripts" / "mathjax" / "node_modules"
    if modules.is_dir():
        (project / "scripts" / "mathjax" / "node_modules").symlink_to(modules.resolve())
    return project


def scaled_project(root: Path, factor: int, workdir: Path) -> Path:
    """A copy of the project whose sources hold every collection ``factor`` times: the
    real ones with their translations and editor answers, and ``factor - 1`` copies."""
    project = copy_project(root, workdir / f"x{factor}")
    sources = project / "sources"
    registry = yaml.safe_load((sources / "sources.yml").read_text(encoding="utf-8"))
    entries = []
    for copy in range(factor):
        for entry in registry["sources"]:
            if not copy:  # the real collections as they are (the taxonomy's moves name their ids)
                entries.append(entry)
                continue
            original = Path(entry["file"])
            file = f"{original.stem}-x{copy}{original.suffix}"
            shutil.copy(sources / entry["file"], sources / file)
            # other ids: the copies' questions have no translations or editor answers
            entries.append(dict(entry, id=f"{entry['id']}-x{copy}", file=file))
    (sources / "sources.yml").write_text(yaml.safe_dump({"sources": entries}, allow_unicode=True), encoding="utf-8")
    return project


def exports_figures(project: Path) -> None:
    """``qbank exports`` on the built copy: its time and each file's size and pages."""
    took, _ = timed([sys.executable, "-m", "qbank.cli", "exports"], project, 1)
    print(f"exports (qbank exports, 1 run) {took:.0f} s")
    for path in sorted((project / "site" / "downloads").iterdir()):
        pages = ""
        if path.suffix == ".pdf":
            from pypdf import PdfReader  # a test requirement, as Playwright is

            pages = f", {len(PdfReader(path).pages)} pages"
        print(f"  {path.name:<34} {kib(path.stat().st_size):>12}{pages}")


def run(root: Path, runs: int, scale: list[int] | None, exports: bool = False) -> None:
    """Print every figure for the project at ``root`` (measured on a copy of it)."""
    with tempfile.TemporaryDirectory(prefix="qbank-bench-") as tmp:
        project = copy_project(root, Path(tmp) / "x1")
        print(f"runs per figure (median)      {runs}")
        print_builds(convert_and_build(project, runs))
        site = project / "site"
        print(f"site size                     {kib(folder_size(site))} in {sum(1 for _ in site.rglob('*'))} files")
        for lang, folder in (("zh", site / "search"), ("en", site / "en" / "search")):
            index = folder / "search_index.json"
            index_gzip = len(gzip.compress(index.read_bytes()))
            print(f"search index {lang}               {kib(index.stat().st_size)} ({kib(index_gzip)} gzip)")
        html = (site / TOPIC_PAGE).read_bytes()
        print(f"{TOPIC_PAGE} HTML {kib(len(html))} ({kib(len(gzip.compress(html)))} gzip)")
        for path in (TOPIC_PAGE, PRACTICE_PAGE):
            print_transfer(path, page_transfer(site, runs, path))
        cards, raw, packed, csv = practice_export_size(site)
        print(f"progress export, {cards} cards reviewed once: {kib(raw)} ({kib(packed)} gzip); CSV log {kib(csv)}")
        lighthouse(site, min(runs, LIGHTHOUSE_RUNS))
        if exports:
            exports_figures(project)
        for factor in scale or []:
            scaled = project if factor == 1 else scaled_project(root, factor, Path(tmp))
            factor_runs = 1 if factor > 1 else runs
            builds = convert_and_build(scaled, factor_runs)
            print(f"scale {factor}x: {question_count(scaled)} questions (runs: {factor_runs})")
            print_builds(builds)


def print_transfer(path: str, transfer: dict[str, tuple[float, float]]) -> None:
    before_search = {kind: sizes for kind, sizes in transfer.items() if kind != SEARCH_INDEX}
    for label, part in (("in all", transfer), ("before any search", before_search)):
        raw, packed = sum(r for r, _ in part.values()), sum(g for _, g in part.values())
        print(f"{path} transfers {label}: {kib(raw)} ({kib(packed)} gzip)")
    for kind, (raw, packed) in sorted(transfer.items(), key=lambda kv: -kv[1][0]):
        print(f"  {kind:<12} {kib(raw):>12} ({kib(packed)} gzip)")


def question_count(project: Path) -> int:
    command = [sys.executable, "-m", "qbank.cli", "stats"]
    out = subprocess.run(command, cwd=project, check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[1] for line in out.splitlines() if line.startswith("total")))


def lighthouse(site: Path, runs: int) -> None:
    """Lighthouse's mobile scores (0-100) per category of each page, served over HTTP: the
    median of ``runs`` runs (Lighthouse's own advice; one run moves by ±10 here)."""
    if not LIGHTHOUSE.exists():
        print("lighthouse: not installed (make bench installs it into scripts/lighthouse)")
        return
    title = f"lighthouse (mobile, median of {runs})"
    print(f"{title:<31}" + "  ".join(c[:13].ljust(13) for c in LIGHTHOUSE_CATEGORIES))
    with serve_folder(site, compress=True) as root:
        for path in LIGHTHOUSE_PAGES:
            if not (site / path).exists():
                print(f"  {path:<28} skipped: the site has no such page")
                continue
            trials = [lighthouse_scores(f"{root}{path}") for _ in range(runs)]
            scores = {
                c: round(statistics.median(t[c] for t in trials)) for c in LIGHTHOUSE_CATEGORIES if c in trials[0]
            }
            print(f"  {path:<28} " + "  ".join(f"{scores.get(c, '?')!s:<13}" for c in LIGHTHOUSE_CATEGORIES))


def lighthouse_scores(url: str) -> dict[str, int]:
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        "--output-path=stdout",
        f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
        f"--chrome-flags={flags}",
    ]
    env = {**os.environ, "CHROME_PATH": shutil.which("chromium") or find_chromium()}
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
    report = json.loads(done.stdout)
    return {name: round(category["score"] * 100) for name, category in report["categories"].items()}
