"""grouping.split-group: SI/SC/PI/PC rows of one key must be consecutive (decision 16)."""

from __future__ import annotations

from tests.documents import company, line_of, sales_invoice, tx
from zynk_sage50.issues import Issue, Severity
from zynk_sage50.validation import validate

CODE = "grouping.split-group"


def issues_of(document: str, code: str = CODE) -> list[Issue]:
    return [issue for issue in validate(document).issues if issue.code == code]


def bank_receipt(**overrides: object) -> str:
    fields: dict[str, object] = {
        "Id": 90,
        "TransactionType": "BankReceipt",
        "AccountReference": "1200",
        "TransactionDate": "2019-05-16T00:00:00",
        "Reference": "BR1",
        "NominalCode": "4000",
        "NetAmount": "10.00",
        "TaxCode": 9,
    }
    fields.update(overrides)
    return tx(**fields)


def test_interrupted_group_is_reported_on_the_first_row_of_the_later_run() -> None:
    document = company(
        sales_invoice(Id=1),
        sales_invoice(Id=2, Reference="SI2"),
        sales_invoice(Id=3),
    )
    [issue] = issues_of(document)
    assert issue.severity is Severity.WARNING
    assert issue.path == "/Company/Transactions/Transaction[3]"
    assert issue.line == line_of(document, 3)
    assert issue.record is not None
    assert issue.record.index == 3
    assert issue.record.id == "3"
    first_line = line_of(document, 1)
    for text in (
        "SalesInvoice",
        "AccountReference ABS001",
        "Reference SI1",
        "SecondReference (empty)",
        "TransactionDate 2019-05-16T00:00:00",
        f"Transaction[1] (line {first_line})",
        "second SalesInvoice header",
    ):
        assert text in issue.message


def test_consecutive_splits_are_one_group() -> None:
    document = company(
        sales_invoice(Id=1),
        sales_invoice(Id=2),
        sales_invoice(Id=3, Reference="SI2"),
    )
    assert issues_of(document) == []


def test_every_later_run_is_reported() -> None:
    document = company(
        sales_invoice(Id=1),
        sales_invoice(Id=2, Reference="SI2"),
        sales_invoice(Id=3),
        sales_invoice(Id=4, Reference="SI2"),
        sales_invoice(Id=5),
    )
    assert [issue.path for issue in issues_of(document)] == [
        "/Company/Transactions/Transaction[3]",
        "/Company/Transactions/Transaction[4]",
        "/Company/Transactions/Transaction[5]",
    ]


def test_any_row_in_between_splits_the_group() -> None:
    for between in (
        bank_receipt(),
        tx(record_operation="Update", TransactionNumber=14, Disputed="true"),
        sales_invoice(Id=2, TransactionType="SalesCredit"),
    ):
        document = company(sales_invoice(Id=1), between, sales_invoice(Id=3))
        assert [issue.path for issue in issues_of(document)] == [
            "/Company/Transactions/Transaction[3]"
        ], between


def test_rows_differing_in_any_key_field_are_separate_documents() -> None:
    for changed in (
        {"AccountReference": "ABS002"},
        {"Reference": "SI9"},
        {"SecondReference": "B"},
        {"TransactionDate": "2019-05-17T00:00:00"},
        {"TransactionType": "SalesCredit"},
    ):
        document = company(
            sales_invoice(Id=1),
            sales_invoice(Id=2, Reference="SI2"),
            sales_invoice(Id=3, **changed),
        )
        assert issues_of(document) == [], changed


def test_absent_second_reference_counts_as_empty() -> None:
    document = company(
        sales_invoice(Id=1),
        sales_invoice(Id=2, Reference="SI2"),
        sales_invoice(Id=3, SecondReference=""),
    )
    assert len(issues_of(document)) == 1


def test_purchase_documents_are_grouped_too() -> None:
    purchase = {"TransactionType": "PurchaseInvoice", "AccountReference": "CON001"}
    document = company(
        sales_invoice(Id=1, Reference="PI1", **purchase),
        sales_invoice(Id=2, Reference="PI2", **purchase),
        sales_invoice(Id=3, Reference="PI1", **purchase),
    )
    [issue] = issues_of(document)
    assert "PurchaseInvoice" in issue.message


def test_ungrouped_types_are_never_split() -> None:
    document = company(bank_receipt(Id=1), sales_invoice(Id=2), bank_receipt(Id=3))
    assert issues_of(document) == []
