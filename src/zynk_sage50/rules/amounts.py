"""Rules: money amounts as Sage stores them (2 decimal places, 8 digits before the point).

Everything is exact ``Decimal`` arithmetic; no value is ever turned into a float.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal

from ..issues import Issue, Severity
from .context import LocatedTransaction
from .types import APPLICABLE, RECEIPTS, field_value, is_update, posted_type

#: The money fields of a transaction (TaxRate and ExchangeRate are rates, not money).
MONEY_FIELDS = ("NetAmount", "TaxAmount", "PaymentAmount", "ReceiptAmount")
#: The smallest magnitude Sage cannot store: its import takes 8 digits before the point.
TOO_LARGE = Decimal("100000000")
_CENT = Decimal("0.01")
#: Below this, rounding to 2 places cannot reach TOO_LARGE.
_ROUNDS_UP_TO_TOO_LARGE = Decimal("99999999.995")


def decimal_places(value: Decimal) -> int:
    """Significant decimal places: ``1.230`` has 2, ``5E+3`` and ``0.000`` have 0."""
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite: the binder refuses NaN and infinities
    if exponent >= -2:  # the common case: at most 2 places as written
        return max(0, -exponent) if any(digits) else 0
    trimmed = list(digits)
    while exponent < 0 and len(trimmed) > 1 and trimmed[-1] == 0:
        trimmed.pop()
        exponent += 1
    if not any(trimmed):
        return 0
    return max(0, -exponent)


def round_money(value: Decimal) -> Decimal:
    """``value`` rounded to 2 places, half up, exactly (whatever its number of digits)."""
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    context = Context(prec=len(digits) + max(exponent, 0) + 4, Emax=MAX_EMAX, Emin=MIN_EMIN)
    return value.quantize(_CENT, rounding=ROUND_HALF_UP, context=context)


#: Amounts longer than this are shortened in messages.
_SHOWN_LENGTH = 30


def amount_text(value: Decimal) -> str:
    """An amount as quoted in a message; an absurdly long one is shortened (``1234567890…
    (10,000 digits)``) so that the message stays one readable sentence."""
    text = str(value)
    if len(text) <= _SHOWN_LENGTH:
        return text
    digits = len(value.as_tuple().digits)
    return f"{text[:12]}… ({digits:,} digits)"


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
                f"Sage stores 2, so it will be posted as {amount_text(round_money(value))}: "
                "round it yourself so the totals are the ones you expect.",
                field=xml_name,
            )


def too_large(located: LocatedTransaction) -> Iterator[Issue]:
    """``amount.too-large``: a money amount of 100,000,000 or more in magnitude."""
    for xml_name, value in _money(located):
        magnitude = abs(value)
        if magnitude >= TOO_LARGE or (
            magnitude >= _ROUNDS_UP_TO_TOO_LARGE and abs(round_money(value)) >= TOO_LARGE
        ):
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
