"""The business rules Zynk applies on import, one small pure function per catalogue code.

Each topic module lists its rules in ``TRANSACTION_RULES`` (one transaction at a time),
``CUSTOMER_RULES`` (one customer at a time) and ``DOCUMENT_RULES`` (the whole document).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..issues import Issue
from ..models import Invoice
from . import (
    allocation,
    amounts,
    customers,
    duplicates,
    grouping,
    journals,
    oss,
    references,
    transfers,
    types,
    updates,
)
from .context import Located, LocatedCustomer, LocatedTransaction, RuleContext
from .invoices import INVOICE_RULES

TransactionRule = Callable[[LocatedTransaction], Iterable[Issue]]
CustomerRule = Callable[[LocatedCustomer], Iterable[Issue]]
DocumentRule = Callable[[RuleContext], Iterable[Issue]]

_TOPICS = (
    types,
    updates,
    amounts,
    oss,
    transfers,
    duplicates,
    grouping,
    journals,
    allocation,
    customers,
    references,
)

TRANSACTION_RULES: tuple[TransactionRule, ...] = tuple(
    rule for topic in _TOPICS for rule in getattr(topic, "TRANSACTION_RULES", ())
)
CUSTOMER_RULES: tuple[CustomerRule, ...] = tuple(
    rule for topic in _TOPICS for rule in getattr(topic, "CUSTOMER_RULES", ())
)
DOCUMENT_RULES: tuple[DocumentRule, ...] = tuple(
    rule for topic in _TOPICS for rule in getattr(topic, "DOCUMENT_RULES", ())
)


def run_transaction_rules(transaction: LocatedTransaction) -> Iterator[Issue]:
    """The rules about one transaction on its own."""
    for transaction_rule in TRANSACTION_RULES:
        yield from transaction_rule(transaction)


def run_customer_rules(customer: LocatedCustomer) -> Iterator[Issue]:
    """The rules about one customer on its own."""
    for customer_rule in CUSTOMER_RULES:
        yield from customer_rule(customer)


def run_invoice_record_rules(invoice: Located[Invoice]) -> Iterator[Issue]:
    """The rules about one invoice on its own (the invoice-wide ones are in
    :data:`.invoices.INVOICE_DOCUMENT_RULES`)."""
    for invoice_rule in INVOICE_RULES:
        yield from invoice_rule(invoice)


def run_document_rules(context: RuleContext) -> Iterator[Issue]:
    """The rules across records (grouping, journals, allocation, duplicates, references).

    They read only the few fields listed in :data:`.context.DOCUMENT_FIELDS`, so a streaming
    caller may pass slim records (see :func:`.context.slim`).
    """
    for document_rule in DOCUMENT_RULES:
        yield from document_rule(context)


def run_rules(context: RuleContext) -> Iterator[Issue]:
    """Every rule over the document: record rules first, then document-wide ones."""
    for transaction in context.transactions:
        yield from run_transaction_rules(transaction)
    for customer in context.customers:
        yield from run_customer_rules(customer)
    yield from run_document_rules(context)
