"""What the build makes from its own output, kept in ``.cache/`` between builds: a warm
build whose pages did not change computes none of it again.

A product sits in a slot named for what it is made from (a page, a search index), beside
the digest of everything it was made from, the code that makes it included
(``code_digest``). A slot whose digest differs is made again and overwritten, so a slot
holds one version and the cache never outgrows the site; a digest that matches is the
product the code would make, since the product depends on nothing the digest leaves out.

A product is a few named parts, kept as bytes: most go to the site as they are, and
decoding megabytes of Chinese text only to encode it again costs more than the reading.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .yamlio import write_bytes_atomic

PACKAGE = Path(__file__).resolve().parent
Parts = dict[str, bytes]


def digest(*parts: str | bytes) -> str:
    """One digest of several inputs; each is length-prefixed, so ("ab", "c") ≠ ("a", "bc")."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(f"{len(data)}:".encode())
        hasher.update(data)
    return hasher.hexdigest()


@cache
def code_digest(*extra: Path) -> str:
    """Changes whenever any module of the package (or an ``extra`` file) does: the cheap,
    sure way to drop products made by other code, without listing what imports what."""
    named = [(str(path.relative_to(PACKAGE)), path) for path in sorted(PACKAGE.rglob("*.py"))]
    named += [(path.name, path) for path in extra]
    return digest(*(part for name, path in named for part in (name, path.read_bytes())))


@dataclass(frozen=True)
class Slots:
    """Named products in ``folder``, one file each (no folder: nothing is kept)."""

    folder: Path | None

    def get(self, name: str, inputs: str) -> Parts | None:
        """The product kept under ``name`` if it was made from ``inputs``, else None."""
        path = self._path(name)
        if path is None:
            return None
        try:
            return _parts(path.read_bytes(), inputs)
        except (OSError, ValueError, KeyError, TypeError):  # not made yet, or not a product
            return None

    def put(self, name: str, inputs: str, parts: Parts) -> None:
        path = self._path(name)
        if path is not None:
            sizes = [[part, len(data)] for part, data in parts.items()]
            header = json.dumps({"name": name, "inputs": inputs, "parts": sizes}, ensure_ascii=False)
            write_bytes_atomic(path, b"".join([header.encode("utf-8"), b"\n", *parts.values()]))

    def _path(self, name: str) -> Path | None:
        return None if self.folder is None else self.folder / f"{digest(name)[:32]}.bin"


def _parts(kept: bytes, inputs: str) -> Parts | None:
    """A product file: one line of JSON (its inputs, its parts' names and sizes), the parts."""
    line_end = kept.index(b"\n")
    header = json.loads(kept[:line_end])
    if header["inputs"] != inputs:
        return None
    parts, position = {}, line_end + 1
    for part, size in header["parts"]:
        parts[str(part)] = kept[position : position + size]
        position += size
    if position != len(kept):
        raise ValueError("a product file of another length than its header says")
    return parts
