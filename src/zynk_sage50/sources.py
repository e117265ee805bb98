"""Opening a document safely: a bounded byte stream, with any DOCTYPE refused before parsing.

Everything that turns a caller's source (path, bytes, text, file object) into bytes for the
parser lives here: the size limit, line ends made LF (so the parser counts lines as XML does),
the UTF-8 check that can say a file looks like Windows-1252, the DOCTYPE probe of the prolog,
and reading the document again from its start for the real parse. Each byte is handled a fixed
number of times and none of the prolog is held, whatever its length.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import tempfile
from pathlib import Path
from typing import IO, Literal

from lxml import etree

from .errors import MalformedXmlError, ReadError, TooLargeError
from .limits import Limits
from .parsing import (
    UTF32_BOMS,
    PrologScanner,
    Source,
    declared_encoding,
    not_utf8_reason,
    parser_options,
    prolog_problem,
    refuse_doctype,
    unread_encoding,
)

_PROBE_BYTES = 64 * 1024
#: Bytes read before deciding how a document's line ends are made LF (its XML declaration).
_HEAD_BYTES = 1024
#: Bytes of a stream that cannot seek kept in memory while the probe reads (the rest spools
#: to a temporary file), to be read again by the parser.
_SPOOL_IN_MEMORY = 1024 * 1024
#: The characters that must be single identical bytes for line ends to be rewritten.
_ASCII_MARKUP = "\r\n<>?=\"' "

#: How a document's bytes are prepared: ``utf-8`` (line ends made LF, bytes checked),
#: ``ascii`` (an ASCII-compatible encoding: line ends made LF), None (left as they are).
Form = Literal["utf-8", "ascii"] | None


class _BoundedReader:
    """A binary reader that refuses to deliver more than ``limit`` bytes, turns every failure
    to read into ``ReadError``, and can start again from the beginning (by seeking back, or
    from a spooled copy of what it read when the source cannot seek)."""

    def __init__(self, raw: IO[bytes], limit: int, *, owned: bool = False) -> None:
        self.raw = raw
        self.limit = limit
        self.count = 0
        self.owned = owned
        self._start: int | None = None
        try:
            if raw.seekable():
                self._start = raw.tell()
        except (AttributeError, OSError, ValueError):
            self._start = None
        self._spool: IO[bytes] | None = None
        if self._start is None:
            self._spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY)  # noqa: SIM115
        self._replaying = False

    def close(self) -> None:
        """Close the spool, and the file if it was opened here (a caller's file is left open)."""
        if self._spool is not None:
            self._spool.close()
            self._spool = None
        if self.owned:
            self.raw.close()

    def rewind(self) -> None:
        """Read again from the first byte (once: what is read after is not kept)."""
        if self._start is not None:
            try:
                self.raw.seek(self._start)
            except (OSError, ValueError) as exc:
                raise ReadError(f"the input cannot be read again from its start ({exc})") from exc
            self.count = 0
        elif self._spool is not None:
            self._spool.seek(0)
            self._replaying = True

    def read(self, size: int = -1) -> bytes:
        if self._replaying and self._spool is not None:
            kept = self._spool.read(size)
            if kept:
                return kept
            self._replaying = False
            self._spool.close()
            self._spool = None
        try:
            data = self.raw.read(size)
        except (OSError, ValueError) as exc:  # io.UnsupportedOperation is both
            raise ReadError(f"the input cannot be read ({exc})") from exc
        if isinstance(data, str):
            raise ReadError("the file object is open in text mode: open it with 'rb'")
        if not isinstance(data, bytes):
            if data is None:  # a non-blocking stream with nothing ready
                raise ReadError("the file object gave no data (is it non-blocking?)")
            data = bytes(data)
        self.count += len(data)
        if self.count > self.limit:
            raise TooLargeError(
                f"the document is larger than the limit of {self.limit:,} bytes "
                "(Limits.max_bytes)",
                limit="max_bytes",
            )
        if self._spool is not None:
            self._spool.write(data)
        return data


class _Prepared:
    """The bytes the parser reads: line ends made LF (XML reads CR LF and CR as LF, but libxml2
    counts lines by LF alone) and, for UTF-8, every byte checked, so that bytes that are not
    UTF-8 are reported with their line and a hint of the encoding they look like.

    Each read returns at most ``size`` bytes and copies only what it returns. A problem found in
    the bytes is raised on the read after the good bytes before it were delivered, so the
    parser reports any earlier error first.
    """

    def __init__(
        self, reader: _BoundedReader, form: Form, head: bytes = b"", *, skip: int = 0
    ) -> None:
        self._reader = reader
        self._form = form
        self._head = head  # already read from ``reader``, delivered first
        self._skip = skip  # bytes at the start not to deliver (a byte order mark)
        self._carry = b""  # a CR or an incomplete UTF-8 sequence waiting for the next bytes
        self._out = b""
        self._position = 0
        self._done = False
        self._problem: MalformedXmlError | None = None
        self._line = 1
        self._column = 0  # characters after the last LF delivered

    @property
    def bytes_read(self) -> int:
        """How many bytes of the source were read so far (for progress, and for bounds that
        a span of the input can or cannot break)."""
        return self._reader.count

    def close(self) -> None:
        """Close the underlying reader (which closes only a file it opened)."""
        self._reader.close()

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            parts = [self._out[self._position :]]
            self._out, self._position = b"", 0
            while self._fill(_PROBE_BYTES):
                parts.append(self._out)
                self._out, self._position = b"", 0
            return b"".join(parts)
        if self._position >= len(self._out) and not self._fill(size or _PROBE_BYTES):
            return b""
        data = self._out[self._position : self._position + size]
        self._position += len(data)
        return data

    def _fill(self, size: int) -> bool:
        """Prepare the next bytes into ``_out``; False at the end of the document."""
        while True:
            if self._problem is not None:
                raise self._problem
            if self._done:
                return False
            if self._head:
                raw, self._head = self._head, b""
            else:
                raw = self._reader.read(max(size, _PROBE_BYTES))
            if self._skip and raw:
                skipped, raw = raw[: self._skip], raw[self._skip :]
                self._skip -= len(skipped)
                if not raw:
                    continue
            final = not raw
            self._done = final
            data = self._carry + raw
            self._carry = b""
            if self._form is not None and b"\r" in data:
                if not final and data.endswith(b"\r"):
                    data, self._carry = data[:-1], b"\r"
                data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            if self._form == "utf-8":
                data = self._checked(data, final)
            if data:
                self._out, self._position = data, 0
                return True

    def _checked(self, data: bytes, final: bool) -> bytes:
        """The UTF-8 bytes of ``data`` up to its first wrong byte (noting the problem), holding
        back an incomplete character at its end until the next bytes come."""
        if data.isascii():
            self._count(data, None)
            return data
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            good = data[: exc.start]
            self._count(good, good.decode("utf-8"))
            if not final and exc.end == len(data) and exc.reason == "unexpected end of data":
                self._carry = data[exc.start :]
            else:
                self._problem = MalformedXmlError(
                    not_utf8_reason(data[exc.start : exc.start + 4]),
                    line=self._line,
                    column=self._column + 1,
                )
            return good
        self._count(data, text)
        return data

    def _count(self, data: bytes, text: str | None) -> None:
        """Follow the line and column (in characters, as libxml2 counts) of delivered bytes."""
        if text is None:
            lines, last = data.count(b"\n"), data.rfind(b"\n")
            tail = len(data) - last - 1
        else:
            lines, last = text.count("\n"), text.rfind("\n")
            tail = len(text) - last - 1
        self._line += lines
        self._column = tail if last >= 0 else self._column + tail


def _form_of(head: bytes, encoding: str | None) -> Form:
    """How the bytes of a document starting with ``head`` are prepared for the parser.

    Line ends are rewritten only where CR and LF are the single bytes 0x0D and 0x0A and no
    other character's bytes contain them (ASCII-compatible encodings); UTF-16, UTF-32 and EBCDIC
    are left as they are.
    """
    if encoding is not None:
        return "ascii"  # text, encoded as UTF-8 here: the parser checks it
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8"  # the parser reads UTF-8 after this BOM whatever the declaration says
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00")) or head[1:2] == b"\x00":
        return None
    if unread_encoding(head) is not None:
        return None
    declared = declared_encoding(head)
    if declared is None:
        return "utf-8"
    try:
        codec = codecs.lookup(declared).name
        markup = _ASCII_MARKUP.encode(codec)
    except (LookupError, UnicodeError):
        return None
    if codec == "utf-8":
        return "utf-8"
    return "ascii" if markup == _ASCII_MARKUP.encode("ascii") else None


def _refuse_doctype(stream: _Prepared, head: bytes, encoding: str | None) -> bool:
    """Read up to the root's start tag and refuse any DOCTYPE before it; True when the document
    is blank (nothing but blanks before its end). ``head`` is the start of the document.

    A DOCTYPE is refused before any content is parsed, so no entity is ever expanded. Nothing
    read is kept: the caller reads the document again from its start.
    """
    probe = etree.XMLPullParser(events=("start",), encoding=encoding, **parser_options())
    scanner = PrologScanner(head, encoding)
    blank = True
    while True:
        chunk = stream.read(_PROBE_BYTES)
        blank = blank and not chunk.strip()
        scanner.feed(chunk, final=not chunk)
        failed = False
        try:
            probe.feed(chunk) if chunk else probe.close()
        except etree.XMLSyntaxError:
            failed = True  # reported with its line by the real parse; look at events first
        for _event, element in probe.read_events():
            refuse_doctype(element.getroottree())
            return False
        if failed or not chunk:
            problem = prolog_problem(head, encoding, scanner) if failed and not blank else None
            if problem is not None:
                raise problem
            return blank


def is_xml_text(source: object) -> bool:
    """Is this ``str`` the document itself rather than a file name?"""
    return isinstance(source, str) and source.lstrip("\ufeff \t\r\n").startswith("<")


def _open_path(path: Path) -> IO[bytes]:
    """``path`` opened for reading bytes, or ``ReadError`` saying why it cannot be."""
    try:
        return path.open("rb")
    except FileNotFoundError:
        if path.is_symlink():
            raise ReadError(
                f"{path}: a symbolic link to {os.readlink(path)}, which does not exist"
            ) from None
        raise ReadError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ReadError(f"{path}: is a directory, not a file") from None
    except PermissionError:
        raise ReadError(f"{path}: cannot be read (permission denied)") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReadError(
                f"{path}: a loop of symbolic links (following them leads back to where they "
                "started), not a file"
            ) from None
        raise ReadError(f"{path}: cannot be read ({exc.strerror or exc})") from exc


def check_limits(limits: object) -> None:
    """``TypeError`` naming the argument when ``limits`` is not a ``Limits``."""
    if not isinstance(limits, Limits):
        raise TypeError(f"limits must be a zynk_sage50.Limits, not {type(limits).__name__}")


def open_source(
    source: Source, limits: Limits, *, text: bool | None = None
) -> tuple[_BoundedReader, str | None]:
    """A bounded binary stream over ``source``, and the encoding to force (for text).

    A ``str`` is XML text when ``text`` is true, a file name when false, and told apart by its
    first character when None. Raises ``ReadError`` for a source that cannot be read,
    ``TypeError`` (naming the argument) for one of a type that is never a document.
    """
    check_limits(limits)
    if isinstance(source, str) and (text or (text is None and is_xml_text(source))):
        return open_source(source.encode("utf-8", "surrogatepass"), limits)[0], "utf-8"
    if isinstance(source, (bytes, bytearray)):
        if len(source) > limits.max_bytes:
            raise TooLargeError(
                f"the document is larger than the limit of {limits.max_bytes:,} bytes "
                "(Limits.max_bytes)",
                limit="max_bytes",
            )
        return _BoundedReader(io.BytesIO(bytes(source)), limits.max_bytes), None
    if isinstance(source, (str, os.PathLike)):
        if not os.fspath(source):
            raise ReadError("the file name is empty")
        path = Path(source)
        return _BoundedReader(_open_path(path), limits.max_bytes, owned=True), None
    if hasattr(source, "read"):
        if getattr(source, "closed", False) is True:
            raise ReadError("the file object is closed: open the file again to read it")
        return _BoundedReader(source, limits.max_bytes), None
    raise TypeError(
        "source must be a path, bytes, XML text or a binary file object, "
        f"not {type(source).__name__}"
    )


def open_document(
    source: Source, limits: Limits, *, text: bool | None = None
) -> tuple[_Prepared, str | None]:
    """A bounded binary stream over ``source`` whose prolog has been checked (no DOCTYPE), with
    line ends made LF, and the encoding to force (for text). Raises ``MalformedXmlError`` for an
    empty document."""
    reader, encoding = open_source(source, limits, text=text)
    try:
        head = reader.read(_HEAD_BYTES)
        while head and len(head) < _HEAD_BYTES:  # a stream that gives a few bytes at a time
            more = reader.read(_HEAD_BYTES - len(head))
            if not more:
                break
            head += more
        form = _form_of(head, encoding)
        skip = 0
        for bom, name in UTF32_BOMS if encoding is None else ():
            if head.startswith(bom):  # read as UTF-32 without it: libxml2 misreads it
                encoding, skip = name, len(bom)
        if _refuse_doctype(_Prepared(reader, form, head[skip:]), head[skip:], encoding):
            raise MalformedXmlError("the document is empty", line=1, column=1)
        reader.rewind()
    except BaseException:
        reader.close()
        raise
    return _Prepared(reader, form, skip=skip), encoding
