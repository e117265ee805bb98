"""``invalid_documents(code)``: XML text that triggers one rule code and no other error.

Each document is a valid document from :func:`documents` with a few records added (or, for the
``xml.*`` codes, its text damaged) so that exactly one catalogue code appears among its errors;
the added records use their own Ids, references and accounts, so nothing else in the document
changes meaning. Warnings of other codes are avoided too, and infos may appear (a receipt naming
an invoice already in Sage, say).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

import attr
from hypothesis import strategies as st

from ..models import (
    Company,
    Customer,
    CustomerAddress,
    Customers,
    DiscountType,
    Invoice,
    InvoiceAddress,
    InvoiceItem,
    InvoiceItems,
    InvoicePaymentType,
    Invoices,
    InvoiceType,
    OssReportType,
    RecordOperation,
    Transaction,
    Transactions,
    TransactionType,
)
from ..rules.invoices import CREDITS, NOT_POSTED, PRODUCT_TYPES
from ..writing import dumps
from . import _values as v
from ._arguments import Count, StrategyArgumentError, Types
from ._documents import documents

T = TransactionType
I = InvoiceType  # noqa: E741 (short alias, as ``T`` is for TransactionType)
X = TypeVar("X")
Patch = Callable[[str], str]

BANKS = (T.BANK_RECEIPT, T.BANK_PAYMENT)
INVOICES = (T.SALES_INVOICE, T.SALES_CREDIT, T.PURCHASE_INVOICE, T.PURCHASE_CREDIT)
RECEIPTS = (
    T.SALES_RECEIPT_ON_ACCOUNT,
    T.SALES_RECEIPT,
    T.SALES_PAYMENT,
    T.PURCHASE_PAYMENT_ON_ACCOUNT,
    T.PURCHASE_PAYMENT,
    T.PURCHASE_RECEIPT,
)
SALES = (
    T.SALES_INVOICE,
    T.SALES_CREDIT,
    T.SALES_RECEIPT_ON_ACCOUNT,
    T.SALES_RECEIPT,
    T.SALES_PAYMENT,
)
#: Allocating types, by ledger: sales ones allocate to a SalesInvoice, purchase ones to a
#: PurchaseInvoice.
SALES_ALLOCATORS = (T.SALES_RECEIPT_ON_ACCOUNT, T.SALES_RECEIPT, T.SALES_CREDIT)
PURCHASE_ALLOCATORS = (T.PURCHASE_PAYMENT_ON_ACCOUNT, T.PURCHASE_PAYMENT, T.PURCHASE_CREDIT)
NEEDS_COUNTRY = (OssReportType.UNION_OSS, OssReportType.NON_UNION_OSS, OssReportType.IOSS)

#: Invoice document types that are posted, and those that bill the customer.
POSTED = (I.SERVICE_INVOICE, I.PRODUCT_INVOICE, I.SERVICE_CREDIT, I.PRODUCT_CREDIT)
BILLS = (I.SERVICE_INVOICE, I.PRODUCT_INVOICE)

#: The base documents' default sizes: small, so that examples stay quick and readable.
DEFAULT_CUSTOMERS = (0, 2)
DEFAULT_TRANSACTIONS = (0, 6)
#: Invoice documents in the base document: some for the ``invoice.*`` codes, none otherwise
#: (a document without ``<Invoices>`` stays one, for readers that handle only customers and
#: transactions; pass ``invoices=`` to have them, and the shared codes sometimes on them).
DEFAULT_INVOICES = (0, 2)
NO_INVOICES = (0, 0)


@attr.s(auto_attribs=True)
class Bad:
    """What a recipe adds to a valid document."""

    rows: list[Transaction] = attr.ib(factory=list)
    customers: list[Customer] = attr.ib(factory=list)
    invoices: list[Invoice] = attr.ib(factory=list)
    #: Text changes to one added record's XML (found by its Id, which is unique).
    patches: list[tuple[Transaction | Customer, Patch]] = attr.ib(factory=list)
    #: A change to the whole document's text (the ``xml.*`` codes).
    text: Patch | None = None


class Context:
    """A recipe's view of the valid document it adds to: fresh Ids, references and accounts."""

    def __init__(self, draw: st.DrawFn, base: Company) -> None:
        self.draw = draw
        self.rows = list(base.transactions.transaction) if base.transactions else []
        self.customers = list(base.customers.customer) if base.customers else []
        self.accounts = [c.account_reference for c in self.customers if c.account_reference]
        self.invoices = list(base.invoices.invoice) if base.invoices else []
        ids = [row.id for row in self.rows if row.id is not None]
        self._next_id = max(ids, default=0) + 1
        self._counter = 0
        self._customer_number = len(self.customers)

    # ----- draws ---------------------------------------------------------------------
    def pick(self, choices: Sequence[X]) -> X:
        return self.draw(st.sampled_from(choices))

    def amount(self, limit: Decimal = Decimal("5000.00")) -> Decimal:
        return self.draw(v.money(limit))

    def day(self) -> Any:
        return v.xml_date(self.draw(v.days()))

    def id(self) -> int:
        self._next_id += 1
        return self._next_id - 1

    def ref(self, prefix: str) -> str:
        """A reference no record of the base document uses (theirs have no hyphen)."""
        self._counter += 1
        return f"{prefix}-{self._counter}"

    def sales_account(self) -> str:
        return self.pick(self.accounts or v.CUSTOMER_ACCOUNTS)

    def account_for(self, kind: TransactionType) -> str:
        return self.sales_account() if kind in SALES else self.pick(v.SUPPLIER_ACCOUNTS)

    # ----- valid records to add ------------------------------------------------------
    def row(self, kind: TransactionType | None, **fields: Any) -> Transaction:
        """A complete, valid row of ``kind``; ``fields`` replace or (None) remove fields."""
        net = self.amount()
        values: dict[str, Any] = {
            "id": self.id(),
            "transaction_type": kind,
            "transaction_date": self.day(),
        }
        if kind in BANKS or kind is None:
            values.update(
                account_reference=self.pick(v.BANKS),
                nominal_code="4900",
                net_amount=net,
                tax_code=9,
                details="Sundry",
            )
        elif kind in INVOICES:
            values.update(
                account_reference=self.account_for(kind),
                nominal_code="4000",
                reference=self.ref(
                    "OLD" if kind in (T.SALES_CREDIT, T.PURCHASE_CREDIT) else "INV"
                ),
                net_amount=net,
                tax_code=1,
                tax_amount=v.tax_for(net, Decimal("0.2")),
                details="Services",
            )
        elif kind in RECEIPTS:
            values.update(
                account_reference=self.account_for(kind),
                bank_reference="1200",
                reference=self.ref("OLD"),
                net_amount=net,
                tax_code=9,
                details="Payment",
            )
        elif kind is T.BANK_TRANSFER:
            values.update(
                from_bank_account="1200",
                to_bank_account="1210",
                reference=self.ref("TRF"),
                payment_amount=net,
                receipt_amount=net,
                details="Bank transfer",
            )
        else:  # a journal leg
            values.update(
                account_reference=self.pick(v.JOURNAL_NOMINALS),
                reference=self.ref("JNL"),
                net_amount=net,
                tax_code=9,
                details="Journal",
            )
        values.update(fields)
        return Transaction(**values)

    def journal(
        self, debits: Sequence[Decimal], credits: Sequence[Decimal], **fields: Any
    ) -> list[Transaction]:
        """JournalDebit rows then JournalCredit rows of one journal (one Reference and date)."""
        shared = {"reference": self.ref("JNL"), "transaction_date": self.day(), **fields}
        return [self.row(T.JOURNAL_DEBIT, net_amount=amount, **shared) for amount in debits] + [
            self.row(T.JOURNAL_CREDIT, net_amount=amount, **shared) for amount in credits
        ]

    def on_an_invoice(self) -> bool:
        """Should a shared code be made on an invoice document? Sometimes, when the valid
        document has invoice documents (nothing is drawn when it has none)."""
        if not self.invoices:
            return False
        on_an_invoice: bool = self.draw(st.booleans())
        return on_an_invoice

    def invoice(self, kind: InvoiceType | None = None, **fields: Any) -> Invoice:
        """A complete, valid invoice document of ``kind`` (default a service or product
        invoice) naming a customer of the document, with an Id of its own and 1 to 3 items;
        ``fields`` replace or (None) remove fields."""
        if kind is None:
            kind = self.pick(BILLS)
        count = self.draw(st.integers(1, 3))
        values: dict[str, Any] = {
            "id": self.ref("CRN" if kind in CREDITS else "INV"),
            "account_reference": self.sales_account(),
            "invoice_type": kind,
            "invoice_date": self.day(),
            "invoice_items": InvoiceItems(item=[self.item(kind) for _ in range(count)]),
        }
        values.update(fields)
        return Invoice(**values)

    def item(self, kind: InvoiceType | None, **fields: Any) -> InvoiceItem:
        """A valid item of an invoice document of ``kind`` (a Sku on product types)."""
        values: dict[str, Any]
        if kind in PRODUCT_TYPES:
            sku, name, unit, price = self.pick(v.PRODUCTS)
            values = {"sku": sku}
        else:
            name, unit, price = self.pick(v.SERVICES)
            values = {}
        values.update(
            name=name,
            unit_of_sale=unit,
            qty_ordered=Decimal(self.draw(st.integers(1, 10))),
            unit_price=price,
            tax_code=1,
        )
        values.update(fields)
        return InvoiceItem(**values)

    def customer(self, **fields: Any) -> Customer:
        """A complete, valid customer with an account reference of its own."""
        self._customer_number += 1
        name = self.pick(v.COMPANY_NAMES)
        reference = v.account_reference(name, self._customer_number)
        town, county, postcode = self.pick(v.TOWNS)
        values: dict[str, Any] = {
            "id": reference,
            "account_reference": reference,
            "company_name": name,
            "currency": "GBP",
            "customer_invoice_address": CustomerAddress(
                address1=self.pick(v.STREETS),
                town=town,
                county=county,
                postcode=postcode,
                country="GB",
            ),
        }
        values.update(fields)
        return Customer(**values)


Recipe = Callable[[Context], Bad]


# ----- text patches ------------------------------------------------------------------------
def _set(element: str, raw: str) -> Patch:
    """Write ``raw`` (unescaped) as the text of ``element`` in a record's XML."""

    def patch(block: str) -> str:
        new = f"<{element}>{raw}</{element}>" if raw else f"<{element} />"
        pattern = rf"<{element}>[^<]*</{element}>|<{element} />"
        result, count = re.subn(pattern, lambda _m: new, block, count=1)
        assert count == 1, (element, block)
        return result

    return patch


def _add(line: str) -> Patch:
    """Add ``line`` (raw XML) as the last child of a record."""

    def patch(block: str) -> str:
        head, _, tail = block.rstrip("\n").rpartition("\n")
        return f"{head}\n      {line}\n{tail}\n"

    return patch


def _attribute(element: str, attribute: str) -> Patch:
    """Give the first ``element`` of a record the (raw) ``attribute``."""

    def patch(block: str) -> str:
        assert f"<{element}>" in block, (element, block)
        return block.replace(f"<{element}>", f"<{element} {attribute}>", 1)

    return patch


def _repeat(element: str) -> Patch:
    """Write ``element`` twice."""

    def patch(block: str) -> str:
        match = re.search(rf"^ *<{element}>.*</{element}>\n", block, flags=re.MULTILINE)
        assert match is not None, (element, block)
        return block[: match.end()] + match.group() + block[match.end() :]

    return patch


# ----- recipes: transactions ---------------------------------------------------------------
def _empty_or_none(ctx: Context) -> str | None:
    return ctx.pick([None, ""])


def required_field(ctx: Context) -> Bad:
    """``type.required-field``: a field the type needs is missing or empty."""
    choices: list[tuple[TransactionType | None, str]] = [
        (T.BANK_RECEIPT, "nominal_code"),
        (T.BANK_PAYMENT, "nominal_code"),
        (T.BANK_RECEIPT, "account_reference"),
        (T.BANK_PAYMENT, "net_amount"),
        (T.SALES_INVOICE, "nominal_code"),
        (T.PURCHASE_INVOICE, "nominal_code"),
        (T.SALES_CREDIT, "nominal_code"),
        (T.PURCHASE_CREDIT, "net_amount"),
        (T.SALES_INVOICE, "account_reference"),
        (T.SALES_RECEIPT_ON_ACCOUNT, "bank_reference"),
        (T.SALES_PAYMENT, "bank_reference"),
        (T.PURCHASE_PAYMENT_ON_ACCOUNT, "bank_reference"),
        (T.PURCHASE_RECEIPT, "bank_reference"),
        (T.BANK_TRANSFER, "from_bank_account"),
        (T.BANK_TRANSFER, "to_bank_account"),
        (T.BANK_TRANSFER, "payment_amount"),
        (T.BANK_TRANSFER, "receipt_amount"),
        (T.BANK_TRANSFER, "reference"),
        (T.JOURNAL_DEBIT, "reference"),
        (T.JOURNAL_DEBIT, "net_amount"),
        (T.JOURNAL_CREDIT, "account_reference"),
        (None, "transaction_type"),
    ]
    kind, field = ctx.pick(choices)
    # Numbers and the type are left out; strings are left out or written empty.
    typed = field.endswith("_amount") or field == "transaction_type"
    blank = None if typed else _empty_or_none(ctx)
    if kind in (T.JOURNAL_DEBIT, T.JOURNAL_CREDIT):
        amount = ctx.amount()
        if field == "reference":
            return Bad(rows=ctx.journal([amount], [amount], reference=blank))
        rows = ctx.journal([amount], [amount])
        leg = rows[0] if kind is T.JOURNAL_DEBIT else rows[1]
        setattr(leg, field, blank)
        return Bad(rows=rows)
    return Bad(rows=[ctx.row(kind, **{field: blank})])


def field_not_applicable(ctx: Context) -> Bad:
    """``type.field-not-applicable``: a field the type ignores."""
    choices: list[tuple[TransactionType, dict[str, Any]]] = [
        (T.BANK_RECEIPT, {"due_date": ctx.day()}),
        (T.BANK_RECEIPT, {"bank_reference": "1210"}),
        (T.BANK_RECEIPT, {"project_item": "LABOUR"}),
        (T.SALES_INVOICE, {"bank_reference": "1200"}),
        (T.SALES_INVOICE, {"project_item": "LABOUR"}),
        (T.SALES_INVOICE, {"disputed": True}),
        (T.PURCHASE_INVOICE, {"oss_report_type": OssReportType.UNION_OSS}),
        (T.SALES_RECEIPT_ON_ACCOUNT, {"nominal_code": "4000"}),
        (T.PURCHASE_RECEIPT, {"department": 3}),
        (T.BANK_TRANSFER, {"project_ref": "PRJ001"}),
        (
            T.BANK_TRANSFER,
            {
                "exchange_rate": None,
                "net_amount": Decimal("100.00"),
                "payment_amount": Decimal("100.00"),
                "receipt_amount": Decimal("100.00"),
            },
        ),
        (T.JOURNAL_DEBIT, {"nominal_code": "4000"}),
    ]
    kind, fields = ctx.pick(choices)
    if kind is T.JOURNAL_DEBIT:
        amount = ctx.amount()
        return Bad(rows=ctx.journal([amount], [amount], **fields))
    return Bad(rows=[ctx.row(kind, **fields)])


def alias(ctx: Context) -> Bad:
    """``type.alias`` (info): SalesReceipt or PurchasePayment."""
    return Bad(rows=[ctx.row(ctx.pick([T.SALES_RECEIPT, T.PURCHASE_PAYMENT]))])


def export_only(ctx: Context) -> Bad:
    """``field.export-only``: a field only Zynk's export writes."""
    if ctx.on_an_invoice():
        return _on_invoice(ctx, _invoice_export_only)
    transaction_fields: list[dict[str, Any]] = [
        {"unique_id": str(ctx.draw(st.integers(1, 99_999)))},
        {"outstanding_amount": Decimal("0.00")},
        {"electronic_transaction": False},
        {"vat_inclusive": True},
        {"analysis_code": "A1"},
        {"discount": Decimal("5.00")},
    ]
    customer_fields: list[dict[str, Any]] = [
        {"unique_id": "ABS001"},
        {"balance": Decimal("1200.00")},
        {"account_status_text": "Open"},
        {"turnover_ytd": Decimal("15000.00")},
    ]
    if ctx.draw(st.booleans()):
        return Bad(customers=[ctx.customer(**ctx.pick(customer_fields))])
    return Bad(rows=[ctx.row(ctx.pick(BANKS), **ctx.pick(transaction_fields))])


def duplicate_id(ctx: Context) -> Bad:
    """``duplicate.id``: two transactions, two customers, or two invoice documents with one
    Id."""
    if ctx.on_an_invoice():
        return _on_invoice(ctx, _invoice_duplicate_id)
    taken = [row.id for row in ctx.rows if row.id is not None]
    choice = ctx.pick(["transaction", "customer"] + (["existing"] if taken else []))
    if choice == "existing":
        return Bad(rows=[ctx.row(ctx.pick(BANKS), id=ctx.pick(taken))])
    if choice == "transaction":
        first = ctx.row(ctx.pick(BANKS))
        return Bad(rows=[first, ctx.row(ctx.pick(BANKS), id=first.id)])
    shared = ctx.pick([c.id for c in ctx.customers if c.id] or ["CUST-1"])
    customers = [ctx.customer(id=shared)]
    if shared == "CUST-1":
        customers.append(ctx.customer(id=shared))
    return Bad(customers=customers)


def split_group(ctx: Context) -> Bad:
    """``grouping.split-group``: one invoice's rows with another row between them."""
    kind = ctx.pick(INVOICES)
    first = ctx.row(kind)
    key = {
        "account_reference": first.account_reference,
        "reference": first.reference,
        "transaction_date": first.transaction_date,
    }
    between = ctx.row(ctx.pick(BANKS))
    return Bad(rows=[first, between, ctx.row(kind, **key)])


def one_sided(ctx: Context) -> Bad:
    """``journal.one-sided``: debits without a credit, or credits without a debit."""
    amounts = ctx.draw(st.lists(v.money(Decimal("5000.00")), min_size=1, max_size=3))
    if ctx.draw(st.booleans()):
        return Bad(rows=ctx.journal(amounts, []))
    return Bad(rows=ctx.journal([], amounts))


def unbalanced(ctx: Context) -> Bad:
    """``journal.unbalanced``: debits and credits differ."""
    debit = ctx.amount()
    difference = ctx.draw(st.sampled_from([Decimal("0.01"), Decimal("-0.01")]) | v.money())
    credit = debit + difference
    if credit <= 0:
        credit = debit + abs(difference)
    return Bad(rows=ctx.journal([debit], [credit]))


def negative_amount(ctx: Context) -> Bad:
    """``journal.negative-amount``: a negative line on a balanced journal."""
    amount = ctx.amount()
    if ctx.draw(st.booleans()):
        return Bad(rows=ctx.journal([-amount], [-amount]))
    bigger = amount + ctx.amount()
    return Bad(rows=ctx.journal([bigger, -amount], [bigger - amount]))


def same_account(ctx: Context) -> Bad:
    """``transfer.same-account``: a transfer from a bank to itself."""
    bank = ctx.pick(v.BANKS)
    return Bad(rows=[ctx.row(T.BANK_TRANSFER, from_bank_account=bank, to_bank_account=bank)])


def rate_mismatch(ctx: Context) -> Bad:
    """``transfer.rate-mismatch``: ReceiptAmount is not PaymentAmount times ExchangeRate."""
    paid = ctx.amount()
    rate = ctx.draw(st.decimals(min_value=Decimal("0.5"), max_value=Decimal("2"), places=4))
    expected = (paid * rate).quantize(v.CENT, rounding=ROUND_HALF_UP)
    received = expected + ctx.amount(Decimal("100.00"))
    return Bad(
        rows=[
            ctx.row(
                T.BANK_TRANSFER, payment_amount=paid, receipt_amount=received, exchange_rate=rate
            )
        ]
    )


def amounts_differ(ctx: Context) -> Bad:
    """``transfer.amounts-differ``: no ExchangeRate and two different amounts."""
    paid = ctx.amount()
    received = paid + ctx.amount(Decimal("100.00"))
    if ctx.draw(st.booleans()):
        paid, received = received, paid
    return Bad(rows=[ctx.row(T.BANK_TRANSFER, payment_amount=paid, receipt_amount=received)])


def missing_reference(ctx: Context) -> Bad:
    """``allocation.missing-reference``: a receipt or credit note with no Reference."""
    kind = ctx.pick(SALES_ALLOCATORS + PURCHASE_ALLOCATORS)
    return Bad(rows=[ctx.row(kind, reference=_empty_or_none(ctx))])


def _invoice_for(ctx: Context, kind: TransactionType, **fields: Any) -> Transaction:
    """An invoice ``kind`` allocates to (same ledger)."""
    target = T.SALES_INVOICE if kind in SALES_ALLOCATORS else T.PURCHASE_INVOICE
    return ctx.row(target, **fields)


def account_mismatch(ctx: Context) -> Bad:
    """``allocation.account-mismatch``: the invoice named is on another account."""
    kind = ctx.pick(SALES_ALLOCATORS + PURCHASE_ALLOCATORS)
    invoice = _invoice_for(ctx, kind)
    accounts = list(
        dict.fromkeys(
            [*ctx.accounts, *v.CUSTOMER_ACCOUNTS]
            if kind in SALES_ALLOCATORS
            else list(v.SUPPLIER_ACCOUNTS)
        )
    )
    other = ctx.pick([a for a in accounts if a != invoice.account_reference])
    allocating = ctx.row(kind, account_reference=other, reference=invoice.reference)
    return Bad(rows=[invoice, allocating])


def wrong_ledger(ctx: Context) -> Bad:
    """``allocation.wrong-ledger``: a sales item naming a purchase invoice, or the reverse."""
    kind = ctx.pick(SALES_ALLOCATORS + PURCHASE_ALLOCATORS)
    other = T.PURCHASE_INVOICE if kind in SALES_ALLOCATORS else T.SALES_INVOICE
    invoice = ctx.row(other)
    return Bad(rows=[invoice, ctx.row(kind, reference=invoice.reference)])


def ambiguous(ctx: Context) -> Bad:
    """``allocation.ambiguous``: two invoice headers on one account with one Reference."""
    kind = ctx.pick(SALES_ALLOCATORS + PURCHASE_ALLOCATORS)
    day = ctx.draw(v.days())
    later = day + dt.timedelta(days=ctx.draw(st.integers(1, 60)))
    first = _invoice_for(ctx, kind, transaction_date=v.xml_date(day))
    second = _invoice_for(
        ctx,
        kind,
        account_reference=first.account_reference,
        reference=first.reference,
        transaction_date=v.xml_date(later),
    )
    allocating = ctx.row(
        kind,
        account_reference=first.account_reference,
        reference=first.reference,
        net_amount=v.CENT,
        tax_amount=None if kind not in INVOICES else Decimal(0),
    )
    return Bad(rows=[first, second, allocating])


def over_allocated(ctx: Context) -> Bad:
    """``allocation.over-allocated``: more allocated to an invoice than its gross."""
    kind = ctx.pick(SALES_ALLOCATORS + PURCHASE_ALLOCATORS)
    invoice = _invoice_for(ctx, kind)
    gross = (invoice.net_amount or Decimal(0)) + (invoice.tax_amount or Decimal(0))
    allocating = ctx.row(
        kind,
        account_reference=invoice.account_reference,
        reference=invoice.reference,
        net_amount=gross + ctx.amount(),
        tax_amount=Decimal(0) if kind in INVOICES else None,
        tax_code=0 if kind in INVOICES else 9,
    )
    return Bad(rows=[invoice, allocating])


def target_outside(ctx: Context) -> Bad:
    """``allocation.target-outside-document`` (info): the invoice may already be in Sage."""
    return Bad(rows=[ctx.row(ctx.pick(SALES_ALLOCATORS + PURCHASE_ALLOCATORS))])


def _oss_kind(ctx: Context) -> TransactionType:
    return ctx.pick([T.SALES_INVOICE, T.SALES_CREDIT, T.SALES_RECEIPT_ON_ACCOUNT, T.SALES_PAYMENT])


def oss_country_required(ctx: Context) -> Bad:
    """``oss.country-required``: an OSS report type without a country."""
    return Bad(
        rows=[
            ctx.row(
                _oss_kind(ctx),
                oss_report_type=ctx.pick(NEEDS_COUNTRY),
                oss_country_of_vat=_empty_or_none(ctx),
            )
        ]
    )


def oss_country_unknown(ctx: Context) -> Bad:
    """``oss.country-unknown``: a country of VAT nobody can recognise."""
    return Bad(
        rows=[
            ctx.row(
                _oss_kind(ctx),
                oss_report_type=ctx.pick(NEEDS_COUNTRY),
                oss_country_of_vat=ctx.pick(["EL", "EU", "XX", "Atlantis", "Untied Kingdom"]),
            )
        ]
    )


def oss_country_name(ctx: Context) -> Bad:
    """``oss.country-name``: a country name instead of its two-letter code."""
    return Bad(
        rows=[
            ctx.row(
                _oss_kind(ctx),
                oss_report_type=ctx.pick(NEEDS_COUNTRY),
                oss_country_of_vat=ctx.pick(
                    ["Germany", "France", "ireland", "DEU", "Netherlands"]
                ),
            )
        ]
    )


def oss_country_without_type(ctx: Context) -> Bad:
    """``oss.country-without-type``: a country of VAT and no OSS report type."""
    return Bad(
        rows=[
            ctx.row(
                _oss_kind(ctx),
                oss_report_type=ctx.pick([None, OssReportType.NONE]),
                oss_country_of_vat=ctx.pick(v.EU_COUNTRIES),
            )
        ]
    )


def precision(ctx: Context) -> Bad:
    """``amount.precision``: more than 2 decimal places."""
    if ctx.on_an_invoice():
        return _on_invoice(ctx, _invoice_precision)
    extra = ctx.draw(
        st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("0.0099"), places=4).filter(
            lambda d: d % v.CENT != 0
        )
    )
    return Bad(rows=[ctx.row(ctx.pick(BANKS), net_amount=ctx.amount() + extra)])


def too_large(ctx: Context) -> Bad:
    """``amount.too-large``: 100,000,000 or more."""
    if ctx.on_an_invoice():
        return _on_invoice(ctx, _invoice_too_large)
    amount = ctx.draw(
        st.decimals(min_value=Decimal("100000000"), max_value=Decimal("99999999999.99"), places=2)
    )
    kind = ctx.pick([*BANKS, T.SALES_INVOICE, T.PURCHASE_INVOICE])
    fields: dict[str, Any] = {"net_amount": amount}
    if kind in INVOICES:
        fields["tax_amount"] = Decimal("0.00")
        fields["tax_code"] = 0
    return Bad(rows=[ctx.row(kind, **fields)])


def tax_on_receipt(ctx: Context) -> Bad:
    """``amount.tax-on-receipt``: a TaxAmount on a receipt or payment."""
    kind = ctx.pick(RECEIPTS)
    return Bad(rows=[ctx.row(kind, tax_code=1, tax_amount=ctx.amount(Decimal("500.00")))])


def _update(ctx: Context, **fields: Any) -> Transaction:
    values: dict[str, Any] = {
        "record_operation": RecordOperation.UPDATE,
        "transaction_number": ctx.draw(st.integers(1, 99_999)),
        "disputed": True,
    }
    values.update(fields)
    return Transaction(**values)


def missing_transaction_number(ctx: Context) -> Bad:
    """``update.missing-transaction-number``: an update without TransactionNumber."""
    change: dict[str, Any] = ctx.pick(
        [
            {"disputed": ctx.draw(st.booleans())},
            {"disputed": None, "document_link": "\\\\SHARE\\Documents\\1.pdf"},
        ]
    )
    return Bad(rows=[_update(ctx, transaction_number=None, **change)])


def nothing_to_update(ctx: Context) -> Bad:
    """``update.nothing-to-update``: an update changing nothing."""
    return Bad(rows=[_update(ctx, disputed=None)])


def ignored_field(ctx: Context) -> Bad:
    """``update.ignored-field``: an update carrying a field it does not change."""
    extra: dict[str, Any] = ctx.pick(
        [
            {"net_amount": ctx.amount()},
            {"details": "Corrected"},
            {"reference": ctx.ref("INV")},
            {"account_reference": "ABS001"},
        ]
    )
    return Bad(rows=[_update(ctx, **extra)])


def dispute_reason_without_code(ctx: Context) -> Bad:
    """``update.dispute-reason-without-code``."""
    return Bad(rows=[_update(ctx, dispute_reason=ctx.pick(["Goods damaged", "Wrong price"]))])


def operation_unsupported(ctx: Context) -> Bad:
    """``update.operation-unsupported``: Insert or Upsert on a transaction."""
    operation = ctx.pick([RecordOperation.INSERT, RecordOperation.UPSERT])
    return Bad(rows=[ctx.row(ctx.pick(BANKS), record_operation=operation)])


# ----- recipes: customers and references -----------------------------------------------------
def name_missing(ctx: Context) -> Bad:
    """``customer.name-missing``: no CompanyName and no contact name."""
    return Bad(customers=[ctx.customer(company_name=_empty_or_none(ctx))])


def discount_table_required(ctx: Context) -> Bad:
    """``customer.discount-table-required``."""
    return Bad(
        customers=[
            ctx.customer(
                discount_type=DiscountType.DISCOUNT_TABLE, discount_table=_empty_or_none(ctx)
            )
        ]
    )


def duplicate_account_reference(ctx: Context) -> Bad:
    """``customer.duplicate-account-reference``: two customers, one AccountReference."""
    existing: bool = bool(ctx.accounts) and ctx.draw(st.booleans())
    if existing:
        reference = ctx.pick(ctx.accounts)
        return Bad(customers=[ctx.customer(account_reference=reference.lower())])
    first = ctx.customer()
    second = ctx.customer()
    second.account_reference = first.account_reference
    return Bad(customers=[first, second])


def account_reference_missing(ctx: Context) -> Bad:
    """``customer.account-reference-missing`` (info)."""
    customer = ctx.customer()
    customer.account_reference = _empty_or_none(ctx)
    return Bad(customers=[customer])


def currency_unknown(ctx: Context) -> Bad:
    """``customer.currency-unknown``: not an ISO 4217 code."""
    return Bad(customers=[ctx.customer(currency=ctx.pick(["UKP", "STG", "GPB", "EUO", "US$"]))])


def address_country_unknown(ctx: Context) -> Bad:
    """``address.country-unknown``: not an ISO 3166 two-letter code (UK is GB)."""
    if ctx.on_an_invoice():
        return _on_invoice(ctx, _invoice_address_country)
    country = ctx.pick(["UK", "EN", "XX", "EU"])
    customer = ctx.customer()
    address = CustomerAddress(
        address1="1 Quay Street", town="Bristol", postcode="BS1 4DJ", country=country
    )
    if ctx.draw(st.booleans()):
        customer.customer_delivery_address = address
    else:
        assert customer.customer_invoice_address is not None
        customer.customer_invoice_address.country = country
    return Bad(customers=[customer])


def unknown_customer(ctx: Context) -> Bad:
    """``reference.unknown-customer`` (info): a sales row naming none of the customers."""
    customers = [] if ctx.customers else [ctx.customer()]
    known = {a.upper() for a in ctx.accounts + [c.account_reference or "" for c in customers]}
    account = ctx.pick([a for a in ("NEWCUST1", "WALKIN", "CASH01") if a not in known])
    kind = ctx.pick([T.SALES_INVOICE, T.SALES_PAYMENT, T.SALES_RECEIPT_ON_ACCOUNT])
    return Bad(rows=[ctx.row(kind, account_reference=account)], customers=customers)


# ----- recipes: invoice documents ------------------------------------------------------------
def _on_invoice(ctx: Context, recipe: Callable[[Context], Invoice | list[Invoice]]) -> Bad:
    """A shared code (``duplicate.id``, ``amount.*``...) on an invoice document."""
    made = recipe(ctx)
    return Bad(invoices=made if isinstance(made, list) else [made])


def _some_item(ctx: Context, invoice: Invoice) -> InvoiceItem:
    assert invoice.invoice_items is not None
    return ctx.pick(invoice.invoice_items.item)


def _invoice_export_only(ctx: Context) -> Invoice:
    invoice = ctx.invoice()
    choice = ctx.pick(["invoice", "item", "address"])
    if choice == "invoice":
        field, value = ctx.pick(
            [
                ("unique_id", str(ctx.draw(st.integers(1, 99_999)))),
                ("items_net", ctx.amount()),
                ("posted_flag", True),
                ("amount_paid", Decimal("0.00")),
            ]
        )
        setattr(invoice, field, value)
    elif choice == "item":
        item = _some_item(ctx, invoice)
        item.total_net = (item.qty_ordered or Decimal(0)) * (item.unit_price or Decimal(0))
    else:
        invoice.invoice_address = InvoiceAddress(
            company=ctx.pick(v.COMPANY_NAMES), country="GB", description="Head office"
        )
    return invoice


def _invoice_duplicate_id(ctx: Context) -> list[Invoice]:
    taken = [invoice.id for invoice in ctx.invoices if invoice.id]
    reuse: bool = bool(taken) and ctx.draw(st.booleans())
    if reuse:  # an Id of the valid part's invoices
        return [ctx.invoice(id=ctx.pick(taken))]
    first = ctx.invoice()
    return [first, ctx.invoice(id=first.id)]


def _invoice_precision(ctx: Context) -> Invoice:
    extra = ctx.draw(st.decimals(min_value=Decimal("0.001"), max_value=Decimal("0.009"), places=3))
    choice = ctx.pick(["payment", "carriage", "discount"])
    if choice == "payment":
        return ctx.invoice(
            payment_amount=ctx.amount() + extra,
            payment_type=ctx.pick(list(InvoicePaymentType)),
            bank_account="1200",
        )
    if choice == "carriage":
        return ctx.invoice(
            I.PRODUCT_INVOICE,
            carriage=InvoiceItem(
                qty_ordered=Decimal(1), unit_price=ctx.amount(Decimal("50.00")) + extra
            ),
        )
    invoice = ctx.invoice()
    _some_item(ctx, invoice).unit_discount_amount = Decimal("1.00") + extra
    return invoice


def _invoice_too_large(ctx: Context) -> Invoice:
    amount = ctx.draw(
        st.decimals(min_value=Decimal("100000000"), max_value=Decimal("999999999.99"), places=2)
    )
    if ctx.draw(st.booleans()):
        invoice = ctx.invoice()
        _some_item(ctx, invoice).unit_price = amount
        return invoice
    return ctx.invoice(
        payment_amount=amount,
        payment_type=InvoicePaymentType.SALES_RECEIPT,
        bank_account="1200",
    )


def _invoice_address_country(ctx: Context) -> Invoice:
    address = InvoiceAddress(
        company=ctx.pick(v.COMPANY_NAMES),
        address1="1 Quay Street",
        town="Bristol",
        postcode="BS1 4DJ",
        country=ctx.pick(["UK", "EN", "XX", "EU"]),
    )
    if ctx.draw(st.booleans()):
        return ctx.invoice(invoice_delivery_address=address)
    return ctx.invoice(invoice_address=address)


def invoice_update(ctx: Context) -> Bad:
    """``invoice.update`` (info): an invoice naming one already in Sage, changing its notes,
    order details or delivery address."""
    change: dict[str, Any] = ctx.pick(
        [
            {"notes1": "Leave next door"},
            {"customer_order_number": f"PO-{ctx.draw(st.integers(1, 99_999))}"},
            {"custom1": "Priority"},
            {
                "invoice_delivery_address": InvoiceAddress(
                    address1="Unit 9, Quayside", town="Bristol", postcode="BS1 5TR", country="GB"
                )
            },
        ]
    )
    named: dict[str, Any] = ctx.pick(
        [
            {"id": str(ctx.draw(st.integers(1, 99_999)))},
            {"invoice_number": str(ctx.draw(st.integers(1, 9_999_999)))},
        ]
    )
    return Bad(invoices=[Invoice(**named, **change)])


def invoice_customer_missing(ctx: Context) -> Bad:
    """``invoice.customer-missing``: neither AccountReference nor CustomerId."""
    return Bad(
        invoices=[
            ctx.invoice(
                ctx.pick(POSTED),
                account_reference=_empty_or_none(ctx),
                customer_id=_empty_or_none(ctx),
            )
        ]
    )


def invoice_type_missing(ctx: Context) -> Bad:
    """``invoice.type-missing`` (info): no InvoiceType."""
    return Bad(invoices=[ctx.invoice(I.SERVICE_INVOICE, invoice_type=None)])


def invoice_not_posted(ctx: Context) -> Bad:
    """``invoice.not-posted`` (info): a proforma or quotation."""
    return Bad(invoices=[ctx.invoice(ctx.pick(sorted(NOT_POSTED, key=lambda t: t.value)))])


def invoice_no_items(ctx: Context) -> Bad:
    """``invoice.no-items``: no items and no carriage."""
    items = ctx.pick([None, InvoiceItems()])
    return Bad(invoices=[ctx.invoice(ctx.pick(POSTED), invoice_items=items)])


def _with_bad_item(ctx: Context, kind: InvoiceType, **fields: Any) -> Invoice:
    """An invoice document of ``kind`` one of whose items has ``fields``."""
    invoice = ctx.invoice(kind)
    assert invoice.invoice_items is not None
    items = invoice.invoice_items.item
    items.insert(ctx.draw(st.integers(0, len(items))), ctx.item(kind, **fields))
    return invoice


def invoice_sku_missing(ctx: Context) -> Bad:
    """``invoice.sku-missing``: an item of a ProductInvoice or ProductCredit without a Sku."""
    kind = ctx.pick([I.PRODUCT_INVOICE, I.PRODUCT_CREDIT])
    return Bad(invoices=[_with_bad_item(ctx, kind, sku=_empty_or_none(ctx))])


def invoice_quantity_missing(ctx: Context) -> Bad:
    """``invoice.quantity-missing``: an item without QtyOrdered."""
    return Bad(invoices=[_with_bad_item(ctx, ctx.pick(POSTED), qty_ordered=None)])


def invoice_negative_quantity(ctx: Context) -> Bad:
    """``invoice.negative-quantity``: a negative QtyOrdered (a credit note's lines are already
    credits)."""
    quantity = -Decimal(ctx.draw(st.integers(1, 10)))
    return Bad(invoices=[_with_bad_item(ctx, ctx.pick(POSTED), qty_ordered=quantity)])


def invoice_negative_price(ctx: Context) -> Bad:
    """``invoice.negative-price``: a negative UnitPrice, on an item or the carriage."""
    price = -ctx.amount(Decimal("100.00"))
    kind = ctx.pick(POSTED)
    if kind in PRODUCT_TYPES and ctx.draw(st.booleans()):
        carriage = InvoiceItem(qty_ordered=Decimal(1), unit_price=price, tax_code=1)
        return Bad(invoices=[ctx.invoice(kind, carriage=carriage)])
    return Bad(invoices=[_with_bad_item(ctx, kind, unit_price=price)])


def invoice_payment_without_amount(ctx: Context) -> Bad:
    """``invoice.payment-without-amount``: PaymentType, PaymentRef or BankAccount without a
    PaymentAmount (or with 0)."""
    given: dict[str, Any] = ctx.pick(
        [
            {"payment_type": InvoicePaymentType.SALES_RECEIPT},
            {"bank_account": "1200"},
            {"payment_ref": "Card"},
            {"payment_type": InvoicePaymentType.SALES_RECEIPT_ON_ACCOUNT, "bank_account": "1210"},
        ]
    )
    amount = ctx.pick([None, Decimal("0.00")])
    return Bad(invoices=[ctx.invoice(payment_amount=amount, **given)])


def invoice_payment_type_missing(ctx: Context) -> Bad:
    """``invoice.payment-type-missing``: a PaymentAmount without PaymentType."""
    return Bad(
        invoices=[ctx.invoice(payment_amount=ctx.amount(), bank_account=ctx.pick(v.BANKS[:3]))]
    )


def invoice_payment_default_bank(ctx: Context) -> Bad:
    """``invoice.payment-default-bank`` (info): a payment without BankAccount."""
    return Bad(
        invoices=[
            ctx.invoice(
                payment_amount=ctx.amount(),
                payment_type=ctx.pick(list(InvoicePaymentType)),
            )
        ]
    )


def invoice_payment_not_applicable(ctx: Context) -> Bad:
    """``invoice.payment-not-applicable``: a payment on a credit note, proforma or
    quotation."""
    kind = ctx.pick([*sorted(CREDITS, key=lambda t: t.value), I.SERVICE_PROFORMA])
    return Bad(
        invoices=[
            ctx.invoice(
                kind,
                payment_amount=ctx.amount(),
                payment_type=InvoicePaymentType.SALES_RECEIPT,
                bank_account="1200",
            )
        ]
    )


def invoice_currency_unknown(ctx: Context) -> Bad:
    """``invoice.currency-unknown``: Currency is not an ISO 4217 code."""
    currency = ctx.pick(["UKP", "STG", "GPB", "EUD", "US$"])
    return Bad(invoices=[ctx.invoice(ctx.pick(POSTED), currency=currency)])


def invoice_unknown_customer(ctx: Context) -> Bad:
    """``invoice.unknown-customer`` (info): the document has customers and the invoice names
    none of them."""
    customers = [] if ctx.customers else [ctx.customer()]
    known = {a.upper() for a in ctx.accounts + [c.account_reference or "" for c in customers]}
    account = ctx.pick([a for a in ("NEWCUST1", "WALKIN", "CASH01") if a not in known])
    if ctx.draw(st.booleans()):
        invoice = ctx.invoice(account_reference=account)
    else:
        invoice = ctx.invoice(account_reference=None, customer_id=f"web-{account.lower()}")
    return Bad(invoices=[invoice], customers=customers)


# ----- recipes: the schema -------------------------------------------------------------------
_WORDS = (
    "annual",
    "maintenance",
    "contract",
    "for",
    "the",
    "training",
    "centre",
    "and",
    "catering",
    "services",
    "March",
    "2026",
    "including",
    "delivery",
)


def _long_text(ctx: Context, longer_than: int) -> str:
    words = ctx.draw(
        st.lists(st.sampled_from(_WORDS), min_size=longer_than // 3, max_size=longer_than // 3 + 8)
    )
    text = " ".join(words)
    while len(text) <= longer_than:
        text += " services"
    return text


def too_long(ctx: Context) -> Bad:
    """``schema.too-long``: a string longer than its field's maximum."""
    choice = ctx.pick(
        [
            "reference",
            "details",
            "account_reference",
            "payment_reference",
            "company_name",
            "country",
            "currency",
            "customer_account",
        ]
    )
    if choice == "reference":
        return Bad(
            rows=[
                ctx.row(
                    ctx.pick(BANKS),
                    reference="REF-" + "0" * 27 + str(ctx.draw(st.integers(1, 999))),
                )
            ]
        )
    if choice == "details":
        return Bad(rows=[ctx.row(ctx.pick(BANKS), details=_long_text(ctx, 60))])
    if choice == "account_reference":
        return Bad(
            rows=[
                ctx.row(ctx.pick(BANKS), account_reference=ctx.pick(["CURRENTACC", "BANK-1200"]))
            ]
        )
    if choice == "payment_reference":
        return Bad(rows=[ctx.row(ctx.pick(BANKS), payment_reference=_long_text(ctx, 60))])
    if choice == "company_name":
        return Bad(customers=[ctx.customer(company_name=_long_text(ctx, 60))])
    if choice == "country":
        customer = ctx.customer()
        assert customer.customer_invoice_address is not None
        customer.customer_invoice_address.country = ctx.pick(["GBR", "FRA", "UK."])
        return Bad(customers=[customer])
    if choice == "currency":
        return Bad(customers=[ctx.customer(currency=ctx.pick(["GBPS", "EURO", "Sterling"]))])
    customer = ctx.customer()
    customer.account_reference = ctx.pick(["ACMEENG001", "CUSTOMER-42"])
    return Bad(customers=[customer])


def invalid_value(ctx: Context) -> Bad:
    """``schema.invalid-value``: a value not of the field's type, enumeration or pattern."""
    choice = ctx.pick(
        [
            "NetAmount",
            "TaxCode",
            "TransactionType",
            "TransactionDate",
            "Fund",
            "Disputed",
            "TermsAgreed",
            "CreditLimit",
            "DiscountType",
        ]
    )
    if choice in ("TermsAgreed", "CreditLimit", "DiscountType"):
        customer = ctx.customer(
            terms_agreed=True,
            credit_limit=Decimal("1000.00"),
            discount_type=DiscountType.NO_DISCOUNT,
        )
        raw = ctx.pick(
            {
                "TermsAgreed": ["Y", "yes", "1.0"],
                "CreditLimit": ["1,000", "£1000"],
                "DiscountType": ["Table", "None", "discounttable"],
            }[choice]
        )
        return Bad(customers=[customer], patches=[(customer, _set(choice, raw))])
    if choice == "Fund":
        return Bad(rows=[ctx.row(ctx.pick(BANKS), fund=ctx.pick(["A1", "1234", "01-"]))])
    if choice == "Disputed":
        row = _update(ctx)
        row.id = ctx.id()  # patches find a record by its Id
        return Bad(rows=[row], patches=[(row, _set("Disputed", ctx.pick(["yes", "Y"])))])
    row = ctx.row(ctx.pick(BANKS))
    raw = ctx.pick(
        {
            "NetAmount": ["12,50", "£12.50", "", "12.5O"],
            "TaxCode": ["T1", "T9", "S"],
            "TransactionType": ["BR", "SI", "Bank Receipt", "bankreceipt"],
            "TransactionDate": ["2026-11-02", "02/11/2026", "2026-11-02 00:00:00"],
        }[choice]
    )
    return Bad(rows=[row], patches=[(row, _set(choice, raw))])


def out_of_range(ctx: Context) -> Bad:
    """``schema.out-of-range``: a number outside its field's bounds."""
    choice = ctx.pick(["TaxCode", "Department", "Id", "CustomerTaxCode"])
    if choice == "CustomerTaxCode":
        return Bad(customers=[ctx.customer(tax_code=ctx.draw(st.integers(100, 999)))])
    if choice == "TaxCode":
        return Bad(rows=[ctx.row(ctx.pick(BANKS), tax_code=ctx.draw(st.integers(100, 999)))])
    if choice == "Department":
        return Bad(rows=[ctx.row(ctx.pick(BANKS), department=ctx.draw(st.integers(1000, 99_999)))])
    return Bad(rows=[ctx.row(ctx.pick(BANKS), id=ctx.draw(st.integers(100_000_000, 999_999_999)))])


def unknown_element(ctx: Context) -> Bad:
    """``schema.unknown-element``: an element the schema does not define there."""
    if ctx.draw(st.booleans()):
        customer = ctx.customer()
        line = ctx.pick(
            [
                "<Phone>01632 960001</Phone>",
                "<Postcode>BS1 4DJ</Postcode>",
                "<AccountRef>ABS001</AccountRef>",
            ]
        )
        return Bad(customers=[customer], patches=[(customer, _add(line))])
    row = ctx.row(ctx.pick(BANKS))
    line = ctx.pick(
        [
            "<NettAmount>10.00</NettAmount>",
            "<VATAmount>2.00</VATAmount>",
            "<Currency>GBP</Currency>",
            "<Refrence>INV-1</Refrence>",
            "<Notes>Paid in full</Notes>",
        ]
    )
    return Bad(rows=[row], patches=[(row, _add(line))])


def unknown_attribute(ctx: Context) -> Bad:
    """``schema.unknown-attribute``: an attribute the schema does not define there."""
    choice = ctx.pick(["transaction", "customer", "amount"])
    if choice == "customer":
        customer = ctx.customer()
        attribute = ctx.pick(['Operation="Insert"', 'Type="Customer"'])
        return Bad(customers=[customer], patches=[(customer, _attribute("Customer", attribute))])
    row = ctx.row(ctx.pick(BANKS))
    if choice == "amount":
        attribute = ctx.pick(['currency="GBP"', 'Currency="GBP"'])
        return Bad(rows=[row], patches=[(row, _attribute("NetAmount", attribute))])
    attribute = ctx.pick(['Type="BankReceipt"', 'Operation="Insert"', 'id="1"'])
    return Bad(rows=[row], patches=[(row, _attribute("Transaction", attribute))])


def duplicate_element(ctx: Context) -> Bad:
    """``schema.duplicate-element``: a single-valued element twice in one record."""
    if ctx.draw(st.booleans()):
        customer = ctx.customer()
        return Bad(
            customers=[customer],
            patches=[(customer, _repeat(ctx.pick(["CompanyName", "Currency"])))],
        )
    row = ctx.row(ctx.pick(BANKS))
    return Bad(
        rows=[row], patches=[(row, _repeat(ctx.pick(["Details", "NetAmount", "NominalCode"])))]
    )


# ----- recipes: reading the file -------------------------------------------------------------
def _root_end(text: str) -> int:
    """Where the root element's last ``>`` is."""
    return text.rstrip().rindex(">")


def malformed(ctx: Context) -> Bad:
    """``xml.malformed``: truncated, an unescaped ampersand, or mismatched tags."""
    choice = ctx.pick(["truncated", "ampersand", "mismatched"])
    if choice == "truncated":

        def cut(text: str) -> str:
            return text[: ctx.draw(st.integers(1, _root_end(text)))]

        return Bad(text=cut)
    row = ctx.row(ctx.pick(BANKS), details="Smith and Sons")
    raw = "Smith & Sons" if choice == "ampersand" else "Smith and Sons</Detail><Details>"
    return Bad(rows=[row], patches=[(row, _set("Details", raw))])


def forbidden(ctx: Context) -> Bad:
    """``xml.forbidden``: a DOCTYPE, entity declaration or external reference."""
    doctype = ctx.pick(
        [
            '<!DOCTYPE Company [<!ENTITY company "Acme Engineering Ltd">]>',
            '<!DOCTYPE Company SYSTEM "company.dtd">',
            "<!DOCTYPE Company>",
        ]
    )

    def add_doctype(text: str) -> str:
        declaration, _, rest = text.partition("\n")
        return f"{declaration}\n{doctype}\n{rest}"

    return Bad(text=add_doctype)


def wrong_root(ctx: Context) -> Bad:
    """``xml.wrong-root``: the root is not ``Company`` without a namespace."""
    choice = ctx.pick(["Transactions", "Companies", "company", "namespace"])

    def rename(text: str) -> str:
        if choice == "namespace":
            return text.replace("<Company", '<Company xmlns="http://www.zynk.com/sage50"', 1)
        text = text.replace("<Company", f"<{choice}", 1)
        head, found, tail = text.rpartition("</Company>")
        return f"{head}</{choice}>{tail}" if found else text

    return Bad(text=rename)


def too_large_xml(ctx: Context) -> Bad:
    """``xml.too-large``: nesting deeper than the default limit (32)."""
    depth = ctx.draw(st.integers(33, 80))
    name = ctx.pick(["Line", "Item", "Note"])
    row = ctx.row(ctx.pick(BANKS))
    nested = f"<Extra>{f'<{name}>' * depth}x{f'</{name}>' * depth}</Extra>"
    return Bad(rows=[row], patches=[(row, _add(nested))])


#: Every code :func:`invalid_documents` can make, in the order of the rule catalogue
#: (docs/rules.md), then the invoice codes in the order of docs/invoices.md.
RECIPES: Mapping[str, Recipe] = {
    "xml.malformed": malformed,
    "xml.forbidden": forbidden,
    "xml.too-large": too_large_xml,
    "xml.wrong-root": wrong_root,
    "schema.unknown-element": unknown_element,
    "schema.unknown-attribute": unknown_attribute,
    "schema.duplicate-element": duplicate_element,
    "schema.invalid-value": invalid_value,
    "schema.too-long": too_long,
    "schema.out-of-range": out_of_range,
    "type.required-field": required_field,
    "type.field-not-applicable": field_not_applicable,
    "type.alias": alias,
    "field.export-only": export_only,
    "duplicate.id": duplicate_id,
    "grouping.split-group": split_group,
    "journal.one-sided": one_sided,
    "journal.unbalanced": unbalanced,
    "journal.negative-amount": negative_amount,
    "transfer.same-account": same_account,
    "transfer.rate-mismatch": rate_mismatch,
    "transfer.amounts-differ": amounts_differ,
    "allocation.missing-reference": missing_reference,
    "allocation.account-mismatch": account_mismatch,
    "allocation.wrong-ledger": wrong_ledger,
    "allocation.ambiguous": ambiguous,
    "allocation.over-allocated": over_allocated,
    "allocation.target-outside-document": target_outside,
    "oss.country-required": oss_country_required,
    "oss.country-unknown": oss_country_unknown,
    "oss.country-name": oss_country_name,
    "oss.country-without-type": oss_country_without_type,
    "amount.precision": precision,
    "amount.too-large": too_large,
    "amount.tax-on-receipt": tax_on_receipt,
    "update.missing-transaction-number": missing_transaction_number,
    "update.nothing-to-update": nothing_to_update,
    "update.ignored-field": ignored_field,
    "update.dispute-reason-without-code": dispute_reason_without_code,
    "update.operation-unsupported": operation_unsupported,
    "customer.name-missing": name_missing,
    "customer.discount-table-required": discount_table_required,
    "customer.duplicate-account-reference": duplicate_account_reference,
    "customer.account-reference-missing": account_reference_missing,
    "customer.currency-unknown": currency_unknown,
    "address.country-unknown": address_country_unknown,
    "reference.unknown-customer": unknown_customer,
    "invoice.update": invoice_update,
    "invoice.customer-missing": invoice_customer_missing,
    "invoice.type-missing": invoice_type_missing,
    "invoice.not-posted": invoice_not_posted,
    "invoice.no-items": invoice_no_items,
    "invoice.sku-missing": invoice_sku_missing,
    "invoice.quantity-missing": invoice_quantity_missing,
    "invoice.negative-quantity": invoice_negative_quantity,
    "invoice.negative-price": invoice_negative_price,
    "invoice.payment-without-amount": invoice_payment_without_amount,
    "invoice.payment-type-missing": invoice_payment_type_missing,
    "invoice.payment-default-bank": invoice_payment_default_bank,
    "invoice.payment-not-applicable": invoice_payment_not_applicable,
    "invoice.currency-unknown": invoice_currency_unknown,
    "invoice.unknown-customer": invoice_unknown_customer,
}

#: The rule codes :func:`invalid_documents` supports, in the catalogue's order (then the
#: invoice codes).
INVALID_CODES: tuple[str, ...] = tuple(RECIPES)

#: Catalogue codes with no strategy, and why.
UNSUPPORTED: Mapping[str, str] = {
    "journal.variance-posted": (
        "it is only reported when validate() is given a journal variance nominal code; "
        "use invalid_documents('journal.unbalanced') and validate it with "
        "journal_variance_nominal=..."
    ),
}


def invalid_documents(
    code: str,
    *,
    customers: Count = None,
    transactions: Count = None,
    types: Types = None,
    invoices: Count = None,
) -> st.SearchStrategy[str]:
    """XML documents (``str``) that ``validate()`` reports ``code`` for, and no other error.

    ``code`` is one of :data:`INVALID_CODES`. Each document is a valid document (sized by
    ``customers``, ``transactions``, ``types`` and ``invoices`` as in :func:`documents`;
    default 0 to 2 customers, 0 to 6 rows, and 0 to 2 invoice documents for the
    ``invoice.*`` codes, none for the others) plus the records (or the damage to its text)
    that trigger ``code``. When the valid part has invoice documents, ``duplicate.id``,
    ``amount.precision``, ``amount.too-large``, ``address.country-unknown`` and
    ``field.export-only`` are sometimes made on an invoice document. Other warnings are
    avoided; infos may appear.

    Raises ``ValueError`` (also Hypothesis's ``InvalidArgument``) for a code it cannot make.
    """
    if code not in RECIPES:
        if code in UNSUPPORTED:
            raise StrategyArgumentError(
                f"{code}: no strategy, because {UNSUPPORTED[code]}", "code"
            )
        raise StrategyArgumentError(
            f"{code!r} is not a code invalid_documents() can make; use one of "
            + ", ".join(INVALID_CODES),
            "code",
        )
    if invoices is None:
        invoices = DEFAULT_INVOICES if code.startswith("invoice.") else NO_INVOICES
    base = documents(
        customers=DEFAULT_CUSTOMERS if customers is None else customers,
        transactions=DEFAULT_TRANSACTIONS if transactions is None else transactions,
        types=types,
        invoices=invoices,
    )
    return st.composite(_invalid_document)(code, base)


def _invalid_document(draw: st.DrawFn, code: str, base: st.SearchStrategy[Company]) -> str:
    return spoil(draw, code, draw(base, label="valid document"))


def spoil(draw: st.DrawFn, code: str, base: Company) -> str:
    """The text of ``base`` with what makes ``code`` added (``base`` itself is not changed)."""
    context = Context(draw, base)
    bad = RECIPES[code](context)
    rows = context.rows
    if bad.rows:
        rows = bad.rows + rows if draw(st.booleans(), label="rows first") else rows + bad.rows
    customers = context.customers + bad.customers
    invoices = context.invoices
    if bad.invoices:
        first = draw(st.booleans(), label="invoices first")
        invoices = bad.invoices + invoices if first else invoices + bad.invoices
    company = Company(
        customers=Customers(customer=customers) if customers else None,
        invoices=Invoices(invoice=invoices) if invoices else None,
        transactions=Transactions(transaction=rows) if rows else None,
    )
    text = dumps(company)
    for record, patch in bad.patches:
        block = _block(record)
        assert text.count(block) == 1, block
        text = text.replace(block, patch(block))
    if bad.text is not None:
        text = bad.text(text)
    return text


def _block(record: Transaction | Customer) -> str:
    """The XML of one record as ``dumps`` writes it inside a document."""
    if isinstance(record, Transaction):
        text = dumps(Company(transactions=Transactions(transaction=[record])))
        tag = "Transaction"
    else:
        text = dumps(Company(customers=Customers(customer=[record])))
        tag = "Customer"
    start = text.index(f"    <{tag}")
    end = text.index(f"    </{tag}>\n") + len(f"    </{tag}>\n")
    return text[start:end]
