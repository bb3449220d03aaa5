"""What the tests share: paths, small sources folders, the CLI run in-process."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

import yaml
from qbank.cli import main as qbank_main
from qbank.mathsvg import Formula, Rendered
from qbank.parsers import FORMATS, prepare_lines
from qbank.registry import load_sources

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FORMAT_NAMES = list(FORMATS)


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str) -> CliResult:
    """``qbank ARGS`` in this process, with what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = qbank_main([str(a) for a in args])
        except SystemExit as exit_:  # argparse's usage errors
            code = int(exit_.code or 0)
    return CliResult(code, out.getvalue(), err.getvalue())


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
    entry = yaml.safe_load((FIXTURES / "parsers" / f"{fmt}.yml").read_text(encoding="utf-8"))
    text = (FIXTURES / "parsers" / f"{fmt}.md").read_text(encoding="utf-8")
    make_sources(folder, [entry], {entry["file"]: text}, [])
    source = load_sources(folder, FORMATS)[0]
    parsed = FORMATS[fmt].parse(prepare_lines(entry["file"], text, source), source)
    headings = sorted({i.heading for i in parsed.items} | {n.heading for n in parsed.notes})
    return make_sources(folder, [entry], {entry["file"]: text}, headings)


def project_config(folder: Path) -> Path:
    """A mkdocs.yml that builds the real site with its pages in ``folder``, not in docs/."""
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for page in (ROOT / "docs").glob("*.md"):  # the hand-written pages; the rest is generated
        (docs / page.name).write_bytes(page.read_bytes())
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(docs),
        "watch": [],
        "hooks": [str(ROOT / "scripts" / "mkdocs_hooks.py")],
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
        # the project's own cache: formulas MathJax rendered for it are not rendered again
        "extra": {"qbank_sources": str(ROOT / "sources"), "qbank_cache": str(ROOT / ".cache")},
    }
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


class CountingBackend:
    """Stands in for node: renders ``x`` to a tagged string and counts the calls."""

    version = "test-1"

    def __init__(self) -> None:
        self.calls: list[Formula] = []

    def render(self, formulas: list[Formula]) -> list[Rendered | str]:
        self.calls += formulas
        return [self.one(f) for f in formulas]

    def one(self, formula: Formula) -> Rendered | str:
        if "\\bad" in formula.tex:
            return "Undefined control sequence \\bad"
        width = 40 if "wide" in formula.tex else 2
        svg = f'<svg width="{width}ex" data-tex="{formula.tex}">{int(formula.display)}</svg>'
        return Rendered(svg, {"MJX-G1": "M0 0"})

    def stylesheet(self) -> str:
        return "mjx-container { color: inherit }"
