"""Rules: BankTransfer rows (decision 19, D18).

PaymentAmount leaves FromBankAccount, ReceiptAmount arrives in ToBankAccount. With an
ExchangeRate, ReceiptAmount must be PaymentAmount * ExchangeRate rounded to 2 places, half away
from zero (the documented sample: 100 * 1.5 = 150); ReceiptAmount is itself compared after
rounding to 2 places, as Sage stores it. Without an ExchangeRate (absent or ``xsi:nil``) the
importer uses Sage's own rates when a bank is in a foreign currency, so differing amounts are
only a warning. A check is skipped when an amount it needs is missing or unreadable: the
required-field and schema rules report that.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..issues import Issue
from ..models import Transaction, TransactionType
from ..vocabulary import money_text, round_line_amount
from .catalogue import TRANSFER_AMOUNTS_DIFFER, TRANSFER_RATE_MISMATCH, TRANSFER_SAME_ACCOUNT
from .located import Located
from .registry import REGISTRY


def _is_transfer(row: Located[Transaction]) -> bool:
    return not row.is_update and row.record.transaction_type is TransactionType.BANK_TRANSFER


def _amount(row: Located[Transaction], xml_name: str, value: Decimal | None) -> Decimal | None:
    """A readable amount, or None when it is missing or failed the schema."""
    return None if value is None or xml_name in row.invalid_fields else value


@REGISTRY.record(Transaction)
def check_same_account(row: Located[Transaction]) -> Iterator[Issue]:
    """``transfer.same-account``: a transfer must move money between two banks."""
    if not _is_transfer(row):
        return
    source, target = row.record.from_bank_account, row.record.to_bank_account
    if not source or not target or {"FromBankAccount", "ToBankAccount"} & row.invalid_fields:
        return
    if source.strip().upper() != target.strip().upper():
        return
    yield row.issue(
        TRANSFER_SAME_ACCOUNT,
        f"FromBankAccount and ToBankAccount are both {target}: a bank transfer moves money "
        "between two different bank accounts. Correct one of them.",
        field="ToBankAccount",
    )


@REGISTRY.record(Transaction)
def check_rate_mismatch(row: Located[Transaction]) -> Iterator[Issue]:
    """``transfer.rate-mismatch``: ReceiptAmount ≠ round(PaymentAmount * ExchangeRate, 2)."""
    if not _is_transfer(row):
        return
    record = row.record
    payment = _amount(row, "PaymentAmount", record.payment_amount)
    receipt = _amount(row, "ReceiptAmount", record.receipt_amount)
    rate = _amount(row, "ExchangeRate", record.exchange_rate)
    if payment is None or receipt is None or rate is None:
        return
    expected = round_line_amount(payment * rate)
    if round_line_amount(receipt) == expected:
        return
    yield row.issue(
        TRANSFER_RATE_MISMATCH,
        f"ReceiptAmount {money_text(receipt)} does not match PaymentAmount "
        f"{money_text(payment)} times ExchangeRate {rate}, which is {money_text(expected)} "
        "rounded to 2 places. Correct the amount or the rate, or leave ExchangeRate out to let "
        "Sage apply its own rate.",
        field="ReceiptAmount",
    )


@REGISTRY.record(Transaction)
def check_amounts_differ(row: Located[Transaction]) -> Iterator[Issue]:
    """``transfer.amounts-differ``: no ExchangeRate and PaymentAmount ≠ ReceiptAmount."""
    if not _is_transfer(row) or "ExchangeRate" in row.invalid_fields:
        return
    record = row.record
    if record.exchange_rate is not None:
        return
    payment = _amount(row, "PaymentAmount", record.payment_amount)
    receipt = _amount(row, "ReceiptAmount", record.receipt_amount)
    if payment is None or receipt is None:
        return
    if round_line_amount(payment) == round_line_amount(receipt):
        return
    yield row.issue(
        TRANSFER_AMOUNTS_DIFFER,
        f"PaymentAmount {money_text(payment)} and ReceiptAmount {money_text(receipt)} differ "
        "and no ExchangeRate is given: fine if one bank is in a foreign currency (Sage's rate "
        "is used), otherwise make the two amounts equal.",
        field="ReceiptAmount",
    )
