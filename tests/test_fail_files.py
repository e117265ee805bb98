"""Fail files: the records Zynk could not import, each with ``Errors/Error`` added."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import zynk_sage50 as zs
from tests.documents import company, customer, sales_invoice
from zynk_sage50.models import RecordError, RecordErrors
from zynk_sage50.strategies import documents

ZYNK_ERROR_ITEMS = (
    "<Error>"
    "<Date>2013-06-06T09:16:14.5673107+01:00</Date>"
    "<Name>Transaction Import</Name>"
    "<Description>Could not find specified Account</Description>"
    "</Error>"
)
ZYNK_ERROR = f"<Errors>{ZYNK_ERROR_ITEMS}</Errors>"
#: One record of each kind, as Zynk writes them to its three tasks' fail files.
FAIL_FILE = company(
    sales_invoice(Errors=ZYNK_ERROR_ITEMS),
    customers=[
        customer(Errors=ZYNK_ERROR_ITEMS, Id="C1", AccountReference="ABS001", CompanyName="A")
    ],
).replace(
    "  <Transactions>",
    "  <Invoices>\n    <Invoice>\n      "
    + ZYNK_ERROR
    + "\n      <Id>INV-1</Id><AccountReference>ABS001</AccountReference>"
    "<InvoiceType>ServiceInvoice</InvoiceType>"
    "<InvoiceItems><Item><QtyOrdered>1</QtyOrdered><UnitPrice>10.00</UnitPrice></Item>"
    "</InvoiceItems>\n    </Invoice>\n  </Invoices>\n  <Transactions>",
)


def test_each_kind_reads_its_errors_with_the_date_as_written() -> None:
    model = zs.loads(FAIL_FILE)
    assert model.customers
    assert model.invoices
    assert model.transactions
    for record in (
        model.customers.customer[0],
        model.invoices.invoice[0],
        model.transactions.transaction[0],
    ):
        assert record.errors is not None
        (error,) = record.errors.error
        assert str(error.date) == "2013-06-06T09:16:14.5673107+01:00"
        assert (error.name, error.description) == (
            "Transaction Import",
            "Could not find specified Account",
        )


def test_a_fail_file_round_trips_losslessly() -> None:
    model = zs.loads(FAIL_FILE)
    text = zs.dumps(model)
    assert "<Date>2013-06-06T09:16:14.5673107+01:00</Date>" in text
    assert zs.loads(text) == model
    assert zs.dumps(zs.loads(text)) == text
    # Errors is written first, where Zynk puts it
    record = text.split("<Transaction>")[1]
    assert record.lstrip().startswith("<Errors>")


def test_validate_reports_each_error_as_info_quoting_its_description() -> None:
    report = zs.validate(FAIL_FILE)
    assert report.valid
    assert report.errors == ()
    assert report.warnings == ()
    imported = [issue for issue in report.issues if issue.code == "record.import-error"]
    assert [issue.record.kind for issue in imported if issue.record] == [
        "Customer",
        "Invoice",
        "Transaction",
    ]
    for issue in imported:
        assert issue.severity is zs.Severity.INFO
        assert "Could not find specified Account" in issue.message
        assert issue.line is not None
        assert issue.path is not None
        assert issue.path.endswith(("/Errors/Error", "/Errors/Error[1]"))


def test_a_model_with_errors_validates_like_its_file() -> None:
    model = zs.loads(FAIL_FILE)
    assert zs.validate(model).codes == zs.validate(zs.dumps(model)).codes


def test_errors_never_make_an_update_record_look_different() -> None:
    update = (
        '<Transaction RecordOperation="Update">'
        + ZYNK_ERROR
        + "<TransactionNumber>42</TransactionNumber><Disputed>true</Disputed>"
        "<DisputeCode>1</DisputeCode></Transaction>"
    )
    plain = company(update.replace(ZYNK_ERROR, ""))
    failed = company(update)
    codes = [c for c in zs.validate(failed).codes if c != "record.import-error"]
    assert codes == list(zs.validate(plain).codes)


def test_errors_never_make_an_update_invoice_look_different() -> None:
    update = "<Invoice><Id>INV-1</Id><Notes1>Paid by card</Notes1></Invoice>"
    plain = company(sales_invoice()).replace(
        "  <Transactions>", f"  <Invoices>{update}</Invoices><Transactions>"
    )
    failed = plain.replace("<Invoice>", f"<Invoice>{ZYNK_ERROR}")
    assert "record.import-error" in zs.validate(failed).codes
    codes = [c for c in zs.validate(failed).codes if c != "record.import-error"]
    assert codes == list(zs.validate(plain).codes)
    assert "invoice.customer-missing" not in codes


@given(documents(invoices=(0, 2)), st.text(min_size=1, max_size=40).filter(str.strip))
def test_adding_zynk_errors_to_a_valid_document_keeps_it_valid(
    model: zs.Company, description: str
) -> None:
    records: list[zs.Customer | zs.Invoice | zs.Transaction] = [
        *(model.customers.customer if model.customers else []),
        *(model.invoices.invoice if model.invoices else []),
        *(model.transactions.transaction if model.transactions else []),
    ]
    before = zs.validate(model)
    plain = [(i.code, i.path) for i in zs.validate(zs.dumps(model)).issues]
    date = zs.LexicalDateTime("2013-06-06T09:16:14.5673107+01:00")
    for record in records:
        record.errors = RecordErrors(
            error=[RecordError(date=date, name="Import", description=description)]
        )
    try:
        text = zs.dumps(model)
    except zs.SerializationError:
        return  # a description XML cannot carry
    after = zs.validate(text)
    assert after.errors == before.errors == ()
    assert [(i.code, i.path) for i in after.issues if i.code != "record.import-error"] == plain
    assert after.codes.count("record.import-error") == len(records)
    assert zs.loads(text) == model


def test_an_error_date_must_be_a_date_time() -> None:
    bad = FAIL_FILE.replace("2013-06-06T09:16:14.5673107+01:00", "6 June 2013", 1)
    assert "schema.invalid-value" in zs.validate(bad).codes
    with pytest.raises(zs.SchemaBindingError):
        zs.loads(bad)
