"""Rules: money amounts as Sage stores them (2 decimal places, 8 digits before the point).

Everything is exact ``Decimal`` arithmetic; no value is ever turned into a float. Rounding
and formatting live in :mod:`zynk_sage50.vocabulary`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal

from ..issues import Issue
from ..models import Transaction, TransactionType
from ..vocabulary import (
    RECEIPTS,
    amount_text,
    decimal_places,
    exceeds_money_limit,
    round_to_pennies,
)
from .applicability import APPLICABLE, attribute
from .catalogue import AMOUNT_PRECISION, AMOUNT_TAX_ON_RECEIPT, AMOUNT_TOO_LARGE, AMOUNT_ZERO
from .located import Located
from .registry import REGISTRY

#: The money fields of a transaction (TaxRate and ExchangeRate are rates, not money).
MONEY_FIELDS = ("NetAmount", "TaxAmount", "PaymentAmount", "ReceiptAmount")


def _money_fields(transaction_type: TransactionType | None) -> tuple[tuple[str, str], ...]:
    """(element, attribute) of each money field a type uses (all four for an unknown type)."""
    return tuple(
        (name, attribute(name))
        for name in MONEY_FIELDS
        if transaction_type is None
        or name not in APPLICABLE
        or transaction_type in APPLICABLE[name]
    )


#: The money fields each posted type uses (the importer ignores the others:
#: type.field-not-applicable says so), worked out once.
_MONEY_BY_TYPE: Mapping[TransactionType | None, tuple[tuple[str, str], ...]] = {
    transaction_type: _money_fields(transaction_type)
    for transaction_type in (None, *TransactionType)
}


def _money(located: Located[Transaction]) -> Iterator[tuple[str, Decimal]]:
    """Each money field given a (valid) value on a new record, where its type uses it."""
    if located.is_update:
        return
    record = located.record
    for xml_name, name in _MONEY_BY_TYPE[located.posted_type]:
        value = getattr(record, name)
        if isinstance(value, Decimal):
            yield xml_name, value


def precision_message(what: str, value: Decimal) -> str:
    """The ``amount.precision`` message (transactions and invoices)."""
    return (
        f"{what} {amount_text(value)} has {decimal_places(value)} decimal places but Sage "
        f"stores 2, so it will be posted as {amount_text(round_to_pennies(value))}: round it "
        "yourself so the totals are the ones you expect."
    )


def too_large_message(what: str, value: Decimal, split_over: str) -> str:
    """The ``amount.too-large`` message (transactions and invoices)."""
    return (
        f"{what} {amount_text(value)} is too large for Sage, which stores at most 8 digits "
        f"before the decimal point (up to 99,999,999.99): split {split_over} or correct it."
    )


@REGISTRY.record(Transaction)
def precision(located: Located[Transaction]) -> Iterator[Issue]:
    """``amount.precision``: more than 2 decimal places on a money amount."""
    for xml_name, value in _money(located):
        if decimal_places(value) > 2:
            yield located.issue(
                AMOUNT_PRECISION, precision_message(xml_name, value), field=xml_name
            )


@REGISTRY.record(Transaction)
def too_large(located: Located[Transaction]) -> Iterator[Issue]:
    """``amount.too-large``: a money amount of 100,000,000 or more in magnitude."""
    for xml_name, value in _money(located):
        if exceeds_money_limit(value):
            yield located.issue(
                AMOUNT_TOO_LARGE,
                too_large_message(xml_name, value, "the amount over several transactions"),
                field=xml_name,
            )


@REGISTRY.record(Transaction)
def tax_on_receipt(located: Located[Transaction]) -> Iterator[Issue]:
    """``amount.tax-on-receipt``: non-zero TaxAmount on SA/SR/SP/PA/PP/PR."""
    if located.posted_type not in RECEIPTS:
        return
    written = located.record.transaction_type
    tax = located.record.tax_amount
    if written is None or tax is None or tax == 0:
        return
    yield located.issue(
        AMOUNT_TAX_ON_RECEIPT,
        f"TaxAmount {tax} is given on a {written.value}, but receipts and payments are posted "
        "gross: put the whole amount in NetAmount, set TaxAmount to 0 and usually TaxCode 9.",
        field="TaxAmount",
    )


@REGISTRY.record(Transaction)
def zero(located: Located[Transaction]) -> Iterator[Issue]:
    """``amount.zero``: a new SA/SR, SP, PA/PP or PR whose NetAmount is 0: Sage posts a receipt
    or payment of nothing, which moves no money and settles nothing."""
    if located.is_update or located.posted_type not in RECEIPTS:
        return
    written = located.record.transaction_type
    amount = located.record.net_amount
    if written is None or not isinstance(amount, Decimal) or amount != 0:
        return
    yield located.issue(
        AMOUNT_ZERO,
        f"NetAmount is {amount_text(amount)} on a {written.value}: Sage would post a "
        f"{written.value} of nothing, which moves no money and settles nothing. Give the "
        "amount, or leave the record out.",
        field="NetAmount",
    )
