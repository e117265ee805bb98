"""Recipes for the codes of a transaction's fields for its type (``type.*``,
``field.export-only``), read off the rules' applicability matrix
(:mod:`zynk_sage50.rules.applicability`): a required field left out or empty, a field the type
does not use given a value, an export-only field given. The matrix says which fields; this
module only knows a realistic value for each (:data:`SAMPLES`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attr
from hypothesis import strategies as st

from .. import vocabulary as voc
from ..modelinfo import ValueKind, class_info
from ..models import Customer, EmptyCollection, OssReportType, Transaction, TransactionType
from ..rules.applicability import CUSTOMER_EXPORT_ONLY, FieldUse, attribute, fields_with_use
from . import _values as v
from ._breaks_invoices import invoice_export_only, on_an_invoice
from ._recipe import Bad, Context, Recipe

T = TransactionType
#: A value for an element, given the complete row it is added to.
Sample = Callable[[Context, Transaction], Any]


def _number(ctx: Context, _row: Transaction) -> int:
    number: int = ctx.draw(st.integers(1, 99_999))
    return number


#: A realistic value for each transaction element a recipe may give a type that does not use
#: it (not applicable, update-only, export-only), by XML name.
SAMPLES: Mapping[str, Sample] = {
    "AccountReference": lambda ctx, _row: ctx.pick(v.CUSTOMER_ACCOUNTS),
    "FromBankAccount": lambda _ctx, _row: "1200",
    "ToBankAccount": lambda _ctx, _row: "1210",
    "DueDate": lambda ctx, _row: ctx.day(),
    "BankReference": lambda _ctx, _row: "1210",
    "NominalCode": lambda _ctx, _row: "4000",
    "Department": lambda ctx, _row: ctx.draw(st.integers(0, 999)),
    "Fund": lambda ctx, _row: ctx.pick(["001", "2", "15"]),
    "ProjectRef": lambda _ctx, _row: "PRJ001",
    "ProjectItem": lambda _ctx, _row: "LABOUR",
    # A transfer's amount, or a row's own amount: no other amount rule is disturbed.
    "NetAmount": lambda _ctx, row: row.payment_amount,
    "PaymentAmount": lambda _ctx, row: row.net_amount,
    "ReceiptAmount": lambda _ctx, row: row.net_amount,
    "ExchangeRate": lambda ctx, _row: ctx.pick(v.FOREIGN_RATES["EUR"]),
    "OssReportType": lambda ctx, _row: ctx.pick(list(OssReportType)),
    "OssCountryOfVat": lambda ctx, _row: ctx.pick(v.EU_COUNTRIES),
    "Disputed": lambda _ctx, _row: True,
    "DisputeCode": lambda _ctx, _row: 1,
    "DisputeReason": lambda ctx, _row: ctx.pick(["Goods damaged", "Wrong price"]),
    "DocumentLink": lambda _ctx, _row: "\\\\SHARE\\Documents\\Invoice 1.pdf",
    "UniqueId": lambda ctx, row: str(_number(ctx, row)),
    "AnalysisCode": lambda _ctx, _row: "A1",
    "ElectronicTransaction": lambda _ctx, _row: False,
    "OutstandingAmount": lambda _ctx, _row: Decimal("0.00"),
    "Discount": lambda _ctx, _row: Decimal("5.00"),
    "VatInclusive": lambda _ctx, _row: True,
    "CustomFields": lambda _ctx, _row: EmptyCollection(),
    "TransactionNumber": _number,
}
#: Export-only customer elements a recipe may give, with a value (the rules' own table
#: says which are export-only).
CUSTOMER_SAMPLES: Mapping[str, Any] = {
    "UniqueId": "ABS001",
    "Balance": Decimal("1200.00"),
    "AccountStatusText": "Open",
    "TurnoverYTD": Decimal("15000.00"),
}

#: The types drawn: the thirteen current names (the aliases behave as their types).
TYPES = v.ordered(voc.ALL_TYPES)


def uses(use: FieldUse) -> list[tuple[TransactionType, str]]:
    """Every (type, element) the matrix marks ``use`` and :data:`SAMPLES` has a value for."""
    return [
        (kind, name)
        for kind in TYPES
        for name in fields_with_use(kind, use)
        if use is FieldUse.REQUIRED or name in SAMPLES
    ]


def _on_a_row(ctx: Context, kind: TransactionType, fields: dict[str, Any]) -> list[Transaction]:
    """A complete row of ``kind`` with ``fields`` (a journal: both legs, ``fields`` on the leg
    of ``kind``; on both when they are the journal's key)."""
    if kind not in voc.JOURNALS:
        return [ctx.row(kind, **fields)]
    amount = ctx.amount()
    if set(fields) & {"reference", "transaction_date"}:  # the key of both legs
        return ctx.journal([amount], [amount], **fields)
    debit, credit = ctx.journal([amount], [amount])
    if kind is T.JOURNAL_DEBIT:
        return [attr.evolve(debit, **fields), credit]
    return [debit, attr.evolve(credit, **fields)]


def _given(ctx: Context, kind: TransactionType, name: str) -> list[Transaction]:
    """A complete row of ``kind`` (a journal: both legs) given a value of element ``name``."""
    row = ctx.row(kind)
    fields = {attribute(name): SAMPLES[name](ctx, row)}
    if kind in voc.JOURNALS:
        return _on_a_row(ctx, kind, fields)
    return [attr.evolve(row, **fields)]


_REQUIRED = [(kind, name) for kind, name in uses(FieldUse.REQUIRED) if name != "TransactionType"]


def required_field(ctx: Context) -> Bad:
    """``type.required-field``: a field the type needs is missing or empty (or the
    TransactionType itself)."""
    if ctx.draw(st.integers(0, len(_REQUIRED))) == len(_REQUIRED):
        return Bad(rows=[ctx.row(None)])  # a row of what would be a bank entry, with no type
    kind, name = ctx.pick(_REQUIRED)
    field = class_info(Transaction).elements[name]
    # Strings are left out or written empty; numbers and dates are left out.
    blank = ctx.empty_or_none() if field.kind is ValueKind.STRING else None
    fields: dict[str, Any] = {field.name: blank}
    if field.name == "net_amount":
        fields["tax_amount"] = None  # no VAT on an amount that is not there
    return Bad(rows=_on_a_row(ctx, kind, fields))


_NOT_APPLICABLE = uses(FieldUse.NOT_APPLICABLE) + uses(FieldUse.UPDATE_ONLY)


def field_not_applicable(ctx: Context) -> Bad:
    """``type.field-not-applicable``: a field the type does not use, or only an update uses,
    given on a new record."""
    return Bad(rows=_given(ctx, *ctx.pick(_NOT_APPLICABLE)))


def alias(ctx: Context) -> Bad:
    """``type.alias`` (info): SalesReceipt or PurchasePayment."""
    return Bad(rows=[ctx.row(ctx.pick(v.ordered(voc.ALIASES)))])


_EXPORT_ONLY = uses(FieldUse.EXPORT_ONLY)
_CUSTOMER_EXPORT_ONLY = [name for name in CUSTOMER_SAMPLES if name in CUSTOMER_EXPORT_ONLY]


def export_only(ctx: Context) -> Bad:
    """``field.export-only``: a field only Zynk's export writes, on a transaction, a customer
    or (when the valid part has some) an invoice document."""
    if ctx.on_an_invoice():
        return on_an_invoice(ctx, invoice_export_only)
    if ctx.flip():
        name = ctx.pick(_CUSTOMER_EXPORT_ONLY)
        field = class_info(Customer).elements[name].name
        return Bad(customers=[ctx.customer(**{field: CUSTOMER_SAMPLES[name]})])
    return Bad(rows=_given(ctx, *ctx.pick(_EXPORT_ONLY)))


RECIPES: Mapping[str, Recipe] = {
    "type.required-field": required_field,
    "type.field-not-applicable": field_not_applicable,
    "type.alias": alias,
    "field.export-only": export_only,
}
