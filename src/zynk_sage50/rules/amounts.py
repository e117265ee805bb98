"""Rules: money amounts as Sage stores them (2 decimal places, 8 digits before the point).

Everything is exact ``Decimal`` arithmetic; no value is ever turned into a float.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..issues import Issue, Severity
from ..vocabulary import amount_text, decimal_places, exceeds_money_limit, round_to_pennies
from .context import LocatedTransaction
from .types import APPLICABLE, RECEIPTS, field_value, is_update, posted_type

#: The money fields of a transaction (TaxRate and ExchangeRate are rates, not money).
MONEY_FIELDS = ("NetAmount", "TaxAmount", "PaymentAmount", "ReceiptAmount")


def _money(located: LocatedTransaction) -> Iterator[tuple[str, Decimal]]:
    """Each money field given a (valid) value on a new record, where its type uses it."""
    if is_update(located):
        return
    transaction_type = posted_type(located)
    for xml_name in MONEY_FIELDS:
        users = APPLICABLE.get(xml_name)
        if transaction_type is not None and users is not None and transaction_type not in users:
            continue  # ignored by the importer: type.field-not-applicable says so
        value = field_value(located.record, xml_name)
        if isinstance(value, Decimal):
            yield xml_name, value


def precision(located: LocatedTransaction) -> Iterator[Issue]:
    """``amount.precision``: more than 2 decimal places on a money amount."""
    for xml_name, value in _money(located):
        if decimal_places(value) > 2:
            yield located.issue(
                "amount.precision",
                Severity.WARNING,
                f"{xml_name} {amount_text(value)} has {decimal_places(value)} decimal places but "
                f"Sage stores 2, so it will be posted as {amount_text(round_to_pennies(value))}: "
                "round it yourself so the totals are the ones you expect.",
                field=xml_name,
            )


def too_large(located: LocatedTransaction) -> Iterator[Issue]:
    """``amount.too-large``: a money amount of 100,000,000 or more in magnitude."""
    for xml_name, value in _money(located):
        if exceeds_money_limit(value):
            yield located.issue(
                "amount.too-large",
                Severity.ERROR,
                f"{xml_name} {amount_text(value)} is too large for Sage, which stores at most "
                "8 digits before the decimal point (up to 99,999,999.99): split the amount "
                "over several transactions or correct it.",
                field=xml_name,
            )


def tax_on_receipt(located: LocatedTransaction) -> Iterator[Issue]:
    """``amount.tax-on-receipt``: non-zero TaxAmount on SA/SR/SP/PA/PP/PR."""
    transaction_type = posted_type(located)
    if transaction_type not in RECEIPTS:
        return
    written = located.record.transaction_type
    tax = located.record.tax_amount
    if written is None or tax is None or tax == 0:
        return
    yield located.issue(
        "amount.tax-on-receipt",
        Severity.WARNING,
        f"TaxAmount {tax} is given on a {written.value}, but receipts and payments are posted "
        "gross: put the whole amount in NetAmount, set TaxAmount to 0 and usually TaxCode 9.",
        field="TaxAmount",
    )


TRANSACTION_RULES = (precision, too_large, tax_on_receipt)
