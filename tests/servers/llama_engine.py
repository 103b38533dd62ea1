"""Real inference for the Ollama test server: llama.cpp through llama-cpp-python.

One ``Llama`` per model blob, kept for the whole test session (loading is fast, but many
tests chat). A model generates for one request at a time; its lock is held while a
generator is open, and released when the stream ends or is abandoned.
"""

from __future__ import annotations

import codecs
import random
import threading
import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llama_cpp import Llama
from llama_cpp.llama_chat_format import Jinja2ChatFormatter

CONTEXT_SIZE = 2048
FALLBACK_TEMPLATE = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n"
    "{{ message['content'] }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


@dataclass(frozen=True)
class Sampling:
    """Ollama's options, mapped onto llama.cpp's sampler (defaults are Ollama's)."""

    max_tokens: int | None = None
    temperature: float = 0.8
    top_p: float = 0.9
    top_k: int = 40
    repeat_penalty: float = 1.1
    seed: int | None = None


@dataclass
class GenerationStats:
    prompt_tokens: int = 0
    prompt_seconds: float = 0.0
    completion_tokens: int = 0
    eval_seconds: float = 0.0
    done_reason: str = "stop"


class PromptTooLong(ValueError):
    pass


class LoadedModel:
    def __init__(self, llama: Llama) -> None:
        self.llama = llama
        self.lock = threading.Lock()
        template = llama.metadata.get("tokenizer.chat_template") or FALLBACK_TEMPLATE
        self._format = Jinja2ChatFormatter(template, eos_token="<|im_end|>", bos_token="<s>")

    def pieces(self, text: str) -> list[str]:
        """``text`` split the way this model's tokenizer splits it, one piece per token."""
        tokens = self.llama.tokenize(text.encode(), add_bos=False)
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        pieces = [decoder.decode(self.llama.detokenize([token])) for token in tokens]
        return [piece for piece in pieces if piece]

    def generate(
        self, messages: list[dict[str, Any]], sampling: Sampling, stats: GenerationStats
    ) -> Generator[str, None, None]:
        """Yield the answer text token by token; ``stats`` is filled in as it goes."""
        with self.lock:
            prompt = self._format(messages=messages).prompt  # type: ignore[arg-type]
            tokens = self.llama.tokenize(prompt.encode(), add_bos=False, special=True)
            budget = self.llama.n_ctx() - len(tokens)
            if budget <= 0:
                raise PromptTooLong(f"the prompt has {len(tokens)} tokens, more than the context")
            limit = min(budget, sampling.max_tokens) if sampling.max_tokens else budget
            stats.prompt_tokens = len(tokens)
            seed = sampling.seed if sampling.seed is not None and sampling.seed >= 0 else None
            self.llama.set_seed(seed if seed is not None else random.getrandbits(31))
            yield from self._sample(tokens, sampling, stats, limit)

    def _sample(
        self, tokens: list[int], sampling: Sampling, stats: GenerationStats, limit: int
    ) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        started = time.perf_counter()
        first_token_at: float | None = None
        generated: list[int] = []
        sampler = self.llama.generate(
            tokens,
            temp=sampling.temperature,
            top_p=sampling.top_p,
            top_k=sampling.top_k,
            repeat_penalty=sampling.repeat_penalty,
            reset=True,
        )
        try:
            for token in sampler:
                now = time.perf_counter()
                if first_token_at is None:
                    first_token_at = now
                    stats.prompt_seconds = now - started
                stats.eval_seconds = now - first_token_at
                if token == self.llama.token_eos():
                    stats.done_reason = "stop"
                    return
                text = decoder.decode(self.llama.detokenize([token], prev_tokens=generated))
                generated.append(token)
                stats.completion_tokens = len(generated)
                if text:
                    yield text
                if len(generated) >= limit:
                    stats.done_reason = "length"
                    return
        finally:
            sampler.close()


_models: dict[str, LoadedModel] = {}
_models_lock = threading.Lock()


def load_model(path: Path, digest: str) -> tuple[LoadedModel, float]:
    """The model for blob ``digest`` and the seconds it took to get it ready."""
    started = time.perf_counter()
    with _models_lock:
        model = _models.get(digest)
        if model is not None:
            return model, time.perf_counter() - started
        llama = Llama(str(path), n_ctx=CONTEXT_SIZE, use_mmap=False, verbose=False)
        model = _models[digest] = LoadedModel(llama)
        return model, time.perf_counter() - started
