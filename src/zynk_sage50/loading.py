"""``load``, ``loads`` and the ``iter_*`` readers: thin consumers of the record pipeline.

The document is read record by record (:mod:`.reading`), so no whole-document lxml tree is
ever held next to the models; every schema problem is collected before ``load`` returns, and
the ``iter_*`` readers stop at the first record that does not fit.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .binding import Binder
from .errors import SchemaBindingError
from .issues import Issue
from .limits import DEFAULT_LIMITS, Limits
from .models import Company, Customer, Invoice, Transaction
from .parsing import Source
from .reading import Binding, read_records
from .records import RECORD_CLASSES
from .schema_check import check_schema
from .streaming import RecordStream

__all__ = ["iter_customers", "iter_invoices", "iter_transactions", "load", "loads"]


def _load(source: Source, limits: Limits, *, text: bool) -> Company:
    stream = RecordStream(source, limits, text=text)
    binder = Binder(limits)
    records: dict[str, list[Any]] = {kind: [] for kind in RECORD_CLASSES}
    problems: list[Issue] = []
    for read in read_records(stream, binder, Binding.STRICT):
        if read.issues:
            problems.extend(read.issues)
        elif not problems:
            records[read.event.kind].append(read.model)
    root = stream.residual_root()
    problems.extend(check_schema(root))
    if problems:
        raise SchemaBindingError.from_issues(problems)
    company = binder.bind(root, Company)
    company.namespaces = {prefix: uri for prefix, uri in root.nsmap.items() if prefix}
    if company.transactions is not None:
        company.transactions.transaction = records["Transaction"]
    if company.customers is not None:
        company.customers.customer = records["Customer"]
    if company.invoices is not None:
        company.invoices.invoice = records["Invoice"]
    return company


def loads(data: bytes | str, *, limits: Limits = DEFAULT_LIMITS) -> Company:
    """Read a ``Company`` document from bytes or text.

    Raises ``MalformedXmlError``, ``ForbiddenXmlError``, ``TooLargeError`` or
    ``SchemaBindingError`` (all ``ZynkSage50Error``); the XML is never recovered or guessed at.
    """
    if not isinstance(data, (bytes, bytearray, str)):
        raise TypeError(f"loads() takes bytes or str, not {type(data).__name__}")
    return _load(data, limits, text=True)


def load(source: Source, *, limits: Limits = DEFAULT_LIMITS) -> Company:
    """Read a ``Company`` document from a path or a binary file object (see :func:`loads`)."""
    if isinstance(source, (bytes, bytearray)):
        raise TypeError("load() takes a path or a binary file; use loads() for bytes")
    return _load(source, limits, text=False)


def _iter_models(source: Source, kind: str, limits: Limits) -> Iterator[Any]:
    stream = RecordStream(source, limits)
    for read in read_records(stream, Binder(limits), Binding.STRICT):
        if read.event.kind != kind:
            continue
        if read.issues:
            raise SchemaBindingError.from_issues(read.issues)
        yield read.model
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


def iter_invoices(source: Source, *, limits: Limits = DEFAULT_LIMITS) -> Iterator[Invoice]:
    """Yield each ``Invoice`` of a document as it is read (see :func:`iter_transactions`)."""
    return _iter_models(source, "Invoice", limits)
