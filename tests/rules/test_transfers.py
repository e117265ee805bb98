"""transfer.*: BankTransfer accounts and amounts (decision 19, D18)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conformance import CONFORMANCE
from tests.documents import company, line_of, tx
from zynk_sage50.issues import Issue, Severity
from zynk_sage50.validation import validate


def transfer_issues(document: str | Path) -> list[Issue]:
    return [issue for issue in validate(document).issues if issue.code.startswith("transfer.")]


def transfer(**overrides: object) -> str:
    """The documented BankTransfer (100 from 1200, 150 into 1260 at 1.5); ``...`` drops one."""
    fields: dict[str, object] = {
        "Id": 3,
        "TransactionType": "BankTransfer",
        "FromBankAccount": "1200",
        "ToBankAccount": "1260",
        "TransactionDate": "2019-05-16T00:00:00",
        "Reference": "BT1",
        "Details": "Bank Transfer",
        "PaymentAmount": "100",
        "ReceiptAmount": "150",
        "TaxCode": 9,
        "ExchangeRate": "1.5",
    }
    fields.update(overrides)
    return tx(**{name: value for name, value in fields.items() if value is not ...})


@pytest.mark.parametrize("sample", ["seed-003__5.xml", "sage-50-uk-transaction-xml__3.xml"])
def test_documented_transfer_at_a_rate_passes(sample: str) -> None:
    assert transfer_issues(CONFORMANCE / sample) == []


def test_built_transfer_at_a_rate_passes() -> None:
    assert transfer_issues(company(transfer())) == []


# --- transfer.same-account ------------------------------------------------------------------


def test_transfer_to_the_same_account_is_an_error() -> None:
    document = company(transfer(ToBankAccount="1200", ReceiptAmount="150.00"))
    [issue] = transfer_issues(document)
    assert issue.code == "transfer.same-account"
    assert issue.severity is Severity.ERROR
    assert issue.path == "/Company/Transactions/Transaction[1]/ToBankAccount"
    assert issue.line == line_of(document, 1, "ToBankAccount")
    assert "both 1200" in issue.message


def test_transfer_between_two_accounts_is_fine() -> None:
    document = company(transfer(ToBankAccount="1210"))
    assert transfer_issues(document) == []


def test_same_account_needs_both_accounts() -> None:
    assert transfer_issues(company(transfer(ToBankAccount=...))) == []


# --- transfer.rate-mismatch -----------------------------------------------------------------


def test_receipt_not_payment_times_rate_is_an_error() -> None:
    document = company(transfer(ReceiptAmount="149"))
    [issue] = transfer_issues(document)
    assert issue.code == "transfer.rate-mismatch"
    assert issue.severity is Severity.ERROR
    assert issue.path == "/Company/Transactions/Transaction[1]/ReceiptAmount"
    assert issue.line == line_of(document, 1, "ReceiptAmount")
    assert "ReceiptAmount 149.00" in issue.message
    assert "PaymentAmount 100.00 times ExchangeRate 1.5, which is 150.00" in issue.message


def test_product_is_rounded_half_up_to_pennies() -> None:
    # 33.33 * 1.5 = 49.995, which Sage stores as 50.00.
    assert transfer_issues(company(transfer(PaymentAmount="33.33", ReceiptAmount="50.00"))) == []
    [issue] = transfer_issues(company(transfer(PaymentAmount="33.33", ReceiptAmount="49.99")))
    assert issue.code == "transfer.rate-mismatch"


def test_rate_check_skips_missing_amounts() -> None:
    assert transfer_issues(company(transfer(ReceiptAmount=...))) == []
    assert transfer_issues(company(transfer(PaymentAmount=...))) == []


# --- transfer.amounts-differ ----------------------------------------------------------------


def test_differing_amounts_without_a_rate_are_a_warning() -> None:
    document = company(transfer(ExchangeRate=...))
    [issue] = transfer_issues(document)
    assert issue.code == "transfer.amounts-differ"
    assert issue.severity is Severity.WARNING
    assert issue.path == "/Company/Transactions/Transaction[1]/ReceiptAmount"
    assert issue.line == line_of(document, 1, "ReceiptAmount")
    assert "PaymentAmount 100.00 and ReceiptAmount 150.00 differ" in issue.message


def test_nil_rate_counts_as_no_rate() -> None:
    [issue] = transfer_issues(company(transfer(ExchangeRate=None)))
    assert issue.code == "transfer.amounts-differ"


def test_equal_amounts_without_a_rate_are_fine() -> None:
    document = company(transfer(ExchangeRate=..., ReceiptAmount="100.00"))
    assert transfer_issues(document) == []


def test_other_types_are_not_transfers() -> None:
    document = company(transfer(TransactionType="BankReceipt", ToBankAccount="1200"))
    assert transfer_issues(document) == []
