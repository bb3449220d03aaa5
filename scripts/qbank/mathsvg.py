"""Formulas rendered at build time: TeX in HTML → MathJax's SVG with its assistive MathML.

pymdownx.arithmatex (generic) leaves ``<span class="arithmatex">\\(…\\)</span>`` and
``<div class="arithmatex">\\[…\\]</div>`` in a page; ``render_math`` replaces the TeX inside
each with what MathJax itself makes of it (``scripts/mathjax/render.mjs``, run by node, one
process per build), so no page loads MathJax. The glyph outlines a page uses are written
once, in one hidden ``<svg><defs>`` at its end, and each formula ``<use>``s them; formulas
cut out of a page take the outlines only they use with them (``split_glyphs``).

Every formula is cached on disk by its TeX, its mode and the renderer's version (a hash
of render.mjs and the lock file), so a rebuild renders only formulas it has not seen.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from .yamlio import write_text_atomic

RENDERER = Path(__file__).resolve().parent.parent / "mathjax"
SCRIPT = RENDERER / "render.mjs"
ARITHMATEX = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?P<tex>.*?)</(?P=tag)>', re.S)
DEFS_ID = "qbank-math-glyphs"
SVG_WIDTH = re.compile(r'<svg [^>]*?width="([\d.]+)ex"')
# Wider than this (in the text's ex) a formula may not fit a 390 px phone's column.
PHONE_WIDTH_EX = 30.0


@dataclass(frozen=True)
class Formula:
    tex: str
    display: bool

    @property
    def key(self) -> str:
        """The formula as one string: what its cache file is named by and the summary counts."""
        return f"{int(self.display)}\n{self.tex}"


@dataclass(frozen=True)
class Rendered:
    svg: str  # an <mjx-container> holding the <svg> (or CommonHTML) and the assistive <math>
    glyphs: dict[str, str]  # glyph id → SVG path data, for the page's <defs> (none in CommonHTML)


@dataclass(frozen=True)
class Problem:
    """A formula MathJax rejects, at ``offset`` in the page's HTML."""

    offset: int
    tex: str
    message: str


class FormulaErrors(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.message}: {p.tex}" for p in problems))
        self.problems = problems


class RendererMissing(Exception):
    """node, or the npm packages of scripts/mathjax, are not installed."""


class Backend(Protocol):
    version: str

    def render(self, formulas: list[Formula]) -> list[Rendered | str]:
        """Each formula rendered, or MathJax's error message for it."""

    def stylesheet(self) -> str: ...


def renderer_version() -> str:
    """Changes whenever the renderer's script or its pinned packages do."""
    digest = hashlib.sha256()
    for part in (SCRIPT, RENDERER / "package-lock.json"):
        digest.update(part.read_bytes())
    return digest.hexdigest()[:16]


class NodeRenderer:
    """render.mjs in one long-lived node process, started on first use. ``chtml`` makes
    MathJax's CommonHTML instead of SVG (the PDF books: Chromium prints its characters as
    text in MathJax's fonts, embedded once, where it writes every SVG glyph as a path)."""

    def __init__(self, chtml: bool = False) -> None:
        self.chtml = chtml
        self.version = renderer_version() + ("-chtml" if chtml else "")
        self._process: subprocess.Popen[str] | None = None

    def _ask(self, request: object) -> Any:
        """One request line, one reply line. A batch is one line each way, so the pipes
        never hold more than one reply node is still writing (no deadlock)."""
        process = self._started()
        stdin, stdout = _pipes(process)
        stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
        stdin.flush()
        line = stdout.readline()
        if not line:
            raise RendererMissing(f"the formula renderer ({SCRIPT}) stopped (exit code {process.poll()})")
        return json.loads(line)

    def _started(self) -> subprocess.Popen[str]:
        if self._process is None or self._process.poll() is not None:
            node = shutil.which("node")
            if node is None:
                raise RendererMissing("node is needed to render formulas at build time (install Node.js 18+)")
            if not (RENDERER / "node_modules" / "mathjax-full").is_dir():
                raise RendererMissing(f"MathJax is not installed: run `npm ci` in {RENDERER} (`make site` does)")
            self._process = subprocess.Popen(
                [node, str(SCRIPT), *(["--chtml"] if self.chtml else [])],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
        return self._process

    def render(self, formulas: list[Formula]) -> list[Rendered | str]:
        replies = self._ask([{"tex": f.tex, "display": f.display} for f in formulas])
        return [str(r["error"]) if "error" in r else Rendered(r["svg"], r["glyphs"]) for r in replies]

    def stylesheet(self) -> str:
        return str(self._ask({"css": True})["css"]).strip()

    def close(self) -> None:
        if self._process is not None:
            _pipes(self._process)[0].close()
            self._process.wait(timeout=10)
            self._process = None


def _pipes(process: subprocess.Popen[str]) -> tuple[IO[str], IO[str]]:
    assert process.stdin is not None and process.stdout is not None
    return process.stdin, process.stdout


@dataclass
class MathRenderer:
    """Formulas through a disk cache (``cache_dir``, or none) to a backend."""

    backend: Backend
    cache_dir: Path | None = None
    occurrences: int = 0  # formulas on the pages rendered so far
    rendered: int = 0  # formulas the backend rendered (not found in the cache)
    backend_seconds: float = 0.0
    _memory: dict[Formula, Rendered | str] = field(default_factory=dict)
    _seen: set[str] = field(default_factory=set)  # keys of the formulas counted (kept pages skip _memory)
    _stylesheet: str | None = None

    def formulas(self, formulas: list[Formula]) -> list[Rendered | str]:
        """Each formula from memory, the disk cache, or (all new ones at once) the backend."""
        self.count(len(formulas), [f.key for f in formulas])
        new = []
        for formula in dict.fromkeys(formulas):
            if formula not in self._memory:
                cached = self._from_disk(formula)
                if cached is None:
                    new.append(formula)
                else:
                    self._memory[formula] = cached
        if new:
            start = time.perf_counter()
            results = self.backend.render(new)
            self.backend_seconds += time.perf_counter() - start
            self.rendered += len(new)
            for formula, result in zip(new, results, strict=True):
                self._memory[formula] = result
                self._to_disk(formula, result)
        return [self._memory[f] for f in formulas]

    def count(self, occurrences: int, keys: list[str]) -> None:
        """Formulas of a page, for the summary: a page kept whole counts them without rendering."""
        self.occurrences += occurrences
        self._seen.update(keys)

    def _from_disk(self, formula: Formula) -> Rendered | None:
        path = self._cache_path(formula)
        if path is None or not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return Rendered(data["svg"], data["glyphs"])

    def _to_disk(self, formula: Formula, result: Rendered | str) -> None:
        path = self._cache_path(formula)
        if path is not None and isinstance(result, Rendered):  # errors are not cached: they fail the build
            text = json.dumps({"svg": result.svg, "glyphs": result.glyphs}, ensure_ascii=False, sort_keys=True)
            write_text_atomic(path, text)

    def forget_other_versions(self) -> None:
        """Formulas an older renderer made are never read again: remove them."""
        if self.cache_dir is not None and self.cache_dir.is_dir():
            for folder in self.cache_dir.iterdir():
                if folder.is_dir() and folder.name != self.backend.version:
                    shutil.rmtree(folder, ignore_errors=True)

    def _cache_path(self, formula: Formula) -> Path | None:
        if self.cache_dir is None:
            return None
        key = hashlib.sha256(formula.key.encode()).hexdigest()
        return self.cache_dir / self.backend.version / key[:2] / f"{key}.json"

    def summary(self) -> str:
        distinct = len(self._seen)
        return (
            f"{self.occurrences} formulas ({distinct} distinct), {self.rendered} rendered by MathJax"
            f" in {self.backend_seconds:.2f} s"
        )

    def reset_counts(self) -> None:
        """A new build: count again (the cached formulas stay)."""
        self.occurrences = self.rendered = 0
        self.backend_seconds = 0.0
        self._memory.clear()
        self._seen.clear()

    def stylesheet(self) -> str:
        """MathJax's stylesheet for its SVG, cached with the formulas: a warm build starts no node."""
        if self._stylesheet is None:
            path = self.cache_dir / self.backend.version / "stylesheet.css" if self.cache_dir else None
            if path is not None and path.is_file():
                self._stylesheet = path.read_text(encoding="utf-8")
            else:
                self._stylesheet = self.backend.stylesheet()
                if path is not None:
                    write_text_atomic(path, self._stylesheet)
        return self._stylesheet


def formula_of(element_html: str, tag: str) -> Formula:
    """The TeX an arithmatex element holds, without its delimiters (as MathJax reads it)."""
    tex = html.unescape(element_html).strip()
    for start, end in ((r"\(", r"\)"), (r"\[", r"\]"), ("$$", "$$")):
        if tex.startswith(start) and tex.endswith(end) and len(tex) >= len(start) + len(end):
            return Formula(tex[len(start) : len(tex) - len(end)], start != r"\(")
    return Formula(tex, tag == "div")  # a bare \begin{…}…\end{…} block


def render_math(page_html: str, renderer: MathRenderer, label: str = "formula") -> str:
    """``page_html`` with every arithmatex formula rendered; raises FormulaErrors (all at once).

    A formula too wide for a phone's screen becomes a scrollable box a keyboard can reach
    (``tabindex``), named ``label`` for screen readers. A whole page (with ``</head>`` and
    ``</body>``) also gets MathJax's stylesheet and the glyph definitions; a fragment gets
    the glyphs at its end.
    """
    matches = list(ARITHMATEX.finditer(page_html))
    if not matches:
        return page_html
    formulas = _formulas(matches)
    results = renderer.formulas(formulas)
    problems = [
        Problem(m.start(), f.tex, r) for m, f, r in zip(matches, formulas, results, strict=True) if isinstance(r, str)
    ]
    if problems:
        raise FormulaErrors(problems)
    out, glyphs, pos = [], {}, 0
    for match, result in zip(matches, results, strict=True):
        assert isinstance(result, Rendered)
        glyphs.update(result.glyphs)
        out += [page_html[pos : match.start()], _element(match["tag"], result, label)]
        pos = match.end()
    out.append(page_html[pos:])
    return _with_glyphs_and_style("".join(out), glyphs, renderer)


def formulas_on(page_html: str) -> list[Formula]:
    """The formulas of a page (before ``render_math``), in page order."""
    return _formulas(ARITHMATEX.finditer(page_html))


def _formulas(matches: Iterable[re.Match[str]]) -> list[Formula]:
    return [formula_of(m["tex"], m["tag"]) for m in matches]


def _element(tag: str, result: Rendered, label: str) -> str:
    width = SVG_WIDTH.search(result.svg)
    if width is None or float(width[1]) <= PHONE_WIDTH_EX:
        return f'<{tag} class="arithmatex">{result.svg}</{tag}>'
    name = html.escape(label, quote=True)
    return f'<{tag} class="arithmatex qb-wide" tabindex="0" role="group" aria-label="{name}">{result.svg}</{tag}>'


GLYPH_PATH = re.compile(r'<path id="(MJX-[^"]+)" d="([^"]*)"></path>')
GLYPH_DEFS = re.compile(rf'<svg id="{DEFS_ID}"[^>]*><defs>.*?</defs></svg>', re.S)
GLYPH_USE = re.compile(r'<use[^>]* href="#(MJX-[^"]+)"')


def glyph_defs(glyphs: dict[str, str]) -> str:
    """The hidden ``<svg><defs>`` that every formula's ``<use>`` points into."""
    paths = "".join(f'<path id="{gid}" d="{glyphs[gid]}"></path>' for gid in sorted(glyphs))
    return f'<svg id="{DEFS_ID}" style="display: none;" aria-hidden="true"><defs>{paths}</defs></svg>'


def glyphs_of(*rendered_pages: str) -> dict[str, str]:
    """The glyphs rendered pages define. A page made of formulas taken from several built
    pages needs their union: ``glyph_defs(glyphs_of(a, b))`` (a glyph id names one
    outline everywhere, so merging is safe)."""
    return {gid: d for page in rendered_pages for gid, d in GLYPH_PATH.findall(page)}


def split_glyphs(page_html: str) -> tuple[str, dict[str, str]]:
    """The page's ``<defs>`` cut down to the glyphs its own formulas use, and the others: a
    page whose formulas were cut out (answers on demand) needs not carry their outlines."""
    defs = GLYPH_DEFS.search(page_html)
    if defs is None:
        return page_html, {}
    used = set(GLYPH_USE.findall(page_html, 0, defs.start())) | set(GLYPH_USE.findall(page_html, defs.end()))
    glyphs = glyphs_of(defs[0])
    kept = {gid: d for gid, d in glyphs.items() if gid in used}
    others = {gid: d for gid, d in glyphs.items() if gid not in used}
    return page_html[: defs.start()] + glyph_defs(kept) + page_html[defs.end() :], others


def with_glyphs(page_html: str, glyphs: dict[str, str]) -> str:
    """The page with ``glyphs`` back in its ``<defs>``: ``with_glyphs(*split_glyphs(p)) == p``."""
    defs = GLYPH_DEFS.search(page_html)
    if defs is None:
        if glyphs:
            raise ValueError("glyphs to put back, but the page has no <defs> for them")
        return page_html
    return page_html[: defs.start()] + glyph_defs(glyphs_of(defs[0]) | glyphs) + page_html[defs.end() :]


def _with_glyphs_and_style(page_html: str, glyphs: dict[str, str], renderer: MathRenderer) -> str:
    defs = glyph_defs(glyphs) if glyphs else ""
    if "</body>" in page_html:
        page_html = page_html.replace("</body>", defs + "</body>", 1)
    else:
        page_html += defs
    return with_stylesheet(page_html, renderer)


def with_stylesheet(page_html: str, renderer: MathRenderer) -> str:
    """A whole page with MathJax's SVG stylesheet in its head (a page whose formulas arrive
    later, as the practice page's cards do, needs it too); a fragment is left as it is."""
    if "</head>" in page_html:
        page_html = page_html.replace("</head>", f"<style>{renderer.stylesheet()}</style></head>", 1)
    return page_html


def heading_before(page_html: str, offset: int) -> str | None:
    """The id of the last heading that opens before ``offset`` (a question's own section)."""
    ids = re.findall(r'<h[1-6][^>]*\bid="([^"]+)"', page_html[:offset])
    return ids[-1] if ids else None
