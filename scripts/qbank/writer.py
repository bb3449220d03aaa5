"""Write generated files all-or-nothing, and only where their content changed."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

GENERATED_MARK = ".generated"


def write_tree(root: Path, files: dict[str, str], *, prune: bool) -> int:
    """Make ``root`` hold ``files`` (relative path → text); return how many files changed.

    Everything is first written to a temporary folder beside ``root``; only then are
    changed files moved into place, so a failure never leaves a half-written tree.
    With ``prune``, files listed in the previous run's manifest but not in this one
    are removed (hand-written files are never touched).
    """
    root.mkdir(parents=True, exist_ok=True)
    manifest = root / GENERATED_MARK
    previous = set(manifest.read_text(encoding="utf-8").split()) if manifest.exists() else set()
    if prune:
        files = {**files, GENERATED_MARK: "\n".join(sorted(files)) + "\n"}
    changed = [rel for rel, text in files.items() if _read(root / rel) != text]
    with tempfile.TemporaryDirectory(dir=root.parent, prefix=f".{root.name}-") as staging:
        for rel in changed:
            target = Path(staging) / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(files[rel], encoding="utf-8", newline="\n")
        for rel in changed:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.move(Path(staging) / rel, root / rel)
    stale = previous - set(files) if prune else set()
    for rel in stale:
        (root / rel).unlink(missing_ok=True)
    return len([rel for rel in changed if rel != GENERATED_MARK]) + len(stale)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
