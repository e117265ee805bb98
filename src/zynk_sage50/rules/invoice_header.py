"""Rules: an invoice document's header: update shape, customer, type, items at all.

Which invoices are new: Zynk's Update Invoices and Update Ledgers tasks read the same
``Invoice`` element, naming an invoice already in Sage by ``Id`` or ``InvoiceNumber`` and
carrying only the fields they change (addresses, notes, Custom1-3, order details). An invoice
with that shape (``Located.is_update``) is reported once as ``invoice.update`` (info) and is
not held to what a new invoice needs.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..issues import Issue
from ..models import Invoice, InvoiceType
from ..vocabulary import INVOICE_NOT_POSTED
from .catalogue import (
    INVOICE_CUSTOMER_MISSING,
    INVOICE_NO_ITEMS,
    INVOICE_TYPE_MISSING,
    INVOICE_UPDATE,
)
from .catalogue import INVOICE_NOT_POSTED as NOT_POSTED_CODE
from .invoice_lines import given, named
from .located import Located
from .registry import REGISTRY


@REGISTRY.record(Invoice)
def update(located: Located[Invoice]) -> Iterator[Issue]:
    """``invoice.update`` (info): an update-shaped invoice, for Update Invoices/Ledgers."""
    if not located.is_update:
        return
    yield located.issue(
        INVOICE_UPDATE,
        f"{named(located)} only names an invoice already in Sage and carries no customer, "
        "type or items: it is read as an update, for Zynk's Update Invoices or Update Ledgers "
        "task; Import Invoices cannot create an invoice from it.",
    )


@REGISTRY.record(Invoice)
def customer_missing(located: Located[Invoice]) -> Iterator[Issue]:
    """``invoice.customer-missing`` (warning): a new invoice with neither AccountReference nor
    CustomerId (I5: the importer may default or generate the account, otherwise fails)."""
    if located.is_update or given(located, "AccountReference") or given(located, "CustomerId"):
        return
    yield located.issue(
        INVOICE_CUSTOMER_MISSING,
        f"{named(located)} has neither AccountReference nor CustomerId: Import Invoices will "
        "use its Default Account Reference setting or generate an account from the invoice "
        "address, and fails the invoice if neither is set up; give the customer's "
        "AccountReference (or the CustomerId the customer was imported with).",
        field="AccountReference",
    )


@REGISTRY.record(Invoice)
def type_missing(located: Located[Invoice]) -> Iterator[Issue]:
    """``invoice.type-missing`` (info): a new invoice without InvoiceType."""
    if located.is_update or given(located, "InvoiceType"):
        return
    yield located.issue(
        INVOICE_TYPE_MISSING,
        f"{named(located)} has no InvoiceType, so the importer uses its default type: give "
        "ProductInvoice, ServiceInvoice, ProductCredit or ServiceCredit, so that a credit "
        "note is not imported as an invoice.",
        field="InvoiceType",
    )


@REGISTRY.record(Invoice)
def not_posted(located: Located[Invoice]) -> Iterator[Issue]:
    """``invoice.not-posted`` (info): a proforma or quotation is not a posting."""
    invoice_type = located.record.invoice_type
    if invoice_type is None or invoice_type not in INVOICE_NOT_POSTED:
        return
    kind = "quotation" if invoice_type is InvoiceType.PRODUCT_QUOTATION else "proforma"
    yield located.issue(
        NOT_POSTED_CODE,
        f"{named(located)} is a {invoice_type.value}: Sage keeps it as a {kind}, "
        "which changes no ledger or customer balance until it is turned into an invoice in "
        "Sage; use ProductInvoice or ServiceInvoice to bill the customer.",
        field="InvoiceType",
    )


@REGISTRY.record(Invoice)
def no_items(located: Located[Invoice]) -> Iterator[Issue]:
    """``invoice.no-items`` (warning): a new invoice with no items and no carriage."""
    if located.is_update or given(located, "InvoiceItems") or given(located, "Carriage"):
        return
    yield located.issue(
        INVOICE_NO_ITEMS,
        f"{named(located)} has no InvoiceItems/Item and no Carriage, so there is nothing to "
        "invoice: add an Item for each product or service sold.",
        field="InvoiceItems",
    )
