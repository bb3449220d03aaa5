"""Check the built site itself, not the Markdown: links, anchors, images, outside loads."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .answer_bodies import page_as_read

LOADING_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"}


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.loads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "href" in attributes:
            self.links.append(attributes["href"])
        if "src" in attributes:
            self.loads.append(attributes["src"])
        if tag == "link" and LOADING_LINKS & set(attributes.get("rel", "").split()):
            self.loads.append(attributes.get("href", ""))


def parse_pages(site: Path) -> dict[Path, _PageParser]:
    pages = {}
    for path in sorted(site.resolve().rglob("*.html")):
        parser = _PageParser()
        parser.feed(page_as_read(path))  # a topic page with its answers' bodies
        pages[path] = parser
    return pages


def _is_outside(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc) and parts.scheme not in ("data", "mailto", "javascript")


def external_loads(site: Path, pages: dict[Path, _PageParser] | None = None) -> list[str]:
    """Every src / stylesheet href that points outside the site."""
    pages = pages or parse_pages(site)
    return [
        f"{page.relative_to(site.resolve())}: loads {url}"
        for page, parsed in pages.items()
        for url in parsed.loads
        if _is_outside(url) or url.startswith("//")
    ]


def site_path_prefix(mkdocs_yml: Path) -> str:
    """The path the site is served under (from ``site_url``), e.g. ``/ml-interview-bank/``."""
    for line in mkdocs_yml.read_text(encoding="utf-8").splitlines():
        url = re.search(r"https?://[^\s\"',\]]+", line) if line.startswith("site_url:") else None
        if url:
            return urlsplit(os.environ.get("SITE_URL") or url[0]).path or "/"
    return "/"


def broken_links(site: Path, pages: dict[Path, _PageParser] | None = None, prefix: str = "/") -> list[str]:
    """Every internal link whose file, or whose #anchor in that file, does not exist.

    Root-relative links (the 404 page's) are resolved under ``prefix``, the site's path.
    """
    pages = pages or parse_pages(site)
    problems = []
    for page, parsed in pages.items():
        for href in parsed.links + [u for u in parsed.loads if not _is_outside(u)]:
            if _is_outside(href) or href.startswith(("mailto:", "javascript:", "data:")):
                continue
            parts = urlsplit(href)
            path = unquote(parts.path)
            if path.startswith("/"):
                path = str(site.resolve() / path.removeprefix(prefix).lstrip("/"))
            target = (page.parent / path).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{page.relative_to(site.resolve())}: broken link {href}")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else set()
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{page.relative_to(site.resolve())}: missing anchor {href}")
    return problems


def site_problems(site: Path, mkdocs_yml: Path) -> tuple[int, list[str]]:
    """How many pages the built site has, and every broken link, anchor or outside load."""
    pages = parse_pages(site)
    prefix = site_path_prefix(mkdocs_yml)
    return len(pages), broken_links(site, pages, prefix) + external_loads(site, pages)
