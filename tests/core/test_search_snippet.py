"""A search hit's excerpt is one clean line that shows the hit."""

from __future__ import annotations

from desktop.core.conversation import HIT_END, HIT_START
from desktop.core.search_snippet import clean_snippet, mark_terms, plain_text, split_marked

H, E = HIT_START, HIT_END


def test_markdown_markers_and_blank_lines_go_the_words_stay() -> None:
    text = (
        "Use **sorted**:\n\n```python\nprint(sorted(xs))\n```\n\n"
        "## Why\n\n- a [link](http://x) and `code`"
    )
    assert plain_text(text) == "Use sorted: print(sorted(xs)) Why a link and code"


def test_the_hit_is_near_the_start_and_marked() -> None:
    long_lead = "word " * 30
    snippet = f"…{long_lead}\n\n```py\n{H}needle{E} = 1\n```…"
    cleaned = clean_snippet(snippet)
    assert cleaned.startswith("…") and cleaned.endswith("…")
    assert 0 < cleaned.index(H) <= 30
    assert "```" not in cleaned and "\n" not in cleaned
    assert split_marked(cleaned)[-2:] == [("needle", True), (" = 1…", False)]


def test_snake_case_and_dunder_names_survive() -> None:
    assert plain_text("call __init__ and my_var") == "call __init__ and my_var"


def test_mark_terms_any_case_merges_overlaps() -> None:
    assert mark_terms("Hello hello", ["hello"]) == f"{H}Hello{E} {H}hello{E}"
    assert mark_terms("abcd", ["abc", "bcd"]) == f"{H}abcd{E}"
    assert mark_terms("nothing", ["zz"]) == "nothing"
