"""The 404 page, made to work from disk and from any depth on Pages (see overrides/404.html)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from .built_pages import BuiltPageError, element_end
from .model import Lang
from .yamlio import write_text_atomic

# Pages serves 404.html for a missing address at any depth: its URLs resolve against a
# <base> at the site root, written in the markup so that the browser's preload scanner
# fetches the right files at once. Opened from disk, the site root is the file's folder.
BASE = (
    '<base href="{root}">'
    '<script>if (location.protocol === "file:") document.querySelector("base").href = "./";</script>'
)


CHROME = ('<header class="md-header', '<div class="md-sidebar md-sidebar--primary"')
BODY = re.compile(r"<body[^>]*>")


def with_other_chrome(page: str, other: str, other_lang: Lang) -> str:
    """The 404 page of the default language, holding the other language's header and
    navigation in a ``<template>`` that the page's first script puts in their place for a
    reader of that language (overrides/404.html). mkdocs-static-i18n writes one 404.html,
    in the language it builds last: alone, it would greet every reader in that one."""
    parts = []
    for opening in CHROME:
        start = other.find(opening)
        if start < 0:
            raise BuiltPageError(f"the {other_lang} 404 page has no {opening}…>")
        parts.append(other[start : element_end(other, start)])
    template = f'<template id="qb-chrome" lang="{other_lang}">{"".join(parts)}</template>'
    body = BODY.search(page)
    if body is None:
        raise BuiltPageError("the 404 page has no <body>")
    return page[: body.end()] + template + page[body.end() :]


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


def write_not_found_page(site_dir: Path, site_url: str, built: dict[Lang, str]) -> None:
    """404.html: the Chinese page (the default language's) with the English chrome beside,
    its URLs relative; ``built``: the page as each language's build rendered it."""
    if "zh" in built:
        page = with_other_chrome(built["zh"], built["en"], "en") if "en" in built else built["zh"]
        write_text_atomic(site_dir / "404.html", make_relative(page, site_url))
