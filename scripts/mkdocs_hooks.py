"""The thin MkDocs hook: sources → pages before every build, markers, per-language search.

- ``on_config``: build the bank from sources/ (so ``mkdocs build`` and ``serve`` always
  reflect them), write changed topic pages, and lay out the navigation by topic group.
- ``on_page_markdown``: expand ``<!-- qbank:NAME -->`` markers; an unknown one fails.
- ``on_page_content``: keep badges and answer captions out of the search index, so that a
  result shows the question's words, not labels.
- ``on_page_context``: the browser interface's strings for the templates.
- ``on_post_page``: render every formula to SVG with MathJax at build time (``mathsvg``;
  the search index, made before this event, keeps the TeX); cut the answers' bodies out of
  each topic page into data loaded on demand (``answer_bodies``), and the practice page's
  cards from what remains (``practice``), all kept for the next build (``served``).
- ``on_post_page`` / ``on_post_build``: give each language its own search index (see
  ``search_split``), so an English reader is not shown Chinese duplicates and vice versa,
  with hidden keywords for what readers type (``search_terms``); then write the data cut
  from the topic pages.

What the build makes from its own pages is kept in ``.cache/products`` (``products``) by
what it was made from, so a warm build of unchanged pages makes none of it again.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import jieba
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from qbank import answer_bodies, mathsvg, not_found, practice, search_split, search_terms, search_worker, served
from qbank.build import build_site_bank
from qbank.built_pages import BuiltPageError
from qbank.exports import downloads
from qbank.glossary import Glossary, load_glossary, write_jieba_dictionary
from qbank.jsondata import from_data, to_data
from qbank.model import Bank, InputError, Lang
from qbank.pages import page_path, render_repository, render_site, render_source_list, render_topic_table
from qbank.products import Slots, code_digest, digest
from qbank.strings import t, ui_strings
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
log = logging.getLogger("mkdocs.plugins.qbank")
_bank: Bank | None = None
_built_from: tuple[Path, SourcesState] | None = None  # what _bank was built from
_pages: dict[str, str] = {}  # _bank's pages (render_site) and the glossary, made with it
_glossary = Glossary()
_math: mathsvg.MathRenderer | None = None
_not_found_pages: dict[Lang, str] = {}  # each language's 404 page, as its build rendered it
# each topic page as served, with the data cut from it: written once the build is whole
_served: dict[tuple[Lang, str], served.ServedTopic] = {}


class _NoFalseAlarm(logging.Filter):
    """mkdocs-static-i18n asks for language links ending in '/', which the offline plugin's
    file URLs (…/index.html) never do; the links work, the message only reads like an error."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'extra.alternate' configuration contains a 'link' option" not in record.getMessage()


logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure").addFilter(_NoFalseAlarm())


@event_priority(100)  # before Material's search plugin loads jieba's user dictionary
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _bank, _built_from, _pages, _glossary, _math
    sources = sources_dir(config)
    state = sources_state(sources)
    if _math is None:
        _math = mathsvg.MathRenderer(mathsvg.NodeRenderer(), cache_dir(config) / "mathjax")
        _math.forget_other_versions()
    try:
        # mkdocs-static-i18n calls on_config again for each further language: the bank
        # of the first call serves it unless sources/ changed (as under `mkdocs serve`).
        if _bank is None or _built_from != (sources, state):
            _bank, _pages = _kept_bank(sources, products(config, "bank"))
            _built_from = (sources, state)
            _glossary = _load_glossary(sources)
        write_tree(Path(config.docs_dir), _pages, prune=True)
        _use_glossary_for_search(config, _glossary)
    except OSError as err:
        raise PluginError(f"qbank: cannot write the generated files: {err}") from None
    config.nav = _navigation(_bank)
    _translate_navigation(config, _bank)
    return config


def cache_dir(config: MkDocsConfig) -> Path:
    """``extra.qbank_cache`` relative to mkdocs.yml (default: ``.cache``, gitignored)."""
    return Path(config.config_file_path).parent / str(config.extra.get("qbank_cache", ".cache"))


def products(config: MkDocsConfig, kind: str) -> Slots:
    """Where the build keeps one kind of what it makes from its own output (``qbank.products``)."""
    return Slots(cache_dir(config) / "products" / kind)


def sources_dir(config: MkDocsConfig) -> Path:
    """``extra.qbank_sources`` in mkdocs.yml, relative to it (default: ``sources``)."""
    configured = str(config.extra.get("qbank_sources", "sources"))
    return Path(config.config_file_path).parent / configured


SourcesState = tuple[tuple[str, int, int], ...]


def sources_state(sources: Path) -> SourcesState:
    """Every file under sources/ with its size and modification time: cheap, and any edit
    (or a new or removed file) changes it."""
    return tuple((str(p.relative_to(sources)), p.stat().st_size, p.stat().st_mtime_ns) for p in source_files(sources))


def source_files(sources: Path) -> list[Path]:
    return sorted(p for p in sources.rglob("*") if p.is_file()) if sources.is_dir() else []


def _kept_bank(sources: Path, slots: Slots) -> tuple[Bank, dict[str, str]]:
    """The bank and its pages as a build made them from the same sources and code, or
    built now (and kept): reading them back is a tenth of converting the sources."""
    files = source_files(sources)
    inputs = digest(*(part for p in files for part in (str(p.relative_to(sources)), p.read_bytes())), code_digest())
    kept = slots.get("bank", inputs)
    if kept is not None:
        return from_data(Bank, json.loads(kept["bank"])), json.loads(kept["pages"])
    bank = _build(sources)
    data = json.dumps(to_data(bank), ensure_ascii=False)  # as built, before the pages read it
    pages = render_site(bank)
    slots.put(
        "bank", inputs, {"bank": data.encode("utf-8"), "pages": json.dumps(pages, ensure_ascii=False).encode("utf-8")}
    )
    return bank, pages


def _build(sources: Path) -> Bank:
    try:
        return build_site_bank(sources).bank
    except InputError as err:
        raise PluginError(f"the sources have problems; nothing was built:\n{err}") from None


def _load_glossary(sources: Path) -> Glossary:
    try:
        return load_glossary(sources / "glossary.yml")
    except InputError as err:
        raise PluginError(f"the sources have problems; nothing was built:\n{err}") from None


def _use_glossary_for_search(config: MkDocsConfig, glossary: Glossary) -> None:
    """Chinese search keeps the glossary's terms whole (jieba's user dictionary)."""
    search = config.plugins.get("material/search")
    if search is not None:
        cache = cache_dir(config)
        search.config.jieba_dict_user = str(write_jieba_dictionary(glossary, cache))
        search_terms.quiet_jieba(cache)


def _translate_navigation(config: MkDocsConfig, bank: Bank) -> None:
    i18n = config.plugins.get("i18n")
    for language in i18n.config.languages if i18n is not None else []:
        if language.locale == "en":
            language.nav_translations = {g.title.zh: g.title.en for g in bank.groups} | _STATIC_NAV


_STATIC_NAV = {"练习": "Practice", "下载": "Downloads", "关于与贡献": "About & contributing"}


def _navigation(bank: Bank) -> list[object]:
    nav: list[object] = ["index.md"]
    for group in bank.groups:
        nav.append({group.title.zh: [page_path(t.slug, "zh") for t in bank.topics_of(group.slug)]})
    nav.append({"练习": "practice.md"})
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


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: object) -> str:
    return search_terms.exclude_labels(html)


def on_page_context(context: dict[str, object], page: Page, config: MkDocsConfig, nav: object) -> dict[str, object]:
    """The browser interface's strings and the kind of page, for the templates (partials/qbank-scripts.html)."""
    lang = page_lang(page)
    context["qbank_ui"] = ui_strings(lang)
    context["qbank_lang"] = lang
    context["qbank_page"] = page_kind(page.file.src_uri)
    if context["qbank_page"] == "topic":  # where its answers' bodies are (answer_bodies)
        context["qbank_answers"] = answer_bodies.script_path(lang, page_topic(page))
    if context["qbank_page"] == "practice" and _bank is not None:  # its choices (overrides/practice.html)
        context["qbank_choices"] = practice.practice_index(_bank, lang)
    return context


def page_topic(page: Page) -> str:
    """The slug of a topic page (topics/<slug>.md, topics/<slug>.en.md)."""
    return Path(page.file.src_uri).name.split(".")[0]


def page_kind(src_uri: str) -> str:
    """Which scripts a page needs: topic pages, the home page, the practice page, or none."""
    if src_uri.startswith("topics/"):
        return "topic"
    return {"index": "home", "practice": "practice"}.get(src_uri.split(".")[0], "")


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if _math is None or _bank is None:
        raise PluginError("qbank: the bank was not built in on_config")
    lang = page_lang(page)
    with _math_problems_reported(output, page, config, _bank):
        if page_kind(page.file.src_uri) == "topic" and any(t.slug == page_topic(page) for t in _bank.topics):
            return _serve_topic(output, page, config, _math, _bank)  # rendered, cut, and kept whole
        output = mathsvg.render_math(output, _math, label=t("formula", lang))
    if page_kind(page.file.src_uri) == "practice":
        output = mathsvg.with_stylesheet(output, _math)  # its cards bring SVG formulas
    return search_split.point_config_at_language_index(output, lang, page.url)


def _serve_topic(output: str, page: Page, config: MkDocsConfig, math: mathsvg.MathRenderer, bank: Bank) -> str:
    lang, topic = page_lang(page), page_topic(page)
    name = str(Path(config.site_dir) / page.file.dest_uri)
    questions = [q.id for q in bank.questions_of(topic)]
    built = served.BuiltTopic(output, lang, page.url, topic, name, questions, t("formula", lang))
    try:
        _served[lang, topic] = served.serve_topic(built, math, products(config, "topic-pages"))
    except BuiltPageError as err:
        raise PluginError(f"qbank: data cut from the built pages: {err}") from None
    except OSError as err:
        raise PluginError(f"qbank: cannot keep what the build made in {cache_dir(config)}: {err}") from None
    return _served[lang, topic].page


@contextmanager
def _math_problems_reported(output: str, page: Page, config: MkDocsConfig, bank: Bank) -> Iterator[None]:
    """MathJax's errors as the build's: each formula at its question's place in the sources."""
    try:
        yield
    except mathsvg.FormulaErrors as err:
        where = [_formula_place(output, problem, page, config, bank) for problem in err.problems]
        raise PluginError("MathJax cannot typeset these formulas:\n" + "\n".join(where)) from None
    except mathsvg.RendererMissing as err:
        raise PluginError(f"qbank: {err}") from None


def _formula_place(output: str, problem: mathsvg.Problem, page: Page, config: MkDocsConfig, bank: Bank) -> str:
    """``file:line: question ID: message: TeX`` for the question (or note) the formula sits in."""
    what = f"{problem.message}: {problem.tex}"
    section = mathsvg.heading_before(output, problem.offset)
    item = bank.by_id.get(section or "") or next((n for n in bank.notes if n.id == section), None)
    if item is None:
        return f"{page.file.src_uri}: {what}"
    source = _shown(sources_dir(config) / bank.source(item.source).file, config)
    kind = "question" if item.id in bank.by_id else "note"
    return f"{source}:{item.line}: {kind} {item.id} ({page_lang(page)}): {what}"


def _shown(path: Path, config: MkDocsConfig) -> str:
    """``path`` relative to the project (mkdocs.yml's folder) where it lies inside it."""
    project = Path(config.config_file_path).parent.resolve()
    return str(path.resolve().relative_to(project)) if path.resolve().is_relative_to(project) else str(path)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Keep each language's 404 page: mkdocs-static-i18n writes only the last one."""
    if template_name == "404.html":
        i18n = config.plugins.get("i18n")
        lang: Lang = "en" if getattr(i18n, "current_language", None) == "en" else "zh"
        _not_found_pages[lang] = output
    return output


def on_shutdown() -> None:
    if _math is not None and isinstance(_math.backend, mathsvg.NodeRenderer):
        _math.backend.close()


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if getattr(i18n, "building", False):
        # inside mkdocs-static-i18n's build of a further language: the site is not whole
        # yet (its search index is merged after this), and the outer build's call follows
        return
    table = search_terms.synonyms(_glossary)
    # the keywords depend on the glossary, and on jieba, whose user dictionary it also is
    inputs = digest(repr(_glossary), jieba.__version__, code_digest())
    try:
        with search_terms.remembered(products(config, "search-keywords"), inputs) as memo:
            search_split.split_index(Path(config.site_dir), lambda index: search_terms.add_keywords(index, table, memo))
    except OSError as err:
        raise PluginError(f"qbank: search index: {err}") from None
    try:
        not_found.write_not_found_page(Path(config.site_dir), config.site_url or "/", _not_found_pages)
    except BuiltPageError as err:
        raise PluginError(f"qbank: 404 page: {err}") from None
    # Material's source maps (about 1.3 MB) are for debugging its own code, not for readers.
    for source_map in Path(config.site_dir, "assets").rglob("*.map"):
        source_map.unlink()
    if _bank is not None:  # the answers and cards cut from the topic pages as they were served
        try:
            served.write_topic_data(Path(config.site_dir), _bank, _served)
        except (OSError, BuiltPageError) as err:
            raise PluginError(f"qbank: data cut from the built pages: {err}") from None
        _served.clear()
    try:
        search_worker.patch_search_worker(Path(config.site_dir))
    except search_worker.WorkerPatchError as err:
        raise PluginError(f"qbank: {err}") from None
    if _math is not None:
        log.info("qbank: %s", _math.summary())
        _math.reset_counts()
