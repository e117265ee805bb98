"""Which form a document argument is in (XML or its JSON form), seen from its first bytes,
and a binary stream that can be looked at before it is read."""

from __future__ import annotations

import codecs
import io
from typing import Any, BinaryIO

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
#: Enough to get past a byte-order mark and leading blanks.
PEEK = 4096


def kind_of(start: bytes) -> str | None:
    """``"xml"`` or ``"json"`` from a document's first bytes, ``None`` when neither."""
    if start.startswith(_UTF16_BOMS):
        return "xml"  # JSON is UTF-8 only (RFC 8259)
    first = start.removeprefix(codecs.BOM_UTF8).lstrip(b" \t\r\n")[:1]
    return {b"<": "xml", b"{": "json"}.get(first)


class _Raw(io.RawIOBase):
    """A binary stream as a raw one, so that ``io.BufferedReader`` can give it ``peek``."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def peekable(stream: BinaryIO) -> io.BufferedReader:
    """``stream`` itself when it can ``peek``, else a buffered reader over it."""
    if isinstance(stream, io.BufferedReader):
        return stream
    return io.BufferedReader(_Raw(stream))


def read_bounded(stream: BinaryIO, limit: int, chunk: int = 1 << 20) -> bytes:
    """Everything ``stream`` holds, or the first bytes past ``limit`` (so that the reader
    refuses it as too large) without ever asking for more than ``chunk`` at once."""
    parts: list[bytes] = []
    size = 0
    while size <= limit:
        data = stream.read(min(chunk, limit + 1 - size))
        if not data:
            break
        parts.append(data)
        size += len(data)
    return b"".join(parts)
