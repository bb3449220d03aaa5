"""Small fixes to Material's built search scripts, applied to the built copy only.

Each fix names the exact code it replaces; when a Material upgrade changes that code the
build fails (``WorkerPatchError``) instead of shipping a site whose search silently
regressed. tests/test_browser.py checks what each fix is for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Material 9.8.1's search worker segments a Chinese query against the index's terms, but
# its loop stops one character short (``j < query.length``), so the last word of a query
# is never looked up whole: with 过拟合 kept whole in the index, a search for 过拟合
# became a search for 过. The fix is one character.
WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"
WORKER_BUG = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e"
WORKER_FIX = "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"

# Material's bundle asks for the search index as soon as a page loads (bundle.ts:
# ``index$ = document.forms.namedItem("search") ? fetchSearchIndex() : NEVER``); both
# the search worker and the search-term highlighter subscribe to it at once. The fix
# hands ``fetchSearchIndex`` to ``qbankSearchIndex`` (overrides/assets/search-on-demand.js),
# which calls it only once the reader opens search. Without that script the bundle
# falls back to fetching at once, as before.
BUNDLE_GLOB = "assets/javascripts/bundle.*.min.js"
BUNDLE_BUG = re.compile(r'document\.forms\.namedItem\("search"\)\?(?P<fetch>[\w$]+)\(\):')
BUNDLE_FIX = r'document.forms.namedItem("search")?(window.qbankSearchIndex||(f=>f()))(\g<fetch>):'
BUNDLE_FIXED = 'document.forms.namedItem("search")?(window.qbankSearchIndex||'

# It also starts the search worker as a page loads (``watchWorker(url, worker = new
# Worker(url))``), which downloads the worker's script. The fix builds
# ``qbankLazyWorker`` (search-on-demand.js) in its place, which starts the real worker with
# the first message posted to it: the index, once search opens.
WORKER_START = re.compile(r"(?P<worker>[\w$]+)=new Worker\((?P<url>[\w$]+)\)")
WORKER_START_FIX = r"\g<worker>=new(window.qbankLazyWorker||Worker)(\g<url>)"
WORKER_START_FIXED = "new(window.qbankLazyWorker||Worker)("


class WorkerPatchError(RuntimeError):
    """Material's search code changed: a fix must be revisited."""


@dataclass(frozen=True)
class Fix:
    glob: str
    bug: re.Pattern[str]
    replacement: str
    fixed: str  # present once the fix is applied: a second build leaves the file alone
    purpose: str


FIXES = (
    Fix(WORKER_GLOB, re.compile(re.escape(WORKER_BUG)), WORKER_FIX, WORKER_FIX, "the query segmentation loop"),
    Fix(BUNDLE_GLOB, BUNDLE_BUG, BUNDLE_FIX, BUNDLE_FIXED, "the search index request"),
    Fix(BUNDLE_GLOB, WORKER_START, WORKER_START_FIX, WORKER_START_FIXED, "the search worker's start"),
)


def patch_search_worker(site_dir: Path) -> None:
    """Apply every fix to the built site; raise ``WorkerPatchError`` naming the one that no longer fits."""
    for fix in FIXES:
        _apply(site_dir, fix)


def _apply(site_dir: Path, fix: Fix) -> None:
    files = sorted(site_dir.glob(fix.glob))
    if len(files) != 1:
        raise WorkerPatchError(f"expected one file {fix.glob}, found {len(files)}")
    code = files[0].read_text(encoding="utf-8")
    if fix.fixed in code:
        return
    if len(fix.bug.findall(code)) != 1:
        raise WorkerPatchError(f"{files[0].name}: {fix.purpose} was not found (Material changed: revisit {__name__})")
    files[0].write_text(fix.bug.sub(fix.replacement, code), encoding="utf-8")
