"""Rules: references between the records of one document."""

from __future__ import annotations

from collections.abc import Iterator

from ..issues import Issue, Severity
from ..vocabulary import account_key
from .context import RuleContext
from .types import SALES, posted_type


def unknown_customer(context: RuleContext) -> Iterator[Issue]:
    """``reference.unknown-customer`` (info): a sales transaction's AccountReference names no
    customer of the document (only when the document has Customers).

    A transaction whose CustomerId is the Id of one of the document's customers is taken to
    name it (Zynk's own import sample links them so).
    """
    if not context.has_customers:
        return
    references = {
        account_key(located.record.account_reference)
        for located in context.customers
        if located.record.account_reference
    }
    customer_ids = {
        located.record.id.strip() for located in context.customers if located.record.id
    }
    for located in context.transactions:
        transaction_type = posted_type(located)
        reference = located.record.account_reference
        if transaction_type not in SALES or reference is None or not reference.strip():
            continue
        if account_key(reference) in references:
            continue
        customer_id = located.record.customer_id
        if customer_id is not None and customer_id.strip() in customer_ids:
            continue
        yield located.issue(
            "reference.unknown-customer",
            Severity.INFO,
            f"AccountReference {reference!r} is not one of the customers in this document: "
            "it must already exist in Sage, otherwise add the customer or correct the "
            "reference.",
            field="AccountReference",
        )


DOCUMENT_RULES = (unknown_customer,)
