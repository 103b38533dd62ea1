"""A tiny llama-architecture GGUF whose real llama.cpp forward pass answers a fixed sentence.

The vocabulary is SentencePiece-style with byte fallback, so any prompt tokenizes. Token
embeddings are one-hot and the output matrix encodes a next-token chain

    <any other token> -> word1 -> word2 -> ... -> wordN -> <|im_end|>

so every answer is exactly the reply, one token per word, at any temperature. The
transformer blocks hold small random weights, so attention and FFN are really computed
but never outweigh the chain. With ``loop=True`` the chain wraps around (wordN -> word1)
and never reaches end-of-sequence, which gives endless streams for cancel and length tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import gguf
import numpy as np
import numpy.typing as npt

DEFAULT_REPLY = "Hello! I am a tiny test model running on llama.cpp."

SPACE = "\u2581"
BOS, EOS, IM_START = "<s>", "<|im_end|>", "<|im_start|>"

# ChatML that renders string content and text parts, and refuses any other content part.
CHATML_TEMPLATE = (
    "{%- for message in messages -%}"
    "{{- '<|im_start|>' + message['role'] + '\\n' -}}"
    "{%- if message['content'] is string -%}{{- message['content'] -}}"
    "{%- elif message['content'] is not none -%}{%- for part in message['content'] -%}"
    "{%- if part['type'] == 'text' -%}{{- part['text'] -}}"
    "{%- else -%}{{- raise_exception('unsupported content part ' + part['type']) -}}"
    "{%- endif -%}{%- endfor -%}{%- endif -%}"
    "{{- '<|im_end|>\\n' -}}"
    "{%- endfor -%}"
    "{%- if add_generation_prompt -%}{{- '<|im_start|>assistant\\n' -}}{%- endif -%}"
)

HIDDEN = 64
LAYERS = 2
HEADS = 4
FEED_FORWARD = 128
CONTEXT_LENGTH = 4096
LOGIT_SCALE = 4.0  # margin ~ scale * sqrt(hidden) > 30: greedy at any temperature


@dataclass(frozen=True)
class Vocab:
    tokens: list[str]
    types: list[int]
    scores: list[float]
    bos: int
    eos: int
    reply_ids: list[int]


def reply_pieces(reply: str) -> list[str]:
    """The reply's tokens: the first word bare, every later word with a leading space mark."""
    words = reply.split()
    if not words:
        raise ValueError("the reply needs at least one word")
    pieces = [words[0]] + [SPACE + word for word in words[1:]]
    if len(set(pieces)) != len(pieces):
        raise ValueError("reply words must be unique: the chain depends only on the last token")
    if len(pieces) >= HIDDEN:
        raise ValueError(f"the reply may have at most {HIDDEN - 1} words")
    return pieces


def build_vocab(pieces: list[str]) -> Vocab:
    token_type = gguf.TokenType
    tokens: list[str] = []
    types: list[int] = []
    scores: list[float] = []

    def add(text: str, kind: gguf.TokenType, score: float = 0.0) -> int:
        if text in tokens:
            raise ValueError(f"token {text!r} would be ambiguous; choose other reply words")
        tokens.append(text)
        types.append(int(kind))
        scores.append(score)
        return len(tokens) - 1

    add("<unk>", token_type.UNKNOWN)
    bos = add(BOS, token_type.CONTROL)
    add("</s>", token_type.CONTROL)
    add(IM_START, token_type.CONTROL)
    eos = add(EOS, token_type.CONTROL)
    for byte in range(256):
        add(f"<0x{byte:02X}>", token_type.BYTE)
    for rank, char in enumerate([SPACE, *map(chr, range(0x21, 0x7F))]):
        add(char, token_type.NORMAL, -1000.0 - rank)
    reply_ids = [add(piece, token_type.NORMAL, -10.0 - i) for i, piece in enumerate(pieces)]
    return Vocab(tokens, types, scores, bos, eos, reply_ids)


def chain_matrices(
    vocab: Vocab, *, loop: bool
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """One-hot embeddings (dim 0 = any other token, dim k+1 = reply word k) and the chain."""
    size = len(vocab.tokens)
    embeddings = np.zeros((size, HIDDEN), np.float32)
    embeddings[:, 0] = 1.0
    output = np.zeros((size, HIDDEN), np.float32)
    output[vocab.reply_ids[0], 0] = LOGIT_SCALE
    successors = [*vocab.reply_ids[1:], vocab.reply_ids[0] if loop else vocab.eos]
    for k, (token, successor) in enumerate(zip(vocab.reply_ids, successors, strict=True)):
        embeddings[token, :] = 0.0
        embeddings[token, k + 1] = 1.0
        output[successor, k + 1] = LOGIT_SCALE
    return embeddings, output


def write_tiny_gguf(
    path: Path | str,
    *,
    reply: str = DEFAULT_REPLY,
    loop: bool = False,
    name: str = "tiny-test-llama",
    seed: int = 0,
) -> Path:
    """Write the model to ``path`` (about 0.5 MB, under a second) and return the path."""
    path = Path(path)
    vocab = build_vocab(reply_pieces(reply))
    embeddings, output = chain_matrices(vocab, loop=loop)
    rng = np.random.default_rng(seed)

    def small(*shape: int) -> npt.NDArray[np.float32]:
        return (rng.standard_normal(shape) * 0.02).astype(np.float32)

    writer = gguf.GGUFWriter(path, "llama")
    writer.add_name(name)
    writer.add_description("tiny synthetic llama model for Parley's tests")
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)
    writer.add_vocab_size(len(vocab.tokens))
    writer.add_context_length(CONTEXT_LENGTH)
    writer.add_embedding_length(HIDDEN)
    writer.add_block_count(LAYERS)
    writer.add_feed_forward_length(FEED_FORWARD)
    writer.add_head_count(HEADS)
    writer.add_head_count_kv(HEADS)
    writer.add_rope_dimension_count(HIDDEN // HEADS)
    writer.add_rope_freq_base(10000.0)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_tokenizer_model("llama")
    writer.add_token_list(vocab.tokens)
    writer.add_token_scores(vocab.scores)
    writer.add_token_types(vocab.types)
    writer.add_bos_token_id(vocab.bos)
    writer.add_eos_token_id(vocab.eos)
    writer.add_unk_token_id(0)
    writer.add_pad_token_id(0)
    writer.add_add_bos_token(False)
    writer.add_add_eos_token(False)
    writer.add_add_space_prefix(False)
    writer.add_chat_template(CHATML_TEMPLATE)

    writer.add_tensor("token_embd.weight", embeddings)
    for layer in range(LAYERS):
        prefix = f"blk.{layer}."
        writer.add_tensor(prefix + "attn_norm.weight", np.ones(HIDDEN, np.float32))
        for projection in ("attn_q", "attn_k", "attn_v", "attn_output"):
            writer.add_tensor(prefix + projection + ".weight", small(HIDDEN, HIDDEN))
        writer.add_tensor(prefix + "ffn_norm.weight", np.ones(HIDDEN, np.float32))
        writer.add_tensor(prefix + "ffn_gate.weight", small(FEED_FORWARD, HIDDEN))
        writer.add_tensor(prefix + "ffn_up.weight", small(FEED_FORWARD, HIDDEN))
        writer.add_tensor(prefix + "ffn_down.weight", small(HIDDEN, FEED_FORWARD))
    writer.add_tensor("output_norm.weight", np.ones(HIDDEN, np.float32))
    writer.add_tensor("output.weight", output)

    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path
