"""amount.tax-mismatch: a line's TaxAmount against NetAmount × its rate, within a penny."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.documents import company, sales_invoice, tx
from tests.test_invoice_support import company as invoice_company
from tests.test_invoice_support import item, items, located_invoices, product_invoice
from zynk_sage50 import loads
from zynk_sage50.issues import Issue, Severity
from zynk_sage50.models import Transaction
from zynk_sage50.rules import Located, RuleOptions, located, parse_tax_rate, run_record_rules
from zynk_sage50.validation import validate
from zynk_sage50.vocabulary import DEFAULT_TAX_RATES, VAT_TYPES, tax_for

CODE = "amount.tax-mismatch"


def rows(xml: str) -> list[Located[Transaction]]:
    """The document's transactions, loaded and located as a model (no lines)."""
    document = loads(xml)
    assert document.transactions is not None
    return located(document.transactions.transaction, "Transaction")


def mismatches(xml: str, options: RuleOptions | None = None) -> list[Issue]:
    issues: list[Issue] = []
    for entry in rows(xml):
        found = run_record_rules(entry, options or RuleOptions())
        issues.extend(issue for issue in found if issue.code == CODE)
    return issues


def test_the_tax_of_the_default_table_is_clean() -> None:
    assert mismatches(company(sales_invoice())) == []  # 100.00 at T1: 20.00
    assert validate(company(sales_invoice())).issues == ()


def test_a_wrong_tax_is_a_warning_giving_net_code_rate_expected_and_given() -> None:
    xml = company(sales_invoice(TaxAmount="17.50"))
    (issue,) = (i for i in validate(xml).issues if i.code == CODE)
    assert issue.severity is Severity.WARNING
    assert issue.path == "/Company/Transactions/Transaction[1]/TaxAmount"
    assert "<TaxAmount>17.50</TaxAmount>" in xml.splitlines()[issue.line - 1]  # type: ignore[operator]
    for part in ("TaxAmount 17.50", "NetAmount 100.00", "TaxCode 1", "20%", "gives 20.00"):
        assert part in issue.message
    assert [i.code for i in validate(xml).issues] == [CODE]


@pytest.mark.parametrize("tax", ["20.01", "19.99", "20.00"])
def test_a_penny_either_way_is_fine(tax: str) -> None:
    assert mismatches(company(sales_invoice(TaxAmount=tax))) == []


@pytest.mark.parametrize("tax", ["20.02", "19.98"])
def test_more_than_a_penny_is_a_mismatch(tax: str) -> None:
    assert len(mismatches(company(sales_invoice(TaxAmount=tax)))) == 1


def test_each_line_is_rounded_on_its_own() -> None:
    # 10.03 at 20% is 2.006: 2.01 and 2.00 are both within a penny.
    for tax in ("2.01", "2.00"):
        assert mismatches(company(sales_invoice(NetAmount="10.03", TaxAmount=tax))) == []


def test_the_record_s_tax_rate_wins_over_the_code() -> None:
    xml = company(sales_invoice(TaxRate="5.00", TaxAmount="5.00"))
    assert mismatches(xml) == []
    (issue,) = mismatches(company(sales_invoice(TaxRate="5.00")))  # 20.00 at 5%
    assert "TaxRate 5%" in issue.message
    assert "gives 5.00" in issue.message


def test_the_caller_s_rates_replace_the_default_table() -> None:
    xml = company(sales_invoice(TaxAmount="17.50"))
    options = RuleOptions(tax_rates={1: Decimal("17.5")})
    assert mismatches(xml, options) == []
    (issue,) = mismatches(company(sales_invoice()), options)
    assert "TaxCode 1 (17.5% as you set it)" in issue.message
    # a code the default table lacks is checked once the caller gives its rate
    three = company(sales_invoice(TaxCode=3, TaxAmount="1.00"))
    assert mismatches(three) == []
    assert len(mismatches(three, RuleOptions(tax_rates={3: Decimal(0)}))) == 1


@pytest.mark.parametrize("code", [9, 3, 6, 99])
def test_codes_outside_the_default_table_are_not_checked(code: int) -> None:
    assert mismatches(company(sales_invoice(TaxCode=code, TaxAmount="3.00"))) == []


def test_the_default_table() -> None:
    assert DEFAULT_TAX_RATES[1] == DEFAULT_TAX_RATES[8] == Decimal(20)
    assert DEFAULT_TAX_RATES[5] == Decimal(5)
    assert {DEFAULT_TAX_RATES[c] for c in (0, 2, 4, 7)} == {Decimal(0)}
    assert 9 not in DEFAULT_TAX_RATES
    assert tax_for(Decimal("10.03"), Decimal(20)) == Decimal("2.01")


def test_zero_rated_codes_want_no_tax() -> None:
    assert len(mismatches(company(sales_invoice(TaxCode=0, TaxAmount="20.00")))) == 1
    assert mismatches(company(sales_invoice(TaxCode=0, TaxAmount="0.00"))) == []


def test_negative_lines_keep_their_sign() -> None:
    assert mismatches(company(sales_invoice(NetAmount="-100.00", TaxAmount="-20.00"))) == []
    assert len(mismatches(company(sales_invoice(NetAmount="-100.00", TaxAmount="20.00")))) == 1


@pytest.mark.parametrize(
    ("transaction_type", "fields"),
    [
        ("BankPayment", {"AccountReference": "1200", "NominalCode": "7500"}),
        ("BankReceipt", {"AccountReference": "1200", "NominalCode": "4000"}),
        ("PurchaseCredit", {"AccountReference": "SUP001", "NominalCode": "5000"}),
    ],
)
def test_vat_types_are_checked(transaction_type: str, fields: dict[str, object]) -> None:
    xml = company(
        tx(
            TransactionType=transaction_type,
            NetAmount="100.00",
            TaxCode=1,
            TaxAmount="10.00",
            **fields,
        )
    )
    assert len(mismatches(xml)) == 1


@pytest.mark.parametrize(
    "fields",
    [
        {"TransactionType": "JournalDebit", "AccountReference": "4000", "Reference": "J"},
        {
            "TransactionType": "SalesReceiptOnAccount",
            "AccountReference": "A",
            "BankReference": "1200",
        },
    ],
)
def test_types_without_a_vat_line_are_not_checked(fields: dict[str, object]) -> None:
    xml = company(tx(NetAmount="100.00", TaxCode=1, TaxAmount="10.00", **fields))
    assert mismatches(xml) == []


def test_the_vat_types() -> None:
    names = {t.value for t in VAT_TYPES}
    assert names == {
        "SalesInvoice",
        "SalesCredit",
        "PurchaseInvoice",
        "PurchaseCredit",
        "BankReceipt",
        "BankPayment",
    }


def test_absent_or_unreadable_amounts_and_updates_are_not_checked() -> None:
    assert mismatches(company(sales_invoice(TaxAmount=...))) == []
    assert CODE not in validate(company(sales_invoice(TaxAmount="abc"))).codes
    assert CODE not in validate(company(sales_invoice(TaxCode="T1", TaxAmount="1.00"))).codes
    update = tx(TransactionNumber=5, NetAmount="100.00", TaxCode=1, TaxAmount="1.00")
    assert (
        mismatches(
            company(update.replace("<Transaction>", '<Transaction RecordOperation="Update">'))
        )
        == []
    )
    assert mismatches(company(sales_invoice(NetAmount="100000000000", TaxAmount="1"))) == []


def test_the_options_refuse_what_is_not_a_rate() -> None:
    with pytest.raises(TypeError):
        RuleOptions(tax_rates={1: 17.5})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        RuleOptions(tax_rates={100: Decimal(1)})
    with pytest.raises(TypeError):
        RuleOptions(tax_rates={1: Decimal("NaN")})


# --- invoice documents --------------------------------------------------------------------


def invoice_mismatches(xml: str, options: RuleOptions | None = None) -> list[Issue]:
    issues: list[Issue] = []
    for entry in located_invoices(xml):
        issues.extend(
            i for i in run_record_rules(entry, options or RuleOptions()) if i.code == CODE
        )
    return issues


def test_an_invoice_item_giving_its_totals_is_checked() -> None:
    line = {"Sku": "A", "QtyOrdered": "1", "UnitPrice": "100.00", "TaxCode": "1"}
    good = invoice_company(
        product_invoice(InvoiceItems=items(item(**line, TotalNet="100.00", TotalTax="20.00")))
    )
    assert invoice_mismatches(good) == []
    bad = invoice_company(
        product_invoice(InvoiceItems=items(item(**line, TotalNet="100.00", TotalTax="15.00")))
    )
    (issue,) = invoice_mismatches(bad)
    assert issue.path == "/Company/Invoices/Invoice[1]/InvoiceItems/Item[1]/TotalTax"
    assert "item 1: TotalTax 15.00" in issue.message
    assert CODE in validate(bad).codes
    assert invoice_mismatches(invoice_company(product_invoice())) == []  # no totals given


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("1=17.5", (1, Decimal("17.5"))),
        ("T1=17.5%", (1, Decimal("17.5"))),
        (" t9 = 0 ", (9, Decimal(0))),
        ("99=100", (99, Decimal(100))),
    ],
)
def test_a_command_line_rate_is_parsed(text: str, parsed: tuple[int, Decimal]) -> None:
    assert parse_tax_rate(text) == parsed


@pytest.mark.parametrize("text", ["1", "=5", "X1=5", "100=5", "1=abc", "1=-1", "1=101", "1=NaN"])
def test_a_bad_command_line_rate_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError, match=r"CODE=PERCENT|percentage"):
        parse_tax_rate(text)
