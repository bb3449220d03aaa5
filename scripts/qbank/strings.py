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
    tables = (STRINGS, UI_STRINGS)
    return [
        f"{key}.{lang}" for table in tables for key, texts in table.items() for lang in LANGS if not texts.get(lang)
    ]


# The browser interface (practice page, progress and filters on topic pages): given to the
# scripts as JSON by the page template (overrides/main.html), so no script holds a string.
# "{n}"-style placeholders are filled in by the scripts.
UI_STRINGS: dict[str, dict[str, str]] = {
    "practice_title": {"zh": "练习", "en": "Practice"},
    "mode_review": {"zh": "间隔复习", "en": "Spaced review"},
    "mode_mock": {"zh": "模拟面试", "en": "Mock interview"},
    "choose": {"zh": "选择题目", "en": "Choose questions"},
    "topics": {"zh": "主题", "en": "Topics"},
    "groups": {"zh": "分组", "en": "Groups"},
    "stars": {"zh": "出现频率（★）", "en": "Asked often (★)"},
    "collections": {"zh": "题库", "en": "Collections"},
    "my_state": {"zh": "我的状态", "en": "My state"},
    "all": {"zh": "全部", "en": "All"},
    "none": {"zh": "不限", "en": "Any"},
    "no_difficulty": {"zh": "未标难度", "en": "Not rated"},
    "no_stars": {"zh": "无 ★", "en": "No ★"},
    "state_new": {"zh": "未学", "en": "New"},
    "state_learning": {"zh": "学习中", "en": "Learning"},
    "state_known": {"zh": "已掌握", "en": "Known"},
    "state_due": {"zh": "今日待复习", "en": "Due today"},
    "state_label": {"zh": "我的状态：{title}", "en": "My state: {title}"},
    "new_per_day": {"zh": "每日新题上限", "en": "New questions per day"},
    "start": {"zh": "开始", "en": "Start"},
    "counts": {
        "zh": "待复习 {due} · 新题 {new} · 今日已完成 {done}",
        "en": "Due {due} · New {new} · Done today {done}",
    },
    "selected": {"zh": "已选 {n} 道题", "en": "{n} questions selected"},
    "show_answer": {"zh": "显示答案", "en": "Show answer"},
    "answer_heading": {"zh": "答案", "en": "Answer"},
    "grade_1": {"zh": "重来", "en": "Again"},
    "grade_2": {"zh": "困难", "en": "Hard"},
    "grade_3": {"zh": "良好", "en": "Good"},
    "grade_4": {"zh": "简单", "en": "Easy"},
    "grades": {"zh": "评分", "en": "Grade"},
    "undo": {"zh": "撤销上次评分", "en": "Undo last grade"},
    "undone": {"zh": "已撤销上次评分。", "en": "Last grade undone."},
    "graded": {"zh": "已评分：{grade}，下次 {interval}。", "en": "Graded {grade}; next in {interval}."},
    "open_question": {"zh": "在主题页查看本题", "en": "Open this question on its topic page"},
    "finished": {
        "zh": "今天的复习完成了。可以调高每日新题上限，或明天再来。",
        "en": "Nothing left for today. Raise the daily limit of new questions, or come back tomorrow.",
    },
    "nothing_selected": {"zh": "所选范围内没有题目。", "en": "No question matches this choice."},
    "card_of": {"zh": "第 {n} 题，共 {total} 题", "en": "Question {n} of {total}"},
    "interval_minutes": {"zh": "{n} 分钟", "en": "{n} min"},
    "interval_hours": {"zh": "{n} 小时", "en": "{n} h"},
    "interval_days": {"zh": "{n} 天", "en": "{n} d"},
    "interval_months": {"zh": "{n} 个月", "en": "{n} mo"},
    "keys_hint": {
        "zh": "键盘：空格 显示答案，1–4 评分，U 撤销。",
        "en": "Keys: Space shows the answer, 1–4 grade, U undoes.",
    },
    "mock_count": {"zh": "题数", "en": "Questions"},
    "mock_seconds": {"zh": "每题限时（秒）", "en": "Seconds per question"},
    "mock_start": {"zh": "开始模拟面试", "en": "Start the mock interview"},
    "timer": {"zh": "剩余时间", "en": "Time left"},
    "pause": {"zh": "暂停", "en": "Pause"},
    "resume": {"zh": "继续", "en": "Resume"},
    "time_up": {"zh": "时间到。", "en": "Time is up."},
    "score_question": {"zh": "自评", "en": "Score yourself"},
    "score_0": {"zh": "没答出", "en": "Missed"},
    "score_1": {"zh": "部分答出", "en": "Partly"},
    "score_2": {"zh": "答得好", "en": "Well"},
    "summary": {"zh": "模拟面试小结", "en": "Mock interview summary"},
    "summary_score": {"zh": "得分 {score} / {max}", "en": "Score {score} / {max}"},
    "add_weak": {"zh": "把薄弱的题加入复习", "en": "Add the weak ones to review"},
    "added_weak": {"zh": "已把 {n} 道题加入复习。", "en": "{n} questions added to review."},
    "again_mock": {"zh": "再来一轮", "en": "Another round"},
    "your_data": {"zh": "我的数据", "en": "Your data"},
    "export": {"zh": "导出进度", "en": "Export progress"},
    "import": {"zh": "导入进度", "en": "Import progress"},
    "export_csv": {"zh": "导出复习记录（FSRS 优化器 CSV）", "en": "Export the review log (FSRS optimizer CSV)"},
    "clear_progress": {"zh": "清除本浏览器中的进度", "en": "Clear the progress in this browser"},
    "clear_confirm": {
        "zh": "确定清除？清除前会先下载一份导出文件。",
        "en": "Clear it? An export file is downloaded first.",
    },
    "cleared": {"zh": "进度已清除（已先导出）。", "en": "Progress cleared (exported first)."},
    "imported": {
        "zh": "已导入：{cards} 张卡片、{reviews} 条复习记录（较新的复习优先）。",
        "en": "Imported {cards} cards and {reviews} reviews (the newest review wins).",
    },
    "import_failed": {"zh": "无法导入该文件：{error}", "en": "Cannot import this file: {error}"},
    "unreadable": {
        "zh": "本浏览器中保存的进度无法读取，已原样保留在 {key} 中，没有删除；新的进度另行保存。",
        "en": "The progress saved in this browser could not be read; it is kept as it was under {key},"
        " not deleted, and new progress is saved apart.",
    },
    "firefox_file": {
        "zh": "Firefox 为每个本地（file://）页面单独保存数据，各页的进度互不相通。"
        "请用“导出进度 / 导入进度”转移，或在站点目录的上一级运行 {command}，再打开 http://localhost:8000/。",
        "en": "Firefox keeps a separate store for each page opened from disk (file://), so progress is not"
        " shared between pages. Move it with Export / Import progress, or run {command} next to the site"
        " folder and open http://localhost:8000/.",
    },
    "no_storage": {
        "zh": "本浏览器不允许保存数据，进度只在本页有效。",
        "en": "This browser does not allow saving data; progress lasts only while this page is open.",
    },
    "progress_line": {
        "zh": "我的进度：已掌握 {known} / {total} · 今日待复习 {due}",
        "en": "My progress: {known} / {total} known · {due} due today",
    },
    "progress_cell": {"zh": "{known}/{total} · 待复习 {due}", "en": "{known}/{total} · {due} due"},
    "col_progress": {"zh": "我的进度", "en": "My progress"},
    "practice_link": {"zh": "去练习", "en": "Practise"},
    "filters": {"zh": "筛选", "en": "Filter"},
    "showing": {"zh": "显示 {shown} / {total} 道题", "en": "Showing {shown} of {total} questions"},
    "clear_filters": {"zh": "清除筛选", "en": "Clear filters"},
    "expand_all": {"zh": "展开全部答案", "en": "Expand all answers"},
    "collapse_all": {"zh": "收起全部答案", "en": "Collapse all answers"},
    "answers_not_loaded": {
        "zh": "（答案尚未载入：请按 Ctrl+P 打印本页，或下载 PDF 版。）",
        "en": "(The answer was not loaded yet: print with Ctrl+P, or download the PDF.)",
    },
}


# The generated pages' strings the scripts show too (the same words in both places).
SHARED_WITH_UI = ("difficulty", "difficulty_E", "difficulty_M", "difficulty_H")


def ui_strings(lang: Lang) -> dict[str, str]:
    """The browser interface's strings in ``lang`` (for the page templates)."""
    shared = {key: STRINGS[key][lang] for key in SHARED_WITH_UI}
    return shared | {key: texts[lang] for key, texts in UI_STRINGS.items()}
