"""``invalid_documents(code)``: every code of the catalogue it supports, each document with its
code and no other error or warning, shared codes on invoice documents, the size of the valid
part, and the fields it reads off the rules' applicability matrix."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import find, given

import zynk_sage50 as zs
from tests.strategy_checks import FIRST_FOUND, bounded, customer_list, invoice_list, problems, rows
from zynk_sage50 import TransactionType, writing
from zynk_sage50.rules.applicability import FieldUse, fields_with_use
from zynk_sage50.strategies import INVALID_CODES, invalid_documents
from zynk_sage50.strategies._breaks_fields import SAMPLES

T = TransactionType


#: Every error and warning of rules.md "Transactions" and "Customers", and the schema codes the
#: issue names: all must have a strategy.
REQUIRED_CODES = {
    "type.required-field",
    "type.field-not-applicable",
    "field.export-only",
    "duplicate.id",
    "grouping.split-group",
    "journal.one-sided",
    "journal.unbalanced",
    "journal.negative-amount",
    "transfer.same-account",
    "transfer.rate-mismatch",
    "transfer.amounts-differ",
    "allocation.missing-reference",
    "allocation.account-mismatch",
    "allocation.wrong-ledger",
    "allocation.ambiguous",
    "allocation.over-allocated",
    "oss.country-required",
    "oss.country-unknown",
    "oss.country-name",
    "oss.country-without-type",
    "amount.precision",
    "amount.too-large",
    "amount.tax-on-receipt",
    "amount.tax-mismatch",
    "amount.zero",
    "update.missing-transaction-number",
    "update.nothing-to-update",
    "update.ignored-field",
    "update.dispute-reason-without-code",
    "update.operation-unsupported",
    "customer.name-missing",
    "customer.discount-table-required",
    "customer.duplicate-account-reference",
    "customer.currency-unknown",
    "address.country-unknown",
    "schema.too-long",
    "schema.invalid-value",
    "schema.unknown-element",
    # docs/invoices.md: every error and warning of the invoice rules
    "invoice.customer-missing",
    "invoice.duplicate-number",
    "invoice.no-items",
    "invoice.sku-missing",
    "invoice.quantity-missing",
    "invoice.negative-quantity",
    "invoice.negative-price",
    "invoice.payment-without-amount",
    "invoice.payment-type-missing",
    "invoice.payment-not-applicable",
    "invoice.currency-unknown",
}


def test_every_field_a_type_does_not_use_has_a_value_to_give() -> None:
    # type.field-not-applicable and field.export-only read the rules' matrix: each field it
    # marks not applicable, update-only or export-only for some type must have a value.
    ignored = {
        name
        for kind in TransactionType
        for use in (FieldUse.NOT_APPLICABLE, FieldUse.UPDATE_ONLY, FieldUse.EXPORT_ONLY)
        for name in fields_with_use(kind, use)
    }
    assert ignored
    assert ignored <= set(SAMPLES), sorted(ignored - set(SAMPLES))


def test_every_required_code_has_a_strategy() -> None:
    assert set(INVALID_CODES) >= REQUIRED_CODES
    assert len(set(INVALID_CODES)) == len(INVALID_CODES)


@pytest.mark.parametrize("code", INVALID_CODES)
def test_invalid_documents_trigger_their_code_and_no_other_problem(code: str) -> None:
    @bounded(10)
    @given(invalid_documents(code))
    def check(text: str) -> None:
        assert isinstance(text, str)
        report = zs.validate(text)
        assert code in report.codes, text
        assert problems(report, code) == [], text

    check()


#: Codes of the transaction and customer rules that invoice documents can also break.
SHARED_CODES = [
    "duplicate.id",
    "amount.precision",
    "amount.too-large",
    "address.country-unknown",
    "field.export-only",
]


@pytest.mark.parametrize("code", SHARED_CODES)
def test_shared_codes_land_on_invoice_documents_when_there_are_some(code: str) -> None:
    def on_an_invoice(text: str) -> bool:
        return any(
            issue.code == code and issue.record is not None and issue.record.kind == "Invoice"
            for issue in zs.validate(text).issues
        )

    text = find(invalid_documents(code, invoices=(1, 2)), on_an_invoice, settings=FIRST_FOUND)
    report = zs.validate(text)
    assert problems(report, code) == [], text


@pytest.mark.parametrize("code", [c for c in INVALID_CODES if c.startswith("invoice.")])
def test_invoice_codes_sit_among_valid_invoice_documents(code: str) -> None:
    @bounded(20)
    @given(invalid_documents(code, customers=1, transactions=0, invoices=2))
    def check(text: str) -> None:
        company = zs.loads(text)
        # A repeated number needs an earlier invoice with it: without a numbered one in the
        # valid part, that recipe adds both.
        added = {1, 2} if code == "invoice.duplicate-number" else {1}
        assert len(invoice_list(company)) - 2 in added
        report = zs.validate(text)
        assert code in report.codes
        assert problems(report, code) == [], text

    check()


@pytest.mark.parametrize("code", ["journal.one-sided", "customer.name-missing"])
def test_invalid_documents_take_the_size_of_their_valid_part(code: str) -> None:
    @bounded(20)
    @given(invalid_documents(code, customers=2, transactions=10, types="BankReceipt"))
    def check(text: str) -> None:
        company = zs.loads(text) if code == "journal.one-sided" else None
        report = zs.validate(text)
        assert problems(report, code) == []
        if company is not None:
            types = [row.transaction_type for row in rows(company)]
            assert types.count(T.BANK_RECEIPT) >= 10
            assert len(customer_list(company)) == 2

    check()


@bounded(10)
@given(invalid_documents("journal.unbalanced"))
def test_variance_posted_is_an_unbalanced_journal_with_the_option(text: str) -> None:
    report = zs.validate(text, journal_variance_nominal="9998")
    assert "journal.variance-posted" in report.codes
    assert problems(report) == []


def test_tax_mismatch_is_also_made_against_a_given_tax_rate() -> None:
    text = find(
        invalid_documents("amount.tax-mismatch"),
        lambda t: "<TaxRate>" in t,
        settings=FIRST_FOUND,
    )
    report = zs.validate(text)
    assert "amount.tax-mismatch" in report.codes
    assert problems(report, "amount.tax-mismatch") == []


@pytest.mark.parametrize("code", [c for c in INVALID_CODES if c.startswith(("xml.", "schema."))])
def test_breaking_a_document_does_not_depend_on_how_the_writer_indents(code: str) -> None:
    # The breaks are made on the tree, never by finding text: a writer indenting with tabs
    # gives documents that break the same way.
    @bounded(25)
    @given(invalid_documents(code, transactions=(0, 2)))
    def check(text: str) -> None:
        report = zs.validate(text)
        assert code in report.codes, text
        assert problems(report, code) == [], text

    with mock.patch.object(writing, "INDENT", "\t"):
        assert "\t<" in zs.dumps(zs.Company(customers=zs.Customers(customer=[zs.Customer()])))
        check()
