"""Which parts of an answer's prose are formulas: closed delimiters only, prices stay text."""

from __future__ import annotations

from desktop.core.math_spans import find_formulas, formula_index, prepare_prose


def latex_of(text: str) -> list[tuple[str, bool]]:
    return [(formula.latex, formula.display) for _, _, formula in find_formulas(text)]


def test_all_four_delimiters_are_math():
    text = r"Inline $a^2$ and \(b_i\); display $$\sum_i x_i$$ and \[\int f\]."
    assert latex_of(text) == [
        ("a^2", False),
        ("b_i", False),
        (r"\sum_i x_i", True),
        (r"\int f", True),
    ]


def test_prices_and_escaped_dollars_stay_text():
    for text in (
        "It costs $5 and $10 later.",
        "Between $5-$10 a month.",
        "A plan at $20/month, or $200 a year",
        r"Escaped \$x\$ is no formula.",
        "A lone $ sign.",
    ):
        assert latex_of(text) == [], text


def test_a_formula_counts_only_once_it_closes():
    assert latex_of(r"so $\frac{a}{b") == []
    assert latex_of(r"so $\frac{a}{b}$") == [(r"\frac{a}{b}", False)]
    assert latex_of("$$\\sum_{k=1}^n k\n") == []
    assert latex_of("$$\\sum_{k=1}^n k\n= \\frac{n(n+1)}{2}$$") == [
        ("\\sum_{k=1}^n k\n= \\frac{n(n+1)}{2}", True)
    ]


def test_code_spans_are_not_math():
    assert latex_of("Run `echo $HOME $PATH` then $x$.") == [("x", False)]


def test_prepared_prose_hides_formulas_and_keeps_their_source():
    text = r"Since $e^{i\pi} = -1$, we get $$\cos\pi = -1$$ and pay $5."
    prose = prepare_prose(text)
    assert [formula.source for formula in prose.formulas] == [
        r"$e^{i\pi} = -1$",
        r"$$\cos\pi = -1$$",
    ]
    assert "$" not in prose.markdown.replace("$5", "")
    marks = [formula_index(char) for char in prose.markdown if formula_index(char) is not None]
    assert marks == [0, 1]
    assert prose.markdown.endswith("and pay $5.")


def test_images_become_links_and_footnotes_superscripts():
    prose = prepare_prose(
        "See ![a chart](https://example.com/c.png) and note[^2].\n\n[^2]: Source."
    )
    assert "![" not in prose.markdown
    assert "[🖼 a chart](https://example.com/c.png)" in prose.markdown
    assert "note².\n\n² Source." in prose.markdown


def test_plain_prose_is_left_alone():
    text = "Plain words, *emphasis*, a [link](https://example.com)."
    assert prepare_prose(text).markdown == text


def test_raw_html_that_would_swallow_the_paragraph_is_made_safe():
    assert prepare_prose("use Vec<T> here").markdown == "use Vec\\<T> here"
    assert prepare_prose("one<br>two").markdown == "one<br/>two"
    assert prepare_prose('see <img src="https://x/c.png" alt="chart">').markdown == (
        "see [🖼 chart](https://x/c.png)"
    )
    assert prepare_prose("H<sub>2</sub>O and <b>bold</b>").markdown == (
        "H<sub>2</sub>O and <b>bold</b>"
    )
    assert prepare_prose("`Vec<T>` in code").markdown == "`Vec<T>` in code"
