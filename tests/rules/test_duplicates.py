"""duplicate.id: Ids shared in a document, or already imported."""

from __future__ import annotations

import pytest

from tests.documents import company, customer, sales_invoice
from zynk_sage50.issues import Issue, Report, Severity
from zynk_sage50.validation import validate


def of(report: Report, code: str = "duplicate.id") -> list[Issue]:
    return [issue for issue in report.issues if issue.code == code]


def line_of(xml: str, text: str, occurrence: int = 1) -> int:
    seen = 0
    for number, line in enumerate(xml.splitlines(), start=1):
        if text in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{text!r} not in the document")


def test_two_transactions_with_one_id_is_an_error_on_the_second() -> None:
    xml = company(
        sales_invoice(Id=7),
        sales_invoice(Id=8, Reference="SI2"),
        sales_invoice(Id=7, Reference="SI3"),
    )
    (issue,) = of(validate(xml))
    assert issue.severity is Severity.ERROR
    assert issue.path == "/Company/Transactions/Transaction[3]/Id"
    assert issue.line == line_of(xml, "<Id>7</Id>", 2)
    assert issue.record is not None
    assert (issue.record.index, issue.record.id) == (3, "7")
    assert f"transaction 1 (line {line_of(xml, '<Transaction>')})" in issue.message


def test_distinct_or_absent_transaction_ids_are_fine() -> None:
    xml = company(
        sales_invoice(Id=1), sales_invoice(Id=2), sales_invoice(Id=...), sales_invoice(Id=...)
    )
    assert of(validate(xml)) == []


def test_ids_compare_as_numbers() -> None:
    assert of(validate(company(sales_invoice(Id="007"), sales_invoice(Id="7"))))


def test_an_already_imported_id_is_an_error() -> None:
    xml = company(sales_invoice(Id=7))
    (issue,) = of(validate(xml, imported_ids=["3", "007"]))
    assert issue.path == "/Company/Transactions/Transaction[1]/Id"
    assert issue.line == line_of(xml, "<Id>")
    assert "already imported" in issue.message


@pytest.mark.parametrize("imported", [[], ["8"], ["abc", " "], [8]])
def test_an_id_not_already_imported_is_fine(imported: list[object]) -> None:
    assert of(validate(company(sales_invoice(Id=7)), imported_ids=imported)) == []  # type: ignore[arg-type]


def test_each_already_imported_duplicate_is_reported_once() -> None:
    report = validate(company(sales_invoice(Id=7), sales_invoice(Id=7)), imported_ids=[7])
    assert [i.record.index for i in of(report) if i.record] == [1, 2]


def test_two_customers_with_one_id_is_an_error() -> None:
    xml = company(
        customers=[customer(Id="C-1", CompanyName="A"), customer(Id=" C-1 ", CompanyName="B")]
    )
    (issue,) = of(validate(xml))
    assert issue.path == "/Company/Customers/Customer[2]/Id"
    assert "customer 1" in issue.message


def test_customer_ids_are_case_sensitive_strings() -> None:
    xml = company(
        customers=[
            customer(Id="c-1", CompanyName="A"),
            customer(Id="C-1", CompanyName="B"),
            customer(Id="", CompanyName="C"),
            customer(Id="", CompanyName="D"),
        ]
    )
    assert of(validate(xml)) == []


def test_an_already_imported_customer_id_is_an_error() -> None:
    xml = company(customers=[customer(Id="C-1", CompanyName="A")])
    assert of(validate(xml, imported_ids=["C-1"]))


def test_a_customer_and_a_transaction_may_share_an_id() -> None:
    xml = company(
        sales_invoice(Id=1),
        customers=[customer(Id="1", CompanyName="A", AccountReference="ABS001")],
    )
    assert of(validate(xml)) == []
