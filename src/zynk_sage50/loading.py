"""``load``, ``loads`` and the ``iter_*`` readers: thin consumers of the record pipeline.

The document is read record by record (:mod:`.reading`), so no whole-document lxml tree is
ever held next to the models; every schema problem is collected before ``load`` returns, and
the ``iter_*`` readers stop at the first record that does not fit.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any, Literal

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

__all__ = [
    "DroppedContentWarning",
    "iter_customers",
    "iter_invoices",
    "iter_transactions",
    "load",
    "loads",
]


#: What ``unknown="drop"`` leaves out: content the models have no place for.
_DROPPABLE = frozenset({"schema.unknown-element", "schema.unknown-attribute"})
Unknown = Literal["error", "drop"]


class DroppedContentWarning(UserWarning):
    """``load(..., unknown="drop")`` left elements or attributes out; ``issues`` lists each
    (code, message, line, path), so nothing is dropped silently."""

    def __init__(self, issues: list[Issue]) -> None:
        shown = "; ".join(f"line {i.line}: {i.message}" for i in issues[:5])
        more = f"; and {len(issues) - 5:,} more" if len(issues) > 5 else ""
        super().__init__(f"{len(issues):,} unknown elements or attributes left out: {shown}{more}")
        self.issues = issues


def _load(source: Source, limits: Limits, *, text: bool, unknown: Unknown = "error") -> Company:
    if unknown not in ("error", "drop"):
        raise ValueError(f'unknown must be "error" or "drop", not {unknown!r}')
    stream = RecordStream(source, limits, text=text)
    binder = Binder(limits)
    records: dict[str, list[Any]] = {kind: [] for kind in RECORD_CLASSES}
    problems: list[Issue] = []
    dropped: list[Issue] = []
    binding = Binding.LENIENT if unknown == "drop" else Binding.STRICT
    for read in read_records(stream, binder, binding):
        issues = read.issues
        if unknown == "drop":
            dropped.extend(issue for issue in issues if issue.code in _DROPPABLE)
            issues = [issue for issue in issues if issue.code not in _DROPPABLE]
        if issues:
            problems.extend(issues)
        elif not problems:
            records[read.event.kind].append(read.model)
    root = stream.residual_root()
    residual = check_schema(root)
    if unknown == "drop":
        dropped.extend(issue for issue in residual if issue.code in _DROPPABLE)
        residual = [issue for issue in residual if issue.code not in _DROPPABLE]
    problems.extend(residual)
    if problems:
        raise SchemaBindingError.from_issues(problems)
    if dropped:
        company, _found = binder.bind_lenient(root, Company)
        warnings.warn(DroppedContentWarning(dropped), stacklevel=3)
    else:
        company = binder.bind(root, Company)
    company.namespaces = {prefix: uri for prefix, uri in root.nsmap.items() if prefix}
    if company.transactions is not None:
        company.transactions.transaction = records["Transaction"]
    if company.customers is not None:
        company.customers.customer = records["Customer"]
    if company.invoices is not None:
        company.invoices.invoice = records["Invoice"]
    return company


def loads(
    data: bytes | str, *, limits: Limits = DEFAULT_LIMITS, unknown: Unknown = "error"
) -> Company:
    """Read a ``Company`` document from bytes or text.

    Raises ``MalformedXmlError``, ``ForbiddenXmlError``, ``TooLargeError`` or
    ``SchemaBindingError`` (all ``ZynkSage50Error``); the XML is never recovered or guessed at.
    With ``unknown="drop"``, elements and attributes the models have no place for (a third
    party's extra fields) are left out instead, and listed in a ``DroppedContentWarning``;
    every other problem still raises.
    """
    if not isinstance(data, (bytes, bytearray, str)):
        raise TypeError(f"loads() takes bytes or str, not {type(data).__name__}")
    return _load(data, limits, text=True, unknown=unknown)


def load(
    source: Source, *, limits: Limits = DEFAULT_LIMITS, unknown: Unknown = "error"
) -> Company:
    """Read a ``Company`` document from a path or a binary file object (see :func:`loads`)."""
    if isinstance(source, (bytes, bytearray)):
        raise TypeError("load() takes a path or a binary file; use loads() for bytes")
    return _load(source, limits, text=False, unknown=unknown)


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
