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
    "author": {"zh": "作者", "en": "Author"},
    "licence": {"zh": "许可", "en": "Licence"},
    "link": {"zh": "原始链接", "en": "Original"},
    "format": {"zh": "格式", "en": "Format"},
    "total": {"zh": "合计", "en": "Total"},
    # exports (scripts/qbank/exports/) and the downloads pages
    "anki_deck": {"zh": "ML/DL 面试题库", "en": "ML-DL interview questions"},
    "anki_card": {"zh": "问答", "en": "Question and answer"},
    "other_language": {"zh": "English", "en": "中文"},
    "book_title": {"zh": "ML/DL 面试题库", "en": "ML/DL Interview Question Bank"},
    "book_subtitle": {
        "zh": "机器学习 / 深度学习面试题与答案",
        "en": "Machine learning and deep learning interview questions with answers",
    },
    "book_facts": {
        "zh": "共 {questions} 道题，来自 {collections} 个题库 · {date}",
        "en": "{questions} questions from {collections} collections · {date}",
    },
    "book_copyright": {
        "zh": "题目版权归各题库原作者所有；编者答案为本站所写。",
        "en": "The questions belong to the authors of their collections; the editor answers were written for the site.",
    },
    "book_contents": {"zh": "目录", "en": "Contents"},
    "downloads_missing": {
        "zh": "这份构建还没有下载文件：运行 `make exports`（在 `make site` 之后）即可生成，并在这里列出。",
        "en": "This build has no download files yet: `make exports` (after `make site`) writes them "
        "and lists them here.",
    },
    "col_file": {"zh": "文件", "en": "File"},
    "col_content": {"zh": "内容", "en": "Content"},
    "col_size": {"zh": "大小", "en": "Size"},
    "col_date": {"zh": "日期", "en": "Date"},
    "download_anki": {"zh": "Anki 卡组", "en": "Anki deck"},
    "download_pdf": {"zh": "PDF 电子书", "en": "PDF book"},
    "download_json": {"zh": "JSON 题库（全部字段）", "en": "JSON bank (every field)"},
    "download_csv": {"zh": "CSV 表格（每题一行，双语）", "en": "CSV table (a row per question, both languages)"},
    "download_readme": {"zh": "许可与署名（文本）", "en": "Licences and attribution (text)"},
    "download_zip": {"zh": "整站离线包", "en": "The whole site, offline"},
    "lang_zh": {"zh": "中文为主", "en": "Chinese first"},
    "lang_en": {"zh": "英文为主", "en": "English first"},
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The interface string ``key`` in ``lang``; an unknown key is a bug and raises."""
    return STRINGS[key][lang].format(**values)


def missing_strings() -> list[str]:
    return [f"{key}.{lang}" for key, texts in STRINGS.items() for lang in LANGS if not texts.get(lang)]
