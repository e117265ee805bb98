"""The rules' old entry points, as thin wrappers over the registry, kept until nothing outside
``rules/`` uses them (``validation.py`` is moving to :func:`.run_record_rules`,
:func:`.record_facts` and :class:`.DocumentContext`). Delete this module then.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import Any

import attr

from ..issues import Issue
from ..models import Customer, Invoice, Transaction
from .context import RuleContext
from .document import DEFAULT_OPTIONS, DocumentContext, RuleOptions
from .duplicates import duplicates, new_invoice_key
from .facts import CustomerFacts, InvoiceFacts, TransactionFacts
from .located import Located
from .references import CustomerKeys, unknown_invoice_customers
from .registry import REGISTRY, run_document_context


def run_transaction_rules(transaction: Located[Transaction]) -> Iterator[Issue]:
    """Old name: the rules about one transaction on its own."""
    return REGISTRY.run_record(transaction, DEFAULT_OPTIONS)


def run_customer_rules(customer: Located[Customer]) -> Iterator[Issue]:
    """Old name: the rules about one customer on its own."""
    return REGISTRY.run_record(customer, DEFAULT_OPTIONS)


def run_invoice_record_rules(invoice: Located[Invoice]) -> Iterator[Issue]:
    """Old name: the rules about one invoice on its own."""
    return REGISTRY.run_record(invoice, DEFAULT_OPTIONS)


def _options(context: RuleContext) -> RuleOptions:
    return RuleOptions(
        journal_variance_nominal=context.journal_variance_nominal,
        imported_ids=context.imported_ids,
    )


def document_context(context: RuleContext) -> DocumentContext:
    """The new context for an old one (its records, full or slim, turned into facts)."""
    return DocumentContext(
        transactions=[TransactionFacts(entry) for entry in context.transactions],
        customers=[CustomerFacts(entry) for entry in context.customers],
        has_customers=context.has_customers,
        options=_options(context),
    )


def run_document_rules(context: RuleContext | DocumentContext) -> Iterator[Issue]:
    """The rules across records: over a :class:`.DocumentContext` (transactions, customers
    and invoices), or, the old way, over a :class:`.RuleContext` (no invoices)."""
    if isinstance(context, RuleContext):
        context = document_context(context)
    return run_document_context(context)


def run_rules(context: RuleContext) -> Iterator[Issue]:
    """Old name: every rule over the document, record rules first, then document-wide ones."""
    for transaction in context.transactions:
        yield from REGISTRY.run_record(transaction, _options(context))
    for customer in context.customers:
        yield from REGISTRY.run_record(customer, _options(context))
    yield from run_document_rules(context)


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class InvoiceDocument:
    """Old shape of what the document-level invoice rules saw."""

    invoices: Sequence[Located[Invoice]] = ()
    #: The document's customers; None when it has no <Customers> element.
    customers: CustomerKeys | None = None
    #: Ids already imported (the importer's Prevent Duplicates), as given by the caller.
    imported_ids: Collection[str] = frozenset()


def _invoice_duplicate_id(document: InvoiceDocument) -> Iterator[Issue]:
    facts = [InvoiceFacts(entry) for entry in document.invoices]
    imported = frozenset(value.strip() for value in document.imported_ids)
    return duplicates(facts, new_invoice_key, imported, "invoice")


def _invoice_unknown_customer(document: InvoiceDocument) -> Iterator[Issue]:
    if document.customers is None:
        return iter(())
    facts = [InvoiceFacts(entry) for entry in document.invoices]
    return unknown_invoice_customers(facts, document.customers)


InvoiceDocumentRule = Callable[[InvoiceDocument], Iterable[Issue]]
#: Old name: the document-level invoice rules, over an :class:`InvoiceDocument`.
INVOICE_DOCUMENT_RULES: tuple[InvoiceDocumentRule, ...] = (
    _invoice_duplicate_id,
    _invoice_unknown_customer,
)


def run_invoice_rules(document: InvoiceDocument) -> Iterator[Issue]:
    """Old name: each invoice's record rules in document order, then the document-wide ones."""
    for entry in document.invoices:
        yield from REGISTRY.run_record(entry, DEFAULT_OPTIONS)
    for document_rule in INVOICE_DOCUMENT_RULES:
        yield from document_rule(document)


def is_update(located: Located[Any]) -> bool:
    """Old name: ``located.is_update``."""
    return located.is_update
