"""qbank: the question bank's command line. Run it from the project's root folder.

Problems in the sources are printed as ``file:line: message``; the command then exits 1
and writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import answer_work
from . import translate as translate_work
from .build import build_site_bank
from .export import answers_table, bank_as_json, coverage_table, stats_table
from .model import LANGS, InputError, Lang
from .pages import render_site
from .site_check import site_problems
from .writer import write_tree

SOURCES, DOCS, SITE = Path("sources"), Path("docs"), Path("site")


@dataclass(frozen=True)
class Arg:
    """One argparse argument of a command."""

    flags: tuple[str, ...]
    options: dict[str, Any]


def arg(*flags: str, **options: Any) -> Arg:
    return Arg(flags, options)


SOURCES_ARG = arg("--sources", type=Path, default=SOURCES, help="the sources folder (default: sources)")
LANG_ARG = arg("--lang", choices=LANGS, required=True, help="the language to translate into")
Command = Callable[..., int]  # each takes its arguments by name
COMMANDS: dict[tuple[str, ...], tuple[Command, tuple[Arg, ...]]] = {}


def command(*name: str, args: tuple[Arg, ...] = ()) -> Callable[[Command], Command]:
    """Register a subcommand; its docstring is its help (first line) and description."""

    def register(function: Command) -> Command:
        COMMANDS[name] = (function, args)
        return function

    return register


@command("convert", args=(SOURCES_ARG, arg("--docs", type=Path, default=DOCS, help="where pages go")))
def convert(sources: Path, docs: Path) -> int:
    """Regenerate the site's pages under docs/ from sources/ (only changed files are written)."""
    bank = build_site_bank(sources).bank
    changed = write_tree(docs, render_site(bank), prune=True)
    if changed:
        print(f"qbank convert: {changed} page(s) updated in {docs}", file=sys.stderr)
    return 0


@command("check", args=(SOURCES_ARG,))
def check(sources: Path) -> int:
    """Validate the sources, translations and answers; write nothing."""
    build_site_bank(sources)
    return 0


@command("stats", args=(SOURCES_ARG,))
def stats(sources: Path) -> int:
    """Print counts per source and topic, and translation coverage."""
    built = build_site_bank(sources)
    print(stats_table(built.bank), coverage_table(built.translations), answers_table(built.answers), sep="\n\n")
    return 0


@command("json", args=(arg("file", type=Path, help="where to write the bank"), SOURCES_ARG))
def json_(file: Path, sources: Path) -> int:
    """Write the whole bank as one JSON file (schema: README, "The JSON bank")."""
    bank = build_site_bank(sources).bank
    write_tree(file.parent, {file.name: bank_as_json(bank)}, prune=False)
    return 0


@command("translate", "todo", args=(LANG_ARG, arg("--source", help="only this source id"), SOURCES_ARG))
def translate_todo(lang: Lang, source: str | None, sources: Path) -> int:
    """Print a work file (YAML) of what is not yet translated into --lang."""
    bank = build_site_bank(sources).bank
    sys.stdout.write(translate_work.todo(bank, lang, source))
    return 0


@command("translate", "add", args=(arg("work_file", type=Path), LANG_ARG, SOURCES_ARG))
def translate_add(work_file: Path, lang: Lang, sources: Path) -> int:
    """File a filled-in work file into sources/translations/ with the originals' hashes."""
    bank = build_site_bank(sources).bank
    filed = translate_work.add(bank, sources / "translations", work_file, lang)
    print(f"qbank translate add: {filed} entries filed", file=sys.stderr)
    return 0


@command(
    "answers",
    "todo",
    args=(
        arg("--topic", action="append", default=[], help="only this topic (repeatable)"),
        arg("--review", action="store_true", help="list unreviewed or stale editor answers instead"),
        SOURCES_ARG,
    ),
)
def answers_todo(topic: list[str], review: bool, sources: Path) -> int:
    """Print a work file (YAML) of the questions that need an editor answer (or a review)."""
    sys.stdout.write(answer_work.todo(build_site_bank(sources).bank, topic, review))
    return 0


@command("answers", "add", args=(arg("work_file", type=Path), SOURCES_ARG))
def answers_add(work_file: Path, sources: Path) -> int:
    """File a work file's answers into sources/answers/<topic>.yml with the questions' hashes."""
    filed = answer_work.add(build_site_bank(sources).bank, sources, work_file)
    print(f"qbank answers add: {filed} entries filed", file=sys.stderr)
    return 0


@command(
    "check-site",
    args=(
        arg("site", type=Path, nargs="?", default=SITE, help="the built site (default: site)"),
        arg("--config", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml, for the site's path"),
    ),
)
def check_site(site: Path, config: Path) -> int:
    """Check the built site: broken links and anchors, and anything loaded from outside it."""
    pages, problems = site_problems(site, config)
    for problem in problems:
        print(problem)
    print(f"qbank check-site: {pages} pages, {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


@command(
    "exports",
    args=(
        SOURCES_ARG,
        arg("--site", type=Path, default=SITE, help="the built site to write into (default: site)"),
        arg("--config", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml: site_url, Markdown extensions"),
    ),
)
def exports(sources: Path, site: Path, config: Path) -> int:
    """Write the downloads into the built site (after `make site`): Anki decks and PDF books per
    language, the JSON bank, a CSV, the licences, the offline zip; fill in the downloads pages."""
    from .exports import ExportError
    from .exports.run import Project, run_exports  # genanki, Chromium: only here

    try:
        run_exports(Project(config.resolve().parent, sources, site))
    except ExportError as err:
        print(f"qbank exports: {err}", file=sys.stderr)
        return 1
    return 0


@command(
    "bench",
    args=(
        arg("--runs", type=int, default=5, help="runs per figure (median); default 5"),
        arg(
            "--scale",
            type=int,
            nargs="*",
            metavar="N",
            help="also build synthetic banks N times the real one (no N: 1 10 30)",
        ),
        arg("--exports", action="store_true", help="also time `qbank exports` once and list the files' sizes"),
    ),
)
def bench(runs: int, scale: list[int] | None, exports: bool) -> int:
    """Measure conversion and build times (against a bare Material build of the same pages,
    with a cold and a warm formula cache), site and search index sizes, one page's transfer,
    Lighthouse scores; with --exports, the time and files of `qbank exports`."""
    from . import bench as bench_module  # needs the test requirements (Playwright)

    factors = None if scale is None else (scale or [1, 10, 30])
    bench_module.run(Path.cwd(), runs, factors, exports)
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="qbank", description=__doc__)
    groups: dict[tuple[str, ...], Any] = {(): root.add_subparsers(dest="command", required=True)}
    for name, (function, args) in COMMANDS.items():
        for depth in range(1, len(name)):
            if name[:depth] not in groups:
                group = groups[name[: depth - 1]].add_parser(name[depth - 1], help=f"{name[depth - 1]} subcommands")
                groups[name[:depth]] = group.add_subparsers(dest=f"command_{depth}", required=True)
        doc = function.__doc__ or ""
        sub = groups[name[:-1]].add_parser(name[-1], help=doc.split("\n")[0], description=doc)
        for argument in args:
            sub.add_argument(*argument.flags, **argument.options)
        sub.set_defaults(run=function)
    return root


def main(argv: list[str] | None = None) -> int:
    options = vars(parser().parse_args(argv))
    run: Command = options.pop("run")
    arguments = {key: value for key, value in options.items() if not key.startswith("command")}
    try:
        return int(run(**arguments))
    except InputError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"{len(err.problems)} problem(s); nothing was written.", file=sys.stderr)
    except OSError as err:
        print(f"qbank: {err.strerror or err}: {err.filename or ''}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
