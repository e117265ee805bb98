"""Reading a document one record at a time: bounded memory whatever the document's size.

lxml's ``iterparse`` (hardened as in :mod:`.parsing`) yields each ``Transaction`` and
``Customer`` element when it ends; the caller checks and binds it, then it is dropped from the
tree. What is left at the end (the root, its collections, anything unexpected) is tiny and is
checked as a whole. A problem found late (a truncated file) only shows at the end, so results
are provisional until the stream is exhausted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import attr
from lxml import etree

from .errors import ForbiddenXmlError, TooLargeError, WrongRootError
from .issues import Issue, RecordRef
from .limits import DEFAULT_LIMITS, Limits
from .models import Customer, Invoice, Transaction
from .parsing import XINCLUDE_NS, Source, malformed_error, parser_options, refuse_doctype
from .records import COLLECTIONS, check_root, record_id_of
from .schema_check import is_schema_valid
from .sources import check_limits, open_document

#: Called now and then while a document is read: (records so far, bytes so far).
Progress = Callable[[int, int], None]
RECORD_CLASSES: dict[str, type[Any]] = {
    "Transaction": Transaction,
    "Customer": Customer,
    "Invoice": Invoice,
}
#: The record element each collection holds, and back.
COLLECTION_OF = {record: collection for collection, record in COLLECTIONS.items()}


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


class BatchCheck:
    """The XSD's verdict on a batch of records, asked for once, when first needed (a batch
    whose records all repeat records already checked never needs it: see :mod:`.repeats`)."""

    __slots__ = ("_collection", "_valid")

    def __init__(self, collection: etree._Element) -> None:
        self._collection = collection
        self._valid: bool | None = None

    @property
    def valid(self) -> bool:
        """Does the whole batch pass the XSD (one libxml2 call)?"""
        if self._valid is None:
            self._valid = is_schema_valid(self._collection)
        return self._valid


@attr.s(slots=True, kw_only=True, auto_attribs=True)
class RecordEvent:
    """One record as it streams past: still attached to the (otherwise emptied) tree."""

    kind: str
    index: int
    element: etree._Element
    #: The check of the batch the record was read in (None: the record is on its own).
    batch: BatchCheck | None = None
    #: Problems found before the schema check (a model's values the writer refused).
    issues: Sequence[Issue] = ()

    @property
    def clean(self) -> bool:
        """Did the batch the record was read in pass the XSD as a whole (so that the record
        needs no schema check of its own)?"""
        return self.batch is not None and self.batch.valid

    @property
    def path(self) -> str:
        """``/Company/Transactions/Transaction[3]``."""
        return f"/Company/{COLLECTION_OF[self.kind]}/{self.kind}[{self.index}]"

    @property
    def ref(self) -> RecordRef:
        """The record reference issues about this record carry."""
        return RecordRef(kind=self.kind, index=self.index, id=record_id_of(self.element))


#: Records checked against the XSD in one libxml2 call; a batch with a problem is re-checked
#: record by record to say where it is.
BATCH_SIZE = 1000
#: More than lxml's parser reads past the element it has just ended (it reads 32 KiB at a time).
_READ_AHEAD = 256 * 1024


class RecordStream:
    """Iterate the records of a document; then :meth:`residual_root` for what is left.

    Records are read in batches: each batch gets the safety checks (depth, XInclude, value
    lengths, namespace declarations) and the XSD in one call each, then its records are
    yielded one at a time and dropped. Raises ``MalformedXmlError``, ``ForbiddenXmlError`` or
    ``TooLargeError`` when the input cannot be read safely (possibly after some records were
    yielded).
    """

    def __init__(
        self,
        source: Source,
        limits: Limits = DEFAULT_LIMITS,
        *,
        text: bool | None = None,
        progress: Progress | None = None,
    ) -> None:
        check_limits(limits)
        self.limits = limits
        self._source = source
        self._text = text
        self._progress = progress
        self.root: etree._Element | None = None
        self.records = 0
        # A record is at depth 3 (Company/Transactions/Transaction): room for the rest below it.
        self._room = limits.max_depth - 3
        self._below = etree.XPath("(" + "*/" * max(self._room + 1, 1) + "*)[1]")
        self._long_value = long_value_finder(limits.max_text_length)
        self._stream: object = None
        self._seen_at_last_batch = 0

    def __iter__(self) -> Iterator[RecordEvent]:
        stream, encoding = open_document(self._source, self.limits, text=self._text)
        self._stream = stream
        self._seen_at_last_batch = 0
        counts = dict.fromkeys(COLLECTION_OF, 0)
        first_collection: dict[str, etree._Element] = {}
        batch: list[RecordEvent] = []
        parser = etree.iterparse(
            stream,
            events=("end",),
            tag=tuple(COLLECTION_OF),
            encoding=encoding,
            **parser_options(),
        )
        try:
            # The collection the last record was in, and its kind of record: the next record
            # in the same place needs none of the checks of where it is.
            current: etree._Element | None = None
            kind = ""
            for _event, element in parser:
                collection = element.getparent()
                if collection is None or collection is not current or element.tag != kind:
                    if self.root is None:
                        self._check_start(element.getroottree())
                    if not self._is_collection(collection, element, first_collection):
                        continue  # not a record where records go: left for the residual check
                    if batch and collection is not current:
                        yield from self._flush(batch, stream)
                    current = collection
                    kind = str(element.tag)
                index = counts[kind] = counts[kind] + 1
                self.records += 1
                if self.records > self.limits.max_records:
                    raise TooLargeError(
                        f"the document has more than {self.limits.max_records:,} records "
                        "(Limits.max_records)",
                        limit="max_records",
                        line=element.sourceline,
                    )
                batch.append(RecordEvent(kind=kind, index=index, element=element))
                if len(batch) >= BATCH_SIZE:
                    yield from self._flush(batch, stream)
            if batch:
                yield from self._flush(batch, stream)
            if self.root is None and parser.root is not None:
                self._check_start(parser.root.getroottree())
        except etree.XMLSyntaxError as exc:
            raise malformed_error(exc, parser.error_log) from None
        finally:
            stream.close()

    def _is_collection(
        self,
        collection: etree._Element | None,
        element: etree._Element,
        first_collection: dict[str, etree._Element],
    ) -> bool:
        """Is ``collection`` the (first) collection of ``element``'s kind, under the root?"""
        kind = str(element.tag)
        return (
            collection is not None
            and str(collection.tag) == COLLECTION_OF[kind]
            and collection.getparent() is self.root
            and first_collection.setdefault(kind, collection) is collection
        )

    def _flush(self, batch: list[RecordEvent], stream: object) -> Iterator[RecordEvent]:
        """Check a batch of records of one collection as a whole, yield them, drop them."""
        collection = batch[0].element.getparent()
        assert collection is not None
        self._check_safety(collection)
        check = BatchCheck(collection)
        for event in batch:
            event.batch = check
            yield event
        for event in batch:
            _drop(event.element)
        batch.clear()
        if self._progress is not None:
            self._progress(self.records, bytes_read(stream))

    def _could_hold_long_value(self) -> bool:
        """Could the bytes read since the last batch hold a value longer than the limit?

        A value of N characters takes at least N bytes of input, and the parser reads ahead
        at most :data:`_READ_AHEAD` bytes past a batch, so a batch that came from fewer bytes
        than the limit cannot hold one and needs no scan (the scan is a third of the cost of
        a batch). When the count is unknown, always scan.
        """
        seen = bytes_read(self._stream)
        span = seen - self._seen_at_last_batch + _READ_AHEAD
        self._seen_at_last_batch = seen
        return seen == 0 or span >= self.limits.max_text_length

    def _check_safety(self, collection: etree._Element) -> None:
        """The bounds every batch must keep, checked on its collection (holding just it)."""
        namespaces = len(collection.nsmap)
        if namespaces > self.limits.max_namespaces:
            raise TooLargeError(
                f"{namespaces:,} namespace declarations are in scope, more than the limit of "
                f"{self.limits.max_namespaces:,} (Limits.max_namespaces)",
                limit="max_namespaces",
                line=collection.sourceline,
            )
        deep = _too_deep(collection, self._room, self._below)
        if deep is not None:
            raise TooLargeError(
                f"elements are nested more than {self.limits.max_depth} deep (Limits.max_depth)",
                limit="max_depth",
                line=deep.sourceline,
            )
        for include in collection.iter(f"{{{XINCLUDE_NS}}}*"):
            raise ForbiddenXmlError(
                "XInclude elements are refused (nothing is included)", line=include.sourceline
            )
        if self._could_hold_long_value():
            check_value_lengths(collection, self._long_value, self.limits.max_text_length)

    def _check_start(self, tree: etree._ElementTree) -> None:
        refuse_doctype(tree)
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


def _too_deep(collection: etree._Element, room: int, below: etree.XPath) -> etree._Element | None:
    """The first element deeper than the limit in a collection's records, or the record
    itself when the limit leaves no room for records at all."""
    if room < 0:
        node = next(iter(collection), collection)
        for _ in range(-room - 1):
            parent = node.getparent()
            if parent is not None:
                node = parent
        return node
    found = below(collection)
    return found[0] if isinstance(found, list) and found else None


def _drop(element: etree._Element) -> None:
    """Free a processed record: empty it and take it out of its collection."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def bytes_read(stream: object) -> int:
    """How many bytes of the input the parser has taken so far (for progress displays)."""
    count = getattr(stream, "bytes_read", None)
    return count if isinstance(count, int) else 0
