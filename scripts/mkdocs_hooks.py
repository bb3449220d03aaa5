"""The thin MkDocs hook: sources → pages before every build, markers, per-language search.

- ``on_config``: build the bank from sources/ (so ``mkdocs build`` and ``serve`` always
  reflect them), write changed topic pages, and lay out the navigation by topic group.
- ``on_page_markdown``: expand ``<!-- qbank:NAME -->`` markers; an unknown one fails.
- ``on_post_page`` / ``on_post_build``: give each language its own search index (see
  ``search_split``), so an English reader is not shown Chinese duplicates and vice versa.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from qbank import search_split, search_worker
from qbank.build import build_site_bank
from qbank.exports import downloads
from qbank.glossary import write_jieba_dictionary
from qbank.model import Bank, InputError, Lang
from qbank.pages import page_path, render_repository, render_site, render_source_list, render_topic_table
from qbank.writer import write_tree

MARKER = re.compile(r"<!--\s*qbank:(?P<name>[\w-]+)\s*-->")
MARKERS: dict[str, Callable[[Bank, Lang, MkDocsConfig], str]] = {
    "topics": lambda bank, lang, config: render_topic_table(bank, lang),
    "sources": lambda bank, lang, config: render_source_list(bank, lang),
    "total": lambda bank, lang, config: str(len(bank.questions)),
    "repository": lambda bank, lang, config: render_repository(config.repo_url, lang),
    # the downloads pages: filled in by `qbank exports` (qbank/exports/downloads.py)
    "downloads": lambda bank, lang, config: downloads.placeholder(lang),
    "licences": lambda bank, lang, config: downloads.render_licences(bank, lang),
}
_bank: Bank | None = None


@event_priority(100)  # before Material's search plugin loads jieba's user dictionary
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _bank
    sources = sources_dir(config)
    try:
        _bank = _build(sources)
        write_tree(Path(config.docs_dir), render_site(_bank), prune=True)
        _use_glossary_for_search(config, sources)
    except OSError as err:
        raise PluginError(f"qbank: cannot write the generated files: {err}") from None
    config.nav = _navigation(_bank)
    _translate_navigation(config, _bank)
    return config


def sources_dir(config: MkDocsConfig) -> Path:
    """``extra.qbank_sources`` in mkdocs.yml, relative to it (default: ``sources``)."""
    configured = str(config.extra.get("qbank_sources", "sources"))
    return Path(config.config_file_path).parent / configured


def _build(sources: Path) -> Bank:
    try:
        return build_site_bank(sources).bank
    except InputError as err:
        raise PluginError(f"the sources have problems; nothing was built:\n{err}") from None


def _use_glossary_for_search(config: MkDocsConfig, sources: Path) -> None:
    """Chinese search keeps the glossary's terms whole (jieba's user dictionary)."""
    search = config.plugins.get("material/search")
    if search is not None:
        cache = Path(config.config_file_path).parent / ".cache"
        search.config.jieba_dict_user = str(write_jieba_dictionary(sources / "glossary.yml", cache))


def _translate_navigation(config: MkDocsConfig, bank: Bank) -> None:
    i18n = config.plugins.get("i18n")
    for language in i18n.config.languages if i18n is not None else []:
        if language.locale == "en":
            language.nav_translations = {g.title.zh: g.title.en for g in bank.groups} | _STATIC_NAV


_STATIC_NAV = {"下载": "Downloads", "关于与贡献": "About & contributing"}


def _navigation(bank: Bank) -> list[object]:
    nav: list[object] = ["index.md"]
    for group in bank.groups:
        nav.append({group.title.zh: [page_path(t.slug, "zh") for t in bank.topics_of(group.slug)]})
    nav.append({"下载": "downloads.md"})
    nav.append({"关于与贡献": "about.md"})
    return nav


def page_lang(page: Page) -> Lang:
    return "en" if page.file.src_uri.endswith(".en.md") else "zh"


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: object) -> str:
    if _bank is None:
        raise PluginError("qbank: the bank was not built in on_config")
    bank = _bank

    def expand(match: re.Match[str]) -> str:
        render = MARKERS.get(match["name"])
        if render is None:
            raise PluginError(f"{page.file.src_uri}: unknown marker {match[0]!r} (known: {', '.join(MARKERS)})")
        return render(bank, page_lang(page), config)

    return MARKER.sub(expand, markdown)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return search_split.point_config_at_language_index(output, page_lang(page), page.url)


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config: MkDocsConfig) -> None:
    search_split.split_index(Path(config.site_dir))
    # Material's source maps (about 1.3 MB) are for debugging its own code, not for readers.
    for source_map in Path(config.site_dir, "assets").rglob("*.map"):
        source_map.unlink()
    try:
        search_worker.patch_search_worker(Path(config.site_dir))
    except search_worker.WorkerPatchError as err:
        raise PluginError(f"qbank: {err}") from None
