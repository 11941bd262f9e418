"""Bytes to text: UTF-8 with or without BOM, UTF-16, Windows-1252; line ends; a size cap.

A UTF-8 file with a few invalid bytes keeps its UTF-8 (the bytes become U+FFFD, with a
warning) rather than being read whole as Windows-1252; invisible characters (zero-width
spaces, soft hyphens) are removed so that names split by them still match.
"""
from __future__ import annotations

import codecs
from pathlib import Path

from ..text import clean_text
from .files import ArticleError

MAX_BYTES = 2_000_000


def decode(data: bytes, name: str, whole: bool = True) -> tuple[str, str]:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252.
    When the bytes are not the `whole` file, a character cut at the end is left out."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decoded(data, "utf-16", whole, errors="replace"), "utf-16"
    if b"\x00" in data[:8192]:
        raise ArticleError(f"{name}: a binary file, not text")
    try:
        return _decoded(data, "utf-8-sig", whole), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _decoded(data, "utf-8-sig", whole, errors="replace")
    if _valid_utf8_characters(mostly_utf8) > mostly_utf8.count("\ufffd"):
        return mostly_utf8, "utf-8 with invalid bytes"
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _valid_utf8_characters(text: str) -> int:
    """How many characters beyond ASCII decoded well (each is a valid multi-byte UTF-8 sequence,
    which Windows-1252 text almost never holds by chance)."""
    return sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")


def _decoded(data: bytes, encoding: str, whole: bool, errors: str = "strict") -> str:
    """The bytes decoded; unless `whole`, an incomplete character at the end is dropped."""
    return codecs.getincrementaldecoder(encoding)(errors).decode(data, final=whole)


def read_text(path: Path) -> tuple[str, list[str]]:
    """The decoded text of a file (line ends normalised), and warnings about it."""
    warnings = []
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            data = f.read(MAX_BYTES)
    except OSError as e:
        raise ArticleError(f"{path}: cannot read ({e.strerror or e})") from None
    whole = size <= MAX_BYTES
    if not whole:
        warnings.append(f"{path}: {size:,} bytes; only the first {MAX_BYTES:,} were read")
        data = data[:MAX_BYTES]
    text, encoding = decode(data, str(path), whole)
    if encoding == "utf-8 with invalid bytes":
        warnings.append(f"{path}: {text.count(chr(0xFFFD))} bytes that are not UTF-8 replaced by \ufffd")
    elif encoding != "utf-8":
        warnings.append(f"{path}: not UTF-8; read as {encoding}")
    text = clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise ArticleError(f"{path}: the file is empty")
    return text, warnings
