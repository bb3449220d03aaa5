"""What every parser shares: numbered source lines and located errors."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..model import InputError, ParsedSource, Problem, Source

IMAGE = re.compile(r"<img\b[^>]*>|!\[[^\]]*\]\([^)]*\)", re.I)


@dataclass
class SourceLines:
    """A source file's lines (``lines[0]`` is line 1) and the problems found in them."""

    display: str
    lines: list[str]
    problems: list[Problem] = field(default_factory=list)

    def numbered(self) -> Iterator[tuple[int, str]]:
        return ((number, text) for number, text in enumerate(self.lines, start=1))

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.display, line, message))

    def raise_if_any(self) -> None:
        if self.problems:
            raise InputError(self.problems)


Parser = Callable[[SourceLines, Source], ParsedSource]


def prepare_lines(display: str, text: str, source: Source) -> SourceLines:
    """Apply the registry's documented drop rules and corrections; check for images.

    Dropped lines become empty (line numbers stay true). A rule that matches nothing is
    an error, so that rules cannot outlive the artifact they were written for.
    """
    lines = SourceLines(display, text.splitlines())
    used_drops: set[str] = set()
    for index, line in enumerate(lines.lines):
        if line.strip() in source.drop_lines:
            used_drops.add(line.strip())
            lines.lines[index] = ""
    for rule in sorted(set(source.drop_lines) - used_drops):
        lines.problem(1, f"drop rule matches no line: {rule!r}")
    for fix in source.corrections:
        current = lines.lines[fix.line - 1] if fix.line <= len(lines.lines) else ""
        if fix.find not in current:
            lines.problem(fix.line, f"correction does not apply: {fix.find!r} is not on this line")
        else:
            lines.lines[fix.line - 1] = current.replace(fix.find, fix.replace)
    for number, line in lines.numbered():
        for image in IMAGE.findall(line):
            lines.problem(number, f"image {image!r} is missing: add the file or a correction")
    lines.raise_if_any()
    return lines


def dedent_block(block: list[str], indent: int) -> str:
    """Strip ``indent`` columns from each line (less where a line has less) and trim."""
    out = []
    for line in block:
        strip = min(indent, len(line) - len(line.lstrip(" ")))
        out.append(line[strip:].rstrip())
    return "\n".join(out).strip("\n")


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
