"""Invoices located in XML text the way ``validate()`` locates records, for the invoice tests.

Until the invoice rules are wired into ``validate()``, the tests call them directly on what
:func:`located_invoices` returns: each ``Invoice`` bound leniently (as validation binds), with
the line of every element below it and the elements that failed the schema, by their path below
the invoice (``InvoiceItems/Item[2]/QtyOrdered``, items always indexed). The stand-in for
``rules.context.Located`` satisfies ``zynk_sage50.rules.invoices.LocatedInvoice``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from xml.sax.saxutils import escape

import attr
from lxml import etree

from tests.conformance import CONFORMANCE
from zynk_sage50.binding import Binder
from zynk_sage50.issues import Issue, RecordRef, Severity
from zynk_sage50.models import Customer, Invoice
from zynk_sage50.parsing import parser_options
from zynk_sage50.rules.invoices import (
    CustomerKeys,
    InvoiceDocument,
    LocatedInvoice,
    run_invoice_rules,
)
from zynk_sage50.schema import company_schema
from zynk_sage50.validation import validate

PROLOG = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<Company xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
)


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class InvoiceAt:
    """A located invoice: ``rules.context.Located`` for kind ``Invoice``."""

    record: Invoice
    index: int
    line: int | None = None
    field_lines: Mapping[str, int] = attr.ib(factory=dict)
    invalid_fields: frozenset[str] = frozenset()

    @property
    def path(self) -> str:
        return f"/Company/Invoices/Invoice[{self.index}]"

    def issue(
        self, code: str, severity: Severity, message: str, field: str | None = None
    ) -> Issue:
        line, path = self.line, self.path
        if field is not None:
            path = f"{path}/{field}"
            line = self.field_lines.get(field, line)
        record_id = self.record.id
        return Issue(
            code=code,
            severity=severity,
            message=message,
            line=line,
            path=path,
            record=RecordRef(kind="Invoice", index=self.index, id=record_id),
        )


def _relative(element: etree._Element, record: etree._Element) -> str:
    """``InvoiceItems/Item[2]/QtyOrdered``: items always indexed, repeated names indexed."""
    steps: list[str] = []
    node: etree._Element | None = element
    while node is not None and node is not record:
        parent = node.getparent()
        assert parent is not None
        tag = str(node.tag)
        position = 1 + sum(1 for _ in node.itersiblings(tag, preceding=True))
        repeated = position > 1 or next(node.itersiblings(tag), None) is not None
        steps.append(f"{tag}[{position}]" if repeated or parent.tag == "InvoiceItems" else tag)
        node = parent
    return "/".join(reversed(steps))


def _schema_failures(root: etree._Element) -> list[etree._Element]:
    schema = company_schema()
    schema.validate(etree.ElementTree(root))
    failed = []
    for error in schema.error_log:
        found = root.xpath(error.path) if error.path else []
        if isinstance(found, list) and found and isinstance(found[0], etree._Element):
            failed.append(found[0])
    return failed


def located_invoices(xml: str) -> list[LocatedInvoice]:
    """Every ``Company/Invoices/Invoice`` of ``xml``, bound and located."""
    root = etree.fromstring(xml.encode(), etree.XMLParser(**parser_options()))
    failures = _schema_failures(root)
    binder = Binder()
    found: list[LocatedInvoice] = []
    for collection in root.iterchildren("Invoices"):
        for index, element in enumerate(collection.iterchildren("Invoice"), start=1):
            record, _lines, invalid = binder.bind_lenient(element, Invoice)
            lines = {
                _relative(node, element): node.sourceline or 0
                for node in element.iterdescendants()
                if isinstance(node.tag, str)
            }
            below = set(invalid)
            for failed in failures:
                if element in failed.iterancestors():
                    relative = _relative(failed, element)
                    below.update({relative, relative.split("/")[0].split("[")[0]})
            found.append(
                InvoiceAt(
                    record=record,
                    index=index,
                    line=element.sourceline,
                    field_lines=lines,
                    invalid_fields=frozenset(below),
                )
            )
    return found


def customer_keys(xml: str) -> CustomerKeys | None:
    """The document's customers, or None when it has no ``<Customers>``."""
    root = etree.fromstring(xml.encode(), etree.XMLParser(**parser_options()))
    collection = root.find("Customers")
    if collection is None:
        return None
    binder = Binder()
    return CustomerKeys.of(
        binder.bind_lenient(element, Customer)[0]
        for element in collection.iterchildren("Customer")
    )


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
    """The same, from the invoice rules called directly on :func:`located_invoices`."""
    document = InvoiceDocument(
        invoices=located_invoices(xml),
        customers=customer_keys(xml),
        imported_ids=frozenset(imported_ids),
    )
    return list(run_invoice_rules(document))


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
    assert isinstance(located, InvoiceAt)
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
