"""The invoice rules: for each code a document that triggers it and a neighbour that does not.

``invoice_issues`` gives what ``validate()`` reports about the invoices.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.test_invoice_support import (
    codes,
    company,
    customer,
    invoice,
    invoice_issues,
    item,
    items,
    located_invoices,
    of,
    product_invoice,
)
from zynk_sage50 import Company
from zynk_sage50.issues import Severity
from zynk_sage50.rules import REGISTRY

RECORD = "/Company/Invoices/Invoice[1]"


class Pair(NamedTuple):
    """A code, its severity, a document that gives it (once, at ``field``), and a neighbour
    that differs as little as possible and does not give it."""

    code: str
    severity: Severity
    trigger: str
    neighbour: str
    field: str | None


def one_item(**fields: object) -> str:
    base: dict[str, object] = {"Sku": "COURSE1", "QtyOrdered": "1", "UnitPrice": "150.00"}
    base.update(fields)
    return items(item(**{name: value for name, value in base.items() if value is not ...}))


PAIRS = [
    Pair(
        "invoice.update",
        Severity.INFO,
        company(invoice(Id="123", InvoiceNumber="2014", Notes1="Leave next door")),
        company(invoice(Id="123", InvoiceNumber="2014", AccountReference="ABS001")),
        None,
    ),
    Pair(
        "invoice.customer-missing",
        Severity.WARNING,
        company(product_invoice(AccountReference=...)),
        company(product_invoice(AccountReference=..., CustomerId="42")),
        "AccountReference",
    ),
    Pair(
        "invoice.type-missing",
        Severity.INFO,
        company(product_invoice(InvoiceType=...)),
        company(product_invoice(InvoiceType="ServiceInvoice")),
        "InvoiceType",
    ),
    Pair(
        "invoice.not-posted",
        Severity.INFO,
        company(product_invoice(InvoiceType="ProductQuotation")),
        company(product_invoice(InvoiceType="ProductInvoice")),
        "InvoiceType",
    ),
    Pair(
        "invoice.no-items",
        Severity.WARNING,
        company(product_invoice(InvoiceItems=...)),
        company(
            product_invoice(
                InvoiceItems=...,
                Carriage="        <QtyOrdered>1</QtyOrdered><UnitPrice>10</UnitPrice>",
            )
        ),
        "InvoiceItems",
    ),
    Pair(
        "invoice.sku-missing",
        Severity.WARNING,
        company(product_invoice(InvoiceItems=one_item(Sku=...))),
        company(product_invoice(InvoiceType="ServiceInvoice", InvoiceItems=one_item(Sku=...))),
        "InvoiceItems/Item[1]/Sku",
    ),
    Pair(
        "invoice.quantity-missing",
        Severity.ERROR,
        company(product_invoice(InvoiceItems=one_item(QtyOrdered=...))),
        company(product_invoice(InvoiceItems=one_item(QtyOrdered="1"))),
        "InvoiceItems/Item[1]/QtyOrdered",
    ),
    Pair(
        "invoice.negative-quantity",
        Severity.WARNING,
        company(
            product_invoice(InvoiceType="ProductCredit", InvoiceItems=one_item(QtyOrdered="-1"))
        ),
        company(
            product_invoice(InvoiceType="ProductCredit", InvoiceItems=one_item(QtyOrdered="1"))
        ),
        "InvoiceItems/Item[1]/QtyOrdered",
    ),
    Pair(
        "invoice.negative-price",
        Severity.WARNING,
        company(product_invoice(InvoiceItems=one_item(UnitPrice="-10.00"))),
        company(product_invoice(InvoiceItems=one_item(UnitPrice="10.00", IsNegativeLine="true"))),
        "InvoiceItems/Item[1]/UnitPrice",
    ),
    Pair(
        "invoice.payment-without-amount",
        Severity.WARNING,
        company(product_invoice(PaymentType="SalesReceipt", BankAccount="1200")),
        company(
            product_invoice(PaymentType="SalesReceipt", BankAccount="1200", PaymentAmount="300")
        ),
        "PaymentType",
    ),
    Pair(
        "invoice.payment-type-missing",
        Severity.WARNING,
        company(product_invoice(BankAccount="1200", PaymentAmount="300")),
        company(
            product_invoice(
                BankAccount="1200", PaymentAmount="300", PaymentType="SalesReceiptOnAccount"
            )
        ),
        "PaymentType",
    ),
    Pair(
        "invoice.payment-default-bank",
        Severity.INFO,
        company(product_invoice(PaymentType="SalesReceipt", PaymentAmount="300")),
        company(
            product_invoice(PaymentType="SalesReceipt", PaymentAmount="300", BankAccount="1210")
        ),
        "PaymentAmount",
    ),
    Pair(
        "invoice.payment-not-applicable",
        Severity.WARNING,
        company(
            product_invoice(
                InvoiceType="ServiceCredit",
                PaymentType="SalesReceipt",
                PaymentAmount="300",
                BankAccount="1200",
            )
        ),
        company(
            product_invoice(
                InvoiceType="ServiceInvoice",
                PaymentType="SalesReceipt",
                PaymentAmount="300",
                BankAccount="1200",
            )
        ),
        "PaymentAmount",
    ),
    Pair(
        "amount.precision",
        Severity.WARNING,
        company(product_invoice(NetValueDiscount="1.805")),
        company(product_invoice(NetValueDiscount="1.80")),
        "NetValueDiscount",
    ),
    Pair(
        "amount.too-large",
        Severity.ERROR,
        company(product_invoice(InvoiceItems=one_item(UnitPrice="100000000"))),
        company(product_invoice(InvoiceItems=one_item(UnitPrice="99999999.99"))),
        "InvoiceItems/Item[1]/UnitPrice",
    ),
    Pair(
        "amount.tax-mismatch",
        Severity.WARNING,
        company(
            product_invoice(
                InvoiceItems=one_item(TaxCode="1", TotalNet="150.00", TotalTax="26.25")
            )
        ),
        company(
            product_invoice(
                InvoiceItems=one_item(TaxCode="1", TotalNet="150.00", TotalTax="30.00")
            )
        ),
        "InvoiceItems/Item[1]/TotalTax",
    ),
    Pair(
        "invoice.currency-unknown",
        Severity.WARNING,
        company(product_invoice(Currency="EUD")),
        company(product_invoice(Currency="EUR")),
        "Currency",
    ),
    Pair(
        "address.country-unknown",
        Severity.WARNING,
        company(product_invoice(InvoiceAddress="        <Country>UK</Country>")),
        company(product_invoice(InvoiceAddress="        <Country>GB</Country>")),
        "InvoiceAddress/Country",
    ),
    Pair(
        "field.export-only",
        Severity.WARNING,
        company(product_invoice(InvoiceItems=one_item(TotalNet="150.00"))),
        company(product_invoice(InvoiceItems=one_item(TotalNet=None))),
        "InvoiceItems/Item[1]/TotalNet",
    ),
    Pair(
        "duplicate.id",
        Severity.ERROR,
        company(product_invoice(), product_invoice()),
        company(product_invoice(), product_invoice(Id="INV-1002")),
        "Id",
    ),
    Pair(
        "invoice.unknown-customer",
        Severity.INFO,
        company(product_invoice(), customers=[customer(Id="9", AccountReference="OTHER01")]),
        company(product_invoice(), customers=[customer(Id="9", AccountReference="abs001")]),
        "AccountReference",
    ),
    Pair(
        "invoice.duplicate-number",
        Severity.ERROR,
        company(
            product_invoice(InvoiceNumber="5001"),
            product_invoice(Id="INV-1002", InvoiceNumber="0005001"),
        ),
        company(
            product_invoice(InvoiceNumber="5001"),
            product_invoice(Id="INV-1002", InvoiceNumber="5002"),
        ),
        "InvoiceNumber",
    ),
]


def test_the_base_invoice_is_clean() -> None:
    assert invoice_issues(company(product_invoice())) == []


def test_every_rule_has_a_pair() -> None:
    documented = {pair.code for pair in PAIRS}
    record_rules = REGISTRY.record_rules("Invoice") + REGISTRY.record_rules_with_options("Invoice")
    # Rules shared by every kind of record (record.import-error) are paired in docs/rules.md.
    shared = set(REGISTRY.record_rules("Transaction"))
    own = [rule for rule in record_rules if rule not in shared]
    # duplicate.id, invoice.unknown-customer and invoice.duplicate-number are the invoice
    # document rules; amount.zero on a PaymentAmount is paired in docs/rules.md (and below).
    assert len(own) + 3 == len(documented) + 1


@pytest.mark.parametrize("pair", PAIRS, ids=[pair.code for pair in PAIRS])
def test_trigger_gives_the_code_and_neighbour_does_not(pair: Pair) -> None:
    found = of(invoice_issues(pair.trigger), pair.code)
    assert len(found) == 1, [str(issue) for issue in found]
    (issue,) = found
    assert issue.severity is pair.severity
    assert issue.message.endswith(".")
    assert issue.record is not None
    assert issue.record.kind == "Invoice"
    expected_index = 2 if pair.code in ("duplicate.id", "invoice.duplicate-number") else 1
    record = RECORD.replace("[1]", f"[{expected_index}]")
    assert issue.path == (record if pair.field is None else f"{record}/{pair.field}")
    assert pair.code not in codes(invoice_issues(pair.neighbour))


@pytest.mark.parametrize("pair", PAIRS, ids=[pair.code for pair in PAIRS])
def test_neighbour_has_no_error(pair: Pair) -> None:
    errors = [i for i in invoice_issues(pair.neighbour) if i.severity is Severity.ERROR]
    assert errors == []


def test_an_issue_on_a_given_field_points_at_its_line() -> None:
    xml = company(product_invoice(InvoiceItems=one_item(UnitPrice="-10.00")))
    (issue,) = of(invoice_issues(xml), "invoice.negative-price")
    assert "<UnitPrice>-10.00</UnitPrice>" in xml.splitlines()[issue.line - 1]  # type: ignore[operator]


# --- details of single rules --------------------------------------------------------------------


def test_update_shape_needs_an_id_or_number_and_only_update_fields() -> None:
    update_xml = company(
        invoice(InvoiceNumber="2014", Custom1="A", InvoiceAddress="<Company>Zynk</Company>")
    )
    (located,) = located_invoices(update_xml)
    assert located.is_update
    assert codes(invoice_issues(update_xml)) == ["invoice.update"]
    # Without Id or InvoiceNumber there is nothing to update: it is a new invoice.
    (located,) = located_invoices(company(invoice(Custom1="A")))
    assert not located.is_update
    # An empty collection does not make an invoice new.
    (located,) = located_invoices(company(invoice(Id="1", InvoiceItems="", CustomerId="")))
    assert located.is_update


def test_update_records_may_repeat_an_imported_id() -> None:
    xml = company(invoice(Id="123", InvoiceNumber="2014"), invoice(Id="123", Notes1="x"))
    issues = invoice_issues(xml, imported_ids=["123"])
    assert "duplicate.id" not in codes(issues)


def test_an_already_imported_id_is_a_duplicate() -> None:
    (issue,) = of(invoice_issues(company(product_invoice()), [" INV-1001 "]), "duplicate.id")
    assert "already imported" in issue.message


def test_the_earlier_duplicate_is_named_with_its_line() -> None:
    xml = company(product_invoice(), product_invoice())
    (issue,) = of(invoice_issues(xml), "duplicate.id")
    assert "invoice 1 (line 4)" in issue.message


def test_a_repeated_invoice_number_names_the_earlier_invoice_with_its_line() -> None:
    xml = company(
        product_invoice(InvoiceNumber="5001"),
        product_invoice(Id="INV-1002", InvoiceNumber="05001"),
        product_invoice(Id="INV-1003", InvoiceNumber="5001", InvoiceType="ProductCredit"),
    )
    found = of(invoice_issues(xml), "invoice.duplicate-number")
    assert [issue.path for issue in found] == [
        "/Company/Invoices/Invoice[2]/InvoiceNumber",
        "/Company/Invoices/Invoice[3]/InvoiceNumber",
    ]
    assert all("Invoice[1] (line 4)" in issue.message for issue in found)


def test_update_shaped_invoices_and_other_numbers_are_no_duplicate_number() -> None:
    update = invoice(InvoiceNumber="5001", Notes1="Leave next door")
    xml = company(product_invoice(InvoiceNumber="5001"), update)
    assert "invoice.duplicate-number" not in codes(invoice_issues(xml))
    distinct = company(
        product_invoice(InvoiceNumber="A5001"),
        product_invoice(Id="INV-1002", InvoiceNumber="a5001"),
        product_invoice(Id="INV-1003", InvoiceNumber="5001"),
    )
    assert "invoice.duplicate-number" not in codes(invoice_issues(distinct))


def test_customer_id_names_a_customer_of_the_document() -> None:
    xml = company(
        product_invoice(AccountReference=..., CustomerId="9"),
        customers=[customer(Id="9", AccountReference="ABS001")],
    )
    assert codes(invoice_issues(xml)) == []


def test_unknown_customer_needs_a_customers_collection() -> None:
    assert codes(invoice_issues(company(product_invoice()))) == []
    (issue,) = of(
        invoice_issues(company(product_invoice(), customers=[])), "invoice.unknown-customer"
    )
    assert "'ABS001'" in issue.message


def test_sku_is_not_needed_on_carriage_nor_on_service_items() -> None:
    xml = company(
        product_invoice(
            Carriage="        <QtyOrdered>1</QtyOrdered>\n        <UnitPrice>10</UnitPrice>"
        )
    )
    assert codes(invoice_issues(xml)) == []
    xml = company(product_invoice(InvoiceType="ServiceCredit", InvoiceItems=one_item(Sku="")))
    assert codes(invoice_issues(xml)) == []


def test_a_blank_sku_is_missing() -> None:
    xml = company(product_invoice(InvoiceItems=one_item(Sku="  ")))
    assert codes(invoice_issues(xml)) == ["invoice.sku-missing"]


def test_a_nil_quantity_is_missing_but_an_invalid_one_is_already_reported() -> None:
    assert codes(
        invoice_issues(company(product_invoice(InvoiceItems=one_item(QtyOrdered=None))))
    ) == ["invoice.quantity-missing"]
    xml = company(product_invoice(InvoiceItems=one_item(QtyOrdered="two")))
    assert codes(invoice_issues(xml)) == []


def test_quantity_is_checked_on_every_item() -> None:
    xml = company(
        product_invoice(
            InvoiceItems=items(
                item(Sku="A", QtyOrdered="1"), item(Sku="B"), item(Sku="C", QtyOrdered="3")
            )
        )
    )
    paths = [issue.path for issue in of(invoice_issues(xml), "invoice.quantity-missing")]
    assert paths == [f"{RECORD}/InvoiceItems/Item[2]/QtyOrdered"]


def test_negative_quantity_on_an_invoice_suggests_is_negative_line() -> None:
    xml = company(product_invoice(InvoiceItems=one_item(QtyOrdered="-2")))
    (issue,) = of(invoice_issues(xml), "invoice.negative-quantity")
    assert "IsNegativeLine" in issue.message
    assert "write the quantity as 2" in issue.message


def test_negative_quantity_on_a_credit_says_the_type_credits() -> None:
    xml = company(
        product_invoice(InvoiceType="ServiceCredit", InvoiceItems=one_item(QtyOrdered="-2.5"))
    )
    (issue,) = of(invoice_issues(xml), "invoice.negative-quantity")
    assert "ServiceCredit already credits every line" in issue.message
    assert "write 2.5" in issue.message


@pytest.mark.parametrize(
    "invoice_type", ["ProductProforma", "ServiceProforma", "ProductQuotation"]
)
def test_proformas_and_quotations_are_not_posted_and_take_no_payment(invoice_type: str) -> None:
    xml = company(
        product_invoice(
            InvoiceType=invoice_type,
            PaymentType="SalesReceipt",
            PaymentAmount="10",
            BankAccount="1200",
        )
    )
    assert codes(invoice_issues(xml)) == ["invoice.not-posted", "invoice.payment-not-applicable"]


def test_a_zero_payment_is_no_payment() -> None:
    xml = company(product_invoice(PaymentAmount="0"))
    (issue,) = invoice_issues(xml)
    assert (issue.code, issue.severity, issue.path) == (
        "amount.zero",
        Severity.WARNING,
        f"{RECORD}/PaymentAmount",
    )
    paid = company(product_invoice(PaymentAmount="1.00", PaymentType="SalesReceipt"))
    assert "amount.zero" not in codes(invoice_issues(paid))
    xml = company(product_invoice(PaymentAmount="0", PaymentRef="PayPal"))
    (issue,) = of(invoice_issues(xml), "invoice.payment-without-amount")
    assert issue.path == f"{RECORD}/PaymentRef"


def test_payment_without_amount_lists_every_payment_field() -> None:
    xml = company(
        product_invoice(PaymentType="SalesReceipt", PaymentRef="PayPal", BankAccount="1200")
    )
    (issue,) = of(invoice_issues(xml), "invoice.payment-without-amount")
    assert "PaymentType, PaymentRef and BankAccount" in issue.message


def test_the_documented_payment_sample_is_consistent() -> None:
    xml = company(
        product_invoice(
            PaymentRef="PayPal",
            BankAccount="1200",
            PaymentAmount="31.36",
            PaymentType="SalesReceipt",
        )
    )
    assert codes(invoice_issues(xml)) == []


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("PaymentAmount", "31.365", "amount.precision"),
        ("PaymentAmount", "-100000000", "amount.too-large"),
        ("NetValueDiscount", "123456789", "amount.too-large"),
    ],
)
def test_invoice_money(field: str, value: str, code: str) -> None:
    fields = {field: value, "PaymentType": "SalesReceipt", "BankAccount": "1200"}
    (issue,) = of(invoice_issues(company(product_invoice(**fields))), code)
    assert issue.path == f"{RECORD}/{field}"


def test_unit_prices_may_carry_more_places_but_carriage_and_discounts_may_not() -> None:
    xml = company(product_invoice(InvoiceItems=one_item(UnitPrice="2.6875")))
    assert codes(invoice_issues(xml)) == []
    xml = company(
        product_invoice(
            InvoiceItems=one_item(UnitDiscountAmount="0.125"),
            Carriage="        <QtyOrdered>1</QtyOrdered>\n        <UnitPrice>4.995</UnitPrice>",
        )
    )
    paths = [issue.path for issue in of(invoice_issues(xml), "amount.precision")]
    assert paths == [
        f"{RECORD}/InvoiceItems/Item[1]/UnitDiscountAmount",
        f"{RECORD}/Carriage/UnitPrice",
    ]


def test_export_only_fields_of_invoice_address_and_carriage() -> None:
    xml = company(
        product_invoice(
            UniqueId="58",
            CurrencyUsed=None,
            PostedFlag="true",
            TaxNumber="",
            InvoiceDeliveryAddress="        <Description>Mike Hall</Description>",
            Carriage="        <QtyOrdered>0</QtyOrdered>\n        <Type>Stock</Type>",
        )
    )
    paths = [issue.path for issue in of(invoice_issues(xml), "field.export-only")]
    assert paths == [
        f"{RECORD}/UniqueId",
        f"{RECORD}/PostedFlag",
        f"{RECORD}/InvoiceDeliveryAddress/Description",
        f"{RECORD}/Carriage/Type",
    ]


def test_a_country_name_gets_its_code_suggested() -> None:
    xml = company(
        product_invoice(InvoiceDeliveryAddress="        <Country>fr</Country>", Currency="gbp")
    )
    assert codes(invoice_issues(xml)) == []
    xml = company(product_invoice(InvoiceDeliveryAddress="        <Country>DX</Country>"))
    (issue,) = of(invoice_issues(xml), "address.country-unknown")
    assert issue.path == f"{RECORD}/InvoiceDeliveryAddress/Country"
    assert "e.g. GB" in issue.message


# --- docs/invoices.md ---------------------------------------------------------------------------

DOC = Path(__file__).resolve().parents[1] / "docs" / "invoices.md"
_SECTION = re.compile(
    r"^### `([a-z.-]+)` — (error|warning|info)\n(.*?)(?=^### |^## |\Z)", re.M | re.S
)
_XML = re.compile(r"```xml\n(.*?)```", re.S)


def _documented() -> list[tuple[str, str, str]]:
    found = []
    for match in _SECTION.finditer(DOC.read_text(encoding="utf-8")):
        example = _XML.search(match.group(3))
        assert example, f"{match.group(1)} has no example"
        found.append((match.group(1), match.group(2), example.group(1)))
    return found


def test_every_invoice_code_is_documented_once() -> None:
    documented = [code for code, _severity, _xml in _documented()]
    assert sorted(documented) == sorted(pair.code for pair in PAIRS)


@pytest.mark.parametrize(
    ("code", "severity", "xml"), _documented(), ids=[c for c, _s, _x in _documented()]
)
def test_each_documented_example_gives_its_code(code: str, severity: str, xml: str) -> None:
    found = of(invoice_issues(xml), code)
    assert found, [str(issue) for issue in invoice_issues(xml)]
    assert {issue.severity.value for issue in found} == {severity}


def test_the_documented_builder_example_runs() -> None:
    (block,) = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    namespace: dict[str, object] = {}
    exec(block, namespace)
    company = namespace["company"]
    assert isinstance(company, Company)
    assert company.invoices is not None
    assert len(company.invoices.invoice) == 2
