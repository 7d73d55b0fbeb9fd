"""Turning file bytes into text: the encoding is read from the bytes, never assumed."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from ingest.loaders.base import LoadError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# GB2312 and GBK pages routinely contain characters only their superset GB18030 maps.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}
# C0/C1 control characters, except tab, line breaks, form feed and the DOS end-of-file mark.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")
# Share of control characters above which decoded bytes are taken for binary data.
_MAX_CONTROL_SHARE = 0.01


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(_SUPERSETS.get(encoding.lower(), encoding))
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_binary(text: str) -> bool:
    return len(_CONTROL.findall(text)) > len(text) * _MAX_CONTROL_SHARE


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode text bytes: BOM, then a declared charset, UTF-8, GB18030, then detection.

    Strict UTF-8 and GB18030 come before statistical detection because detectors often
    mistake short Chinese text for another East Asian encoding.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], encoding)
            if text is None:
                raise LoadError(
                    f"文件编码错误：以 {encoding.upper()} 标记开头，但内容无法按该编码解码"
                )
            return text
    if b"\x00" in data:
        raise LoadError("文件含有二进制数据，不是文本文件")
    candidates = [declared] if declared else []
    for encoding in (*candidates, "utf-8", "gb18030"):
        text = _strict(data, encoding)
        if text is not None:
            break
    else:
        match = charset_normalizer.from_bytes(data).best()
        if match is None:
            raise LoadError("无法识别文件的文字编码")
        text = str(match)
    if _looks_binary(text):
        raise LoadError("文件含有二进制数据，不是文本文件")
    return text
