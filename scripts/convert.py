"""Convert the collections in sources/ into the question bank and the site's pages.

With no options it regenerates the Markdown pages under docs/ (only files whose content
changed are rewritten). Problems in the sources are printed as ``file:line: message``
and the command exits 1 without touching docs/.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from qbank.build import build_translated_bank  # noqa: E402
from qbank.export import bank_as_json, coverage_table, stats_table  # noqa: E402
from qbank.model import InputError  # noqa: E402
from qbank.pages import render_site  # noqa: E402
from qbank.writer import write_tree  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="convert.py", description=__doc__)
    parser.add_argument("--sources", type=Path, default=ROOT / "sources", help="the sources folder")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="where generated pages go")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the whole bank as JSON")
    parser.add_argument("--stats", action="store_true", help="print counts per source and topic")
    parser.add_argument("--check", action="store_true", help="validate only; write nothing")
    args = parser.parse_args(argv)
    try:
        bank, coverage = build_translated_bank(args.sources)
        pages = render_site(bank)
    except InputError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"{len(err.problems)} problem(s); nothing was written.", file=sys.stderr)
        return 1
    if args.stats:
        print(stats_table(bank))
        print()
        print(coverage_table(coverage))
    if args.check:
        return 0
    try:
        if args.json:
            write_tree(args.json.parent, {args.json.name: bank_as_json(bank)}, prune=False)
        changed = write_tree(args.docs, pages, prune=True)
    except OSError as err:
        print(f"convert.py: cannot write the output: {err}", file=sys.stderr)
        return 1
    if changed:
        print(f"convert: {changed} page(s) updated in {args.docs}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
