"""Recipes for ``duplicate.id``, the codes of amounts (``amount.*``), those of update
records (``update.*``) and ``record.import-error``. Each adds complete records built as models
with one field set, changed or removed, so the writer writes them; a few land on an invoice
document instead when the valid part has some."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from .. import vocabulary as voc
from ..datetimes import LexicalDateTime
from ..models import RecordError, RecordErrors, RecordOperation, TransactionType
from . import _values as v
from ._breaks_invoices import (
    invoice_duplicate_id,
    invoice_precision,
    invoice_too_large,
    on_an_invoice,
)
from ._recipe import BANKS, Bad, Context, Recipe

T = TransactionType


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


def zero(ctx: Context) -> Bad:
    """``amount.zero``: a receipt or payment on an account of 0.00."""
    kind = ctx.pick(v.ordered(voc.RECEIPTS_WRITTEN))
    return Bad(rows=[ctx.row(kind, net_amount=ctx.pick([Decimal("0.00"), Decimal(0)]))])


def tax_mismatch(ctx: Context) -> Bad:
    """``amount.tax-mismatch``: a line whose TaxAmount is more than a penny off its NetAmount
    times the rate of its TaxCode, or of its TaxRate when one is given."""
    kind = ctx.pick(v.ordered(voc.VAT_TYPES))
    code = ctx.pick(v.RATED_CODES)
    net = ctx.amount()
    if ctx.flip():  # the TaxCode's rate, but another TaxRate given: the TaxRate counts
        rate = ctx.pick([r for r in v.OTHER_RATES if r != voc.DEFAULT_TAX_RATES[code]])
        net = max(net, Decimal("10.00"))  # the rates differ by 2.5% at least: 25p or more
        fields = {"tax_amount": v.tax_for(net, code), "tax_rate": rate}
    else:
        tax = v.tax_for(net, code)
        assert tax is not None
        off = ctx.draw(v.money(Decimal("500.00"), minimum=Decimal("0.02")))
        fields = {"tax_amount": tax - off if off <= tax and ctx.flip() else tax + off}
    return Bad(rows=[ctx.row(kind, net_amount=net, tax_code=code, **fields)])


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


#: What Zynk writes into a fail file's records: the task, and why it could not import them.
IMPORT_ERRORS = (
    ("Transaction Import", "Could not find the specified account"),
    ("Transaction Import", "Nominal code does not exist"),
    ("Customer Import", "Account reference already exists"),
    ("Invoice Import", "Could not find specified Stock Item"),
)


def import_error(ctx: Context) -> Bad:
    """``record.import-error`` (info): a record of a fail file, with the Errors/Error Zynk
    added when it could not import it."""
    errors = RecordErrors(
        error=[
            RecordError(
                date=LexicalDateTime(f"{ctx.day()}.5673107+01:00"),
                name=name,
                description=description,
            )
            for name, description in ctx.draw(
                st.lists(st.sampled_from(IMPORT_ERRORS), min_size=1, max_size=2)
            )
        ]
    )
    where = ctx.pick(["transaction", "customer"] + (["invoice"] if ctx.invoices else []))
    if where == "customer":
        return Bad(customers=[ctx.customer(errors=errors)])
    if where == "invoice":
        return Bad(invoices=[ctx.invoice(errors=errors)])
    return Bad(rows=[ctx.row(ctx.pick(BANKS), errors=errors)])


RECIPES: Mapping[str, Recipe] = {
    "duplicate.id": duplicate_id,
    "amount.precision": precision,
    "amount.too-large": too_large,
    "amount.tax-on-receipt": tax_on_receipt,
    "amount.tax-mismatch": tax_mismatch,
    "amount.zero": zero,
    "update.missing-transaction-number": missing_transaction_number,
    "update.nothing-to-update": nothing_to_update,
    "update.ignored-field": ignored_field,
    "update.dispute-reason-without-code": dispute_reason_without_code,
    "update.operation-unsupported": operation_unsupported,
    "record.import-error": import_error,
}
