"""The shared vocabulary: type sets agree with one another, money rounds as Sage stores it."""

from __future__ import annotations

from decimal import Decimal

from zynk_sage50.models import TransactionType
from zynk_sage50.vocabulary import (
    ALIASES,
    ALL_TYPES,
    ALLOCATES_TO,
    BANK,
    INVOICES,
    JOURNALS,
    PURCHASE,
    RECEIPTS,
    SALES,
    SALES_WRITTEN,
    Ledger,
    canonical_type,
    exceeds_money_limit,
    ledger_of,
    money_text,
    round_line_amount,
    round_to_pennies,
    type_names,
)

T = TransactionType


def test_every_canonical_type_is_in_exactly_one_family() -> None:
    families = [INVOICES, BANK, JOURNALS, RECEIPTS, frozenset({T.BANK_TRANSFER})]
    for transaction_type in ALL_TYPES:
        assert sum(transaction_type in family for family in families) == 1, transaction_type
    assert not ALL_TYPES & set(ALIASES)
    assert SALES | PURCHASE == INVOICES | RECEIPTS
    assert not SALES & PURCHASE


def test_aliases_fold_into_their_canonical_type() -> None:
    assert canonical_type(T.SALES_RECEIPT) is T.SALES_RECEIPT_ON_ACCOUNT
    assert canonical_type(T.BANK_RECEIPT) is T.BANK_RECEIPT
    assert canonical_type(None) is None
    assert SALES | {T.SALES_RECEIPT} == SALES_WRITTEN


def test_allocation_targets_are_on_the_same_ledger() -> None:
    assert ALLOCATES_TO[T.SALES_RECEIPT] is T.SALES_INVOICE
    assert ALLOCATES_TO[T.PURCHASE_CREDIT] is T.PURCHASE_INVOICE
    assert T.SALES_PAYMENT not in ALLOCATES_TO
    for source, target in ALLOCATES_TO.items():
        assert ledger_of(source) is ledger_of(target)
    assert Ledger.SALES.other is Ledger.PURCHASE
    assert Ledger.PURCHASE.target_type is T.PURCHASE_INVOICE
    assert ledger_of(T.JOURNAL_DEBIT) is None


def test_type_names_reads_as_a_list() -> None:
    assert type_names([T.SALES_CREDIT, T.SALES_INVOICE]) == "SalesInvoice and SalesCredit"
    assert type_names([T.BANK_TRANSFER]) == "BankTransfer"


def test_the_two_roundings() -> None:
    assert round_to_pennies(Decimal("0.125")) == Decimal("0.13")
    assert round_to_pennies(Decimal("-0.125")) == Decimal("-0.13")
    assert round_line_amount(Decimal("0.125")) == Decimal("0.13")
    huge = Decimal("1E+40")
    assert round_line_amount(huge) is huge  # left alone: never builds the digits
    assert round_to_pennies(huge) == huge
    assert exceeds_money_limit(Decimal("99999999.995"))
    assert not exceeds_money_limit(Decimal("99999999.994"))
    assert money_text(Decimal("240")) == "240.00"
    assert money_text(Decimal("1.005")) == "1.005"
