"""Helpers for the invoice tests: the invoice issues ``validate()`` reports, and the invoices
located by the library's own pieces so that a rule can also be called on them directly
(paths below an invoice are like ``InvoiceItems/Item[2]/QtyOrdered``, items always indexed).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from tests.conformance import CONFORMANCE
from zynk_sage50.binding import Binder
from zynk_sage50.issues import Issue
from zynk_sage50.models import Invoice
from zynk_sage50.reading import Binding, read_records
from zynk_sage50.rules import (
    CustomerFacts,
    DocumentContext,
    Located,
    RuleOptions,
    record_facts,
    run_document_rules,
    run_record_rules,
)
from zynk_sage50.rules.references import CustomerKeys
from zynk_sage50.streaming import RecordStream
from zynk_sage50.validation import validate

PROLOG = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<Company xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
)


def _located(xml: str) -> tuple[list[Located[Any]], bool]:
    """The document's records located exactly as ``validate()`` locates them (its own stream,
    schema check and binding), and whether it has ``<Customers>``."""
    entries: list[Located[Any]] = []
    stream = RecordStream(xml, text=True)
    for read in read_records(stream, Binder(), Binding.LENIENT):
        assert read.entry is not None
        entries.append(read.entry)
    has_customers = stream.residual_root().find("Customers") is not None
    return entries, has_customers


def located_invoices(xml: str) -> list[Located[Invoice]]:
    """Every ``Company/Invoices/Invoice`` of ``xml``, bound and located."""
    return [entry for entry in _located(xml)[0] if entry.kind == "Invoice"]


def customer_keys(xml: str) -> CustomerKeys | None:
    """The document's customers, or None when it has no ``<Customers>``."""
    entries, has_customers = _located(xml)
    facts = [record_facts(entry) for entry in entries]
    customers = [fact for fact in facts if isinstance(fact, CustomerFacts)]
    return CustomerKeys.of(customers) if has_customers else None


def invoice_issues(xml: str, imported_ids: Collection[str] = ()) -> list[Issue]:
    """Every invoice rule's issues for a document, as ``validate()`` reports them."""
    report = validate(xml, imported_ids=imported_ids)
    return [
        issue
        for issue in report.issues
        if issue.record is not None
        and issue.record.kind == "Invoice"
        and not issue.code.startswith("schema.")
    ]


def invoice_issues_direct(xml: str, imported_ids: Collection[str] = ()) -> list[Issue]:
    """The same, from the rules' API called directly on the located records: each invoice's
    record rules, then the document rules over every record's facts."""
    entries, has_customers = _located(xml)
    options = RuleOptions(imported_ids=imported_ids)
    issues: list[Issue] = []
    for entry in entries:
        if entry.kind == "Invoice":
            issues.extend(run_record_rules(entry, options))
    context = DocumentContext.collect(
        (record_facts(entry) for entry in entries), has_customers=has_customers, options=options
    )
    issues.extend(
        issue
        for issue in run_document_rules(context)
        if issue.record is not None and issue.record.kind == "Invoice"
    )
    return issues


def codes(issues: Sequence[Issue]) -> list[str]:
    return [issue.code for issue in issues]


def of(issues: Sequence[Issue], code: str) -> list[Issue]:
    return [issue for issue in issues if issue.code == code]


# --- small XML builders ----------------------------------------------------------------------


def element(tag: str, fields: Mapping[str, object], indent: int) -> str:
    """``<tag>`` with child elements from ``fields``: None is xsi:nil, a str starting with
    ``<`` is nested XML, a list is several children of the same name."""
    pad = " " * indent
    lines = [f"{pad}<{tag}>"]
    for name, value in fields.items():
        values = value if isinstance(value, list) else [value]
        for one in values:
            if one is None:
                lines.append(f'{pad}  <{name} xsi:nil="true" />')
            elif isinstance(one, str) and one.lstrip().startswith("<"):
                lines.append(f"{pad}  <{name}>\n{one}\n{pad}  </{name}>")
            else:
                lines.append(f"{pad}  <{name}>{escape(str(one))}</{name}>")
    lines.append(f"{pad}</{tag}>")
    return "\n".join(lines)


def item(**fields: object) -> str:
    """An ``<Item>`` (for ``InvoiceItems=items(...)``)."""
    return element("Item", fields, 8)


def items(*rows: str) -> str:
    return "\n".join(rows)


def invoice(**fields: object) -> str:
    """An ``<Invoice>`` with the given elements in the given order."""
    return element("Invoice", fields, 4)


def product_invoice(**overrides: object) -> str:
    """A new ProductInvoice that no invoice rule reports; keyword arguments replace fields
    (``...`` removes one)."""
    fields: dict[str, object] = {
        "Id": "INV-1001",
        "AccountReference": "ABS001",
        "InvoiceType": "ProductInvoice",
        "InvoiceDate": "2026-11-20T00:00:00",
        "InvoiceItems": items(
            item(
                Sku="COURSE1",
                Name="First Aid course",
                QtyOrdered="2",
                UnitPrice="150.00",
                NominalCode="4000",
                TaxCode="1",
            )
        ),
    }
    fields.update(overrides)
    return invoice(**{name: value for name, value in fields.items() if value is not ...})


def company(*invoices: str, customers: list[str] | None = None) -> str:
    parts = [PROLOG]
    if customers is not None:
        parts.append("  <Customers>\n" + "".join(c + "\n" for c in customers) + "  </Customers>\n")
    parts.append("  <Invoices>\n" + "".join(i + "\n" for i in invoices) + "  </Invoices>\n")
    parts.append("</Company>\n")
    return "".join(parts)


def customer(**fields: object) -> str:
    return element("Customer", fields, 4)


# --- the helper itself ------------------------------------------------------------------------


def test_items_are_located_by_indexed_path_with_their_lines() -> None:
    xml = company(
        product_invoice(
            InvoiceItems=items(item(Sku="A", QtyOrdered="1"), item(Sku="B", QtyOrdered="x"))
        )
    )
    (located,) = located_invoices(xml)
    lines = xml.splitlines()
    assert "<Sku>B</Sku>" in lines[located.field_lines["InvoiceItems/Item[2]/Sku"] - 1]
    assert "InvoiceItems/Item[2]/QtyOrdered" in located.invalid_fields
    assert "InvoiceItems" in located.invalid_fields
    assert located.record.invoice_items is not None
    assert located.record.invoice_items.item[1].qty_ordered is None


def test_customer_keys_are_none_without_customers() -> None:
    assert customer_keys(company(product_invoice())) is None
    keys = customer_keys(
        company(product_invoice(), customers=[customer(Id="7", AccountReference="abs001 ")])
    )
    assert keys == CustomerKeys(account_references=frozenset({"ABS001"}), ids=frozenset({"7"}))


def test_validate_runs_the_invoice_rules_as_called_directly() -> None:
    checked = 0
    for path in sorted((CONFORMANCE / "invoices").glob("*.xml")):
        text = path.read_text(encoding="utf-8")
        if validate(text).codes == ("xml.malformed",):
            continue  # the two malformed samples
        through_validate = {(i.code, i.line, i.path) for i in invoice_issues(text)}
        direct = {(i.code, i.line, i.path) for i in invoice_issues_direct(text)}
        assert through_validate == direct, path.name
        checked += 1
    assert checked == 14
