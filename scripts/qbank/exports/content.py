"""What every export says about one question, in one language: the texts and labels the
site shows, and the question's permalink."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import OTHER, Bank, Lang, Localized, Question
from ..pages import page_path
from ..strings import t


@dataclass(frozen=True)
class Labelled:
    """A text (Markdown) with the label the site gives it, e.g. "编者答案"."""

    label: str
    text: str


@dataclass(frozen=True)
class QuestionView:
    """One question as a ``lang`` reader sees it."""

    id: str
    lang: Lang
    question: str  # Markdown, in ``lang`` where it exists, else in the other language
    meta: list[str]  # topic, difficulty, stars
    answers: list[Labelled]
    permalink: str


def permalink(site_url: str, question: Question, lang: Lang) -> str:
    """The question on the published site: site_url + page + #id (the offline build's .html URLs)."""
    page = page_path(question.topic, lang).removesuffix(".md").removesuffix(".en")
    prefix = "" if lang == "zh" else "en/"
    return f"{site_url}{prefix}{page}.html#{question.id}"


def in_lang(text: Localized, lang: Lang) -> tuple[str, bool]:
    """The text in ``lang``, or else in the other language (then ``True``: it is the original)."""
    own = text.get(lang)
    return (own, False) if own else (text.get(OTHER[lang]) or "", True)


def meta_of(bank: Bank, question: Question, lang: Lang) -> list[str]:
    topic = next(topic for topic in bank.topics if topic.slug == question.topic)
    meta = [topic.title.get(lang) or topic.slug]
    if question.difficulty:
        meta.append(f"{t('difficulty', lang)}{t('colon', lang)}{t('difficulty_' + question.difficulty, lang)}")
    if question.stars:
        meta.append("★" * question.stars + "☆" * (5 - question.stars))
    return meta


def answers_of(bank: Bank, question: Question, lang: Lang) -> list[Labelled]:
    """The collection's and the editor's answers, labelled as on the site; a question served
    by its duplicate group carries that group's answers (a card must stand on its own)."""
    holder = bank.question(question.served_by) if question.served_by else question
    answers = []
    if holder.has_collection_answer:
        text, original = in_lang(holder.answer, lang)
        answers.append(Labelled(_label("collection_answer", lang, original), text))
    if holder.editor is not None and holder.has_editor_answer:
        text, original = in_lang(holder.editor.text, lang)
        label = _label("editor_answer", lang, original)
        if not holder.editor.reviewed:
            label += f" · {t('not_reviewed', lang)}"
        corrects = holder.editor.corrects.get(lang)
        answers.append(Labelled(label, f"*{t('corrects', lang)}* {corrects}\n\n{text}" if corrects else text))
    return answers


def _label(key: str, lang: Lang, original: bool) -> str:
    return t(key, lang) + (f" · {t('original_only', lang)}" if original else "")


def view(bank: Bank, question: Question, lang: Lang, site_url: str) -> QuestionView:
    text, original = in_lang(question.question, lang)
    meta = meta_of(bank, question, lang) + ([t("original_only", lang)] if original else [])
    return QuestionView(
        question.id, lang, text, meta, answers_of(bank, question, lang), permalink(site_url, question, lang)
    )
