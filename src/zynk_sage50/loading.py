"""``load`` and ``loads``: hardened streaming parse, XSD check, then binding to the models.

The document is read record by record (:mod:`.streaming`), so no whole-document lxml tree is
ever held next to the models; every schema problem is collected before anything is returned.
"""

from __future__ import annotations

from typing import Any

from .binding import Binder
from .errors import SchemaBindingError
from .issues import Issue
from .limits import DEFAULT_LIMITS, Limits
from .models import Company
from .namespaces import remember
from .parsing import Source
from .schema_check import check_record_schema, check_schema
from .streaming import RECORD_CLASSES, RecordStream

__all__ = ["load", "loads"]


def _load(source: Source, limits: Limits, *, text: bool) -> Company:
    stream = RecordStream(source, limits, text=text)
    binder = Binder(limits)
    records: dict[str, list[Any]] = {kind: [] for kind in RECORD_CLASSES}
    problems: list[Issue] = []
    for event in stream:
        found = check_record_schema(event.element, event.path, event.ref)
        if found:
            problems.extend(found)
        elif not problems:
            records[event.kind].append(
                binder.bind_checked(event.element, RECORD_CLASSES[event.kind])
            )
    root = stream.residual_root()
    problems.extend(check_schema(root))
    if problems:
        raise SchemaBindingError.from_issues(problems)
    company = binder.bind(root, Company)
    if company.transactions is not None:
        company.transactions.transaction = records["Transaction"]
    if company.customers is not None:
        company.customers.customer = records["Customer"]
    if company.invoices is not None:
        company.invoices.invoice = records["Invoice"]
    remember(company, root.nsmap)
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
