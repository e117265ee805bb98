"""amount.* rules: Sage's 2 decimal places and 8 digits, and tax on receipts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.documents import company, sales_invoice, tx
from zynk_sage50.issues import Issue, Report, Severity
from zynk_sage50.validation import validate
from zynk_sage50.vocabulary import decimal_places
from zynk_sage50.vocabulary import round_to_pennies as round_money

RECORD = "/Company/Transactions/Transaction[1]"


def of(report: Report, code: str) -> list[Issue]:
    return [issue for issue in report.issues if issue.code == code]


def line_of(xml: str, text: str) -> int:
    for number, line in enumerate(xml.splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in the document")


def receipt(kind: str = "SalesReceiptOnAccount", **fields: object) -> str:
    base: dict[str, object] = {
        "TransactionType": kind,
        "AccountReference": "ABS001",
        "BankReference": "1200",
        "NetAmount": "120",
        "TaxCode": "9",
    }
    return company(tx(**{**base, **fields}))


def transfer(**fields: object) -> str:
    base: dict[str, object] = {
        "TransactionType": "BankTransfer",
        "FromBankAccount": "1200",
        "ToBankAccount": "1210",
        "Reference": "BT1",
        "PaymentAmount": "100",
        "ReceiptAmount": "100",
    }
    return company(tx(**{**base, **fields}))


# --- amount.precision -------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["NetAmount", "TaxAmount"])
def test_three_decimal_places_is_a_warning(field: str) -> None:
    xml = company(sales_invoice(**{field: "100.005"}))
    (issue,) = of(validate(xml), "amount.precision")
    assert issue.severity is Severity.WARNING
    assert issue.path == f"{RECORD}/{field}"
    assert issue.line == line_of(xml, f"<{field}>")
    assert "100.005" in issue.message
    assert "100.01" in issue.message  # what Sage will post


@pytest.mark.parametrize("field", ["PaymentAmount", "ReceiptAmount"])
def test_transfer_amounts_are_money_too(field: str) -> None:
    (issue,) = of(validate(transfer(**{field: "100.001"})), "amount.precision")
    assert issue.path == f"{RECORD}/{field}"


@pytest.mark.parametrize(
    "value", ["100", "100.5", "100.50", "100.500000", "-0.01", "1E+2", "0.000"]
)
def test_two_places_or_fewer_is_fine(value: str) -> None:
    assert of(validate(company(sales_invoice(NetAmount=value))), "amount.precision") == []


def test_rates_are_not_money() -> None:
    assert (
        of(validate(transfer(ExchangeRate="1.23456", ReceiptAmount="123.46")), "amount.precision")
        == []
    )
    assert of(validate(company(sales_invoice(TaxRate="17.555"))), "amount.precision") == []


def test_an_ignored_field_is_not_checked() -> None:
    report = validate(transfer(NetAmount="1.001"))
    assert "type.field-not-applicable" in report.codes
    assert of(report, "amount.precision") == []


@pytest.mark.parametrize(
    ("value", "places"),
    [("1.230", 2), ("5E+3", 0), ("0.000", 0), ("0.0001", 4), ("-1.2345000", 4), ("12", 0)],
)
def test_decimal_places(value: str, places: int) -> None:
    assert decimal_places(Decimal(value)) == places


def test_rounding_is_exact_and_half_up() -> None:
    assert round_money(Decimal("0.125")) == Decimal("0.13")
    assert round_money(Decimal("-0.125")) == Decimal("-0.13")
    assert round_money(Decimal("12345678901234567890123456789.005")) == Decimal(
        "12345678901234567890123456789.01"
    )


# --- amount.too-large -------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["100000000", "-100000000", "123456789.5", "1E+9"])
def test_nine_digits_before_the_point_is_an_error(value: str) -> None:
    xml = company(sales_invoice(NetAmount=value))
    (issue,) = of(validate(xml), "amount.too-large")
    assert issue.severity is Severity.ERROR
    assert issue.path == f"{RECORD}/NetAmount"
    assert issue.line == line_of(xml, "<NetAmount>")
    assert not validate(xml).valid


@pytest.mark.parametrize("value", ["99999999.99", "-99999999.99", "0"])
def test_eight_digits_is_fine(value: str) -> None:
    assert of(validate(company(sales_invoice(NetAmount=value))), "amount.too-large") == []


def test_an_amount_that_rounds_up_to_nine_digits_is_too_large() -> None:
    report = validate(company(sales_invoice(NetAmount="99999999.995")))
    assert of(report, "amount.too-large")
    assert of(report, "amount.precision")


def test_a_huge_transfer_amount_is_too_large() -> None:
    assert of(
        validate(transfer(PaymentAmount="500000000", ReceiptAmount="500000000")),
        "amount.too-large",
    )


# --- amount.tax-on-receipt --------------------------------------------------------------------

RECEIPT_TYPES = [
    "SalesReceiptOnAccount",
    "SalesReceipt",
    "SalesPayment",
    "PurchasePaymentOnAccount",
    "PurchasePayment",
    "PurchaseReceipt",
]


@pytest.mark.parametrize("kind", RECEIPT_TYPES)
def test_tax_on_a_receipt_or_payment_is_a_warning(kind: str) -> None:
    xml = receipt(kind, TaxAmount="20.00")
    (issue,) = of(validate(xml), "amount.tax-on-receipt")
    assert issue.severity is Severity.WARNING
    assert issue.path == f"{RECORD}/TaxAmount"
    assert issue.line == line_of(xml, "<TaxAmount>")
    assert kind in issue.message
    assert "20.00" in issue.message


@pytest.mark.parametrize("tax", ["0", "0.00", "-0", None])
def test_zero_or_no_tax_on_a_receipt_is_fine(tax: str | None) -> None:
    assert of(validate(receipt(TaxAmount=tax)), "amount.tax-on-receipt") == []


def test_tax_on_an_invoice_is_fine() -> None:
    assert of(validate(company(sales_invoice(TaxAmount="20.00"))), "amount.tax-on-receipt") == []


# --- amount.zero -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", RECEIPT_TYPES)
@pytest.mark.parametrize("amount", ["0", "0.00", "-0.00"])
def test_a_receipt_or_payment_of_nothing_is_a_warning(kind: str, amount: str) -> None:
    xml = receipt(kind, NetAmount=amount, Reference="SI1")
    (issue,) = of(validate(xml), "amount.zero")
    assert issue.severity is Severity.WARNING
    assert issue.path == f"{RECORD}/NetAmount"
    assert issue.line == line_of(xml, "<NetAmount>")
    assert kind in issue.message


@pytest.mark.parametrize("amount", ["0.01", "-0.01", None])
def test_a_receipt_of_something_or_without_netamount_is_not_zero(amount: str | None) -> None:
    assert of(validate(receipt(NetAmount=amount)), "amount.zero") == []


@pytest.mark.parametrize("kind", ["SalesInvoice", "BankReceipt", "JournalDebit"])
def test_zero_on_other_types_is_not_amount_zero(kind: str) -> None:
    xml = company(
        tx(TransactionType=kind, AccountReference="1200", NominalCode="4000", NetAmount="0")
    )
    assert of(validate(xml), "amount.zero") == []


# --- updates ----------------------------------------------------------------------------------


def test_amounts_on_an_update_are_only_ignored_fields() -> None:
    xml = company(tx("Update", TransactionNumber="1", Disputed="true", NetAmount="100000000.001"))
    report = validate(xml)
    assert [i.code for i in report.issues] == ["update.ignored-field"]
