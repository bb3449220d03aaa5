"""Measure the pipeline and the site: times and sizes, each the median of several runs.

    python scripts/bench.py [--runs 5] [--scale]

Prints the conversion time, the full build time, the built site's size, the search
index size per language, and the bytes one topic page transfers (HTML, CSS, JS, fonts,
MathJax) in Chromium. ``--scale`` also converts and builds synthetic banks 10× and 30×
the real one (every collection repeated under new ids) to show how build time grows.
Figures, not pass/fail: the tests check behaviour, this script measures it.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
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
    convert = timed([sys.executable, "scripts/convert.py", "--check"], project, runs)
    build = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"], project, runs)
    return convert, build


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def page_transfer(site: Path, runs: int) -> dict[str, tuple[float, float]]:
    """Bytes by resource type (raw, gzip) that one topic page loads over HTTP, median of runs."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import ensure_chromium

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    samples: dict[str, list[tuple[int, int]]] = defaultdict(list)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=ensure_chromium(), args=["--no-sandbox", "--disable-gpu"])
            for _ in range(runs):
                totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
                page = browser.new_page()
                page.on("response", lambda r, totals=totals: _count(r, totals))
                page.goto(f"http://127.0.0.1:{server.server_address[1]}/{TOPIC_PAGE}")
                page.wait_for_function("() => !window.MathJax || (MathJax.startup && MathJax.startup.promise)")
                page.evaluate("() => window.MathJax && MathJax.startup.promise")
                page.wait_for_load_state("networkidle")
                page.close()
                for kind, (raw, packed) in totals.items():
                    samples[kind].append((raw, packed))
            browser.close()
    finally:
        server.shutdown()
    return {k: (statistics.median(r for r, _ in v), statistics.median(g for _, g in v)) for k, v in samples.items()}


def _count(response: object, totals: dict[str, list[int]]) -> None:
    body = response.body()
    url = response.url
    kind = "mathjax" if "/mathjax/" in url else response.request.resource_type
    totals[kind][0] += len(body)
    totals[kind][1] += len(gzip.compress(body))


def scaled_project(factor: int, workdir: Path) -> Path:
    """A copy of the project whose sources hold every collection ``factor`` times."""
    project = workdir / f"x{factor}"
    shutil.copytree(ROOT, project, ignore=COPY_IGNORE)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench.py", description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median); default 5")
    parser.add_argument("--scale", action="store_true", help="also build synthetic banks 10x and 30x the real one")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="qbank-bench-") as tmp:
        project = Path(tmp) / "x1"
        shutil.copytree(ROOT, project, ignore=COPY_IGNORE)
        convert, build = convert_and_build(project, args.runs)
        site = project / "site"
        print(f"runs per figure (median)      {args.runs}")
        print(f"conversion (convert.py)       {convert:.2f} s")
        print(f"full build (mkdocs --strict)  {build:.2f} s")
        print(f"site size                     {kib(folder_size(site))} in {sum(1 for _ in site.rglob('*'))} files")
        for lang, folder in (("zh", site / "search"), ("en", site / "en" / "search")):
            index = folder / "search_index.json"
            packed = len(gzip.compress(index.read_bytes()))
            print(f"search index {lang}               {kib(index.stat().st_size)} ({kib(packed)} gzip)")
        transfer = page_transfer(site, args.runs)
        total_raw = sum(raw for raw, _ in transfer.values())
        total_gzip = sum(packed for _, packed in transfer.values())
        print(f"one topic page ({TOPIC_PAGE}) transfers {kib(total_raw)} ({kib(total_gzip)} gzip):")
        for kind, (raw, packed) in sorted(transfer.items(), key=lambda kv: -kv[1][0]):
            print(f"  {kind:<12} {kib(raw):>12} ({kib(packed)} gzip)")
        if args.scale:
            print("scaling (synthetic banks: every collection repeated under new ids)")
            for factor in (1, 10, 30):
                scaled = project if factor == 1 else scaled_project(factor, Path(tmp))
                runs = 1 if factor > 1 else args.runs
                convert, build = convert_and_build(scaled, runs)
                count = question_count(scaled)
                print(f"  {factor:>2}x  {count:>6} questions  convert {convert:6.2f} s  build {build:7.2f} s", end="")
                print(f"  (runs: {runs})")
    return 0


def question_count(project: Path) -> int:
    command = [sys.executable, "scripts/convert.py", "--stats", "--check"]
    out = subprocess.run(command, cwd=project, check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[1] for line in out.splitlines() if line.startswith("total")))


if __name__ == "__main__":
    sys.exit(main())
