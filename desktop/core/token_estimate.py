"""A quick token count for text the model has not counted yet (drafts, new messages).

Real counts come from Ollama (prompt_eval_count + eval_count). Between answers a rough
estimate is enough to warn before the context window fills: about four characters per
token for Latin text, about one token per character for Chinese, Japanese and Korean.
"""

from __future__ import annotations

import math
import re
from functools import cache

CHARS_PER_TOKEN = 4.0
MESSAGE_OVERHEAD = 4  # role markers and separators the chat template adds per message


@cache
def _wide() -> re.Pattern[str]:
    """CJK ideographs, kana, hangul and emoji: about one token each (emoji often more).
    Compiled on first use: its character ranges take ~5 ms to compile, at startup else."""
    return re.compile(
        "[\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff\U0001f000-\U0001faff\U00020000-\U0002ffff]"
    )


def estimate_tokens(text: str) -> int:
    if not text:
        return 0
    wide = len(_wide().findall(text))
    return wide + math.ceil((len(text) - wide) / CHARS_PER_TOKEN)


def estimate_message_tokens(text: str) -> int:
    return estimate_tokens(text) + MESSAGE_OVERHEAD
