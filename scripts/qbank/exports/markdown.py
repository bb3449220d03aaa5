"""The bank's Markdown → HTML outside MkDocs, with the extensions mkdocs.yml configures.

The site's pages and every export render the same text the same way: math comes out as
arithmatex's ``\\(…\\)`` / ``\\[…\\]`` spans (HTML-escaped, so ``&`` inside ``aligned``
is ``&amp;`` in HTML and ``&`` to MathJax), source text stays escaped as the build left it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
from mkdocs.utils.yaml import get_yaml_loader, yaml_load


@dataclass(frozen=True)
class SiteConfig:
    """What the exports need from mkdocs.yml."""

    site_url: str
    extensions: list[str]
    extension_configs: dict[str, dict[str, Any]]


def load_site_config(mkdocs_yml: Path) -> SiteConfig:
    """site_url (``SITE_URL`` overrides it, as in the build) and the Markdown extensions."""
    with mkdocs_yml.open("rb") as handle:
        config = yaml_load(handle, get_yaml_loader())
    extensions: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for entry in config.get("markdown_extensions", []):
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        extensions.append(name)
        if options:
            configs[name] = options
    site_url = str(config.get("site_url") or "/")
    return SiteConfig(site_url if site_url.endswith("/") else site_url + "/", extensions, configs)


class MarkdownRenderer:
    """Python-Markdown set up as the site's; one instance renders many texts.

    Every export renders each text at least twice (a deck shows the other language too,
    the books show it again), and code highlighting is slow: each text is rendered once.
    """

    def __init__(self, config: SiteConfig) -> None:
        self._md = markdown.Markdown(extensions=config.extensions, extension_configs=config.extension_configs)
        self._rendered: dict[str, str] = {}

    def html(self, text: str) -> str:
        if text not in self._rendered:
            self._md.reset()
            self._rendered[text] = self._md.convert(text)
        return self._rendered[text]
