"""Issue 13, point by point: the builder speaks the validator's language. What it accepts
validates clean; what it refuses it refuses at the call, naming the argument, taking nothing."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Mapping
from decimal import Decimal

import attr
import pytest

import zynk_sage50 as zs
from zynk_sage50 import BuildError, DocumentBuilder, InvoiceDocumentHandle, InvoiceHandle
from zynk_sage50.builder.customers import FIELDS
from zynk_sage50.modelinfo import class_info
from zynk_sage50.models import (
    Customer,
    CustomerAddress,
    Invoice,
    InvoiceItem,
    Transaction,
    TransactionType,
)
from zynk_sage50.rules.applicability import (
    CUSTOMER_EXPORT_ONLY,
    INVOICE_EXPORT_ONLY,
    ITEM_EXPORT_ONLY,
)

DAY = "2019-05-16T00:00:00"
T = TransactionType


def clean(company: zs.Company) -> zs.Report:
    """The report of a built document, which must have no errors and no warnings."""
    report = zs.validate(zs.dumps(company))
    assert not report.errors, [str(i) for i in report.issues]
    assert not report.warnings, [str(i) for i in report.issues]
    assert zs.validate(company).codes == report.codes
    return report


def invoice(b: DocumentBuilder, account: str = "ACME01", reference: str = "I1") -> InvoiceHandle:
    handle = b.sales_invoice(account_reference=account, reference=reference, date=DAY)
    return handle.split(nominal_code="4000", net_amount=100, tax_code=1, tax_amount=20)


# ----- 1. case ---------------------------------------------------------------------------------
def test_point_1_accounts_compare_as_sage_compares_them() -> None:
    b = DocumentBuilder()
    b.customer(account_reference="ACME01", company_name="Acme")
    with pytest.raises(BuildError, match=r"account_reference 'acme01' is already a customer"):
        b.customer(account_reference="acme01", company_name="Acme again")
    with pytest.raises(BuildError, match="already a customer"):
        b.customer(account_reference=" ACME01 ", company_name="Acme again")
    # The same mistake written by hand is what validate reports.
    company = b.build()
    assert company.customers is not None
    company.customers.customer.append(
        Customer(id="X", account_reference="acme01", company_name="Acme again")
    )
    assert "customer.duplicate-account-reference" in zs.validate(company).codes
    # Allocation compares accounts the same way: acme01 reaches ACME01's invoice.
    b = DocumentBuilder()
    target = invoice(b, "ACME01")
    receipt = b.sales_receipt(
        account_reference="acme01", bank_reference="1200", amount=120, date=DAY, allocate_to=target
    )
    assert receipt.reference == "I1"
    report = clean(b.build())
    assert "allocation.target-outside-document" not in report.codes


# ----- 2. late refusals -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("call", "argument", "code"),
    [
        (
            lambda b: b.sales_invoice(account_reference="ACME01234", reference="I1", date=DAY),
            "account_reference",
            "schema.too-long",
        ),
        (
            lambda b: b.sales_invoice(account_reference="ACME01", reference="R" * 31, date=DAY),
            "reference",
            "schema.too-long",
        ),
        (lambda b: b.journal(reference="R" * 31, date=DAY), "reference", "schema.too-long"),
        (
            lambda b: b.journal(reference="J1", date=DAY, variance_nominal="123456789"),
            "variance_nominal",
            "schema.too-long",
        ),
        (
            lambda b: b.sales_invoice(
                account_reference="ACME01", reference="I1", date=" 2019-01-01T00:00:00 "
            ),
            "date",
            "schema.invalid-value",
        ),
        (
            lambda b: b.sales_payment(
                account_reference="ACME01",
                bank_reference="1200",
                amount=1,
                date=DAY,
                reference="R\ud800",
            ),
            "reference",
            "schema.invalid-value",
        ),
        (
            lambda b: b.purchase_credit(
                account_reference="SUP001", date=DAY, reference="C1", second_reference="S" * 31
            ),
            "second_reference",
            "schema.too-long",
        ),
    ],
)
def test_point_2_refused_at_the_call_that_introduces_it(
    call: object, argument: str, code: str
) -> None:
    b = DocumentBuilder()
    with pytest.raises(BuildError) as raised:
        call(b)  # type: ignore[operator]
    assert str(raised.value).startswith(f"{argument}: "), str(raised.value)
    assert f"({code})" in str(raised.value)
    assert b.build() == zs.Company()


def test_point_2_wrong_python_types_are_refused_at_the_call() -> None:
    b = DocumentBuilder()
    with pytest.raises(TypeError, match="account_reference must be a string, not int"):
        b.sales_invoice(account_reference=1, reference="I1", date=DAY)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="tax_code must be an int, not str"):
        b.bank_receipt(
            bank="1200",
            nominal_code="4900",
            net_amount=1,
            date=DAY,
            tax_code="1",  # type: ignore[arg-type]
        )
    with pytest.raises(TypeError, match=r"date must be a date, a datetime or a string"):
        b.journal(reference="J", date=20190101)  # type: ignore[arg-type]
    assert b.build() == zs.Company()


# ----- 3. a refusal takes no Id ---------------------------------------------------------------
def test_point_3_a_refused_call_takes_no_id() -> None:
    b = DocumentBuilder()
    with pytest.raises(BuildError):
        b.sales_payment(
            account_reference="ACME01", bank_reference="1200", amount=1, date="not a date"
        )
    with pytest.raises(BuildError):
        b.sales_payment(account_reference="ACME01", bank_reference="123456789", amount=1, date=DAY)
    with pytest.raises(BuildError):
        invoice(b).split(nominal_code="4000", net_amount=Decimal("0.001"))
    assert b.next_id == 2  # the invoice's split took 1
    row = b.sales_payment(account_reference="ACME01", bank_reference="1200", amount=1, date=DAY)
    assert row.id == 2
    # A balancing line is not taken by a build() that refuses.
    journal = b.journal(reference="J1", date=DAY, variance_nominal="9998")
    journal.debit(nominal_code="4000", amount=10)
    one_sided = b.journal(reference="J2", date=DAY)
    one_sided.debit(nominal_code="4000", amount=1)
    with pytest.raises(BuildError, match=r"\(journal\.one-sided\)"):
        b.build()
    assert b.next_id == 6  # 3 is reserved for J1's balancing line, 4 and 5 are the debits
    assert journal.balancing_line is None


def test_point_3_ids_do_not_depend_on_when_build_is_called() -> None:
    def calls(build_between: bool) -> list[int | None]:
        b = DocumentBuilder()
        journal = b.journal(reference="J1", date=DAY, variance_nominal="9998")
        journal.debit(nominal_code="4000", amount=10).credit(nominal_code="2110", amount=9)
        if build_between:
            b.build()
        b.bank_receipt(bank="1200", nominal_code="4900", net_amount=1, date=DAY)
        company = b.build()
        assert company.transactions is not None
        return [row.id for row in company.transactions.transaction]

    assert calls(True) == calls(False) == [2, 3, 1, 4]


# ----- 4. types that do not lie ---------------------------------------------------------------
def _public_methods() -> list[tuple[str, inspect.Signature]]:
    found = []
    for owner in (DocumentBuilder, InvoiceHandle, InvoiceDocumentHandle, zs.JournalHandle):
        for name, member in inspect.getmembers(owner, inspect.isfunction):
            if not name.startswith("_"):
                found.append((f"{owner.__name__}.{name}", inspect.signature(member)))
    return found


def test_point_4_every_public_method_takes_explicit_keyword_arguments() -> None:
    methods = _public_methods()
    assert len(methods) >= 20
    for name, signature in methods:
        kinds = {parameter.kind for parameter in signature.parameters.values()}
        assert inspect.Parameter.VAR_KEYWORD not in kinds, name
        assert inspect.Parameter.VAR_POSITIONAL not in kinds, name


def test_point_4_a_misspelt_keyword_is_named_and_none_means_none() -> None:
    b = DocumentBuilder()
    with pytest.raises(TypeError, match="company_nme"):
        b.customer(account_reference="A1", company_nme="Acme")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="items_net"):
        b.invoice(account_reference="A1", date=DAY, items_net=5)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="refrence"):
        b.credit_note(account_reference="A1", date=DAY, refrence="X")  # type: ignore[call-arg]
    # allocate_to=None is what its type says: allowed, an unallocated receipt.
    deposit = b.sales_receipt(
        account_reference="A1",
        bank_reference="1200",
        amount=50,
        date=DAY,
        allocate_to=None,
        reference="DEP1",
    )
    assert deposit.reference == "DEP1"
    clean(b.build())


def test_point_4_customer_arguments_are_the_fields_the_import_reads() -> None:
    """One argument per Customer field the Import Customers task reads: none of the fields
    only Zynk's export writes (the rules' list), nothing the builder sets itself."""
    info = class_info(Customer)
    export_only = {info.elements[name].name for name in CUSTOMER_EXPORT_ONLY}
    builder_sets = {"errors", "record_operation"}
    importable = {f.name for f in info.fields} - export_only - builder_sets
    arguments = set(inspect.signature(DocumentBuilder.customer).parameters) - {"self"}
    assert {FIELDS.get(name, name) for name in arguments} == importable


# ----- 5. invoice documents are allocation targets ---------------------------------------------
def _with_invoice_document(number: int = 5001) -> tuple[DocumentBuilder, InvoiceDocumentHandle]:
    b = DocumentBuilder()
    b.customer(account_reference="ACME01", company_name="Acme")
    handle = b.invoice(account_reference="ACME01", date=DAY, invoice_number=number)
    handle.item(quantity=2, unit_price=Decimal("150.00"), tax_code=1).carriage(net=10)
    return b, handle


def test_point_5_invoice_documents_are_allocation_targets_in_the_builder() -> None:
    b, handle = _with_invoice_document()
    receipt = b.sales_receipt(
        account_reference="acme01", bank_reference="1200", amount=100, date=DAY, allocate_to=handle
    )
    assert receipt.reference == "5001"
    credit = b.sales_credit(account_reference="ACME01", date=DAY, allocate_to=handle)
    credit.split(nominal_code="4000", net_amount=10, tax_code=1, tax_amount=2)
    assert credit.reference == "5001"
    # By its number, as an invoice in the document: the same target.
    by_number = b.sales_receipt(
        account_reference="ACME01", bank_reference="1200", amount=1, date=DAY, allocate_to="5001"
    )
    assert by_number.reference == "5001"
    with pytest.raises(BuildError, match=r"allocation.account-mismatch"):
        b.sales_receipt(
            account_reference="OTHER1",
            bank_reference="1200",
            amount=1,
            date=DAY,
            allocate_to=handle,
        )
    with pytest.raises(BuildError, match=r"allocation.wrong-ledger"):
        b.purchase_payment(
            account_reference="ACME01",
            bank_reference="1200",
            amount=1,
            date=DAY,
            allocate_to=handle,
        )
    clean(b.build())


@pytest.mark.parametrize(
    ("start", "words"),
    [
        (lambda b: b.invoice(account_reference="ACME01", date=DAY), "without an invoice_number"),
        (lambda b: b.invoice(customer_id="42", date=DAY, invoice_number=7), "account_reference"),
        (
            lambda b: b.credit_note(account_reference="ACME01", date=DAY, invoice_number=7),
            "only a posted invoice",
        ),
        (
            lambda b: b.invoice(
                account_reference="ACME01",
                date=DAY,
                invoice_number=7,
                invoice_type="ServiceProforma",
            ),
            "only a posted invoice",
        ),
    ],
)
def test_point_5_what_cannot_be_allocated_to_says_why(start: object, words: str) -> None:
    b = DocumentBuilder()
    handle = start(b)  # type: ignore[operator]
    handle.item(quantity=1, unit_price=1)
    with pytest.raises(BuildError, match=words):
        b.sales_receipt(
            account_reference="ACME01",
            bank_reference="1200",
            amount=1,
            date=DAY,
            allocate_to=handle,
        )


def test_point_5_an_invoice_number_taken_by_an_earlier_allocation_is_refused() -> None:
    b = DocumentBuilder()
    b.sales_receipt(
        account_reference="ACME01", bank_reference="1200", amount=1, date=DAY, allocate_to="5001"
    )
    with pytest.raises(BuildError, match=r"invoice_number '5001'.*allocates to '5001'"):
        b.invoice(account_reference="ACME01", date=DAY, invoice_number=5001)


def test_point_5_validate_finds_the_invoice_document_a_receipt_names() -> None:
    b, handle = _with_invoice_document()
    b.sales_receipt(
        account_reference="ACME01", bank_reference="1200", amount=100, date=DAY, allocate_to=handle
    )
    credit = b.sales_credit(account_reference="acme01", date=DAY, allocate_to=handle)
    credit.split(nominal_code="4000", net_amount=10, tax_code=1, tax_amount=2)
    report = clean(b.build())
    assert "allocation.target-outside-document" not in report.codes
    # The same receipt and credit without the invoice in the file: left to Sage.
    company = b.build()
    assert zs.validate(attr.evolve(company, invoices=None)).codes == (
        "allocation.target-outside-document",
        "allocation.target-outside-document",
    )


# ----- 6. the rest ---------------------------------------------------------------------------
def test_point_6_country_uk_suggests_gb_as_validate_does() -> None:
    b = DocumentBuilder()
    with pytest.raises(BuildError) as raised:
        b.customer(
            account_reference="A1",
            company_name="A",
            invoice_address=CustomerAddress(country="UK"),
        )
    message = str(raised.value)
    assert message.startswith("invoice_address.country: ")
    assert "GB" in message
    by_hand = zs.Company(
        customers=zs.Customers(
            customer=[
                Customer(
                    id="A1",
                    account_reference="A1",
                    company_name="A",
                    customer_invoice_address=CustomerAddress(country="UK"),
                )
            ]
        )
    )
    (issue,) = zs.validate(by_hand).issues
    assert issue.code == "address.country-unknown"
    assert issue.message in message
    # A country name is written as its code; the address given is not changed.
    address = CustomerAddress(country="United Kingdom")
    customer = b.customer(account_reference="A2", company_name="B", invoice_address=address)
    assert customer.customer_invoice_address is not None
    assert customer.customer_invoice_address.country == "GB"
    assert address.country == "United Kingdom"


def test_point_6_a_deposit_is_a_payment_on_account_left_unallocated() -> None:
    b = DocumentBuilder()
    b.customer(account_reference="ACME01", company_name="Acme")
    deposit = b.sales_receipt(
        account_reference="ACME01",
        bank_reference="1200",
        amount=Decimal("250.00"),
        date=DAY,
        reference="DEPOSIT-17",
    )
    assert deposit.transaction_type is T.SALES_RECEIPT_ON_ACCOUNT
    report = clean(b.build())
    assert report.codes == ("allocation.target-outside-document",)
    # An unallocated credit carries its own reference the same way.
    credit = b.sales_credit(account_reference="ACME01", date=DAY, reference="CN-9")
    credit.split(nominal_code="4000", net_amount=10, tax_code=1, tax_amount=2)
    clean(b.build())


def test_point_6_a_credit_note_carries_its_own_number() -> None:
    b = DocumentBuilder()
    target = invoice(b)
    credit = b.sales_credit(
        account_reference="ACME01", date=DAY, allocate_to=target, second_reference="CN1001"
    )
    credit.split(nominal_code="4000", net_amount=10, tax_code=1, tax_amount=2)
    (row,) = credit.splits
    assert (row.reference, row.second_reference) == ("I1", "CN1001")
    document = b.credit_note(account_reference="ACME01", date=DAY, invoice_number=9001)
    document.item(quantity=1, unit_price=5)
    company = b.build()
    clean(company)
    assert company.invoices is not None
    assert company.invoices.invoice[0].invoice_number == "9001"


def test_point_6_a_zero_receipt_is_refused_and_an_early_one_accepted() -> None:
    b = DocumentBuilder()
    target = invoice(b)
    with pytest.raises(BuildError, match=r"^amount: .*\(amount\.zero\)"):
        b.sales_receipt(
            account_reference="ACME01",
            bank_reference="1200",
            amount=0,
            date=DAY,
            allocate_to=target,
        )
    # Paid before the invoice's date: Sage allocates by Reference whatever the dates.
    early = b.sales_receipt(
        account_reference="ACME01",
        bank_reference="1200",
        amount=120,
        date=dt.date(2019, 5, 1),
        allocate_to=target,
    )
    assert str(early.transaction_date) == "2019-05-01T00:00:00"
    clean(b.build())


def test_the_builder_never_changes_what_it_was_given() -> None:
    address = CustomerAddress(country="Germany")
    b = DocumentBuilder()
    customer = b.customer(account_reference="A1", company_name="A", invoice_address=address)
    assert address.country == "Germany"
    assert customer.customer_invoice_address == attr.evolve(address, country="DE")
    row: Transaction = b.bank_receipt(bank="1200", nominal_code="4900", net_amount=1, date=DAY)
    assert row.id == 1


def test_point_5_allocations_to_an_invoice_document_stay_within_its_gross() -> None:
    b, handle = _with_invoice_document()  # 2 × 150.00 at T1 and 10.00 carriage (no tax code)
    assert handle.gross is None  # the carriage's VAT is unknown without a tax code
    b = DocumentBuilder()
    handle = b.invoice(
        account_reference="ACME01",
        date=DAY,
        invoice_number=5001,
        payment_amount=Decimal("100.00"),  # a SalesReceipt, allocated to the invoice
    )
    handle.item(quantity=2, unit_price=Decimal("150.00"), tax_code=1)
    handle.carriage(net=Decimal("10.00"), tax_code=1)
    assert handle.gross == Decimal("372.00")  # (300.00 + 60.00) + (10.00 + 2.00)
    b.sales_receipt(
        account_reference="ACME01", bank_reference="1200", amount=272, date=DAY, allocate_to=handle
    )
    with pytest.raises(BuildError, match=r"would total 372\.01.*\(allocation\.over-allocated\)"):
        b.sales_receipt(
            account_reference="ACME01",
            bank_reference="1200",
            amount=Decimal("0.01"),
            date=DAY,
            allocate_to=handle,
        )
    with pytest.raises(BuildError, match=r"\(allocation\.over-allocated\)"):
        handle.item(quantity=1, unit_price=1, tax_code=1, negative=True)
    assert len(handle.items) == 1
    clean(b.build())


def _importable(cls: type, export_only: Mapping[str, str], builder_sets: set[str]) -> set[str]:
    info = class_info(cls)
    return (
        {f.name for f in info.fields}
        - {info.elements[n].name for n in export_only}
        - (builder_sets)
    )


def test_point_4_invoice_arguments_are_the_fields_the_import_reads() -> None:
    """invoice() and item() offer every Invoice and InvoiceItem field the import reads (none
    of the export-only ones in the rules' lists); credit_note() a subset of invoice()'s."""
    renamed = {
        "date": "invoice_date",
        "delivery_address": "invoice_delivery_address",
        "notes": "notes1",
    }
    arguments = set(inspect.signature(DocumentBuilder.invoice).parameters) - {"self"}
    offered = {renamed.get(name, name) for name in arguments}
    expected = _importable(
        Invoice,
        INVOICE_EXPORT_ONLY,
        # Set by the builder: lines through the handle, the record operation, Notes2 and
        # Notes3 through notes=.
        {"errors", "record_operation", "invoice_items", "carriage", "notes2", "notes3"},
    )
    assert offered == expected
    credit = set(inspect.signature(DocumentBuilder.credit_note).parameters) - {"self"}
    assert credit <= arguments
    item_renamed = {
        "quantity": "qty_ordered",
        "discount_percentage": "unit_discount_percentage",
        "discount_amount": "unit_discount_amount",
        "negative": "is_negative_line",
    }
    item = set(inspect.signature(InvoiceDocumentHandle.item).parameters) - {"self"}
    assert {item_renamed.get(name, name) for name in item} == _importable(
        InvoiceItem, ITEM_EXPORT_ONLY, set()
    )


def test_point_5_an_invoice_number_is_read_as_a_number_as_sage_posts_it() -> None:
    b = DocumentBuilder()
    handle = b.invoice(account_reference="ACME01", date=DAY, invoice_number="0005001")
    handle.item(quantity=1, unit_price=10, tax_code=1)
    receipt = b.sales_receipt(
        account_reference="ACME01", bank_reference="1200", amount=12, date=DAY, allocate_to=handle
    )
    assert receipt.reference == "5001"
    with pytest.raises(BuildError, match="over-allocated"):
        b.sales_receipt(
            account_reference="ACME01",
            bank_reference="1200",
            amount=1,
            date=DAY,
            allocate_to="5001",
        )
    report = clean(b.build())
    assert "allocation.target-outside-document" not in report.codes


def test_issue_17_the_builder_computes_a_missing_tax_amount_from_the_tax_code() -> None:
    b = zs.DocumentBuilder()
    b.customer(account_reference="ACME01", company_name="Acme Ltd")
    invoice = b.sales_invoice(
        account_reference="ACME01", reference="INV9", date="2026-11-02T00:00:00"
    )
    invoice.split(nominal_code="4000", net_amount=Decimal("100.00"), tax_code=1)
    receipt = b.bank_receipt(
        bank="1200",
        nominal_code="4900",
        net_amount=Decimal("10.00"),
        tax_code=5,
        date="2026-11-02T00:00:00",
    )
    company = b.build()
    assert company.transactions is not None
    (split,) = [t for t in company.transactions.transaction if t.reference == "INV9"]
    assert split.tax_amount == Decimal("20.00")
    assert receipt.tax_amount == Decimal("0.50")
    report = zs.validate(company)
    assert (report.errors, report.warnings) == ((), ())
    seventeen = zs.DocumentBuilder(tax_rates={1: Decimal("17.5")})
    seventeen.customer(account_reference="ACME01", company_name="Acme Ltd")
    other = seventeen.sales_invoice(
        account_reference="ACME01", reference="INV9", date="2026-11-02T00:00:00"
    )
    other.split(nominal_code="4000", net_amount=Decimal("100.00"), tax_code=1)
    assert other.splits[0].tax_amount == Decimal("17.50")
