"""Every interface string of the generated pages, in both languages, in one place."""

from __future__ import annotations

from .model import LANGS, Lang

STRINGS: dict[str, dict[str, str]] = {
    "collection_answer": {"zh": "题库答案", "en": "Collection's answer"},
    "editor_answer": {"zh": "编者答案", "en": "Editor's answer"},
    "not_reviewed": {"zh": "待审校", "en": "not yet reviewed"},
    "editor_stale": {"zh": "题目已改动，答案待更新", "en": "the question changed since"},
    "checked": {"zh": "编者已核对", "en": "checked by the editors"},
    "corrects": {"zh": "与题库答案相比：", "en": "Compared with the collection's answer:"},
    "served_editor": {
        "zh": "**编者答案**：与 {link} 是同一道题，答案见该题。",
        "en": "**Editor's answer**: the same question as {link}; its answer is there.",
    },
    "served_collection": {
        "zh": "**答案**：与 {link} 是同一道题，那里有题库答案。",
        "en": "**Answer**: the same question as {link}, which has the collection's answer.",
    },
    "also_asked": {"zh": "也见于", "en": "Also asked in"},
    "repository": {
        "zh": "本站的全部内容和代码都在仓库 <{url}> 中：[提交问题]({url}/issues/new)或发起 Pull Request 即可参与。",
        "en": "All of the site's content and code is in the repository <{url}>: "
        "[open an issue]({url}/issues/new) or a pull request to take part.",
    },
    "no_repository": {
        "zh": "这是一份本地构建，没有配置仓库地址（发布到 GitHub Pages 时会自动填写）。",
        "en": "This is a local build with no repository configured (the GitHub Pages build fills it in).",
    },
    "no_answer": {
        "zh": "暂无答案。欢迎[补充一个答案](../about.md#add-an-answer)。",
        "en": "No answer yet. You can [contribute one](../about.md#add-an-answer).",
    },
    "difficulty_E": {"zh": "易", "en": "Easy"},
    "difficulty_M": {"zh": "中", "en": "Medium"},
    "difficulty_H": {"zh": "难", "en": "Hard"},
    "difficulty": {"zh": "难度", "en": "Difficulty"},
    "stars": {"zh": "出现频率 {n}/5", "en": "Asked often: {n}/5"},
    "answered": {"zh": "有答案", "en": "Answered"},
    "unanswered": {"zh": "无答案", "en": "No answer"},
    "original_only": {"zh": "原文 · 英文", "en": "Original · Chinese"},
    "translated": {"zh": "译", "en": "Translated"},
    "stale": {"zh": "译文待更新", "en": "Translation outdated"},
    "show_original": {"zh": "查看原文", "en": "Show the original"},
    "notes": {"zh": "笔记与参考资料", "en": "Notes & references"},
    "correction": {"zh": "编者更正", "en": "Editor's correction"},
    "editor_note": {"zh": "编者注", "en": "Editor's note"},
    "colon": {"zh": "：", "en": ": "},
    "list_separator": {"zh": "；", "en": "; "},
    "topic_summary": {
        "zh": "本页共 {questions} 道题，其中 {answered} 道有答案，来自 {sources} 个题库。",
        "en": "{questions} questions on this page, {answered} with answers, from {sources} collections.",
    },
    "col_topic": {"zh": "主题", "en": "Topic"},
    "col_questions": {"zh": "题目", "en": "Questions"},
    "col_answered": {"zh": "有答案", "en": "Answered"},
    "col_source": {"zh": "题库", "en": "Collection"},
    "fact": {"zh": "{name}：{value}", "en": "{name}: {value}"},
    "author": {"zh": "作者", "en": "Author"},
    "licence": {"zh": "许可", "en": "Licence"},
    "link": {"zh": "原始链接", "en": "Original"},
    "format": {"zh": "格式", "en": "Format"},
    "total": {"zh": "合计", "en": "Total"},
    # the accessible name of a formula wide enough to scroll in its own box
    "formula": {"zh": "公式", "en": "Formula"},
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The interface string ``key`` in ``lang``; an unknown key is a bug and raises."""
    return STRINGS[key][lang].format(**values)


def missing_strings() -> list[str]:
    return [f"{key}.{lang}" for key, texts in STRINGS.items() for lang in LANGS if not texts.get(lang)]
