"""reference.unknown-customer: sales transactions naming customers absent from the document."""

from __future__ import annotations

import pytest

from tests.documents import company, customer, sales_invoice, tx
from zynk_sage50.issues import Issue, Report, Severity
from zynk_sage50.validation import validate

CODE = "reference.unknown-customer"


def of(report: Report) -> list[Issue]:
    return [issue for issue in report.issues if issue.code == CODE]


def line_of(xml: str, text: str) -> int:
    for number, line in enumerate(xml.splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in the document")


ABS = customer(Id="232", AccountReference="ABS001", CompanyName="A Business")


def test_a_sales_transaction_naming_no_customer_of_the_document_is_info() -> None:
    xml = company(sales_invoice(AccountReference="ZZZ001"), customers=[ABS])
    report = validate(xml)
    (issue,) = of(report)
    assert issue.severity is Severity.INFO
    assert issue.path == "/Company/Transactions/Transaction[1]/AccountReference"
    assert issue.line == line_of(xml, "<AccountReference>ZZZ001")
    assert "'ZZZ001'" in issue.message
    assert report.valid


@pytest.mark.parametrize("reference", ["ABS001", "abs001"])
def test_a_customer_of_the_document_is_known(reference: str) -> None:
    assert of(validate(company(sales_invoice(AccountReference=reference), customers=[ABS]))) == []


def test_without_customers_nothing_is_reported() -> None:
    assert of(validate(company(sales_invoice(AccountReference="ZZZ001")))) == []


def test_an_empty_customers_collection_counts_as_having_customers() -> None:
    assert of(validate(company(sales_invoice(), customers=[])))


@pytest.mark.parametrize(
    ("kind", "extra"),
    [
        ("SalesCredit", {}),
        ("SalesReceiptOnAccount", {"BankReference": "1200", "NominalCode": ...}),
        ("SalesReceipt", {"BankReference": "1200", "NominalCode": ...}),
        ("SalesPayment", {"BankReference": "1200", "NominalCode": ...}),
    ],
)
def test_every_sales_type_is_checked(kind: str, extra: dict[str, object]) -> None:
    xml = company(
        sales_invoice(TransactionType=kind, AccountReference="ZZZ001", **extra), customers=[ABS]
    )
    assert of(validate(xml))


def test_purchase_and_bank_transactions_are_not_checked() -> None:
    xml = company(
        sales_invoice(TransactionType="PurchaseInvoice", AccountReference="CON001"),
        sales_invoice(TransactionType="BankPayment", AccountReference="1200"),
        customers=[ABS],
    )
    assert of(validate(xml)) == []


def test_a_customer_id_naming_a_customer_of_the_document_is_known() -> None:
    other = customer(Id="900", CompanyName="New Ltd")  # reference to be generated
    xml = company(
        sales_invoice(AccountReference="NEW001", CustomerId="900"), customers=[ABS, other]
    )
    assert of(validate(xml)) == []


def test_updates_are_not_checked() -> None:
    xml = company(
        tx(
            "Update",
            TransactionNumber="1",
            Disputed="true",
            TransactionType="SalesInvoice",
            AccountReference="ZZZ001",
        ),
        customers=[ABS],
    )
    assert of(validate(xml)) == []
