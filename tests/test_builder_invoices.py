"""DocumentBuilder.invoice / credit_note: invoice documents with items, and what is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

import zynk_sage50 as zs
from tests.test_invoice_support import invoice_issues
from zynk_sage50 import BuildError, DocumentBuilder, InvoiceAddress, InvoiceDocumentHandle
from zynk_sage50.issues import Severity
from zynk_sage50.models import InvoicePaymentType, InvoiceType


def training_day() -> DocumentBuilder:
    builder = DocumentBuilder()
    builder.customer(account_reference="ACME01", company_name="Acme Engineering Ltd")
    builder.invoice(
        account_reference="ACME01",
        date="2026-11-20T00:00:00",
        id="INV-5001",
        invoice_number=5001,
        invoice_address=InvoiceAddress(company="Acme Engineering Ltd", country="United Kingdom"),
        notes=["Course: First Aid at Work", "Delegates: 2"],
        payment_amount=Decimal("260.00"),
        bank_account="1200",
        payment_ref="CARD-88412",
    ).item(
        quantity=2,
        unit_price=Decimal("150.00"),
        name="First Aid at Work",
        nominal_code="4000",
        tax_code=1,
        department=1,
    )
    builder.credit_note(
        account_reference="ACME01", date="2026-11-20T00:00:00", id="CRN-7001", invoice_number=5002
    ).item(quantity=1, unit_price=Decimal("150.00"), name="Cancelled delegate", tax_code=1)
    builder.sales_receipt(
        account_reference="ACME01",
        bank_reference="1200",
        amount=Decimal(100),
        date="2026-11-20T00:00:00",
        allocate_to="5001",
    )
    return builder


def test_build_emits_invoices_between_customers_and_transactions() -> None:
    company = training_day().build()
    assert company.invoices is not None
    first, credit = company.invoices.invoice
    assert first.invoice_type is InvoiceType.SERVICE_INVOICE
    assert first.invoice_number == "5001"
    assert str(first.invoice_date) == "2026-11-20T00:00:00"
    assert first.invoice_address is not None
    assert first.invoice_address.country == "GB"
    assert first.payment_type is InvoicePaymentType.SALES_RECEIPT
    assert (first.notes1, first.notes2, first.notes3) == (
        "Course: First Aid at Work",
        "Delegates: 2",
        None,
    )
    assert first.invoice_items is not None
    (line,) = first.invoice_items.item
    assert (line.qty_ordered, line.unit_price) == (Decimal(2), Decimal("150.00"))
    assert credit.invoice_type is InvoiceType.SERVICE_CREDIT
    text = zs.dumps(company)
    assert text.index("<Customers>") < text.index("<Invoices>") < text.index("<Transactions>")


def test_what_is_built_loads_round_trips_and_has_no_invoice_warnings() -> None:
    text = zs.dumps(training_day().build())
    company = zs.loads(text)  # passes the XSD
    assert zs.dumps(company) == text
    issues = invoice_issues(text)
    assert [i for i in issues if i.severity is not Severity.INFO] == []


def test_product_credit_note_with_carriage() -> None:
    builder = DocumentBuilder()
    handle = builder.credit_note(
        account_reference="ABS001", date="2026-11-21T00:00:00", invoice_type="ProductCredit"
    )
    assert isinstance(handle, InvoiceDocumentHandle)
    handle.item(sku="BOOK1", quantity=Decimal("1.5"), unit_price=Decimal("2.6875")).carriage(
        net=Decimal("4.95"), nominal_code="4905"
    )
    text = zs.dumps(builder.build())
    assert invoice_issues(text) == []
    assert "<UnitPrice>2.6875</UnitPrice>" in text
    assert repr(handle) == "<ProductCredit ?: 1 items>"


def test_a_proforma_is_built_and_only_reported_as_not_posted() -> None:
    builder = DocumentBuilder()
    builder.invoice(
        customer_id="42", date="2026-11-20T00:00:00", invoice_type=InvoiceType.SERVICE_PROFORMA
    ).item(quantity=1, unit_price=100)
    issues = invoice_issues(zs.dumps(builder.build()))
    assert [issue.code for issue in issues] == ["invoice.not-posted"]


def test_a_payment_without_bank_uses_the_importer_default() -> None:
    builder = DocumentBuilder()
    builder.invoice(
        account_reference="ABS001",
        date="2026-11-20T00:00:00",
        payment_amount=10,
        payment_type="SalesReceiptOnAccount",
    ).item(quantity=1, unit_price=10)
    issues = invoice_issues(zs.dumps(builder.build()))
    assert [issue.code for issue in issues] == ["invoice.payment-default-bank"]


def test_an_empty_builder_has_no_invoices() -> None:
    assert DocumentBuilder().build().invoices is None


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda b: b.invoice(date="2026-11-20T00:00:00"), r"\(invoice.customer-missing\)"),
        (
            lambda b: b.invoice(
                account_reference="A", date="2026-11-20T00:00:00", invoice_type="ProductCredit"
            ),
            "use credit_note()",
        ),
        (
            lambda b: b.credit_note(
                account_reference="A", date="2026-11-20T00:00:00", invoice_type="ServiceInvoice"
            ),
            "use invoice()",
        ),
        (
            lambda b: b.invoice(
                account_reference="A", date="2026-11-20T00:00:00", invoice_number="12345678"
            ),
            r"invoice_number: .*\(schema.invalid-value\)",
        ),
        (
            lambda b: b.invoice(
                account_reference="A", date="2026-11-20T00:00:00", payment_type="SalesReceipt"
            ),
            r"payment_type: .*\(invoice.payment-without-amount\)",
        ),
        (
            lambda b: b.invoice(
                account_reference="A",
                date="2026-11-20T00:00:00",
                invoice_type="ProductQuotation",
                payment_amount=5,
            ),
            r"payment_amount: .*\(invoice.payment-not-applicable\)",
        ),
        (
            lambda b: b.invoice(
                account_reference="A", date="2026-11-20T00:00:00", payment_amount=Decimal("1.005")
            ),
            "more than 2 decimal places",
        ),
        (
            lambda b: b.invoice(
                account_reference="A", date="2026-11-20T00:00:00", payment_amount=0
            ),
            r"payment_amount: .*\(amount.zero\)",
        ),
        (
            lambda b: b.invoice(account_reference="A", date="2026-11-20T00:00:00", currency="XXY"),
            r"currency: .*\(invoice.currency-unknown\)",
        ),
        (
            lambda b: b.invoice(
                account_reference="A", date="2026-11-20T00:00:00", notes=["1", "2", "3", "4"]
            ),
            "at most 3",
        ),
        (
            lambda b: b.invoice(account_reference="TOOLONGREF", date="2026-11-20T00:00:00"),
            r"account_reference: .*\(schema.too-long\)",
        ),
        (
            lambda b: b.invoice(
                account_reference="A",
                date="2026-11-20T00:00:00",
                net_value_discount=Decimal("0.001"),
            ),
            "2 decimal",
        ),
    ],
)
def test_invoice_refusals(call: object, words: str) -> None:
    with pytest.raises(BuildError, match=words):
        call(DocumentBuilder())  # type: ignore[operator]


@pytest.mark.parametrize(
    ("invoice_type", "arguments", "words"),
    [
        (
            "ServiceCredit",
            {"quantity": -1},
            r"quantity: .*ServiceCredit already credits every line",
        ),
        ("ServiceInvoice", {"quantity": -1}, r"quantity: .*IsNegativeLine"),
        ("ProductInvoice", {"quantity": 1}, r"sku: .*\(invoice.sku-missing\)"),
        (
            "ServiceInvoice",
            {"quantity": 1, "unit_price": -5},
            r"unit_price: .*\(invoice.negative-price\)",
        ),
        (
            "ServiceInvoice",
            {"quantity": 1, "unit_price": 100_000_000},
            r"unit_price: .*\(amount.too-large\)",
        ),
        ("ServiceInvoice", {"quantity": 1, "discount_amount": Decimal("0.001")}, "2 decimal"),
        ("ServiceInvoice", {"quantity": 1, "tax_code": 100}, "from 0 to 99"),
        ("ServiceInvoice", {"quantity": 1, "department": 1000}, "from 0 to 999"),
        (
            "ServiceInvoice",
            {"quantity": 1, "name": "x" * 61},
            r"name: Name is 61 characters long .*\(schema.too-long\)",
        ),
    ],
)
def test_item_refusals(invoice_type: str, arguments: dict[str, object], words: str) -> None:
    builder = DocumentBuilder()
    start = builder.credit_note if invoice_type.endswith("Credit") else builder.invoice
    handle = start(account_reference="A", date="2026-11-20T00:00:00", invoice_type=invoice_type)
    with pytest.raises(BuildError, match=words):
        handle.item(**arguments)  # type: ignore[arg-type]
    assert handle.items == []


def test_export_only_fields_are_not_arguments() -> None:
    with pytest.raises(TypeError, match="items_net"):
        DocumentBuilder().invoice(  # type: ignore[call-arg]
            account_reference="A", date="2026-11-20T00:00:00", items_net=5
        )


def test_a_float_quantity_is_refused() -> None:
    handle = DocumentBuilder().invoice(account_reference="A", date="2026-11-20T00:00:00")
    with pytest.raises(TypeError, match="floats are inexact"):
        handle.item(quantity=1.5)  # type: ignore[arg-type]


def test_ids_and_invoice_numbers_are_not_repeated() -> None:
    builder = DocumentBuilder()
    builder.invoice(account_reference="A", date="2026-11-20T00:00:00", id="X1", invoice_number=7)
    with pytest.raises(BuildError, match="id 'X1' is already used"):
        builder.invoice(account_reference="A", date="2026-11-20T00:00:00", id="X1")
    with pytest.raises(BuildError, match=r"^invoice_number: .*\(invoice\.duplicate-number\)"):
        builder.credit_note(account_reference="A", date="2026-11-20T00:00:00", invoice_number="7")
    with pytest.raises(BuildError, match=r"\(invoice\.duplicate-number\)"):  # as Sage reads it
        builder.invoice(account_reference="A", date="2026-11-20T00:00:00", invoice_number="007")


def test_an_invoice_without_items_is_refused_on_build() -> None:
    builder = DocumentBuilder()
    builder.invoice(account_reference="A", date="2026-11-20T00:00:00", invoice_number=12)
    with pytest.raises(BuildError, match="ServiceInvoice 12 has no items"):
        builder.build()


def test_carriage_alone_is_a_line_but_only_once() -> None:
    builder = DocumentBuilder()
    handle = builder.invoice(account_reference="A", date="2026-11-20T00:00:00").carriage(net=10)
    with pytest.raises(BuildError, match="already set"):
        handle.carriage(net=5)
    company = builder.build()
    assert company.invoices is not None
    carriage = company.invoices.invoice[0].carriage
    assert carriage is not None
    assert carriage.unit_price == Decimal("10.00")


def test_existing_transaction_building_is_unchanged_by_invoices() -> None:
    builder = DocumentBuilder()
    builder.sales_invoice(
        account_reference="A", reference="SI1", date="2026-11-20T00:00:00"
    ).split(nominal_code="4000", net_amount=100)
    company = builder.build()
    assert company.invoices is None
    assert company.transactions is not None
    assert zs.validate(company).valid
