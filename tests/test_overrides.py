"""Theme overrides that survive Material upgrades: a copied partial must match its origin."""

from __future__ import annotations

import re
from pathlib import Path

import material
from helpers import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"
JINJA_COMMENT = re.compile(r"\{#-?.*?-?#\}\n?", re.S)
# What each copied partial changes, as (Material's text, ours).
CHANGES = {
    "partials/copyright.html": [
        ("Made with", '{{ "本站使用" if config.theme.language == "zh" else "Made with" }}'),
    ],
    "partials/search.html": [
        ('role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">'),
    ],
}


def test_every_copied_template_is_listed_here() -> None:
    copied = {str(p.relative_to(OVERRIDES)) for p in OVERRIDES.rglob("*.html")} & {
        str(p.relative_to(MATERIAL)) for p in MATERIAL.rglob("*.html")
    }
    # main.html and 404.html extend Material's templates (blocks), they do not copy them
    assert copied - {"main.html", "404.html"} == set(CHANGES)


def test_copied_partials_differ_from_materials_only_by_their_documented_change() -> None:
    for name, changes in CHANGES.items():
        upstream = JINJA_COMMENT.sub("", (MATERIAL / name).read_text(encoding="utf-8"))
        for theirs, ours in changes:
            assert upstream.count(theirs) == 1, f"{name}: Material changed; copy it again"
            upstream = upstream.replace(theirs, ours)
        assert JINJA_COMMENT.sub("", (OVERRIDES / name).read_text(encoding="utf-8")) == upstream


def test_block_overrides_extend_material_rather_than_copy_it() -> None:
    main = (OVERRIDES / "main.html").read_text(encoding="utf-8")
    assert '{% extends "base.html" %}' in main
    assert "super()" in main.split("{% block site_meta %}")[1].split("{% endblock %}")[0]
