"""Writing export files: deterministic zips, and a folder replaced all at once."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Zip entries carry a date; a fixed one makes the same content the same bytes.
ZIP_DATE = (2000, 1, 1, 0, 0, 0)


def write_zip(path: Path, entries: list[tuple[str, Path]]) -> None:
    """A zip of (name in the archive, file on disk), in the given order, with fixed dates."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, source in entries:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with source.open("rb") as data, archive.open(info, "w") as out:
                shutil.copyfileobj(data, out, 1 << 20)


@contextmanager
def staged_folder(target: Path) -> Iterator[Path]:
    """Yield an empty folder beside ``target``; when the block succeeds it replaces ``target``
    in one rename (a failure leaves the previous ``target`` as it was)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}-"))
    staging.chmod(0o755)  # mkdtemp makes 0700; the site's web server must list and read it
    try:
        yield staging
        old = target.with_name(f".{target.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
