"""Reading a document one record at a time: bounded memory whatever the document's size.

lxml's ``iterparse`` (hardened as in :mod:`.parsing`) yields each ``Transaction`` and
``Customer`` element when it ends; the caller checks and binds it, then it is dropped from the
tree. What is left at the end (the root, its collections, anything unexpected) is tiny and is
checked as a whole. A problem found late (a truncated file) only shows at the end, so results
are provisional until the stream is exhausted.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, TypeVar

import attr
from lxml import etree

from .binding import Binder
from .errors import (
    ForbiddenXmlError,
    MalformedXmlError,
    ReadError,
    SchemaBindingError,
    TooLargeError,
    WrongRootError,
)
from .issues import RecordRef
from .limits import DEFAULT_LIMITS, Limits
from .models import Customer, Invoice, Transaction
from .parsing import XINCLUDE_NS, Source, malformed_error, parser_options, prolog_problem
from .records import COLLECTIONS, check_root, record_id_of
from .schema_check import check_record_schema, check_schema

T = TypeVar("T", Transaction, Customer)
RECORD_CLASSES: dict[str, type[Any]] = {
    "Transaction": Transaction,
    "Customer": Customer,
    "Invoice": Invoice,
}
#: The record element each collection holds, and back.
COLLECTION_OF = {record: collection for collection, record in COLLECTIONS.items()}
_PROBE_BYTES = 64 * 1024


def long_value_finder(limit: int) -> etree.XPath:
    """An XPath giving the first text or attribute value longer than ``limit`` characters at or
    below an element (``Limits.max_text_length``; libxml2 alone stops only at 10,000,000)."""
    return etree.XPath(
        f"(descendant-or-self::*/@* | descendant::text())[string-length(.) > {int(limit)}][1]"
    )


def check_value_lengths(element: etree._Element, finder: etree.XPath, limit: int) -> None:
    """Raise ``TooLargeError`` (``max_text_length``) for a value at or below ``element`` that is
    longer than ``limit`` characters, naming where it is."""
    found = finder(element)
    if not isinstance(found, list) or not found:
        return
    value = found[0]
    if not isinstance(value, etree._ElementUnicodeResult):  # pragma: no cover - XPath says so
        return
    owner = value.getparent()
    name = etree.QName(owner).localname if owner is not None else "an element"
    if value.is_attribute:
        what = f"the attribute {value.attrname} of {name}"
    elif value.is_tail:
        what = f"the text after {name}"
    else:
        what = name
    raise TooLargeError(
        f"{what} holds {len(value):,} characters, more than the limit of {limit:,} "
        "(Limits.max_text_length)",
        limit="max_text_length",
        line=owner.sourceline if owner is not None else None,
    )


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


class _LimitedReader:
    """A binary reader that refuses to deliver more than ``limit`` bytes."""

    def __init__(self, raw: IO[bytes], limit: int) -> None:
        self.raw = raw
        self.limit = limit
        self.count = 0

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
        return _LimitedReader(handle, limits.max_bytes), None
    if hasattr(source, "read"):
        return _LimitedReader(source, limits.max_bytes), None
    raise TypeError(f"expected a path, bytes or a binary file object, not {type(source).__name__}")


@attr.s(slots=True, kw_only=True, auto_attribs=True)
class RecordEvent:
    """One record as it streams past: still attached to the (otherwise emptied) tree."""

    kind: str
    index: int
    element: etree._Element
    path: str

    @property
    def ref(self) -> RecordRef:
        """The record reference issues about this record carry."""
        return RecordRef(kind=self.kind, index=self.index, id=record_id_of(self.element))


class RecordStream:
    """Iterate the records of a document; then :meth:`residual_root` for what is left.

    Raises ``MalformedXmlError``, ``ForbiddenXmlError`` or ``TooLargeError`` when the input
    cannot be read safely (possibly after some records were yielded).
    """

    def __init__(
        self, source: Source, limits: Limits = DEFAULT_LIMITS, *, text: bool | None = None
    ) -> None:
        self.limits = limits
        self._source = source
        self._text = text
        self.root: etree._Element | None = None
        self.records = 0

    def __iter__(self) -> Iterator[RecordEvent]:
        stream, encoding = open_source(self._source, self.limits, text=self._text)
        head = _refuse_doctype(stream, encoding)
        if not head.strip():
            raise MalformedXmlError("the document is empty", line=1, column=1)
        counts = dict.fromkeys(COLLECTION_OF, 0)
        first_collection: dict[str, etree._Element] = {}
        previous: etree._Element | None = None
        # A record is at depth 3 (Company/Transactions/Transaction): room for the rest below it.
        room = self.limits.max_depth - 3
        below = etree.XPath("(" + "*/" * max(room, 0) + "*)[1]")
        long_value = long_value_finder(self.limits.max_text_length)
        parser = etree.iterparse(
            _Replay(head, stream),
            events=("end",),
            tag=tuple(COLLECTION_OF),
            encoding=encoding,
            **parser_options(),
        )
        try:
            for _event, element in parser:
                if self.root is None:
                    self._check_start(element.getroottree())
                if previous is not None:
                    _drop(previous)
                    previous = None
                collection = element.getparent()
                kind = str(element.tag)
                if (
                    collection is None
                    or str(collection.tag) != COLLECTION_OF[kind]
                    or collection.getparent() is not self.root
                    or first_collection.setdefault(kind, collection) is not collection
                ):
                    continue  # not a record where records go: left for the residual check
                deep = _too_deep(element, room, below)
                if deep is not None:
                    raise TooLargeError(
                        f"elements are nested more than {self.limits.max_depth} deep "
                        "(Limits.max_depth)",
                        limit="max_depth",
                        line=deep.sourceline,
                    )
                for include in element.iter(f"{{{XINCLUDE_NS}}}*"):
                    raise ForbiddenXmlError(
                        "XInclude elements are refused (nothing is included)",
                        line=include.sourceline,
                    )
                check_value_lengths(element, long_value, self.limits.max_text_length)
                counts[kind] += 1
                self.records += 1
                if self.records > self.limits.max_records:
                    raise TooLargeError(
                        f"the document has more than {self.limits.max_records:,} records "
                        "(Limits.max_records)",
                        limit="max_records",
                        line=element.sourceline,
                    )
                yield RecordEvent(
                    kind=kind,
                    index=counts[kind],
                    element=element,
                    path=f"/Company/{COLLECTION_OF[kind]}/{kind}[{counts[kind]}]",
                )
                previous = element
            if previous is not None:
                _drop(previous)
            if self.root is None and parser.root is not None:
                self._check_start(parser.root.getroottree())
        except etree.XMLSyntaxError as exc:
            raise malformed_error(exc, parser.error_log) from None
        finally:
            close = getattr(getattr(stream, "raw", None), "close", None)
            if close is not None and not isinstance(self._source, io.IOBase):
                close()

    def _check_start(self, tree: etree._ElementTree) -> None:
        docinfo = tree.docinfo
        if docinfo.doctype or docinfo.internalDTD is not None:
            raise ForbiddenXmlError(
                "the document has a DOCTYPE declaration: DTDs and entities are refused "
                "(nothing is loaded or expanded)",
                line=1,
            )
        root = tree.getroot()
        wrong = check_root(root)
        if wrong:
            raise WrongRootError(wrong, line=root.sourceline)
        self.root = root

    def residual_root(self) -> etree._Element:
        """The root once every record was yielded and dropped, after the safety checks."""
        root = self.root
        assert root is not None, "iterate the stream first"
        deep = root.xpath("/*" * (self.limits.max_depth + 1))
        if deep:
            raise TooLargeError(
                f"elements are nested more than {self.limits.max_depth} deep (Limits.max_depth)",
                limit="max_depth",
                line=deep[0].sourceline,
            )
        for element in root.iter(f"{{{XINCLUDE_NS}}}*"):
            raise ForbiddenXmlError(
                "XInclude elements are refused (nothing is included)", line=element.sourceline
            )
        limit = self.limits.max_text_length
        check_value_lengths(root, long_value_finder(limit), limit)
        return root


def _too_deep(record: etree._Element, room: int, below: etree.XPath) -> etree._Element | None:
    """The first element deeper than the limit in or above ``record``, if any."""
    if room < 0:
        steps_up = -room - 1
        node = record
        for _ in range(steps_up):
            parent = node.getparent()
            if parent is not None:
                node = parent
        return node
    found = below(record)
    return found[0] if isinstance(found, list) and found else None


def _drop(element: etree._Element) -> None:
    """Free a processed record: empty it and take it out of its collection."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _iter_models(source: Source, kind: str, limits: Limits) -> Iterator[Any]:
    stream = RecordStream(source, limits)
    binder = Binder(limits)
    cls = RECORD_CLASSES[kind]
    for event in stream:
        if event.kind != kind:
            continue
        problems = check_record_schema(event.element, event.path, event.ref)
        if problems:
            raise SchemaBindingError.from_issues(problems)
        yield binder.bind_checked(event.element, cls)
    residual = check_schema(stream.residual_root())
    if residual:
        raise SchemaBindingError.from_issues(residual)


def iter_transactions(source: Source, *, limits: Limits = DEFAULT_LIMITS) -> Iterator[Transaction]:
    """Yield each ``Transaction`` of a document as it is read, with bounded memory.

    Each record is checked against the XSD before it is bound; a problem raises the same
    exceptions as :func:`~zynk_sage50.load` (``SchemaBindingError`` for a record that does not
    fit the schema), possibly after earlier records were yielded.
    """
    return _iter_models(source, "Transaction", limits)


def iter_customers(source: Source, *, limits: Limits = DEFAULT_LIMITS) -> Iterator[Customer]:
    """Yield each ``Customer`` of a document as it is read (see :func:`iter_transactions`)."""
    return _iter_models(source, "Customer", limits)
