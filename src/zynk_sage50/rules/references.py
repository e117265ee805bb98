"""Rules: references between the records of one document (only when it has Customers)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attr

from ..issues import Issue
from ..vocabulary import SALES, account_key, canonical_type
from .catalogue import INVOICE_UNKNOWN_CUSTOMER, REFERENCE_UNKNOWN_CUSTOMER
from .document import DocumentContext
from .facts import CustomerFacts, InvoiceFacts
from .registry import REGISTRY


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class CustomerKeys:
    """What a record can name a document's customer by: account reference or customer Id."""

    account_references: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()

    @classmethod
    def of(cls, customers: Iterable[CustomerFacts]) -> CustomerKeys:
        """The keys of these customers (blank references and Ids are left out)."""
        references: set[str] = set()
        ids: set[str] = set()
        for customer in customers:
            if customer.account_reference and customer.account_reference.strip():
                references.add(account_key(customer.account_reference))
            if customer.id and customer.id.strip():
                ids.add(customer.id.strip())
        return cls(account_references=frozenset(references), ids=frozenset(ids))

    def names(self, account_reference: str, customer_id: str) -> bool:
        """Does a record with these (stripped) values name one of the customers?"""
        if account_reference and account_key(account_reference) in self.account_references:
            return True
        return bool(customer_id) and customer_id in self.ids


@REGISTRY.document
def unknown_customer(context: DocumentContext) -> Iterator[Issue]:
    """``reference.unknown-customer`` (info): a sales transaction's AccountReference names no
    customer of the document (only when the document has Customers).

    A transaction whose CustomerId is the Id of one of the document's customers is taken to
    name it (Zynk's own import sample links them so).
    """
    if not context.has_customers or not context.transactions:
        return
    customers = CustomerKeys.of(context.customers)
    for row in context.transactions:
        reference = row.account_reference
        if not row.posting or canonical_type(row.transaction_type) not in SALES:
            continue
        if not reference.strip() or customers.names(reference, row.customer_id.strip()):
            continue
        yield row.issue(
            REFERENCE_UNKNOWN_CUSTOMER,
            f"AccountReference {reference!r} is not one of the customers in {context.scope}: "
            "it must already exist in Sage, otherwise add the customer or correct the "
            "reference.",
            field="AccountReference",
        )


def unknown_invoice_customers(
    invoices: Iterable[InvoiceFacts], customers: CustomerKeys, scope: str = "this document"
) -> Iterator[Issue]:
    """``invoice.unknown-customer`` for these invoices against these customers."""
    for invoice in invoices:
        reference = (invoice.account_reference or "").strip()
        customer_id = (invoice.customer_id or "").strip()
        if invoice.is_update or not (reference or customer_id):
            continue  # invoice.update / invoice.customer-missing
        if customers.names(reference, customer_id):
            continue
        named = f"AccountReference {reference!r}" if reference else f"CustomerId {customer_id!r}"
        yield invoice.issue(
            INVOICE_UNKNOWN_CUSTOMER,
            f"{invoice.name}: {named} is not one of the customers in {scope}: it "
            "must already exist in Sage (or be created by the importer's Auto Create Account "
            "setting), otherwise add the customer or correct the reference.",
            field="AccountReference" if reference else "CustomerId",
        )


@REGISTRY.document
def invoice_unknown_customer(context: DocumentContext) -> Iterator[Issue]:
    """``invoice.unknown-customer`` (info): the document has Customers and a new invoice's
    AccountReference and CustomerId name none of them (it may already be in Sage)."""
    if not context.has_customers or not context.invoices:
        return
    yield from unknown_invoice_customers(
        context.invoices, CustomerKeys.of(context.customers), context.scope
    )
