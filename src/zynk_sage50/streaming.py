"""Reading a document one record at a time: bounded memory whatever the document's size.

lxml's ``iterparse`` (hardened as in :mod:`.parsing`) yields each ``Transaction`` and
``Customer`` element when it ends; the caller checks and binds it, then it is dropped from the
tree. What is left at the end (the root, its collections, anything unexpected) is tiny and is
checked as a whole. A problem found late (a truncated file) only shows at the end, so results
are provisional until the stream is exhausted.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

import attr
from lxml import etree

from .binding import Binder
from .errors import (
    ForbiddenXmlError,
    SchemaBindingError,
    TooLargeError,
    WrongRootError,
)
from .issues import RecordRef
from .limits import DEFAULT_LIMITS, Limits
from .models import Customer, Invoice, Transaction
from .parsing import XINCLUDE_NS, Source, malformed_error, parser_options
from .records import COLLECTIONS, check_root, record_id_of
from .schema_check import check_record_schema, check_schema
from .sources import open_document

T = TypeVar("T", Transaction, Customer)
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
        stream, encoding = open_document(self._source, self.limits, text=self._text)
        counts = dict.fromkeys(COLLECTION_OF, 0)
        first_collection: dict[str, etree._Element] = {}
        previous: etree._Element | None = None
        # A record is at depth 3 (Company/Transactions/Transaction): room for the rest below it.
        room = self.limits.max_depth - 3
        below = etree.XPath("(" + "*/" * max(room, 0) + "*)[1]")
        long_value = long_value_finder(self.limits.max_text_length)
        parser = etree.iterparse(
            stream,
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
            stream.close()

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
