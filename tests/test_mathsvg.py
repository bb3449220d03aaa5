"""Formulas rendered at build time (qbank.mathsvg): the cache, the page rewrite, real MathJax."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import CountingBackend
from qbank.mathsvg import (
    Formula,
    FormulaErrors,
    MathRenderer,
    NodeRenderer,
    Rendered,
    formula_of,
    glyph_defs,
    glyphs_of,
    heading_before,
    render_math,
    split_glyphs,
    with_glyphs,
)

needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="node renders the formulas")


def one(renderer: MathRenderer, tex: str, display: bool = False) -> Rendered | str:
    [result] = renderer.formulas([Formula(tex, display)])
    return result


def test_a_cached_formula_is_not_rendered_again(tmp_path: Path) -> None:
    backend = CountingBackend()
    first = MathRenderer(backend, tmp_path)
    assert one(first, "a^2") == one(first, "a^2")
    assert len(backend.calls) == 1  # the same build: from memory
    second = MathRenderer(backend, tmp_path)  # the next build: from the disk cache
    assert one(second, "a^2") == one(first, "a^2")
    assert second.rendered == 0 and len(backend.calls) == 1
    one(second, "a^2", display=True)  # display mode is another formula
    assert backend.calls == [Formula("a^2", False), Formula("a^2", True)]


def test_the_stylesheet_is_cached_with_the_formulas(tmp_path: Path) -> None:
    class Counting(CountingBackend):
        asked = 0

        def stylesheet(self) -> str:
            Counting.asked += 1
            return super().stylesheet()

    first = MathRenderer(Counting(), tmp_path).stylesheet()
    assert MathRenderer(Counting(), tmp_path).stylesheet() == first  # the next build: no node
    assert Counting.asked == 1


def test_a_page_sends_its_new_formulas_in_one_batch(tmp_path: Path) -> None:
    backend = CountingBackend()
    renderer = MathRenderer(backend, tmp_path)
    renderer.formulas([Formula("a", False), Formula("b", False), Formula("a", False)])
    assert backend.calls == [Formula("a", False), Formula("b", False)] and renderer.occurrences == 3


def test_a_new_renderer_version_renders_again(tmp_path: Path) -> None:
    backend = CountingBackend()
    one(MathRenderer(backend, tmp_path), "a^2")
    backend.version = "test-2"
    renderer = MathRenderer(backend, tmp_path)
    renderer.forget_other_versions()
    one(renderer, "a^2")
    assert len(backend.calls) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["test-2"]


def test_errors_are_not_cached(tmp_path: Path) -> None:
    backend = CountingBackend()
    for _ in range(2):
        assert str(one(MathRenderer(backend, tmp_path), "\\bad")).startswith("Undefined")
    assert len(backend.calls) == 2


def test_formula_of_strips_delimiters_and_entities() -> None:
    assert formula_of(r"\(a &lt; b &amp; c\)", "span") == Formula("a < b & c", False)
    assert formula_of(r"\[x\]", "div") == Formula("x", True)
    assert formula_of(r"\begin{align}x\end{align}", "div") == Formula(r"\begin{align}x\end{align}", True)


PAGE = (
    '<html><head><title>t</title></head><body><h3 id="q-1">Q</h3>'
    '<p>inline <span class="arithmatex">\\(a\\)</span></p><div class="arithmatex">\\[b\\]</div>'
    '<h3 id="q-2">Q2</h3><p><span class="arithmatex">\\(\\bad\\)</span></p></body></html>'
)


def test_a_page_gets_svg_glyph_defs_and_the_stylesheet_once() -> None:
    html = render_math(PAGE.split('<h3 id="q-2">')[0] + "</body></html>", MathRenderer(CountingBackend()))
    assert '<span class="arithmatex"><svg width="2ex" data-tex="a">0</svg></span>' in html
    assert '<div class="arithmatex"><svg width="2ex" data-tex="b">1</svg></div>' in html
    assert html.count('<path id="MJX-G1" d="M0 0"></path>') == 1
    assert html.count("<style>mjx-container") == 1 and "\\(" not in html
    assert glyphs_of(html, html) == {"MJX-G1": "M0 0"}


def test_a_page_cut_down_keeps_the_glyphs_of_its_own_formulas_and_gets_the_others_back() -> None:
    page = '<p><svg><use href="#MJX-A"></use></svg></p>' + glyph_defs({"MJX-A": "M0 0", "MJX-B": "M1 1"})
    served, others = split_glyphs(page)
    assert others == {"MJX-B": "M1 1"} and glyphs_of(served) == {"MJX-A": "M0 0"}
    assert with_glyphs(served, others) == page
    assert split_glyphs("<p>no math</p>") == ("<p>no math</p>", {})
    with pytest.raises(ValueError, match="no <defs>"):
        with_glyphs("<p>no math</p>", others)


def test_every_bad_formula_of_a_page_is_reported_with_its_place() -> None:
    with pytest.raises(FormulaErrors) as caught:
        render_math(PAGE, MathRenderer(CountingBackend()))
    [problem] = caught.value.problems
    assert (problem.tex, problem.message) == ("\\bad", "Undefined control sequence \\bad")
    assert heading_before(PAGE, problem.offset) == "q-2"


def test_a_formula_too_wide_for_a_phone_is_a_named_focusable_box() -> None:
    page = '<p><span class="arithmatex">\\(wide\\)</span> <span class="arithmatex">\\(a\\)</span></p>'
    html = render_math(page, MathRenderer(CountingBackend()), label="公式")
    assert '<span class="arithmatex qb-wide" tabindex="0" role="group" aria-label="公式"><svg width="40ex"' in html
    assert '<span class="arithmatex"><svg width="2ex"' in html


def test_a_page_without_math_is_unchanged() -> None:
    page = "<html><head></head><body><p>$5 and \\(</p></body></html>"
    assert render_math(page, MathRenderer(CountingBackend())) == page


@needs_node
def test_mathjax_renders_svg_with_assistive_mathml_and_rejects_bad_tex() -> None:
    node = NodeRenderer()
    try:
        [rendered, unknown, unbalanced, inline, display] = node.render(
            [
                Formula(r"\boldsymbol{x}^\top \frac{a}{b} \tag{1}", True),
                Formula(r"\nosuchmacro x", False),
                Formula(r"{x", False),
                Formula("x", False),
                Formula("x", True),
            ]
        )
        assert isinstance(rendered, Rendered)
        assert rendered.svg.startswith('<mjx-container class="MathJax" jax="SVG" display="true"')
        assert "<mjx-assistive-mml" in rendered.svg and "<mfrac>" in rendered.svg
        assert 'fill="currentColor"' in rendered.svg  # dark mode: the text's colour
        assert all(f'href="#{glyph}"' in rendered.svg for glyph in rendered.glyphs)
        assert unknown == "Undefined control sequence \\nosuchmacro"
        assert "brace" in str(unbalanced)
        assert inline != display
        assert "mjx-assistive-mml" in node.stylesheet()
    finally:
        node.close()


@needs_node
def test_stretchy_braces_primes_and_text_escapes_draw_no_backslash() -> None:
    """A stretchy brace or a double prime is drawn from its glyphs, and \\text reads its
    escapes (with CommonHTML loaded beside SVG, both drew CSS escapes such as "\\E151"
    as text, and \\text{95\\%} kept its backslash)."""
    node = NodeRenderer()
    try:
        formulas = [r"\underbrace{a+b}_{\text{bias}^2}", r"f''(x)", r"\text{95\% and Wide \& Deep}"]
        rendered = node.render([Formula(tex, True) for tex in formulas])
        for tex, result in zip(formulas, rendered, strict=True):
            assert isinstance(result, Rendered), tex
            assert not [glyph for glyph in result.glyphs if glyph.endswith("-5C")], tex  # no "\" drawn
        assert {"MJX-TEX-N-25", "MJX-TEX-N-26"} <= set(rendered[2].glyphs)  # % and &
    finally:
        node.close()
