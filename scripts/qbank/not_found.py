"""The 404 page, made to work from disk and from any depth on Pages (see overrides/404.html)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from .yamlio import write_text_atomic


def make_relative(html: str, site_url: str) -> str:
    """``href``/``src`` attributes and ``__config`` paths under the site's path, made relative to its root.

    MkDocs writes the 404 page's URLs from the site root (``/ml-interview-bank/assets/…``):
    right on Pages at any depth, wrong from disk. Relative to the root they are right from
    disk (404.html sits at the root), and over HTTP the page's <base> makes them right again.
    """
    root = urlsplit(site_url).path or "/"
    if not root.endswith("/"):
        root += "/"
    return html.replace(f'="{root}', '="').replace(f'": "{root}', '": "')


def fix_not_found_page(site_dir: Path, site_url: str) -> None:
    page = site_dir / "404.html"
    if page.exists():
        write_text_atomic(page, make_relative(page.read_text(encoding="utf-8"), site_url))
