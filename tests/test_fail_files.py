"""Fail files: the records Zynk could not import, each with ``Errors/Error`` added."""

from __future__ import annotations

import pytest

import zynk_sage50 as zs
from tests.documents import company, customer, sales_invoice

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


def test_a_model_with_errors_validates_like_its_file() -> None:
    model = zs.loads(FAIL_FILE)
    assert zs.validate(model).codes == zs.validate(zs.dumps(model)).codes


def test_an_error_date_must_be_a_date_time() -> None:
    bad = FAIL_FILE.replace("2013-06-06T09:16:14.5673107+01:00", "6 June 2013", 1)
    assert "schema.invalid-value" in zs.validate(bad).codes
    with pytest.raises(zs.SchemaBindingError):
        zs.loads(bad)
