"""Companies made of records of other companies: reading the source, and building a part that
keeps the source's root namespace declarations (used by split, merge and triage)."""

from __future__ import annotations

from collections.abc import Sequence

import attr

from .limits import DEFAULT_LIMITS, Limits
from .loading import load, loads
from .models import (
    Company,
    Customer,
    Customers,
    Invoice,
    Invoices,
    Transaction,
    Transactions,
)
from .parsing import Source
from .sources import is_xml_text

#: What the library's document functions accept: a source to read, or a model.
DocumentSource = Source | Company


def read_company(source: DocumentSource, *, limits: Limits = DEFAULT_LIMITS) -> Company:
    """``source`` as a model: a ``Company`` as it is; bytes or XML text through :func:`loads`;
    a path or binary file through :func:`load` (so the same errors are raised)."""
    if isinstance(source, Company):
        return source
    if isinstance(source, (bytes, bytearray)):
        return loads(bytes(source), limits=limits)
    if isinstance(source, str) and is_xml_text(source):
        return loads(source, limits=limits)
    return load(source, limits=limits)


def customers_of(company: Company) -> list[Customer]:
    """The company's customers (empty when it has no ``Customers``)."""
    return company.customers.customer if company.customers is not None else []


def invoices_of(company: Company) -> list[Invoice]:
    """The company's invoice documents (empty when it has no ``Invoices``)."""
    return company.invoices.invoice if company.invoices is not None else []


def transactions_of(company: Company) -> list[Transaction]:
    """The company's transactions (empty when it has no ``Transactions``)."""
    return company.transactions.transaction if company.transactions is not None else []


def company_part(
    source: Company,
    *,
    customers: Sequence[Customer] | None,
    invoices: Sequence[Invoice] | None,
    transactions: Sequence[Transaction] | None,
) -> Company:
    """A new ``Company`` holding these records (None: no such collection at all), with the root
    namespace declarations of ``source``. The records are shared, not copied."""
    part = attr.evolve(
        source,
        customers=None if customers is None else Customers(customer=list(customers)),
        invoices=None if invoices is None else Invoices(invoice=list(invoices)),
        transactions=None
        if transactions is None
        else Transactions(transaction=list(transactions)),
    )
    part.namespaces = dict(source.namespaces)  # its own copy: evolve shares the dict
    return part


__all__ = [
    "DocumentSource",
    "company_part",
    "customers_of",
    "invoices_of",
    "read_company",
    "transactions_of",
]
