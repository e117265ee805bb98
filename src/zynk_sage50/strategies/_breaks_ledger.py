"""Recipes for the codes of how records fit together: grouping (``grouping.*``), journals
(``journal.*``), transfers (``transfer.*``), allocations (``allocation.*``) and OSS fields
(``oss.*``). Each adds a few complete rows, built as models, that disagree with each other in
exactly one way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from .. import vocabulary as voc
from ..models import OssReportType, Transaction, TransactionType
from ..rules.applicability import attribute
from . import _values as v
from ._recipe import BANKS, Bad, Context, Recipe

T = TransactionType
#: Credits, receipts and payments that allocate to an invoice, as written (aliases too).
ALLOCATORS = v.ordered(voc.ALLOCATION_SOURCES)
#: Sales types that may carry OSS fields.
OSS_TYPES = v.ordered(voc.SALES)
OSS_NEEDS_COUNTRY = v.ordered(voc.OSS_NEEDS_COUNTRY)


def split_group(ctx: Context) -> Bad:
    """``grouping.split-group``: one invoice's rows with another row between them."""
    kind = ctx.pick(v.ordered(voc.GROUPED_TYPES))
    first = ctx.row(kind)
    key = {name: getattr(first, name) for name in map(attribute, voc.GROUP_KEY_FIELDS)}
    between = ctx.row(ctx.pick(BANKS))
    return Bad(rows=[first, between, ctx.row(kind, **key)])


def one_sided(ctx: Context) -> Bad:
    """``journal.one-sided``: debits without a credit, or credits without a debit."""
    amounts = ctx.draw(st.lists(v.money(Decimal("5000.00")), min_size=1, max_size=3))
    if ctx.flip():
        return Bad(rows=ctx.journal(amounts, []))
    return Bad(rows=ctx.journal([], amounts))


def unbalanced(ctx: Context) -> Bad:
    """``journal.unbalanced``: debits and credits differ."""
    debit = ctx.amount()
    difference = ctx.draw(st.sampled_from([v.CENT, -v.CENT]) | v.money())
    credit = debit + difference
    if credit <= 0:
        credit = debit + abs(difference)
    return Bad(rows=ctx.journal([debit], [credit]))


def negative_amount(ctx: Context) -> Bad:
    """``journal.negative-amount``: a negative line on a balanced journal."""
    amount = ctx.amount()
    if ctx.flip():
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
    expected = voc.round_to_pennies(paid * rate)
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
    if ctx.flip():
        paid, received = received, paid
    return Bad(rows=[ctx.row(T.BANK_TRANSFER, payment_amount=paid, receipt_amount=received)])


def missing_reference(ctx: Context) -> Bad:
    """``allocation.missing-reference``: a receipt or credit note with no Reference."""
    return Bad(rows=[ctx.row(ctx.pick(ALLOCATORS), reference=ctx.empty_or_none())])


def _invoice_for(ctx: Context, kind: TransactionType, **fields: Any) -> Transaction:
    """An invoice ``kind`` allocates to (same ledger)."""
    return ctx.row(voc.ALLOCATES_TO[kind], **fields)


def _allocating_amounts(kind: TransactionType, net: Decimal) -> dict[str, Any]:
    """``net`` as the amount of an allocating row: a credit note's line is zero-rated so that
    its tax agrees with its code; a receipt carries no tax."""
    if kind in voc.CREDIT_TYPES:
        return {"net_amount": net, "tax_amount": Decimal("0.00"), "tax_code": 0}
    return {"net_amount": net, "tax_amount": None, "tax_code": v.NO_VAT_CODE}


def account_mismatch(ctx: Context) -> Bad:
    """``allocation.account-mismatch``: the invoice named is on another account."""
    kind = ctx.pick(ALLOCATORS)
    invoice = _invoice_for(ctx, kind)
    if voc.ledger_of(kind) is voc.Ledger.SALES:
        accounts = list(dict.fromkeys([*ctx.accounts, *v.CUSTOMER_ACCOUNTS]))
    else:
        accounts = list(v.SUPPLIER_ACCOUNTS)
    other = ctx.pick([a for a in accounts if a != invoice.account_reference])
    allocating = ctx.row(kind, account_reference=other, reference=invoice.reference)
    return Bad(rows=[invoice, allocating])


def wrong_ledger(ctx: Context) -> Bad:
    """``allocation.wrong-ledger``: a sales item naming a purchase invoice, or the reverse."""
    kind = ctx.pick(ALLOCATORS)
    ledger = voc.ledger_of(kind)
    assert ledger is not None
    invoice = ctx.row(ledger.other.target_type)
    return Bad(rows=[invoice, ctx.row(kind, reference=invoice.reference)])


def ambiguous(ctx: Context) -> Bad:
    """``allocation.ambiguous``: two invoice headers on one account with one Reference."""
    kind = ctx.pick(ALLOCATORS)
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
        **_allocating_amounts(kind, v.CENT),
    )
    return Bad(rows=[first, second, allocating])


def over_allocated(ctx: Context) -> Bad:
    """``allocation.over-allocated``: more allocated to an invoice than its gross."""
    kind = ctx.pick(ALLOCATORS)
    invoice = _invoice_for(ctx, kind)
    gross = (invoice.net_amount or Decimal(0)) + (invoice.tax_amount or Decimal(0))
    allocating = ctx.row(
        kind,
        account_reference=invoice.account_reference,
        reference=invoice.reference,
        **_allocating_amounts(kind, gross + ctx.amount()),
    )
    return Bad(rows=[invoice, allocating])


def target_outside(ctx: Context) -> Bad:
    """``allocation.target-outside-document`` (info): the invoice may already be in Sage."""
    return Bad(rows=[ctx.row(ctx.pick(ALLOCATORS))])


def _oss_row(ctx: Context, report: OssReportType | None, country: str | None) -> Bad:
    row = ctx.row(ctx.pick(OSS_TYPES), oss_report_type=report, oss_country_of_vat=country)
    return Bad(rows=[row])


def oss_country_required(ctx: Context) -> Bad:
    """``oss.country-required``: an OSS report type without a country."""
    return _oss_row(ctx, ctx.pick(OSS_NEEDS_COUNTRY), ctx.empty_or_none())


def oss_country_unknown(ctx: Context) -> Bad:
    """``oss.country-unknown``: a country of VAT nobody can recognise."""
    country = ctx.pick(["EL", "EU", "XX", "Atlantis", "Untied Kingdom"])
    return _oss_row(ctx, ctx.pick(OSS_NEEDS_COUNTRY), country)


def oss_country_name(ctx: Context) -> Bad:
    """``oss.country-name``: a country name instead of its two-letter code."""
    country = ctx.pick(["Germany", "France", "ireland", "DEU", "Netherlands"])
    return _oss_row(ctx, ctx.pick(OSS_NEEDS_COUNTRY), country)


def oss_country_without_type(ctx: Context) -> Bad:
    """``oss.country-without-type``: a country of VAT and no OSS report type."""
    return _oss_row(ctx, ctx.pick([None, OssReportType.NONE]), ctx.pick(v.EU_COUNTRIES))


RECIPES: Mapping[str, Recipe] = {
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
}
