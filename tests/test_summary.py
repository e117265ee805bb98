"""``summarize`` and ``zynk-sage50 summary``: counts and exact totals a bookkeeper checks."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given

import zynk_sage50 as zs
from tests.documents import company, customer, sales_invoice, tx
from zynk_sage50.cli import main
from zynk_sage50.strategies import documents
from zynk_sage50.summary import Outcome, Summary

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DATE = "2019-05-16T00:00:00"


def receipt(**fields: object) -> str:
    return tx(
        **{
            "Id": 10,
            "TransactionType": "SalesReceiptOnAccount",
            "AccountReference": "ABS001",
            "TransactionDate": DATE,
            "Reference": "SI1",
            "BankReference": "1200",
            "NetAmount": "50.00",
            "TaxCode": 9,
            **fields,
        }
    )


def journal_line(kind: str, nominal: str, amount: str, row_id: int, reference: str = "J1") -> str:
    return tx(
        Id=row_id,
        TransactionType=kind,
        AccountReference=nominal,
        Reference=reference,
        TransactionDate=DATE,
        NetAmount=amount,
        TaxCode=9,
    )


DOCUMENT = company(
    sales_invoice(Id=1),
    sales_invoice(Id=2, NominalCode="4010", NetAmount="50.005", TaxAmount="10.004"),
    receipt(Id=3),
    receipt(Id=4, Reference="SI-OLD", NetAmount="-30.00"),
    receipt(Id=5, Reference=""),
    journal_line("JournalDebit", "4000", "240.00", 6),
    journal_line("JournalCredit", "4001", "239.99", 7),
    journal_line("JournalDebit", "0030", "10.00", 8, reference="J2"),
    tx(
        Id=9,
        TransactionType="BankTransfer",
        FromBankAccount="1200",
        ToBankAccount="1210",
        Reference="T1",
        TransactionDate=DATE,
        PaymentAmount="1000.00",
    ),
    tx("Update", Id=11, TransactionNumber=42, Disputed="true", DisputeCode=1),
    customers=[customer(Id="C1", AccountReference="ABS001", CompanyName="ABS Ltd")],
)


def summary() -> Summary:
    return zs.summarize(DOCUMENT)


def test_amounts_are_decimals_rounded_per_line_as_sage_stores_them() -> None:
    by_type = {entry.transaction_type: entry.totals for entry in summary().by_type}
    invoices = by_type["SalesInvoice"]
    # 100.00 + 50.005 (rounds half up to 50.01); 20.00 + 10.004 (rounds to 10.00)
    assert (invoices.rows, invoices.net, invoices.tax) == (2, Decimal("150.01"), Decimal("30.00"))
    assert invoices.gross == Decimal("180.01")
    assert all(isinstance(value, Decimal) for value in (invoices.net, invoices.tax))
    assert by_type["BankTransfer"].net == Decimal("1000.00")  # a transfer's PaymentAmount
    assert by_type["SalesReceiptOnAccount"].net == Decimal("70.00")  # 50 - 30 + 50, as written


def test_update_records_are_counted_but_post_nothing() -> None:
    result = summary()
    counts = {(c.kind, c.type): (c.count, c.updates) for c in result.records}
    assert counts[("Transaction", "SalesInvoice")] == (2, 0)
    assert counts[("Transaction", None)] == (1, 1)  # the update names no type
    assert counts[("Customer", None)] == (1, 0)
    assert result.total.rows == 9


def test_totals_per_account_and_nominal_are_per_type() -> None:
    result = summary()
    accounts = {(e.key, e.transaction_type): e.totals.gross for e in result.by_account}
    assert accounts == {
        ("sales ABS001", "SalesInvoice"): Decimal("180.01"),
        ("sales ABS001", "SalesReceiptOnAccount"): Decimal("70.00"),
    }
    nominals = {(e.key, e.transaction_type): e.totals.net for e in result.by_nominal}
    assert nominals == {
        ("4000", "SalesInvoice"): Decimal("100.00"),
        ("4010", "SalesInvoice"): Decimal("50.01"),
        ("4000", "JournalDebit"): Decimal("240.00"),
        ("4001", "JournalCredit"): Decimal("239.99"),
        ("0030", "JournalDebit"): Decimal("10.00"),
    }
    assert [e.key for e in result.by_nominal] == sorted(e.key or "" for e in result.by_nominal)


def test_journals_with_debits_credits_and_balance() -> None:
    first, second = summary().journals
    assert (first.reference, first.first_row, first.last_row) == ("J1", 6, 7)
    assert (first.debits, first.credits, first.balance) == (
        Decimal("240.00"),
        Decimal("239.99"),
        Decimal("0.01"),
    )
    assert not first.one_sided
    assert second.reference == "J2"
    assert second.one_sided
    assert second.balance == Decimal("10.00")


def test_allocations_and_what_stays_unallocated() -> None:
    result = summary()
    outcomes = {a.row: (a.outcome, a.amount, a.invoice_row) for a in result.allocations}
    assert outcomes == {
        3: (Outcome.ALLOCATED, Decimal("50.00"), 1),
        4: (Outcome.OUTSIDE, Decimal("30.00"), None),  # a magnitude: exports write it negative
        5: (Outcome.UNALLOCATED, Decimal("50.00"), None),  # no Reference
    }
    (balance,) = result.invoice_balances
    assert (balance.row, balance.reference) == (1, "SI1")
    # the invoice header SI1 groups both splits (same key, consecutive)
    assert (balance.gross, balance.allocated, balance.outstanding) == (
        Decimal("180.01"),
        Decimal("50.00"),
        Decimal("130.01"),
    )
    assert result.unallocated() == Decimal("50.00")


def test_invoice_documents_with_their_totals() -> None:
    text = (EXAMPLES / "training-day.xml").read_text(encoding="utf-8")
    model = zs.loads(text)
    assert model.invoices is not None
    first = model.invoices.invoice[0]
    assert first.invoice_items is not None
    first.invoice_items.item[0].is_negative_line = True
    totals = zs.summarize(model).invoices
    assert len(totals) == len(model.invoices.invoice)
    items = first.invoice_items.item
    expected = sum(
        (
            (-1 if item.is_negative_line else 1) * item.qty_ordered * item.unit_price
            for item in items
            if item.qty_ordered is not None and item.unit_price is not None
        ),
        Decimal(0),
    )
    assert totals[0].items == len(items)
    assert totals[0].items_net == expected
    items[0].unit_price = None  # Sage would take the product's price: unknown here
    assert zs.summarize(model).invoices[0].items_net is None


def test_json_form_keeps_amounts_exact_with_two_decimals() -> None:
    data = json.loads(json.dumps(summary().to_dict()))
    invoices = next(e for e in data["by_type"] if e["transaction_type"] == "SalesInvoice")
    assert (invoices["net"], invoices["tax"], invoices["gross"]) == ("150.01", "30.00", "180.01")
    assert data["journals"][0]["balance"] == "0.01"
    assert data["unallocated"] == "50.00"


def test_every_source_form_gives_the_same_summary(tmp_path: Path) -> None:
    path = tmp_path / "doc.xml"
    path.write_text(DOCUMENT, encoding="utf-8")
    expected = summary()
    assert zs.summarize(path) == expected
    assert zs.summarize(str(path)) == expected
    assert zs.summarize(DOCUMENT.encode()) == expected
    assert zs.summarize(zs.loads(DOCUMENT)) == expected


def test_a_document_that_does_not_load_raises_like_load() -> None:
    bad = company(sales_invoice(NetAmount="lots"))
    try:
        zs.summarize(bad)
    except zs.SchemaBindingError:
        pass
    else:  # pragma: no cover - the assertion below explains
        raise AssertionError("summarize() read a document load() refuses")


@given(documents(invoices=(0, 2), updates=True))
def test_totals_agree_with_each_other(model: zs.Company) -> None:
    result = zs.summarize(model)
    transactions = model.transactions.transaction if model.transactions else []
    posted = [t for t in transactions if t.record_operation is None and t.transaction_type]
    assert result.total.rows == len(posted)
    by_type = {e.transaction_type: e.totals for e in result.by_type}
    for kind, totals in by_type.items():
        on_accounts = [e.totals for e in result.by_account if e.transaction_type == kind]
        if on_accounts:  # a sales or purchase type: every row is on some account
            assert sum(t.gross for t in on_accounts) == totals.gross
            assert sum(t.rows for t in on_accounts) == totals.rows
    assert zs.summarize(zs.dumps(model)) == result


def test_command_text_and_json(tmp_path: Path) -> None:
    path = tmp_path / "doc.xml"
    path.write_text(DOCUMENT, encoding="utf-8")
    runner = CliRunner()
    text = runner.invoke(main, ["summary", str(path)])
    assert text.exit_code == 0, text.output
    assert "Per transaction type" in text.output
    assert "Journals" in text.output
    assert "SalesInvoice" in text.output
    assert "180.01" in text.output
    as_json = runner.invoke(main, ["summary", str(path), "--format", "json"])
    assert as_json.exit_code == 0
    assert json.loads(as_json.output) == {"path": str(path), **summary().to_dict()}


def test_command_exit_status(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["summary", str(tmp_path / "missing.xml")])
    assert missing.exit_code == 2
    assert "no such file" in missing.output
    bad = tmp_path / "bad.xml"
    bad.write_text("<Company><Transactions></Company>", encoding="utf-8")
    malformed = runner.invoke(main, ["summary", str(bad)])
    assert malformed.exit_code == 1
    assert "validate" in malformed.output
    assert "Traceback" not in malformed.output


def test_command_on_the_examples() -> None:
    runner = CliRunner()
    for path in sorted(EXAMPLES.glob("*.xml")):
        result = runner.invoke(main, ["summary", str(path), "--format", "json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["path"] == str(path)
