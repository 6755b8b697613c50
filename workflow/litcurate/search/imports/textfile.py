"""Decoding an export file and splitting it into physical lines.

Databases write UTF-8 with or without a byte-order mark, and EndNote on Windows writes UTF-16;
anything else is refused with a message naming the file, rather than guessed at.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from litcurate.errors import CitationFileError

_BREAK = re.compile(r"\r\n|\r|\n")
_CONTAINERS = (
    (b"PK\x03\x04", "a ZIP archive or Excel workbook (.xlsx)"),
    (b"\xd0\xcf\x11\xe0", "an old Excel or Word file (.xls/.doc)"),
    (b"%PDF", "a PDF"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text with no BOM: a NUL beside nearly every character, always on the same side."""
    sample = data[:4000]
    half = len(sample) // 2
    if half < 2:
        return None
    even, odd = sample[0::2].count(0) / half, sample[1::2].count(0) / half
    if odd >= 0.7 and even <= 0.1:
        return "utf-16-le"
    if even >= 0.7 and odd <= 0.1:
        return "utf-16-be"
    return None


def decode(path: Path, data: bytes) -> str:
    """The text of ``data`` read from ``path``: UTF-8 (BOM optional) or UTF-16 (BOM, or NULs that show it)."""
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = _utf16_without_bom(data) or "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CitationFileError(
            f"{path}: line {line}, byte {exc.start}: not {encoding.upper().replace('-SIG', '')} text; "
            "expected UTF-8 (with or without BOM) or UTF-16: export again choosing UTF-8"
        ) from None


def read_text(path: str | Path) -> str:
    """Decode the file at ``path`` (see :func:`decode`); a missing file names the path."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CitationFileError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise CitationFileError(f"{path}: is a folder; expected an export file") from None
    for magic, kind in _CONTAINERS:
        if data.startswith(magic):
            raise CitationFileError(f"{path}: {kind}, not a text export; export the records as RIS, CSV or text")
    if b"\x00" in data[:4000] and not _looks_utf16(data):
        raise CitationFileError(f"{path}: binary file; expected a text export (RIS, MEDLINE, EndNote, BibTeX, CSV)")
    return decode(path, data)


def _looks_utf16(data: bytes) -> bool:
    return data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(data) is not None


def physical_lines(text: str) -> list[str]:
    """The lines of ``text`` as an editor numbers them (CRLF, CR and LF all end a line)."""
    lines = _BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines
