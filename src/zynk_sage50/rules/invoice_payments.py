"""Rules: the payment an invoice document records (PaymentAmount, PaymentType, BankAccount)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..issues import Issue
from ..models import Invoice
from ..vocabulary import INVOICE_CREDITS, INVOICE_NOT_POSTED
from .catalogue import (
    AMOUNT_ZERO,
    INVOICE_PAYMENT_DEFAULT_BANK,
    INVOICE_PAYMENT_NOT_APPLICABLE,
    INVOICE_PAYMENT_TYPE_MISSING,
    INVOICE_PAYMENT_WITHOUT_AMOUNT,
)
from .invoice_lines import given, named
from .located import Located
from .registry import REGISTRY

#: The importer's Default Bank Account setting, unless changed (Importing Invoices page).
DEFAULT_BANK_ACCOUNT = "1200"


def _payment_amount(located: Located[Invoice]) -> Decimal | None:
    """The PaymentAmount when it records a payment (given and not zero)."""
    amount = located.record.payment_amount
    return None if amount is None or amount == 0 else amount


@REGISTRY.record(Invoice)
def zero_payment(located: Located[Invoice]) -> Iterator[Issue]:
    """``amount.zero`` (warning): a PaymentAmount of 0 records no payment (no receipt is
    created), which is almost always an amount lost on the way."""
    amount = located.record.payment_amount
    if amount is None or amount != 0:
        return
    yield located.issue(
        AMOUNT_ZERO,
        f"{named(located)} has PaymentAmount {amount}: no receipt is created for a payment of "
        "nothing. Give the amount received, or leave the payment fields out.",
        field="PaymentAmount",
    )


@REGISTRY.record(Invoice)
def payment_without_amount(located: Located[Invoice]) -> Iterator[Issue]:
    """``invoice.payment-without-amount`` (warning): PaymentType, PaymentRef or BankAccount
    given without a PaymentAmount: no receipt is created and they are ignored."""
    if _payment_amount(located) is not None or "PaymentAmount" in located.invalid_fields:
        return
    present = [
        name for name in ("PaymentType", "PaymentRef", "BankAccount") if given(located, name)
    ]
    if not present:
        return
    listed = (
        " and ".join(present)
        if len(present) <= 2
        else ", ".join(present[:-1]) + " and " + present[-1]
    )
    yield located.issue(
        INVOICE_PAYMENT_WITHOUT_AMOUNT,
        f"{named(located)} gives {listed} but no PaymentAmount, so no receipt is created and "
        f"{'it is' if len(present) == 1 else 'they are'} ignored: give the PaymentAmount "
        "received, or remove the payment fields.",
        field=present[0],
    )


@REGISTRY.record(Invoice)
def payment_type_missing(located: Located[Invoice]) -> Iterator[Issue]:
    """``invoice.payment-type-missing`` (warning): a PaymentAmount without PaymentType."""
    if _payment_amount(located) is None or given(located, "PaymentType"):
        return
    yield located.issue(
        INVOICE_PAYMENT_TYPE_MISSING,
        f"{named(located)} has PaymentAmount {located.record.payment_amount} but no "
        "PaymentType: say SalesReceipt to have the receipt allocated to this invoice, or "
        "SalesReceiptOnAccount to leave it on the account unallocated.",
        field="PaymentType",
    )


@REGISTRY.record(Invoice)
def payment_default_bank(located: Located[Invoice]) -> Iterator[Issue]:
    """``invoice.payment-default-bank`` (info): a payment without BankAccount goes to the
    importer's Default Bank Account (1200 unless changed)."""
    if _payment_amount(located) is None or given(located, "BankAccount"):
        return
    yield located.issue(
        INVOICE_PAYMENT_DEFAULT_BANK,
        f"{named(located)} has PaymentAmount {located.record.payment_amount} but no "
        "BankAccount: the receipt is posted to the importer's Default Bank Account setting "
        f"({DEFAULT_BANK_ACCOUNT} unless changed); give BankAccount if it was paid into "
        "another bank.",
        field="PaymentAmount",
    )


@REGISTRY.record(Invoice)
def payment_not_applicable(located: Located[Invoice]) -> Iterator[Issue]:
    """``invoice.payment-not-applicable`` (warning): a payment on a credit note, proforma or
    quotation."""
    invoice_type = located.record.invoice_type
    if _payment_amount(located) is None or invoice_type is None:
        return
    if invoice_type in INVOICE_CREDITS:
        why = (
            "a sales receipt is money in, but a credit note is owed to the customer: record "
            "a refund as a SalesPayment transaction instead"
        )
    elif invoice_type in INVOICE_NOT_POSTED:
        why = (
            "the receipt is created when the invoice is posted, and a proforma or quotation "
            "is never posted: record the payment on the invoice that replaces it"
        )
    else:
        return
    yield located.issue(
        INVOICE_PAYMENT_NOT_APPLICABLE,
        f"{named(located)} is a {invoice_type.value} with PaymentAmount "
        f"{located.record.payment_amount}: {why}.",
        field="PaymentAmount",
    )
