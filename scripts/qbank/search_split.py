"""One search index per language, without forking Material.

mkdocs-static-i18n builds every language into one site and leaves ONE index holding all
of them, so an English query also lists the Chinese copy of every question. After the
build, the index is split by location: ``en/…`` entries go to ``en/search/`` (with the
prefix removed) and the rest stay in ``search/``. English pages get their ``__config``
``base`` pointed at ``en/``, where Material then loads the English index (``.json`` over
HTTP, ``.js`` from ``file://``) and resolves result links.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

SECONDARY = "en"
CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{.*?"base": ")([^"]*)(")')


def point_config_at_language_index(html: str, lang: str, page_url: str) -> str:
    """On a secondary-language page, make Material's ``base`` the language's root."""
    if lang != SECONDARY:
        return html
    # "/." keeps the trailing slash that URL resolution of result links needs
    return CONFIG_BASE.sub(lambda m: f"{m[1]}{m[2]}/{SECONDARY}/.{m[3]}", html, count=1)


Index = dict[str, Any]


def split_index(site_dir: Path, finish: Callable[[Index], Index] = lambda index: index) -> None:
    """Move secondary-language entries into their own index, each passed through ``finish``
    before it is written. Idempotent: a split index is left alone."""
    index = site_dir / "search" / "search_index.json"
    if not index.exists():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    prefix = f"{SECONDARY}/"
    secondary = [d for d in data["docs"] if d["location"].startswith(prefix)]
    if not secondary:
        return
    primary = [d for d in data["docs"] if not d["location"].startswith(prefix)]
    _write(site_dir / "search", finish({**data, "docs": primary}))
    moved = [{**d, "location": d["location"][len(prefix) :]} for d in secondary]
    _write(site_dir / SECONDARY / "search", finish({**data, "docs": moved}))


def _write(folder: Path, data: Index) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    (folder / "search_index.json").write_text(text, encoding="utf-8")
    # the same inline form as Material's offline plugin, for file:// pages
    (folder / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")
