"""Bytes to text: UTF-8 with or without BOM, UTF-16, Windows-1252; line ends; a size cap."""
from __future__ import annotations

import codecs
from pathlib import Path

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
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


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
    if encoding not in ("utf-8",):
        warnings.append(f"{path}: not UTF-8; read as {encoding}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError(f"{path}: the file is empty")
    return text, warnings
