"""allocation.*: which invoice each SC, SA/SR, PC and PA/PP allocates to (decision 20)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.conformance import CONFORMANCE
from tests.documents import company, line_of, sales_invoice, tx
from tests.rules.test_rules_api import entries, new_way
from zynk_sage50.issues import Issue, Severity
from zynk_sage50.rules import RuleOptions
from zynk_sage50.validation import validate


def allocation_issues(document: str | Path) -> list[Issue]:
    return [issue for issue in validate(document).issues if issue.code.startswith("allocation.")]


def receipt(**overrides: object) -> str:
    """A SalesReceiptOnAccount of 120.00 for invoice SI1 on ABS001; ``...`` drops a field."""
    fields: dict[str, object] = {
        "Id": 10,
        "TransactionType": "SalesReceiptOnAccount",
        "AccountReference": "ABS001",
        "TransactionDate": "2019-05-20T00:00:00",
        "BankReference": "1200",
        "Reference": "SI1",
        "Details": "Payment",
        "NetAmount": "120.00",
        "TaxCode": 9,
    }
    fields.update(overrides)
    return tx(**{name: value for name, value in fields.items() if value is not ...})


def credit(**overrides: object) -> str:
    """A SalesCredit split of 10.00 + 2.00 against invoice SI1 on ABS001."""
    fields: dict[str, object] = {
        "Id": 20,
        "TransactionType": "SalesCredit",
        "NetAmount": "10.00",
        "TaxAmount": "2.00",
        "TransactionDate": "2019-05-18T00:00:00",
    }
    fields.update(overrides)
    return sales_invoice(**fields)


def purchase_invoice(**overrides: object) -> str:
    fields: dict[str, object] = {
        "Id": 30,
        "TransactionType": "PurchaseInvoice",
        "AccountReference": "CON001",
        "Reference": "PI1",
    }
    fields.update(overrides)
    return sales_invoice(**fields)


def payment(**overrides: object) -> str:
    fields: dict[str, object] = {
        "Id": 40,
        "TransactionType": "PurchasePaymentOnAccount",
        "AccountReference": "CON001",
        "Reference": "PI1",
    }
    fields.update(overrides)
    return receipt(**fields)


def test_receipt_for_an_invoice_in_the_document_is_clean() -> None:
    assert allocation_issues(company(sales_invoice(), receipt())) == []


def test_documented_allocation_export_is_clean() -> None:
    # The SA carries NetAmount -200 against a 170.21 + 29.79 invoice: signs are ignored.
    assert allocation_issues(CONFORMANCE / "allocating-payments-in-sage-50-uk__1.xml") == []


# --- allocation.missing-reference -----------------------------------------------------------


def test_receipt_without_reference_is_a_warning() -> None:
    document = company(sales_invoice(), receipt(Reference=...))
    [issue] = allocation_issues(document)
    assert issue.code == "allocation.missing-reference"
    assert issue.severity is Severity.WARNING
    assert issue.path == "/Company/Transactions/Transaction[2]"
    assert issue.line == line_of(document, 2)
    assert "SalesReceiptOnAccount has no Reference" in issue.message


def test_empty_reference_is_reported_on_the_element() -> None:
    document = company(payment(Reference=""))
    [issue] = allocation_issues(document)
    assert issue.code == "allocation.missing-reference"
    assert issue.path == "/Company/Transactions/Transaction[1]/Reference"
    assert issue.line == line_of(document, 1, "Reference")
    assert "PurchaseInvoice" in issue.message


def test_credit_without_reference_is_reported_once_per_header() -> None:
    document = company(credit(Reference=...), credit(Id=21, Reference=...))
    [issue] = allocation_issues(document)
    assert issue.code == "allocation.missing-reference"
    assert issue.path == "/Company/Transactions/Transaction[1]"


@pytest.mark.parametrize(
    "kind",
    ["SalesInvoice", "SalesPayment", "PurchaseInvoice", "PurchaseReceipt", "BankReceipt"],
)
def test_types_that_do_not_allocate_need_no_reference(kind: str) -> None:
    document = company(receipt(TransactionType=kind, Reference=...))
    assert allocation_issues(document) == []


def test_update_records_do_not_allocate() -> None:
    update = tx(record_operation="Update", TransactionNumber=15, DocumentLink="x.pdf")
    assert allocation_issues(company(update)) == []


# --- allocation.account-mismatch ------------------------------------------------------------


def test_invoice_on_another_account_is_a_warning() -> None:
    document = company(sales_invoice(), receipt(AccountReference="ABS002"))
    [issue] = allocation_issues(document)
    assert issue.code == "allocation.account-mismatch"
    assert issue.severity is Severity.WARNING
    assert issue.path == "/Company/Transactions/Transaction[2]/Reference"
    assert issue.line == line_of(document, 2, "Reference")
    assert "account ABS002" in issue.message
    assert "SalesInvoice SI1 on account ABS001" in issue.message


def test_invoice_on_the_same_account_as_well_is_no_mismatch() -> None:
    document = company(
        sales_invoice(AccountReference="ABS002"),
        sales_invoice(Id=2),
        receipt(),
    )
    assert allocation_issues(document) == []


def test_account_references_match_as_sage_matches_them() -> None:
    # Sage account references are case-insensitive; blanks around them are ignored.
    document = company(sales_invoice(), receipt(AccountReference=" abs001"))
    assert allocation_issues(document) == []


# --- allocation.wrong-ledger ----------------------------------------------------------------


def test_sales_receipt_naming_a_purchase_invoice_is_a_warning() -> None:
    document = company(purchase_invoice(), receipt(Reference="PI1"))
    [issue] = allocation_issues(document)
    assert issue.code == "allocation.wrong-ledger"
    assert issue.severity is Severity.WARNING
    assert issue.path == "/Company/Transactions/Transaction[2]/Reference"
    assert issue.line == line_of(document, 2, "Reference")
    assert "PurchaseInvoice PI1 on account CON001" in issue.message
    assert "only be allocated to a SalesInvoice" in issue.message


def test_purchase_payment_naming_its_purchase_invoice_is_fine() -> None:
    assert allocation_issues(company(purchase_invoice(), payment())) == []
    # PurchasePayment is an alias of PurchasePaymentOnAccount and allocates the same way.
    assert (
        allocation_issues(company(purchase_invoice(), payment(TransactionType="PurchasePayment")))
        == []
    )


# --- allocation.ambiguous -------------------------------------------------------------------


def test_two_invoice_headers_with_one_reference_are_ambiguous() -> None:
    document = company(
        sales_invoice(),
        sales_invoice(Id=2, TransactionDate="2019-05-17T00:00:00"),
        receipt(),
    )
    [issue] = allocation_issues(document)
    assert issue.code == "allocation.ambiguous"
    assert issue.severity is Severity.WARNING
    assert issue.path == "/Company/Transactions/Transaction[3]/Reference"
    assert issue.line == line_of(document, 3, "Reference")
    assert "2 SalesInvoice headers" in issue.message
    assert "Transaction[1]" in issue.message
    assert "Transaction[2]" in issue.message


def test_splits_of_one_invoice_are_one_target() -> None:
    document = company(sales_invoice(), sales_invoice(Id=2, NetAmount="50.00"), receipt())
    assert allocation_issues(document) == []


# --- allocation.over-allocated --------------------------------------------------------------


def test_allocating_more_than_the_gross_is_a_warning_on_the_item_that_exceeds_it() -> None:
    document = company(
        sales_invoice(),  # 100.00 + 20.00
        credit(),  # 10.00 + 2.00
        receipt(),  # 120.00: 132.00 in all
    )
    [issue] = allocation_issues(document)
    assert issue.code == "allocation.over-allocated"
    assert issue.severity is Severity.WARNING
    assert issue.path == "/Company/Transactions/Transaction[3]/Reference"
    assert issue.line == line_of(document, 3, "Reference")
    assert "to 132.00, more than its gross total of 120.00" in issue.message
    assert "excess of 12.00" in issue.message


def test_allocating_exactly_the_gross_over_all_splits_is_fine() -> None:
    document = company(
        sales_invoice(),  # 120.00
        sales_invoice(Id=2, NetAmount="10.00", TaxAmount="2.00"),  # + 12.00
        credit(),  # 12.00
        receipt(),  # 120.00: 132.00 in all
    )
    assert allocation_issues(document) == []


def test_receipt_gross_includes_its_tax_and_signs_are_ignored() -> None:
    with_tax = company(sales_invoice(), receipt(NetAmount="110.00", TaxAmount="10.01"))
    assert [issue.code for issue in allocation_issues(with_tax)] == ["allocation.over-allocated"]
    negative = company(sales_invoice(), receipt(NetAmount="-120.01"))
    assert [issue.code for issue in allocation_issues(negative)] == ["allocation.over-allocated"]
    exact = company(sales_invoice(), receipt(NetAmount="-120.00"))
    assert allocation_issues(exact) == []


# --- allocation.target-outside-document -----------------------------------------------------


def test_reference_not_in_the_document_is_info() -> None:
    document = company(receipt())
    [issue] = allocation_issues(document)
    assert issue.code == "allocation.target-outside-document"
    assert issue.severity is Severity.INFO
    assert issue.path == "/Company/Transactions/Transaction[1]/Reference"
    assert issue.line == line_of(document, 1, "Reference")
    assert "look for it in Sage on account ABS001" in issue.message


def test_credit_referencing_only_itself_is_info_once() -> None:
    # D16: an SC's Reference is its grouping key and its target; it never matches itself.
    document = company(credit(Reference="SC1"), credit(Id=21, Reference="SC1"))
    [issue] = allocation_issues(document)
    assert issue.code == "allocation.target-outside-document"
    assert issue.path == "/Company/Transactions/Transaction[1]/Reference"


def test_credit_referencing_an_invoice_in_the_document_allocates_to_it() -> None:
    assert allocation_issues(company(sales_invoice(), credit(), credit(Id=21))) == []


def test_purchase_credit_allocates_to_a_purchase_invoice() -> None:
    pc = purchase_invoice(Id=31, TransactionType="PurchaseCredit", NetAmount="1.00")
    assert allocation_issues(company(purchase_invoice(), pc)) == []
    [issue] = allocation_issues(company(pc))
    assert issue.code == "allocation.target-outside-document"


# --- invoice documents as targets (issue 13 point 5) ------------------------------------------

INVOICE_DOCUMENT = """<Company>
  <Invoices>
    <Invoice>
      <AccountReference>ACME01</AccountReference>
      <InvoiceType>{kind}</InvoiceType>
      <InvoiceNumber>0005001</InvoiceNumber>
      <InvoiceItems><Item><QtyOrdered>1</QtyOrdered><UnitPrice>100</UnitPrice></Item></InvoiceItems>
    </Invoice>
  </Invoices>
  <Transactions>
    <Transaction>
      <TransactionType>SalesReceiptOnAccount</TransactionType>
      <AccountReference>{account}</AccountReference>
      <BankReference>1200</BankReference>
      <Reference>5001</Reference>
      <NetAmount>100.00</NetAmount>
    </Transaction>
  </Transactions>
</Company>
"""


def document_allocation_codes(kind: str, account: str) -> list[str]:
    located, has_customers = entries(INVOICE_DOCUMENT.format(kind=kind, account=account))
    issues = new_way(located, has_customers, RuleOptions())
    return [issue.code for issue in issues if issue.code.startswith("allocation.")]


def test_an_invoice_document_is_the_target_its_number_names() -> None:
    assert document_allocation_codes("ServiceInvoice", "acme01") == []


def test_an_invoice_document_on_another_account_is_an_account_mismatch() -> None:
    located, has_customers = entries(INVOICE_DOCUMENT.format(kind="ProductInvoice", account="X"))
    (issue,) = (
        i
        for i in new_way(located, has_customers, RuleOptions())
        if i.code.startswith("allocation.")
    )
    assert issue.code == "allocation.account-mismatch"
    assert "the invoice document numbered 5001 on account ACME01 at Invoice[1]" in issue.message


@pytest.mark.parametrize("kind", ["ProductCredit", "ServiceProforma", "ProductQuotation"])
def test_credit_notes_proformas_and_quotations_are_no_targets(kind: str) -> None:
    assert document_allocation_codes(kind, "ACME01") == ["allocation.target-outside-document"]


TAXED_DOCUMENT = """<Company>
  <Invoices>
    <Invoice>
      <AccountReference>ACME01</AccountReference>
      <InvoiceType>ServiceInvoice</InvoiceType>
      <InvoiceNumber>5001</InvoiceNumber>
      <InvoiceItems>{items}</InvoiceItems>{extra}
    </Invoice>
  </Invoices>
  <Transactions>
    <Transaction>
      <TransactionType>SalesReceiptOnAccount</TransactionType>
      <AccountReference>ACME01</AccountReference>
      <BankReference>1200</BankReference>
      <Reference>5001</Reference>
      <NetAmount>{amount}</NetAmount>
    </Transaction>
  </Transactions>
</Company>
"""
LINE = "<Item><QtyOrdered>2</QtyOrdered><UnitPrice>50</UnitPrice><TaxCode>{code}</TaxCode></Item>"


def taxed(amount: str, code: int = 1, extra: str = "", items: str | None = None) -> list[str]:
    """The allocation codes of a receipt of ``amount`` naming a 100.00 + VAT invoice document."""
    text = TAXED_DOCUMENT.format(
        items=LINE.format(code=code) if items is None else items, extra=extra, amount=amount
    )
    return [i.code for i in allocation_issues_of(text)]


def allocation_issues_of(text: str) -> list[Issue]:
    return [i for i in validate(text).issues if i.code.startswith("allocation.")]


def test_allocating_more_than_an_invoice_document_s_gross_is_over_allocated() -> None:
    assert taxed("120.00") == []
    assert taxed("120.01") == ["allocation.over-allocated"]
    (issue,) = allocation_issues_of(
        TAXED_DOCUMENT.format(items=LINE.format(code=1), extra="", amount="150.00")
    )
    assert "the invoice document numbered 5001 on account ACME01" in issue.message
    assert "120.00" in issue.message


def test_an_invoice_document_s_gross_uses_the_callers_tax_rates() -> None:
    assert taxed("105.00", code=5) == []
    assert taxed("105.01", code=5) == ["allocation.over-allocated"]
    text = TAXED_DOCUMENT.format(items=LINE.format(code=1), extra="", amount="117.50")
    assert [i.code for i in validate(text, tax_rates={1: Decimal("17.5")}).issues] == []


def test_an_invoice_document_s_own_payment_counts_as_allocated() -> None:
    payment = (
        "\n      <PaymentRef>CARD</PaymentRef><PaymentAmount>20.00</PaymentAmount>"
        "<PaymentType>SalesReceipt</PaymentType><BankAccount>1200</BankAccount>"
    )
    assert taxed("100.00", extra=payment) == []
    (issue,) = allocation_issues_of(
        TAXED_DOCUMENT.format(items=LINE.format(code=1), extra=payment, amount="100.01")
    )
    assert issue.code == "allocation.over-allocated"
    assert "its own payment of 20.00 included" in issue.message


@pytest.mark.parametrize(
    "items",
    [
        "<Item><QtyOrdered>2</QtyOrdered><TaxCode>1</TaxCode></Item>",  # Sage's product price
        "<Item><QtyOrdered>2</QtyOrdered><UnitPrice>50</UnitPrice><TaxCode>9</TaxCode></Item>",
        "<Item><QtyOrdered>2</QtyOrdered><UnitPrice>50</UnitPrice></Item>",  # no tax code
        "<Item><QtyOrdered>2</QtyOrdered><UnitPrice>50</UnitPrice>"
        "<UnitDiscountPercentage>10</UnitDiscountPercentage><TaxCode>1</TaxCode></Item>",
    ],
)
def test_an_invoice_document_whose_gross_sage_works_out_is_not_checked(items: str) -> None:
    assert "allocation.over-allocated" not in taxed("5000.00", items=items)


def test_an_invoice_document_and_a_transaction_invoice_at_one_index_are_two_targets() -> None:
    """Invoice[1] and Transaction[1] are two invoices, each allocated its own gross."""
    si = (
        "    <Transaction>\n      <TransactionType>SalesInvoice</TransactionType>\n"
        "      <AccountReference>ACME01</AccountReference>\n      <Reference>SI1</Reference>\n"
        "      <NominalCode>4000</NominalCode>\n      <NetAmount>100.00</NetAmount>\n"
        "      <TaxCode>1</TaxCode>\n      <TaxAmount>20.00</TaxAmount>\n    </Transaction>\n"
    )
    receipt_si1 = (
        "    <Transaction>\n      <TransactionType>SalesReceiptOnAccount</TransactionType>\n"
        "      <AccountReference>ACME01</AccountReference>\n"
        "      <BankReference>1200</BankReference>\n      <Reference>SI1</Reference>\n"
        "      <NetAmount>120.00</NetAmount>\n    </Transaction>\n"
    )
    text = TAXED_DOCUMENT.format(items=LINE.format(code=1), extra="", amount="120.00")
    text = text.replace("  <Transactions>\n", "  <Transactions>\n" + si)
    text = text.replace("  </Transactions>", receipt_si1 + "  </Transactions>")
    assert allocation_issues_of(text) == []
    assert "SI1" in text.split("<Transaction>")[1]
