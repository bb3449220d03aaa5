"""The editorial layer: editor answers as data, their review, duplicate groups, and the
shipped answers themselves (code runs, numbers are checked, no placeholders)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from helpers import ROOT, make_sources, run_cli
from qbank.answers import question_fingerprint, question_text
from qbank.build import build_bank, build_site_bank
from qbank.export import answered_in, bank_as_json
from qbank.model import InputError
from qbank.pages import render_site

TEXT = "## 甲\n\n1. 什么是过拟合⭐⭐\n2. 什么是过拟合？怎么判断⭐\n3. 说说 KL 散度⭐⭐⭐\n"
ENTRY = {"file": "c.md", "format": "starred-list", "lang": "zh"}


def sources_with(tmp_path: Path, answers: dict | None = None, groups: list | None = None) -> Path:
    folder = make_sources(tmp_path / "sources", [ENTRY], {"c.md": TEXT}, ["甲"])
    bank = build_bank(folder)
    ids = [q.id for q in bank.questions]
    if answers is not None:
        stamped = {}
        for index, entry in answers.items():
            question = bank.questions[index]
            stamped[ids[index]] = {"from": question_fingerprint(question), "original": question_text(question), **entry}
        (folder / "answers").mkdir()
        (folder / "answers" / "all.yml").write_text(yaml.safe_dump({"answers": stamped}, allow_unicode=True), "utf-8")
    if groups is not None:
        data = {"groups": [{"ids": [ids[i] for i in group]} for group in groups]}
        (folder / "duplicates.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
    return folder


EDITOR = {
    "verdict": "editor",
    "reviewed": True,
    "zh": "过拟合是指模型在训练集上表现好、在新数据上表现差。",
    "en": "Overfitting is doing well on the training set and badly on new data.",
    "note": {"zh": "题目少了问号。", "en": "The question lacks its question mark."},
}


def test_an_editor_answer_is_shown_labelled_beside_the_collections(tmp_path: Path) -> None:
    bank = build_site_bank(sources_with(tmp_path, {0: EDITOR}, [[0, 1]])).bank
    first, second, third = bank.questions
    assert first.has_editor_answer and first.editor and first.editor.reviewed
    assert second.served_by == first.id and second.same_as == [first.id] and first.same_as == [second.id]
    assert not third.answered
    pages = render_site(bank)
    zh, en = pages["topics/all.md"], pages["topics/all.en.md"]
    assert '??? editor "编者答案"' in zh and '??? editor "Editor\'s answer"' in en
    assert "编者注" in zh and "The question lacks its question mark." in en
    assert f"(all.md#{first.id})" in zh.split(f"#{second.id} ")[1]  # the served member links its answer
    assert "也见于" in zh and "Also asked in" in en


def test_an_unreviewed_answer_says_so(tmp_path: Path) -> None:
    bank = build_site_bank(sources_with(tmp_path, {0: {**EDITOR, "reviewed": False}})).bank
    assert '??? editor "Editor\'s answer · not yet reviewed"' in render_site(bank)["topics/all.en.md"]


def test_a_reworded_question_marks_its_answer_stale(tmp_path: Path) -> None:
    folder = sources_with(tmp_path, {2: EDITOR})
    (folder / "c.md").write_text(TEXT.replace("说说 KL 散度", "说说 KL 散度的定义"), encoding="utf-8")
    built = build_site_bank(folder)
    kl = next(q for q in built.bank.questions if "KL" in (q.question.zh or ""))
    assert kl.editor and kl.editor.stale and built.answers.stale == [kl.id]
    assert "the question changed since" in render_site(built.bank)["topics/all.en.md"]
    assert f"stale: {kl.id}" in run_cli("stats", "--sources", folder).stdout


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"verdict": "maybe", "reviewed": True}, "'verdict' must be one of editor, collection, group"),
        ({"verdict": "editor", "reviewed": True, "zh": "只有中文"}, "the editor answer must have non-empty"),
        ({**EDITOR, "reviewed": "yes"}, "'reviewed' must be true or false"),
        ({"verdict": "collection", "reviewed": True}, "'verdict: collection' accepts the collection's own answer"),
        ({"verdict": "group", "reviewed": True}, "'verdict: group' needs a group"),
        ({**EDITOR, "colour": "red"}, "unknown key 'colour'"),
    ],
)
def test_a_bad_answer_entry_is_located(tmp_path: Path, entry: dict, message: str) -> None:
    with pytest.raises(InputError) as caught:
        build_site_bank(sources_with(tmp_path, {0: entry}))
    problems = [str(p) for p in caught.value.problems]
    assert any(p.startswith("sources/answers/all.yml:") and message in p for p in problems), problems


def test_bad_duplicate_groups_are_located(tmp_path: Path) -> None:
    folder = sources_with(tmp_path, groups=[[0, 1], [1, 2]])
    text = (folder / "duplicates.yml").read_text(encoding="utf-8") + "- ids: [qnosuch1, qnosuch2]\n"
    (folder / "duplicates.yml").write_text(text.replace("groups:\n", "groups:\n", 1), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build_site_bank(folder)
    problems = [str(p) for p in caught.value.problems]
    assert any("is already in the group on line" in p for p in problems), problems
    assert any("no question has the id qnosuch1" in p for p in problems), problems


def test_the_answers_workflow_files_what_it_lists(tmp_path: Path) -> None:
    folder = sources_with(tmp_path)
    todo = yaml.safe_load(run_cli("answers", "todo", "--sources", folder).stdout)
    assert [e["verdict"] for e in todo] == ["editor"] * 3
    todo[0] |= {"zh": EDITOR["zh"], "en": EDITOR["en"]}
    work = tmp_path / "work.yml"
    work.write_text(yaml.safe_dump(todo[:1], allow_unicode=True), encoding="utf-8")
    assert run_cli("answers", "add", work, "--sources", folder).returncode == 0
    bank = build_site_bank(folder).bank
    assert bank.questions[0].has_editor_answer and not bank.questions[0].editor.reviewed
    assert len(yaml.safe_load(run_cli("answers", "todo", "--sources", folder).stdout)) == 2
    assert len(yaml.safe_load(run_cli("answers", "todo", "--review", "--sources", folder).stdout)) == 1


def test_the_json_bank_carries_the_editorial_layer(tmp_path: Path) -> None:
    import json

    bank = build_site_bank(sources_with(tmp_path, {0: EDITOR}, [[0, 1]])).bank
    first, second, _ = json.loads(bank_as_json(bank))["questions"]
    assert first["editor_answer"] == {"zh": EDITOR["zh"], "en": EDITOR["en"]} and first["reviewed"] is True
    assert first["answer"] == {"zh": None, "en": None}
    assert second["editor_answer"] is None and second["same_as"] == [first["id"]]
    assert first["corrections"] == [EDITOR["note"]]


def test_a_bracketed_range_stays_text(tmp_path: Path) -> None:
    text = "> 1、归一化的作用\n<details>\n<summary>答案</summary>\n限定在[0,1]或者[-1,1]之间\n</details>\n"
    entry = {"file": "c.md", "format": "details-qa", "lang": "zh", "sections": {1: "甲"}}
    bank = build_bank(make_sources(tmp_path, [entry], {"c.md": text}, ["甲"]))
    assert "$$" not in (bank.questions[0].answer.zh or "") and "[0,1" in (bank.questions[0].answer.zh or "")


# The shipped answers.

CODE = re.compile(r"^(?P<indent> *)```python\n(?P<code>.*?)^(?P=indent)```", re.S | re.M)
PLACEHOLDERS = re.compile(r"\bTBD\b|\bTODO\b|beyond the scope|超出(本文|本题|讨论)的?范围|此处从?略|待补充", re.I)
FENCE = re.compile(r"^ *```.*?^ *```", re.S | re.M)


@pytest.fixture(scope="module")
def editor_answers(bank) -> dict[tuple[str, str], str]:
    return {
        (q.id, lang): q.editor.text.get(lang) or ""
        for q in bank.questions
        if q.has_editor_answer
        for lang in ("zh", "en")
    }


def code_blocks(bank) -> dict[str, str]:
    """Every Python block of every shipped editor answer (the same code in both languages once)."""
    blocks: dict[str, str] = {}
    for q in bank.questions:
        for lang in ("en", "zh"):
            for number, match in enumerate(CODE.finditer(q.editor.text.get(lang) or "" if q.editor else "")):
                code = re.sub(rf"(?m)^{match['indent']}", "", match["code"])
                if code not in blocks.values():
                    blocks[f"{q.id}-{lang}-{number}"] = code
    return blocks


def _shipped_blocks() -> dict[str, str]:
    return code_blocks(build_site_bank(ROOT / "sources").bank)


SHIPPED_BLOCKS = _shipped_blocks()


def test_answers_with_code_exist() -> None:
    assert len(SHIPPED_BLOCKS) >= 10  # the parametrised test below is not vacuous


@pytest.mark.parametrize("name", sorted(SHIPPED_BLOCKS))
def test_the_code_in_an_answer_runs_and_checks_itself(name: str) -> None:
    code = SHIPPED_BLOCKS[name]
    assert re.search(r"^\s*assert\b", code, re.M), f"{name}: a block must check its result with assert"
    exec(compile(code, name, "exec"), {"__name__": f"answer_{name.replace('-', '_')}"})


def test_answers_have_no_placeholders_headings_or_raw_tex_delimiters(editor_answers) -> None:
    problems = []
    for (qid, lang), text in editor_answers.items():
        prose = FENCE.sub("", text)
        if PLACEHOLDERS.search(prose):
            problems.append(f"{qid}.{lang}: placeholder {PLACEHOLDERS.search(prose)[0]!r}")
        if re.search(r"^#", prose, re.M):
            problems.append(f"{qid}.{lang}: a heading")
        if "&lt;" in prose.replace("`&lt;", ""):
            problems.append(f"{qid}.{lang}: raw HTML")
    assert problems == []


# Every question of the bank has a reviewed answer in both languages (the editorial
# issues completed it topic by topic); a new collection's questions start unanswered and
# are listed here until they are answered.
NOT_YET_ANSWERED: set[str] = set()


def test_every_question_has_a_reviewed_answer_in_both_languages(bank) -> None:
    by_id = {q.id: q for q in bank.questions}
    problems = []
    for q in (q for q in bank.questions if q.source not in NOT_YET_ANSWERED):
        own = q.editor if q.editor else None
        served = by_id[q.served_by].editor if q.served_by else None
        if not q.answered:
            problems.append(f"{q.topic}: {q.id} has no answer")
        for lang in ("zh", "en"):
            if not answered_in(q, lang, bank):
                problems.append(f"{q.topic}: {q.id} has no answer in {lang}")
        for editor in (own, served):
            if editor is not None and (not editor.reviewed or editor.stale):
                problems.append(f"{q.topic}: {q.id} rests on an unreviewed or stale editor answer")
        if own is None:
            problems.append(f"{q.topic}: {q.id} was never looked at by an editor")
    assert problems == []


def test_the_shipped_answers_file_cleanly(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    result = run_cli("check", "--sources", tmp_path / "sources")
    assert result.returncode == 0, result.stderr


def test_filing_an_answer_again_after_its_question_moved_leaves_one_entry(tmp_path: Path) -> None:
    from qbank.answers import file_answers

    folder = sources_with(tmp_path, {0: EDITOR})
    key = build_bank(folder).questions[0].id
    record = yaml.safe_load((folder / "answers" / "all.yml").read_text(encoding="utf-8"))["answers"][key]
    file_answers(folder, "elsewhere", [(key, record)])
    files = {
        p.name: yaml.safe_load(p.read_text(encoding="utf-8"))["answers"] for p in (folder / "answers").glob("*.yml")
    }
    assert files == {"all.yml": {}, "elsewhere.yml": {key: record}}
    assert build_site_bank(folder).bank.questions[0].has_editor_answer


def test_one_editor_answer_serves_each_duplicate_group(bank) -> None:
    """A page never repeats an answer: in a group of the same question, one member holds the
    editor answer and the others link to it."""
    groups = yaml.safe_load((ROOT / "sources" / "duplicates.yml").read_text(encoding="utf-8"))["groups"]
    by_id = {q.id: q for q in bank.questions}
    assert len(groups) > 50
    for group in groups:
        holders = [key for key in group["ids"] if by_id[key].has_editor_answer]
        assert len(holders) <= 1, group["ids"]
        assert all(by_id[key].served_by in (None, *holders) or not holders for key in group["ids"]), group["ids"]


def test_the_review_list_keeps_each_entrys_verdict(tmp_path: Path) -> None:
    group = {"verdict": "group", "reviewed": False}
    folder = sources_with(tmp_path, {0: EDITOR | {"reviewed": False}, 1: group}, [[0, 1]])
    listed = yaml.safe_load(run_cli("answers", "todo", "--review", "--sources", folder).stdout)
    assert [e["verdict"] for e in listed] == ["editor", "group"]
    work = tmp_path / "work.yml"
    work.write_text(yaml.safe_dump(listed, allow_unicode=True), encoding="utf-8")
    assert run_cli("answers", "add", work, "--sources", folder).returncode == 0  # filed back unchanged
    assert run_cli("check", "--sources", folder).returncode == 0
