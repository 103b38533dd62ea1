"""Splitting a streamed answer into blocks: the same blocks however the text arrives."""

from __future__ import annotations

import random

from desktop.core.markdown_blocks import PROSE_CHUNK, BlockKind, BlockSplitter, split_blocks

ANSWER = (
    "Intro paragraph.\n\nMore text with `inline` code.\n"
    "```python\ndef f():\n    return '```'  # not a fence\n```\n"
    "Between blocks.\n"
    "~~~\nraw ``` stays\n~~~~\n\n"
    + ("Lorem ipsum dolor sit amet. " * 12 + "\n\n") * 12
    + "   ```js\nconsole.log('你好 🌍')\n"
)


def test_blocks_join_back_to_the_exact_text():
    blocks = split_blocks(ANSWER)
    assert "".join(block.source for block in blocks) == ANSWER
    kinds = [block.kind for block in blocks[:5]]
    assert kinds == [
        BlockKind.PROSE,
        BlockKind.CODE,
        BlockKind.PROSE,
        BlockKind.CODE,
        BlockKind.PROSE,
    ]
    code = blocks[1]
    assert (code.language, code.code, code.closed) == (
        "python",
        "def f():\n    return '```'  # not a fence",
        True,
    )
    assert blocks[3].code == "raw ``` stays"
    last = blocks[-1]
    assert (last.kind, last.language, last.closed) == (BlockKind.CODE, "js", False)
    assert last.code == "console.log('你好 🌍')"


def test_long_prose_is_cut_at_blank_lines_so_redraws_stay_small():
    prose = [b for b in split_blocks(ANSWER) if b.kind is BlockKind.PROSE]
    assert len(prose) > 3
    assert all(len(block.source) < PROSE_CHUNK + 400 for block in prose)


def test_any_way_of_streaming_gives_the_same_blocks():
    expected = [(b.kind, b.source) for b in split_blocks(ANSWER)]
    chooser = random.Random(4)
    for _ in range(50):
        splitter = BlockSplitter()
        done = []
        position = 0
        while position < len(ANSWER):
            size = chooser.randint(1, 40)
            done += splitter.feed(ANSWER[position : position + size])
            position += size
            assert "".join(b.source for b in done) + splitter.tail.source == ANSWER[:position]
        done += splitter.finish()
        assert [(b.kind, b.source) for b in done] == expected


def test_the_growing_code_block_only_grows():
    splitter = BlockSplitter()
    splitter.feed("```py\nx = 1\ny")
    assert (splitter.tail.kind, splitter.tail.code) == (BlockKind.CODE, "x = 1\ny")
    splitter.feed(" = 2\n``")
    assert splitter.tail.code.startswith("x = 1\ny = 2")
    [block] = splitter.feed("`\n")
    assert (block.code, block.closed) == ("x = 1\ny = 2", True)
    assert splitter.tail.source == ""
