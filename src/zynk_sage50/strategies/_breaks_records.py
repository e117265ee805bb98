"""Recipes for the codes of one transaction record: its type's fields (``type.*``,
``field.export-only``), ``duplicate.id``, amounts (``amount.*``) and update records
(``update.*``). Each adds complete records built as models with one field set, changed or
removed (``attrs.evolve``), so the writer writes them; a few land on an invoice document
instead when the valid part has some."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attr
from hypothesis import strategies as st

from .. import vocabulary as voc
from ..models import OssReportType, RecordOperation, TransactionType
from . import _values as v
from ._breaks_invoices import (
    invoice_duplicate_id,
    invoice_export_only,
    invoice_precision,
    invoice_too_large,
    on_an_invoice,
)
from ._recipe import BANKS, Bad, Context, Recipe

T = TransactionType


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
    blank: dict[str, Any] = {field: None if typed else ctx.empty_or_none()}
    if field == "net_amount":
        blank["tax_amount"] = None  # no VAT on an amount that is not there
    if kind in voc.JOURNALS:
        amount = ctx.amount()
        if field == "reference":  # the key of both legs
            return Bad(rows=ctx.journal([amount], [amount], **blank))
        debit, credit = ctx.journal([amount], [amount])
        if kind is T.JOURNAL_DEBIT:
            return Bad(rows=[attr.evolve(debit, **blank), credit])
        return Bad(rows=[debit, attr.evolve(credit, **blank)])
    return Bad(rows=[ctx.row(kind, **blank)])


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
    return Bad(rows=[ctx.row(ctx.pick(v.ordered(voc.ALIASES)))])


def export_only(ctx: Context) -> Bad:
    """``field.export-only``: a field only Zynk's export writes."""
    if ctx.on_an_invoice():
        return on_an_invoice(ctx, invoice_export_only)
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
    if ctx.flip():
        return Bad(customers=[ctx.customer(**ctx.pick(customer_fields))])
    return Bad(rows=[ctx.row(ctx.pick(BANKS), **ctx.pick(transaction_fields))])


def duplicate_id(ctx: Context) -> Bad:
    """``duplicate.id``: two transactions, two customers, or two invoice documents with one
    Id."""
    if ctx.on_an_invoice():
        return on_an_invoice(ctx, invoice_duplicate_id)
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


def precision(ctx: Context) -> Bad:
    """``amount.precision``: more than 2 decimal places."""
    if ctx.on_an_invoice():
        return on_an_invoice(ctx, invoice_precision)
    extra = ctx.draw(
        st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("0.0099"), places=4).filter(
            lambda d: d % v.CENT != 0
        )
    )
    return Bad(rows=[ctx.row(ctx.pick(BANKS), net_amount=ctx.amount() + extra)])


def too_large(ctx: Context) -> Bad:
    """``amount.too-large``: 100,000,000 or more."""
    if ctx.on_an_invoice():
        return on_an_invoice(ctx, invoice_too_large)
    amount = ctx.draw(
        st.decimals(min_value=voc.MONEY_LIMIT, max_value=Decimal("99999999999.99"), places=2)
    )
    kind = ctx.pick([*BANKS, *v.ordered(voc.INVOICE_TYPES)])
    fields: dict[str, Any] = {"net_amount": amount}
    if kind in voc.INVOICES:  # zero-rated: the tax agrees with its rate
        fields["tax_amount"] = Decimal("0.00")
        fields["tax_code"] = 0
    return Bad(rows=[ctx.row(kind, **fields)])


def tax_on_receipt(ctx: Context) -> Bad:
    """``amount.tax-on-receipt``: a TaxAmount on a receipt or payment."""
    kind = ctx.pick(v.ordered(voc.RECEIPTS_WRITTEN))
    return Bad(
        rows=[ctx.row(kind, tax_code=v.STANDARD_CODE, tax_amount=ctx.amount(Decimal("500.00")))]
    )


def missing_transaction_number(ctx: Context) -> Bad:
    """``update.missing-transaction-number``: an update without TransactionNumber."""
    change: dict[str, Any] = ctx.pick(
        [
            {"disputed": ctx.flip()},
            {"disputed": None, "document_link": "\\\\SHARE\\Documents\\1.pdf"},
        ]
    )
    return Bad(rows=[ctx.update(transaction_number=None, **change)])


def nothing_to_update(ctx: Context) -> Bad:
    """``update.nothing-to-update``: an update changing nothing."""
    return Bad(rows=[ctx.update(disputed=None)])


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
    return Bad(rows=[ctx.update(**extra)])


def dispute_reason_without_code(ctx: Context) -> Bad:
    """``update.dispute-reason-without-code``."""
    return Bad(rows=[ctx.update(dispute_reason=ctx.pick(["Goods damaged", "Wrong price"]))])


def operation_unsupported(ctx: Context) -> Bad:
    """``update.operation-unsupported``: Insert or Upsert on a transaction."""
    operation = ctx.pick([RecordOperation.INSERT, RecordOperation.UPSERT])
    return Bad(rows=[ctx.row(ctx.pick(BANKS), record_operation=operation)])


#: The codes of a record's fields, then (in the catalogue, after the ledger codes) those of
#: its amounts and of update records.
FIELD_RECIPES: Mapping[str, Recipe] = {
    "type.required-field": required_field,
    "type.field-not-applicable": field_not_applicable,
    "type.alias": alias,
    "field.export-only": export_only,
    "duplicate.id": duplicate_id,
}
AMOUNT_RECIPES: Mapping[str, Recipe] = {
    "amount.precision": precision,
    "amount.too-large": too_large,
    "amount.tax-on-receipt": tax_on_receipt,
    "update.missing-transaction-number": missing_transaction_number,
    "update.nothing-to-update": nothing_to_update,
    "update.ignored-field": ignored_field,
    "update.dispute-reason-without-code": dispute_reason_without_code,
    "update.operation-unsupported": operation_unsupported,
}
