"""The 404 page, made to work from disk and from any depth on Pages (see overrides/404.html)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from .yamlio import write_text_atomic

# Pages serves 404.html for a missing address at any depth: its URLs resolve against a
# <base> at the site root, written in the markup so that the browser's preload scanner
# fetches the right files at once. Opened from disk, the site root is the file's folder.
BASE = (
    '<base href="{root}">'
    '<script>if (location.protocol === "file:") document.querySelector("base").href = "./";</script>'
)


def make_relative(html: str, site_url: str) -> str:
    """The 404 page with its URLs relative to the site root and a <base> there (see ``BASE``).

    MkDocs writes the 404 page's URLs from the server's root (``/ml-interview-bank/assets/…``):
    right on Pages, wrong from disk. Idempotent.
    """
    root = urlsplit(site_url).path or "/"
    if not root.endswith("/"):
        root += "/"
    base = BASE.format(root=root)
    if base in html:
        return html
    html = html.replace(f'="{root}', '="').replace(f'": "{root}', '": "')
    return html.replace("<head>", "<head>" + base, 1)


def fix_not_found_page(site_dir: Path, site_url: str) -> None:
    page = site_dir / "404.html"
    if page.exists():
        write_text_atomic(page, make_relative(page.read_text(encoding="utf-8"), site_url))
