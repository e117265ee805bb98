"""The DocumentBuilder's refusals, each with its message, and what it builds."""

from __future__ import annotations

from decimal import Decimal

import pytest

import zynk_sage50 as zs
from zynk_sage50 import BuildError, DocumentBuilder, TransactionType, UnbalancedJournalError
from zynk_sage50.models import CustomerAddress, OssReportType

DAY = "2019-05-16T00:00:00"


def invoice(
    b: DocumentBuilder,
    account: str = "ABS001",
    reference: str = "SI1",
    gross: tuple[str, str] = ("100.00", "20.00"),
) -> zs.InvoiceHandle:
    handle = b.sales_invoice(account_reference=account, reference=reference, date=DAY)
    return handle.split(
        nominal_code="4000", net_amount=Decimal(gross[0]), tax_code=1, tax_amount=Decimal(gross[1])
    )


def rows(company: zs.Company) -> list[zs.Transaction]:
    assert company.transactions is not None
    return company.transactions.transaction


def assert_clean(company: zs.Company) -> None:
    report = zs.validate(zs.dumps(company))
    # Infos (a target already in Sage, say) are fine; errors and warnings are not.
    assert not report.errors, [str(i) for i in report.issues]
    assert not report.warnings, [str(i) for i in report.issues]


# ----- money ------------------------------------------------------------------------------
def test_float_is_refused_naming_the_argument() -> None:
    handle = DocumentBuilder().sales_invoice(account_reference="A", reference="R", date=DAY)
    with pytest.raises(TypeError, match=r"net_amount must be a Decimal or an int, not float"):
        handle.split(nominal_code="4000", net_amount=1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="tax_amount"):
        handle.split(nominal_code="4000", net_amount=1, tax_amount=0.2)  # type: ignore[arg-type]


def test_more_than_two_places_is_refused_not_rounded() -> None:
    handle = DocumentBuilder().sales_invoice(account_reference="A", reference="R", date=DAY)
    with pytest.raises(BuildError, match=r"more than 2 decimal places \(10\.005\)"):
        handle.split(nominal_code="4000", net_amount=Decimal("10.005"))
    assert handle.splits == []


def test_amount_above_sage_limit_is_refused() -> None:
    b = DocumentBuilder()
    with pytest.raises(BuildError, match="under 100,000,000"):
        b.bank_receipt(bank="1200", nominal_code="4900", net_amount=100_000_000, date=DAY)
    b.bank_receipt(bank="1200", nominal_code="4900", net_amount=Decimal("99999999.99"), date=DAY)


def test_negative_and_non_finite_amounts_are_refused() -> None:
    b = DocumentBuilder()
    with pytest.raises(BuildError, match="must not be negative"):
        b.bank_payment(bank="1200", nominal_code="7500", net_amount=-5, date=DAY)
    with pytest.raises(BuildError, match="finite"):
        b.bank_payment(bank="1200", nominal_code="7500", net_amount=Decimal("NaN"), date=DAY)


# ----- grouping ---------------------------------------------------------------------------
def test_splits_are_emitted_together_whatever_the_call_order() -> None:
    b = DocumentBuilder()
    first = b.sales_invoice(account_reference="ABS001", reference="SI1", date=DAY)
    second = b.sales_invoice(account_reference="ABS001", reference="SI2", date=DAY)
    first.split(nominal_code="4000", net_amount=10)
    second.split(nominal_code="4000", net_amount=20)
    b.bank_receipt(bank="1200", nominal_code="4900", net_amount=5, date=DAY)
    first.split(nominal_code="4010", net_amount=30)
    references = [(t.transaction_type, t.reference) for t in rows(b.build())]
    assert references == [
        (TransactionType.SALES_INVOICE, "SI1"),
        (TransactionType.SALES_INVOICE, "SI1"),
        (TransactionType.SALES_INVOICE, "SI2"),
        (TransactionType.BANK_RECEIPT, None),
    ]


def test_second_invoice_with_same_key_is_refused() -> None:
    b = DocumentBuilder()
    invoice(b)
    with pytest.raises(BuildError, match="already exists: add splits to its handle"):
        b.sales_invoice(account_reference="ABS001", reference="SI1", date=DAY)


def test_invoice_without_splits_is_refused_on_build() -> None:
    b = DocumentBuilder()
    b.sales_invoice(account_reference="ABS001", reference="SI1", date=DAY)
    with pytest.raises(BuildError, match="SalesInvoice SI1 on ABS001 has no splits"):
        b.build()


def test_project_item_only_on_purchase_splits() -> None:
    b = DocumentBuilder()
    sales = b.sales_invoice(account_reference="A", reference="R", date=DAY)
    with pytest.raises(
        BuildError, match=r"project_item: ProjectItem .* \(type.field-not-applicable\)"
    ):
        sales.split(nominal_code="4000", net_amount=1, project_item="LAB1")
    purchase = b.purchase_invoice(account_reference="CON001", reference="PI1", date=DAY)
    purchase.split(nominal_code="5000", net_amount=1, project_ref="PRJ1", project_item="LAB1")


# ----- journals ---------------------------------------------------------------------------
def test_unbalanced_journal_raises_with_totals_and_variance() -> None:
    b = DocumentBuilder()
    journal = b.journal(reference="JDC1", date=DAY)
    journal.debit(nominal_code="4000", amount=Decimal("240.00"))
    journal.credit(nominal_code="4001", amount=Decimal("239.99"))
    with pytest.raises(UnbalancedJournalError) as raised:
        b.build()
    message = str(raised.value)
    assert "journal JDC1 on 2019-05-16T00:00:00" in message
    assert "debits 240.00, credits 239.99, variance 0.01" in message
    assert raised.value.variance == Decimal("0.01")
    assert isinstance(raised.value, zs.ZynkSage50Error)


def test_variance_nominal_adds_a_visible_balancing_line() -> None:
    b = DocumentBuilder()
    journal = b.journal(reference="JDC1", date=DAY, variance_nominal="9998")
    journal.debit(nominal_code="4000", amount=Decimal("240.00"))
    journal.credit(nominal_code="4001", amount=Decimal("239.99"))
    company = b.build()
    line = journal.balancing_line
    assert line is not None
    assert line.transaction_type is TransactionType.JOURNAL_CREDIT
    assert line.account_reference == "9998"
    assert line.net_amount == Decimal("0.01")
    assert rows(company)[-1] is line
    assert_clean(company)


def test_decimal_legs_balance_exactly() -> None:
    b = DocumentBuilder()
    journal = b.journal(reference="J1", date=DAY)
    journal.debit(nominal_code="4000", amount=Decimal("0.10"))
    journal.debit(nominal_code="4000", amount=Decimal("0.20"))
    journal.credit(nominal_code="2110", amount=Decimal("0.30"))
    assert_clean(b.build())


def test_one_sided_journal_is_refused() -> None:
    b = DocumentBuilder()
    b.journal(reference="J1", date=DAY).debit(nominal_code="4000", amount=10)
    with pytest.raises(BuildError, match="needs at least one debit and one credit"):
        b.build()


# ----- bank transfers ---------------------------------------------------------------------
def test_transfer_rate_arithmetic() -> None:
    b = DocumentBuilder()
    computed = b.bank_transfer(
        from_bank="1200",
        to_bank="1210",
        payment_amount=100,
        exchange_rate=Decimal("1.5"),
        reference="T1",
        date=DAY,
    )
    assert computed.receipt_amount == Decimal("150.00")
    with pytest.raises(
        BuildError, match=r"receipt_amount: .*150.00 rounded.*\(transfer.rate-mismatch\)"
    ):
        b.bank_transfer(
            from_bank="1200",
            to_bank="1210",
            payment_amount=100,
            receipt_amount=151,
            exchange_rate=Decimal("1.5"),
            reference="T2",
            date=DAY,
        )
    with pytest.raises(BuildError, match=r"\(transfer.amounts-differ\)"):
        b.bank_transfer(
            from_bank="1200",
            to_bank="1210",
            payment_amount=100,
            receipt_amount=101,
            reference="T3",
            date=DAY,
        )
    with pytest.raises(BuildError, match=r"\(transfer.same-account\)"):
        b.bank_transfer(
            from_bank="1200", to_bank="1200", payment_amount=1, reference="T4", date=DAY
        )


# ----- allocation -------------------------------------------------------------------------
def test_allocation_sets_the_reference_from_the_handle() -> None:
    b = DocumentBuilder()
    target = invoice(b)
    receipt = b.sales_receipt(
        account_reference="ABS001",
        bank_reference="1200",
        amount=Decimal("120.00"),
        date=DAY,
        allocate_to=target,
    )
    assert receipt.reference == "SI1"
    external = b.sales_receipt(
        account_reference="ABS001", bank_reference="1200", amount=5, date=DAY, allocate_to="SI0999"
    )
    assert external.reference == "SI0999"
    assert_clean(b.build())


def test_allocation_to_another_account_is_refused() -> None:
    b = DocumentBuilder()
    target = invoice(b)
    with pytest.raises(BuildError, match="is on account ABS001, not OTHER01"):
        b.sales_receipt(
            account_reference="OTHER01",
            bank_reference="1200",
            amount=1,
            date=DAY,
            allocate_to=target,
        )


def test_allocation_to_the_wrong_ledger_is_refused() -> None:
    b = DocumentBuilder()
    target = invoice(b)
    with pytest.raises(BuildError, match="allocates to a PurchaseInvoice, not to SalesInvoice"):
        b.purchase_payment(
            account_reference="ABS001",
            bank_reference="1200",
            amount=1,
            date=DAY,
            allocate_to=target,
        )


def test_over_allocation_is_refused() -> None:
    b = DocumentBuilder()
    target = invoice(b)
    b.sales_receipt(
        account_reference="ABS001", bank_reference="1200", amount=100, date=DAY, allocate_to=target
    )
    with pytest.raises(BuildError, match=r"would total 121.00, more than its gross 120.00"):
        b.sales_receipt(
            account_reference="ABS001",
            bank_reference="1200",
            amount=21,
            date=DAY,
            allocate_to=target,
        )
    credit = b.sales_credit(account_reference="ABS001", date=DAY, allocate_to=target)
    with pytest.raises(BuildError, match="more than its gross"):
        credit.split(nominal_code="4000", net_amount=25)


def test_unallocated_receipt_needs_a_reference_of_its_own() -> None:
    b = DocumentBuilder()
    with pytest.raises(BuildError, match=r"reference is required .*allocation.missing-reference"):
        b.sales_receipt(account_reference="A", bank_reference="1200", amount=1, date=DAY)
    deposit = b.sales_receipt(
        account_reference="A", bank_reference="1200", amount=1, date=DAY, reference="DEP1"
    )
    assert deposit.reference == "DEP1"
    assert_clean(b.build())


def test_a_reference_string_naming_an_invoice_in_the_document_reaches_it() -> None:
    b = DocumentBuilder()
    invoice(b)
    b.sales_receipt(
        account_reference="abs001", bank_reference="1200", amount=100, date=DAY, allocate_to="SI1"
    )
    with pytest.raises(BuildError, match=r"would total 121.00, more than its gross 120.00"):
        b.sales_receipt(
            account_reference="ABS001",
            bank_reference="1200",
            amount=21,
            date=DAY,
            allocate_to="SI1",
        )
    with pytest.raises(BuildError, match=r"names an invoice in this document"):
        b.sales_receipt(
            account_reference="ABS001", bank_reference="1200", amount=1, date=DAY, reference="SI1"
        )


def test_credit_note_allocated_to_invoice() -> None:
    b = DocumentBuilder()
    target = invoice(b)
    credit = b.sales_credit(account_reference="ABS001", date=DAY, allocate_to=target)
    credit.split(nominal_code="4000", net_amount=100, tax_code=1, tax_amount=20)
    assert credit.reference == "SI1"
    company = b.build()
    assert [t.transaction_type for t in rows(company)] == [
        TransactionType.SALES_INVOICE,
        TransactionType.SALES_CREDIT,
    ]
    assert_clean(company)


# ----- ids --------------------------------------------------------------------------------
def test_ids_are_assigned_deterministically_and_duplicates_refused() -> None:
    b = DocumentBuilder(first_id=10)
    first = b.bank_receipt(bank="1200", nominal_code="4900", net_amount=1, date=DAY)
    explicit = b.bank_receipt(bank="1200", nominal_code="4900", net_amount=1, date=DAY, id=50)
    after = b.bank_receipt(bank="1200", nominal_code="4900", net_amount=1, date=DAY)
    assert (first.id, explicit.id, after.id) == (10, 50, 51)
    with pytest.raises(BuildError, match="id 50 is already used"):
        b.bank_receipt(bank="1200", nominal_code="4900", net_amount=1, date=DAY, id=50)
    with pytest.raises(
        BuildError, match=r"id: Id is 100000000, outside .* \(schema.out-of-range\)"
    ):
        b.bank_receipt(bank="1200", nominal_code="4900", net_amount=1, date=DAY, id=10**8)


def test_customer_ids_and_account_references_are_unique() -> None:
    b = DocumentBuilder()
    customer = b.customer(account_reference="ABS001", company_name="ABS Garages")
    assert customer.id == "ABS001"
    with pytest.raises(BuildError, match="already a customer"):
        b.customer(account_reference="ABS001", company_name="Again")
    with pytest.raises(BuildError, match="id 'ABS001' is already used by another customer"):
        b.customer(account_reference="NEW001", company_name="New", id="ABS001")
    with pytest.raises(BuildError, match=r"company_name: .*\(customer.name-missing\)"):
        b.customer(account_reference="NEW002")


# ----- OSS, lengths, customers ------------------------------------------------------------
def test_oss_needs_a_country_and_normalises_names() -> None:
    b = DocumentBuilder()
    with pytest.raises(BuildError, match=r"oss_country: .*\(oss.country-required\)"):
        b.sales_invoice(
            account_reference="A", reference="R", date=DAY, oss_report_type=OssReportType.UNION_OSS
        )
    with pytest.raises(BuildError, match=r"\(oss.country-without-type\)"):
        b.sales_invoice(account_reference="A", reference="R", date=DAY, oss_country="DE")
    with pytest.raises(BuildError, match=r"oss_country: .*\(oss.country-unknown\)"):
        b.sales_invoice(
            account_reference="A",
            reference="R",
            date=DAY,
            oss_report_type="UnionOSS",
            oss_country="Atlantis",
        )
    handle = b.sales_invoice(
        account_reference="A",
        reference="R",
        date=DAY,
        oss_report_type="UnionOSS",
        oss_country="Germany",
    )
    split = handle.split(nominal_code="4000", net_amount=1).splits[0]
    assert split.oss_country_of_vat == "DE"
    assert split.oss_report_type is OssReportType.UNION_OSS


def test_schema_lengths_are_refused_naming_the_argument() -> None:
    b = DocumentBuilder()
    with pytest.raises(
        BuildError, match=r"bank: AccountReference is 9 characters long .* \(schema.too-long\)"
    ):
        b.bank_receipt(bank="123456789", nominal_code="4900", net_amount=1, date=DAY)
    with pytest.raises(BuildError, match=r"date must be a date and time"):
        b.bank_receipt(bank="1200", nominal_code="4900", net_amount=1, date="16/05/2019")


def test_customer_country_and_currency_are_checked() -> None:
    b = DocumentBuilder()
    customer = b.customer(
        account_reference="A1",
        company_name="A",
        invoice_address=CustomerAddress(country="United Kingdom"),
        currency="eur",
    )
    assert customer.customer_invoice_address is not None
    assert customer.customer_invoice_address.country == "GB"
    assert customer.currency == "EUR"
    with pytest.raises(BuildError, match=r"currency: .*\(customer.currency-unknown\)"):
        b.customer(account_reference="A2", company_name="B", currency="XYZ")


def test_updates() -> None:
    b = DocumentBuilder()
    with pytest.raises(
        BuildError, match=r"dispute_reason: .*\(update.dispute-reason-without-code\)"
    ):
        b.dispute(transaction_number=1, dispute_reason="No Reason")
    b.dispute(transaction_number=1, dispute_code=1, dispute_reason="No Reason")
    b.document_link(transaction_number=2, link="")
    company = b.build()
    assert [t.record_operation for t in rows(company)] == [zs.RecordOperation.UPDATE] * 2
    assert_clean(company)


def test_a_second_invoice_that_would_make_an_allocation_ambiguous_is_refused() -> None:
    b = DocumentBuilder()
    first = b.sales_invoice(account_reference="ABS001", reference="SI1", date=DAY)
    first.split(nominal_code="4000", net_amount=100)
    b.sales_credit(account_reference="ABS001", date=DAY, allocate_to=first)
    with pytest.raises(BuildError, match=r"\(allocation\.ambiguous\)"):
        b.sales_invoice(
            account_reference="abs001", reference="SI1", second_reference="B", date=DAY
        )
    other = b.sales_invoice(account_reference="ABS001", reference="SI2", date=DAY)
    other.split(nominal_code="4000", net_amount=100)
    twin = b.sales_invoice(
        account_reference="ABS001", reference="SI2", date=DAY, second_reference="B"
    )
    twin.split(nominal_code="4000", net_amount=100)
    with pytest.raises(BuildError, match=r"2 invoices .*\(allocation\.ambiguous\)"):
        b.sales_receipt(
            account_reference="ABS001",
            bank_reference="1200",
            amount=1,
            date=DAY,
            allocate_to=other,
        )


def test_vat_is_checked_against_the_company_tax_rates() -> None:
    with pytest.raises(BuildError, match=r"tax_amount: .*\(amount\.tax-mismatch\)"):
        invoice(DocumentBuilder(), gross=("100.00", "17.50"))
    b = DocumentBuilder(tax_rates={1: Decimal("17.5")})
    invoice(b, gross=("100.00", "17.50"))
    with pytest.raises(BuildError, match=r"\(amount\.tax-mismatch\)"):
        invoice(b, reference="SI2")
    with pytest.raises(TypeError):
        DocumentBuilder(tax_rates={1: 17.5})  # type: ignore[dict-item]
