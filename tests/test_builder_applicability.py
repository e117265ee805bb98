"""The builder's arguments follow the rules' applicability matrix (issue 11): every field a
TransactionType requires is a required argument (or set by the builder), and no method offers
a field its type does not use."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any

import pytest

from zynk_sage50 import DocumentBuilder, InvoiceHandle, JournalHandle
from zynk_sage50.modelinfo import class_info
from zynk_sage50.models import Transaction, TransactionType
from zynk_sage50.rules.applicability import FieldUse, field_use

T = TransactionType
_ELEMENTS = {field.name: field.xml_name for field in class_info(Transaction).fields}
#: Arguments named otherwise than their element.
RENAMED = {
    "date": "TransactionDate",
    "oss_country": "OssCountryOfVat",
    "amount": "NetAmount",
    "bank": "AccountReference",
    "from_bank": "FromBankAccount",
    "to_bank": "ToBankAccount",
    "allocate_to": "Reference",
}
#: Arguments that are not a field of the row itself.
NOT_FIELDS = frozenset({"self", "variance_nominal"})
#: What the builder writes itself, whatever the arguments.
SET_BY_BUILDER = {
    "TransactionType": "the method chosen",
    "ReceiptAmount": "payment_amount × exchange_rate, or payment_amount",
}
#: Arguments the builder requires beyond the matrix, and why.
STRICTER = {
    "TransactionDate": "the grouping key and the journal key include it",
    "Reference": "allocations reach an invoice by its Reference",
}


def _signature(method: Callable[..., Any]) -> Mapping[str, inspect.Parameter]:
    return {n: p for n, p in inspect.signature(method).parameters.items() if n not in NOT_FIELDS}


def _element(argument: str, renamed: Mapping[str, str]) -> str:
    return renamed.get(argument) or RENAMED.get(argument) or _ELEMENTS[argument]


#: method, the types it writes, its per-line method, and renames special to it.
CASES: list[tuple[str, tuple[TransactionType, ...], Callable[..., Any] | None, dict[str, str]]] = [
    ("sales_invoice", (T.SALES_INVOICE,), InvoiceHandle.split, {}),
    ("purchase_invoice", (T.PURCHASE_INVOICE,), InvoiceHandle.split, {}),
    ("sales_credit", (T.SALES_CREDIT,), InvoiceHandle.split, {}),
    ("purchase_credit", (T.PURCHASE_CREDIT,), InvoiceHandle.split, {}),
    ("sales_receipt", (T.SALES_RECEIPT_ON_ACCOUNT,), None, {}),
    ("purchase_payment", (T.PURCHASE_PAYMENT_ON_ACCOUNT,), None, {}),
    ("sales_payment", (T.SALES_PAYMENT,), None, {}),
    ("purchase_receipt", (T.PURCHASE_RECEIPT,), None, {}),
    ("bank_receipt", (T.BANK_RECEIPT,), None, {}),
    ("bank_payment", (T.BANK_PAYMENT,), None, {}),
    ("bank_transfer", (T.BANK_TRANSFER,), None, {}),
    (
        "journal",
        (T.JOURNAL_DEBIT, T.JOURNAL_CREDIT),
        JournalHandle.debit,
        {"nominal_code": "AccountReference"},
    ),
]


@pytest.mark.parametrize(("method", "types", "lines", "renamed"), CASES, ids=[c[0] for c in CASES])
def test_required_fields_are_required_arguments(
    method: str,
    types: tuple[TransactionType, ...],
    lines: Callable[..., Any] | None,
    renamed: dict[str, str],
) -> None:
    parameters = dict(_signature(getattr(DocumentBuilder, method)))
    if lines is not None:
        parameters.update(_signature(lines))
    required = {
        _element(name, renamed)
        for name, parameter in parameters.items()
        if parameter.default is inspect.Parameter.empty
    }
    offered = {_element(name, renamed) for name in parameters}
    for transaction_type in types:
        needed = {
            name
            for name in _ELEMENTS.values()
            if field_use(transaction_type, name) is FieldUse.REQUIRED
        }
        if method in ("sales_credit", "purchase_credit", "sales_receipt", "purchase_payment"):
            # Reference comes from allocate_to, or from reference= when allocate_to is None.
            assert {"Reference"} <= offered
            needed -= {"Reference"}
        assert needed - set(SET_BY_BUILDER) <= required, (transaction_type, needed - required)
        assert required - needed <= set(STRICTER), (transaction_type, required - needed)
        for element in offered:
            use = field_use(transaction_type, element)
            if lines is InvoiceHandle.split and element == "ProjectItem":
                continue  # one split() for sales and purchase: refused on a sales split
            assert use in (FieldUse.REQUIRED, FieldUse.OPTIONAL), (transaction_type, element, use)
