"""The rules' API as ``validate()`` uses it: record rules per located record, compact facts
kept of each record, document rules over the facts of every kind."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.conformance import CONFORMANCE
from tests.documents import company, customer, sales_invoice
from zynk_sage50.binding import Binder
from zynk_sage50.issues import Issue
from zynk_sage50.reading import Binding, read_records
from zynk_sage50.rules import (
    CustomerFacts,
    DocumentContext,
    InvoiceFacts,
    Located,
    RuleOptions,
    TransactionFacts,
    record_facts,
    run_document_rules,
    run_record_rules,
)
from zynk_sage50.streaming import RecordStream
from zynk_sage50.validation import validate

SAMPLES = sorted(
    path
    for path in [*CONFORMANCE.glob("*.xml"), *(CONFORMANCE / "invoices").glob("*.xml")]
    if "xml.malformed" not in validate(path).codes
)


def entries(xml: str | bytes) -> tuple[list[Located[Any]], bool]:
    """Every record located as ``validate()`` locates it, and whether there are Customers."""
    stream = RecordStream(xml, text=isinstance(xml, str))
    found = []
    for read in read_records(stream, Binder(), Binding.LENIENT):
        assert read.entry is not None
        found.append(read.entry)
    return found, stream.residual_root().find("Customers") is not None


def keyed(issues: list[Issue]) -> list[tuple[str, str, int | None, str | None]]:
    return sorted(
        ((i.code, i.message, i.line, i.path) for i in issues),
        key=lambda key: (key[2] or 0, key[3] or "", key[0], key[1]),
    )


def new_way(located: list[Located[Any]], has_customers: bool, options: RuleOptions) -> list[Issue]:
    issues: list[Issue] = []
    facts = []
    for entry in located:
        issues.extend(run_record_rules(entry, options))
        facts.append(record_facts(entry))
    context = DocumentContext.collect(facts, has_customers=has_customers, options=options)
    issues.extend(run_document_rules(context))
    return issues


@pytest.mark.parametrize("path", SAMPLES, ids=[path.name for path in SAMPLES])
def test_the_api_reports_what_validate_reports(path: Path) -> None:
    """Record rules per record, facts, document rules: exactly validate()'s rule issues."""
    located, has_customers = entries(path.read_bytes())
    imported = ["1", "7", "INV-1"]
    through_validate = [
        issue
        for issue in validate(path, imported_ids=imported).issues
        if not issue.code.startswith(("schema.", "xml."))
    ]
    direct = new_way(located, has_customers, RuleOptions(imported_ids=imported))
    assert keyed(direct) == keyed(through_validate)


def test_facts_hold_only_what_the_document_rules_read() -> None:
    xml = company(
        sales_invoice(Reference="SI9", SecondReference=None, NetAmount="abc"),
        customers=[customer(Id="C1", AccountReference="ABS001", CompanyName="A")],
    )
    located, _has_customers = entries(xml)
    facts = [record_facts(entry) for entry in located]
    customer_facts, row = facts
    assert isinstance(customer_facts, CustomerFacts)
    assert isinstance(row, TransactionFacts)
    assert not hasattr(row, "__dict__")  # slots: compact
    assert row.reference == "SI9"
    assert row.second_reference == ""
    assert row.net_amount is None  # unreadable
    assert not row.readable("NetAmount")
    assert row.readable("Reference")
    assert row.tax_amount == Decimal("20.00")
    assert row.line_of("Reference") == next(
        number for number, text in enumerate(xml.splitlines(), 1) if "<Reference>" in text
    )
    assert row.line_of("NominalCode") == row.line  # not kept: the record's line
    assert row.path == "/Company/Transactions/Transaction[1]"
    assert customer_facts.account_reference == "ABS001"


def test_invoice_facts_know_whether_the_invoice_is_an_update() -> None:
    xml = (
        "<Company><Invoices><Invoice><Id>INV-1</Id><Notes1>x</Notes1></Invoice>"
        "<Invoice><AccountReference>A</AccountReference></Invoice></Invoices></Company>"
    )
    located, _has_customers = entries(xml)
    update, new = (record_facts(entry) for entry in located)
    assert isinstance(update, InvoiceFacts)
    assert isinstance(new, InvoiceFacts)
    assert update.is_update
    assert not new.is_update
    assert update.name == "Invoice Id 'INV-1'"
    assert new.name == "Invoice 2"


def test_the_context_collects_facts_of_every_kind_in_order() -> None:
    xml = company(
        sales_invoice(),
        sales_invoice(Id=2),
        customers=[customer(Id="C1", AccountReference="ABS001", CompanyName="A")],
    )
    located, has_customers = entries(xml)
    context = DocumentContext.collect(
        (record_facts(entry) for entry in located), has_customers=has_customers
    )
    assert [row.index for row in context.transactions] == [1, 2]
    assert len(context.customers) == 1
    assert context.invoices == []
    assert context.has_customers
    assert context.imported_ids == frozenset()
    assert context.journal_variance_nominal is None


def test_options_normalise_what_the_caller_gives() -> None:
    options = RuleOptions(journal_variance_nominal="", imported_ids=[7, " A1 "])
    assert options.journal_variance_nominal is None
    assert options.imported_ids == frozenset({"7", "A1"})
    assert options.tax_rate(1) == Decimal(20)
    assert options.tax_rate(9) is None
    assert RuleOptions(tax_rates={9: Decimal(0)}).tax_rate(9) == Decimal(0)
