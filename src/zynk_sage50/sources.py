"""Opening a document safely: a bounded byte stream, with any DOCTYPE refused before parsing.

Everything that turns a caller's source (path, bytes, text, file object) into bytes for the
parser lives here: the size limit, the DOCTYPE probe of the prolog, and replaying what the probe
read in front of the rest.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import IO, Any

from lxml import etree

from .errors import ForbiddenXmlError, MalformedXmlError, ReadError, TooLargeError
from .limits import Limits
from .parsing import Source, parser_options, prolog_problem

_PROBE_BYTES = 64 * 1024


def _refuse_doctype(stream: Any, encoding: str | None) -> bytes:
    """Read up to the root's start tag and refuse any DOCTYPE before it; return what was read.

    A DOCTYPE is refused before any content is parsed, so no entity is ever expanded.
    """
    probe = etree.XMLPullParser(events=("start",), encoding=encoding, **parser_options())
    chunks: list[bytes] = []
    while True:
        chunk = stream.read(_PROBE_BYTES)
        chunks.append(chunk)
        failed = False
        try:
            probe.feed(chunk) if chunk else probe.close()
        except etree.XMLSyntaxError:
            failed = True  # reported with its line by the real parse; look at events first
        for _event, element in probe.read_events():
            docinfo = element.getroottree().docinfo
            if docinfo.doctype or docinfo.internalDTD is not None:
                raise ForbiddenXmlError(
                    "the document has a DOCTYPE declaration: DTDs and entities are refused "
                    "(nothing is loaded or expanded)",
                    line=1,
                )
            return b"".join(chunks)
        if failed or not chunk:
            head = b"".join(chunks)
            problem = prolog_problem(head, encoding) if failed else None
            if problem is not None:
                raise problem
            return head


class _Replay:
    """A reader that gives back ``head`` (already read, to look at) before the rest."""

    def __init__(self, head: bytes, rest: Any) -> None:
        self.head = head
        self.rest = rest

    def read(self, size: int = -1) -> bytes:
        if self.head:
            if size < 0 or size >= len(self.head):
                head, self.head = self.head, b""
                return head + (self.rest.read(size - len(head)) if size > len(head) else b"")
            head, self.head = self.head[:size], self.head[size:]
            return head
        data: bytes = self.rest.read(size)
        return data

    def close(self) -> None:
        """Close the underlying reader where it owns a file."""
        close = getattr(self.rest, "close", None)
        if isinstance(self.rest, _LimitedReader) and close is not None:
            close()


class _LimitedReader:
    """A binary reader that refuses to deliver more than ``limit`` bytes."""

    def __init__(self, raw: IO[bytes], limit: int, *, owned: bool = False) -> None:
        self.raw = raw
        self.limit = limit
        self.count = 0
        self.owned = owned

    def close(self) -> None:
        """Close the file if it was opened here (a caller's file object is left open)."""
        if self.owned:
            self.raw.close()

    def read(self, size: int = -1) -> bytes:
        try:
            data = self.raw.read(size)
        except (OSError, io.UnsupportedOperation) as exc:
            raise ReadError(f"the input cannot be read ({exc})") from exc
        if isinstance(data, str):
            raise ReadError("the file object is open in text mode: open it with 'rb'")
        self.count += len(data)
        if self.count > self.limit:
            raise TooLargeError(
                f"the document is larger than the limit of {self.limit:,} bytes "
                "(Limits.max_bytes)",
                limit="max_bytes",
            )
        return data


def is_xml_text(source: object) -> bool:
    """Is this ``str`` the document itself rather than a file name?"""
    return isinstance(source, str) and source.lstrip("\ufeff \t\r\n").startswith("<")


def open_source(
    source: Source, limits: Limits, *, text: bool | None = None
) -> tuple[IO[bytes] | _LimitedReader, str | None]:
    """A bounded binary stream over ``source``, and the encoding to force (for text).

    A ``str`` is XML text when ``text`` is true, a file name when false, and told apart by its
    first character when None.
    """
    if isinstance(source, str) and (text or (text is None and is_xml_text(source))):
        return open_source(source.encode("utf-8", "surrogatepass"), limits)[0], "utf-8"
    if isinstance(source, (bytes, bytearray)):
        if len(source) > limits.max_bytes:
            raise TooLargeError(
                f"the document is larger than the limit of {limits.max_bytes:,} bytes "
                "(Limits.max_bytes)",
                limit="max_bytes",
            )
        return io.BytesIO(bytes(source)), None
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.exists():
            raise ReadError(f"{path}: no such file")
        if path.is_dir():
            raise ReadError(f"{path}: is a directory, not a file")
        try:
            handle = path.open("rb")
        except OSError as exc:
            raise ReadError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
        return _LimitedReader(handle, limits.max_bytes, owned=True), None
    if hasattr(source, "read"):
        return _LimitedReader(source, limits.max_bytes), None
    raise TypeError(f"expected a path, bytes or a binary file object, not {type(source).__name__}")


def open_document(
    source: Source, limits: Limits, *, text: bool | None = None
) -> tuple[Any, str | None]:
    """A bounded binary stream over ``source`` whose prolog has been checked (no DOCTYPE), and
    the encoding to force (for text). Raises ``MalformedXmlError`` for an empty document."""
    stream, encoding = open_source(source, limits, text=text)
    head = _refuse_doctype(stream, encoding)
    if not head.strip():
        raise MalformedXmlError("the document is empty", line=1, column=1)
    return _Replay(head, stream), encoding
