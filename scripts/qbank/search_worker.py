"""A one-character fix to Material's search worker, applied to the built copy only."""

from __future__ import annotations

from pathlib import Path

# Material 9.8.1's search worker segments a Chinese query against the index's terms, but
# its loop stops one character short (``j < query.length``), so the last word of a query
# is never looked up whole: with 过拟合 kept whole in the index, a search for 过拟合
# became a search for 过. The fix is one character; it is applied to the built copy only.
WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"
WORKER_BUG = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e"
WORKER_FIX = "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"


class WorkerPatchError(RuntimeError):
    """Material's search worker changed: the segmentation fix must be revisited."""


def patch_search_worker(site_dir: Path) -> None:
    workers = sorted(site_dir.glob(WORKER_GLOB))
    if len(workers) != 1:
        raise WorkerPatchError(f"expected one search worker, found {len(workers)}")
    code = workers[0].read_text(encoding="utf-8")
    if WORKER_FIX in code:
        return
    if code.count(WORKER_BUG) != 1:
        raise WorkerPatchError(f"{workers[0].name}: the query segmentation loop was not found")
    workers[0].write_text(code.replace(WORKER_BUG, WORKER_FIX), encoding="utf-8")
