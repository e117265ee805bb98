"""update.* rules: RecordOperation on transactions."""

from __future__ import annotations

import pytest

from tests.documents import company, sales_invoice, tx
from zynk_sage50.issues import Issue, Report, Severity
from zynk_sage50.models import (
    Company,
    RecordOperation,
    Transaction,
    Transactions,
    TransactionType,
)
from zynk_sage50.rules import Located, run_record_rules
from zynk_sage50.validation import validate

RECORD = "/Company/Transactions/Transaction[1]"


def of(report: Report, code: str) -> list[Issue]:
    return [issue for issue in report.issues if issue.code == code]


def line_of(xml: str, text: str) -> int:
    for number, line in enumerate(xml.splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in the document")


def update(**fields: object) -> str:
    return company(tx("Update", **fields))


def test_the_seed_update_samples_are_clean() -> None:
    xml = company(
        tx("Update", TransactionNumber="1", Disputed="true", DisputeCode="1", DisputeReason="No"),
        tx("Update", TransactionNumber="2", Disputed="false"),
        tx("Update", TransactionNumber="3", DocumentLink="\\\\SHARE\\Documents\\T2.pdf"),
        tx("Update", TransactionNumber="4", DocumentLink=""),
    )
    assert validate(xml).issues == ()


# --- update.missing-transaction-number --------------------------------------------------------


def test_an_update_without_transaction_number_is_an_error() -> None:
    xml = update(Disputed="true")
    (issue,) = of(validate(xml), "update.missing-transaction-number")
    assert issue.severity is Severity.ERROR
    assert issue.path == f"{RECORD}/TransactionNumber"
    assert issue.line == line_of(xml, "<Transaction ")


def test_an_update_with_a_nil_transaction_number_is_an_error() -> None:
    assert of(
        validate(update(TransactionNumber=None, Disputed="true")),
        "update.missing-transaction-number",
    )


def test_an_update_with_transaction_number_is_fine() -> None:
    assert (
        of(
            validate(update(TransactionNumber="1", Disputed="true")),
            "update.missing-transaction-number",
        )
        == []
    )


def test_a_new_record_needs_no_transaction_number() -> None:
    assert of(validate(company(sales_invoice())), "update.missing-transaction-number") == []


# --- update.nothing-to-update -----------------------------------------------------------------


def test_an_update_that_changes_nothing_is_a_warning() -> None:
    xml = update(TransactionNumber="1", DisputeCode="1")
    (issue,) = of(validate(xml), "update.nothing-to-update")
    assert issue.severity is Severity.WARNING
    assert issue.path == RECORD
    assert issue.line == line_of(xml, "<Transaction ")


def test_a_nil_disputed_changes_nothing() -> None:
    assert of(validate(update(TransactionNumber="1", Disputed=None)), "update.nothing-to-update")


@pytest.mark.parametrize("fields", [{"Disputed": "false"}, {"DocumentLink": ""}])
def test_disputed_or_document_link_is_something_to_update(fields: dict[str, str]) -> None:
    assert of(validate(update(TransactionNumber="1", **fields)), "update.nothing-to-update") == []


def test_an_empty_document_link_in_a_model_is_something_to_update() -> None:
    model = Company(
        transactions=Transactions(
            transaction=[
                Transaction(
                    record_operation=RecordOperation.UPDATE, transaction_number=1, document_link=""
                )
            ]
        )
    )
    assert validate(model).issues == ()
    model.transactions.transaction[0].document_link = None  # type: ignore[union-attr]
    assert validate(model).codes == ("update.nothing-to-update",)


# --- update.ignored-field ---------------------------------------------------------------------


def test_a_field_an_update_does_not_change_is_a_warning() -> None:
    xml = update(TransactionNumber="1", Disputed="true", NetAmount="10", Details="x")
    issues = of(validate(xml), "update.ignored-field")
    assert [i.path for i in issues] == [f"{RECORD}/NetAmount", f"{RECORD}/Details"]  # doc order
    assert all(i.severity is Severity.WARNING for i in issues)
    assert issues[0].line == line_of(xml, "<NetAmount>")
    assert "NetAmount 10 is ignored" in issues[0].message


def test_identifying_and_update_fields_are_not_ignored() -> None:
    xml = update(
        Id="5",
        TransactionType="SalesInvoice",
        TransactionNumber="1",
        Disputed="true",
        DisputeCode="2",
        DisputeReason="Late",
        DocumentLink="x.pdf",
        Details="",
    )
    assert of(validate(xml), "update.ignored-field") == []


def test_a_new_record_has_no_ignored_fields() -> None:
    assert of(validate(company(sales_invoice())), "update.ignored-field") == []


# --- update.dispute-reason-without-code -------------------------------------------------------


def test_a_dispute_reason_without_code_is_a_warning() -> None:
    xml = update(TransactionNumber="1", Disputed="true", DisputeReason="No Reason")
    (issue,) = of(validate(xml), "update.dispute-reason-without-code")
    assert issue.severity is Severity.WARNING
    assert issue.path == f"{RECORD}/DisputeReason"
    assert issue.line == line_of(xml, "<DisputeReason>")
    assert "'No Reason'" in issue.message


def test_a_dispute_reason_with_its_code_is_fine() -> None:
    xml = update(TransactionNumber="1", Disputed="true", DisputeCode="1", DisputeReason="No")
    assert of(validate(xml), "update.dispute-reason-without-code") == []


# --- update.operation-unsupported -------------------------------------------------------------


@pytest.mark.parametrize("operation", ["Insert", "Upsert"])
def test_insert_and_upsert_on_a_transaction_are_warnings(operation: str) -> None:
    xml = company(
        tx(
            operation,
            TransactionType="SalesInvoice",
            AccountReference="A",
            NominalCode="4000",
            NetAmount="1",
        )
    )
    report = validate(xml)
    (issue,) = of(report, "update.operation-unsupported")
    assert issue.severity is Severity.WARNING
    assert issue.path == f"{RECORD}/@RecordOperation"
    assert issue.line == line_of(xml, "<Transaction ")
    assert operation in issue.message
    assert of(report, "type.required-field") == []  # still checked as a new record


def test_update_and_no_operation_are_supported() -> None:
    assert (
        of(
            validate(update(TransactionNumber="1", Disputed="true")),
            "update.operation-unsupported",
        )
        == []
    )
    assert of(validate(company(sales_invoice())), "update.operation-unsupported") == []


def test_an_unknown_operation_is_a_schema_error_only() -> None:
    report = validate(company(tx("Delete", TransactionType="SalesInvoice")))
    assert "schema.invalid-value" in report.codes
    assert of(report, "update.operation-unsupported") == []


def test_a_misspelt_operation_leaves_new_or_update_unknown_so_no_rule_guesses() -> None:
    """With RecordOperation unreadable (``@RecordOperation`` among the invalid fields, as the
    reader marks a value that failed the schema), neither the new-record checks nor the
    update checks run: the schema error is the one error."""
    fields = {"TransactionNumber": 3, "Disputed": 4}
    entry = Located(
        record=Transaction(transaction_number=1, disputed=True),
        kind="Transaction",
        index=1,
        line=2,
        field_lines=fields,
        invalid_fields=frozenset({"@RecordOperation"}),
    )
    assert entry.operation_unreadable
    assert not entry.is_update
    assert list(run_record_rules(entry)) == []
    typed = Located(
        record=Transaction(transaction_type=TransactionType.SALES_INVOICE, transaction_number=1),
        kind="Transaction",
        index=1,
        line=2,
        field_lines=fields,
        invalid_fields=frozenset({"@RecordOperation"}),
    )
    assert [issue.code for issue in run_record_rules(typed)] == []
