"""The bank → Markdown pages: one per topic and language, plus the home page's tables.

Pages are plain Markdown with pymdownx syntax (``???`` details, ``{#id}`` attributes),
so that the site generator can change without touching this module.
"""

from __future__ import annotations

import re
import textwrap

from .model import LANGS, OTHER, Bank, EditorAnswer, Lang, Localized, Note, Question, TextStatus, Topic
from .strings import t
from .text import first_line

BOLD_LINE = re.compile(r"^\*\*[^*\n]+\*\*$")


def page_path(slug: str, lang: Lang) -> str:
    return f"topics/{slug}.md" if lang == "zh" else f"topics/{slug}.en.md"


def render_site(bank: Bank) -> dict[str, str]:
    """Every generated page: relative path under docs/ → Markdown."""
    return {page_path(topic.slug, lang): render_topic(bank, topic, lang) for topic in bank.topics for lang in LANGS}


def render_topic(bank: Bank, topic: Topic, lang: Lang) -> str:
    questions = bank.questions_of(topic.slug)
    sources = {q.source for q in questions}
    title = topic.title.get(lang) or ""
    parts = [
        f"---\ntitle: {_yaml_string(title)}\n---\n",
        f"# {title}\n",
        t(
            "topic_summary",
            lang,
            questions=len(questions),
            answered=sum(q.answered for q in questions),
            sources=len(sources),
        )
        + "\n{ .qb-summary }\n",
    ]
    parts += [render_question(bank, q, lang) for q in questions]
    notes = bank.notes_of(topic.slug)
    if notes:
        parts.append(f"## {t('notes', lang)} {{ #notes }}\n")
        parts += [render_note(bank, note, lang) for note in notes]
    return "\n".join(parts)


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _shown(text: Localized, status: dict[Lang, TextStatus], lang: Lang) -> tuple[str, Lang, list[str]]:
    """The text to show on a ``lang`` page, the language it is in, and its markers."""
    if text.get(lang):
        state = status.get(lang, "original")
        markers = [] if state == "original" else [t("translated", lang)]
        if state == "stale":
            markers.append(t("stale", lang))
        return text.get(lang) or "", lang, markers
    return text.get(OTHER[lang]) or "", OTHER[lang], [t("original_only", lang)]


def _source_badge(bank: Bank, source_id: str, lang: Lang) -> str:
    """A link to the collection's entry on the home page."""
    source = bank.source(source_id)
    name = source.short_title.get(lang) or source.title.get(lang) or source.id
    return f"[{name}](../index.md#{source.id}){{ .qb-badge .qb-source }}"


def _badge(text: str, *classes: str) -> str:
    return f"*{text}*{{ .qb-badge {' '.join('.' + c for c in classes)} }}"


def _badges(bank: Bank, question: Question, lang: Lang, markers: list[str]) -> str:
    badges = [_source_badge(bank, question.source, lang)]
    if question.difficulty:
        label = f"{t('difficulty', lang)}{t('colon', lang)}{t('difficulty_' + question.difficulty, lang)}"
        badges.append(_badge(label, "qb-difficulty", f"qb-difficulty-{question.difficulty}"))
    if question.stars:
        stars = "★" * question.stars + "☆" * (5 - question.stars)
        label = _yaml_string(t("stars", lang, n=question.stars))
        badges.append(f"*{stars}*{{ .qb-badge .qb-stars title={label} aria-label={label} }}")
    badges.append(_badge(t("answered" if question.answered else "unanswered", lang), "qb-answered"))
    badges += [_badge(marker, "qb-lang") for marker in markers]
    return " ".join(badges)


def _indent(text: str) -> str:
    return textwrap.indent(text, "    ", lambda line: bool(line.strip()))


def render_question(bank: Bank, question: Question, lang: Lang) -> str:
    text, _, markers = _shown(question.question, question.question_status, lang)
    title, _, rest = text.strip().partition("\n")
    lines = [
        f"## {title.strip()} {{ #{question.id} .qb-question {_question_data(question)} }}\n",
        _badges(bank, question, lang, markers) + "\n{ .qb-badges }\n",
    ]
    if rest.strip():
        lines.append(rest.strip() + "\n")
    if question.question_status.get(lang) in ("translated", "stale"):
        original = question.question.get(OTHER[lang]) or ""
        lines.append(f'??? quote "{t("show_original", lang)}"\n{_indent(original)}\n')
    for fix in question.corrections:
        lines.append(f'!!! info "{t("correction", lang)}"\n{_indent(fix.get(lang) or "")}\n')
    if question.editor is not None and question.editor.note.langs():
        lines.append(f'!!! note "{t("editor_note", lang)}"\n{_indent(question.editor.note.get(lang) or "")}\n')
    lines += _render_answers(bank, question, lang)
    others = [key for key in question.same_as if key != question.served_by]  # the served line links that one
    if others:
        links = t("list_separator", lang).join(_question_link(bank, bank.question(key), lang) for key in others)
        lines.append(f"{t('also_asked', lang)}{t('colon', lang)}{links}\n{{ .qb-also }}\n")
    return "\n".join(lines)


def _question_data(question: Question) -> str:
    """The question's facets as attributes, for the topic page's filters (overrides/assets/topic-tools.js)."""
    facets = [f"data-source={question.source}"]
    if question.difficulty:
        facets.append(f"data-difficulty={question.difficulty}")
    if question.stars:
        facets.append(f"data-stars={question.stars}")
    return " ".join(facets)


def _render_answers(bank: Bank, question: Question, lang: Lang) -> list[str]:
    """The collection's answer as it is, the editor's answer, or where the group's answer is."""
    parts = []
    if question.has_collection_answer:
        parts.append(_render_collection_answer(question, lang))
    if question.editor is not None and question.has_editor_answer:
        parts.append(_render_editor_answer(question.editor, lang))
    if question.served_by:
        holder = bank.question(question.served_by)
        link = _question_link(bank, holder, lang)
        served = "served_editor" if holder.has_editor_answer else "served_collection"
        corrects = question.editor.corrects.get(lang) if question.editor else None
        note = f" *{t('corrects', lang)}* {corrects}" if corrects else ""
        parts.append(f"{t(served, lang, link=link)}{note}\n{{ .qb-served }}\n")
    if not question.answered:
        parts.append(f"{t('no_answer', lang)}\n{{ .qb-no-answer }}\n")
    return parts


def _question_link(bank: Bank, question: Question, lang: Lang) -> str:
    """A link to a question from a topic page: its collection and its title."""
    source = bank.source(question.source)
    name = source.short_title.get(lang) or source.title.get(lang) or source.id
    title = first_line(question.question.get(lang) or question.question.get(OTHER[lang]) or "")
    return f"[{name}: {title.replace(']', chr(92) + ']')}]({question.topic}.md#{question.id})"


def _render_collection_answer(question: Question, lang: Lang) -> str:
    text, _, markers = _shown(question.answer, question.answer_status, lang)
    if question.accepted_collection_answer and question.editor and question.editor.reviewed:
        markers = [*markers, t("checked", lang)]
    title = t("collection_answer", lang) + "".join(f" · {m}" for m in markers)
    body = _indent(text)
    if question.answer_status.get(lang) in ("translated", "stale"):
        original = question.answer.get(OTHER[lang]) or ""
        body += f'\n\n    ??? quote "{t("show_original", lang)}"\n{textwrap.indent(_indent(original), "    ")}'
    return f'??? answer "{title}"\n{body}\n'


def _render_editor_answer(answer: EditorAnswer, lang: Lang) -> str:
    markers = [] if answer.reviewed else [t("not_reviewed", lang)]
    markers += [t("editor_stale", lang)] if answer.stale else []
    title = t("editor_answer", lang) + "".join(f" · {m}" for m in markers)
    body = answer.text.get(lang) or ""
    if answer.corrects.get(lang):
        body = f"*{t('corrects', lang)}* {answer.corrects.get(lang)}\n{{ .qb-corrects }}\n\n{body}"
    return f'??? editor "{title}"\n{_indent(body)}\n'


def render_note(bank: Bank, note: Note, lang: Lang) -> str:
    text, _, markers = _shown(note.text, note.text_status, lang)
    badges = [_source_badge(bank, note.source, lang)]
    badges += [_badge(marker, "qb-lang") for marker in markers]
    heading, body = note.headings.get(lang) or first_line(note.heading), text.strip()
    first, _, rest = body.partition("\n\n")
    if BOLD_LINE.match(first):  # a note that opens with its own bold title: that is its heading
        heading, body = first.strip("* "), rest
    return f"### {heading} {{ #{note.id} }}\n\n{' '.join(badges)}\n{{ .qb-badges }}\n\n{body}\n"


def render_topic_table(bank: Bank, lang: Lang) -> str:
    """The home page's table of topics, grouped, with counts."""
    rows = [f"| {t('col_topic', lang)} | {t('col_questions', lang)} | {t('col_answered', lang)} |", "|---|--:|--:|"]
    for group in bank.groups:
        rows.append(f"| **{group.title.get(lang)}** | | |")
        for topic in bank.topics_of(group.slug):
            questions = bank.questions_of(topic.slug)
            link = page_path(topic.slug, "zh")
            answered = sum(q.answered for q in questions)
            rows.append(f"| [{topic.title.get(lang)}]({link}) | {len(questions)} | {answered} |")
    total = sum(q.answered for q in bank.questions)
    rows.append(f"| **{t('total', lang)}** | **{len(bank.questions)}** | **{total}** |")
    return "\n".join(rows) + "\n"


def render_repository(repo_url: str | None, lang: Lang) -> str:
    """Where the site's sources live, for the contributing page (a local build knows none)."""
    if not repo_url:
        return t("no_repository", lang)
    return t("repository", lang, url=repo_url.rstrip("/"))


def render_source_list(bank: Bank, lang: Lang) -> str:
    """The home page's list of collections with attribution and licence."""
    parts = []
    for source in bank.sources:
        count = sum(q.source == source.id for q in bank.questions)
        parts.append(f"### {source.title.get(lang) or source.id} {{ #{source.id} }}\n")
        facts = [
            t("fact", lang, name=t("col_questions", lang), value=count),
            t("fact", lang, name=t("author", lang), value=source.attribution.author.get(lang) or "—"),
            t("fact", lang, name=t("licence", lang), value=source.attribution.licence.get(lang) or "—"),
        ]
        if source.attribution.url:
            facts.append(t("fact", lang, name=t("link", lang), value=f"<{source.attribution.url}>"))
        parts.append("\n".join(f"- {fact}" for fact in facts) + "\n")
        if source.preface.langs():
            preface = source.preface.get(lang) or source.preface.get(OTHER[lang]) or ""
            parts.append(f'??? quote "{source.file}"\n{_indent(preface)}\n')
    return "\n".join(parts)
