"""The old shape of what the document rules saw, kept until ``validation.py`` moves to the new
API (``record_facts`` and :class:`.document.DocumentContext`): :class:`RuleContext` of located
(or slim) records, and :func:`slim`. New code uses :mod:`.facts` instead."""

from __future__ import annotations

import sys
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any, cast

import attr

from ..models import Customer, Transaction
from .located import Located, R, located

__all__ = ["DOCUMENT_FIELDS", "Located", "RuleContext", "located", "slim"]


LocatedTransaction = Located[Transaction]
LocatedCustomer = Located[Customer]


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class RuleContext:
    """The whole document as the rules see it, plus the caller's options."""

    transactions: Sequence[LocatedTransaction] = ()
    customers: Sequence[LocatedCustomer] = ()
    #: True when the document has a <Customers> element (reference.unknown-customer).
    has_customers: bool = False
    journal_variance_nominal: str | None = None
    imported_ids: Collection[str] = frozenset()


#: What the document rules read of each record: a streaming caller keeps only these.
DOCUMENT_FIELDS: dict[str, tuple[str, ...]] = {
    "Transaction": (
        "id",
        "transaction_type",
        "account_reference",
        "customer_id",
        "reference",
        "second_reference",
        "transaction_date",
        "net_amount",
        "tax_amount",
        "record_operation",
    ),
    "Customer": ("id", "account_reference", "record_operation"),
}
#: The elements whose lines and validity the document rules look at.
DOCUMENT_ELEMENTS = frozenset(
    {
        "Id",
        "AccountReference",
        "CustomerId",
        "Reference",
        "SecondReference",
        "TransactionDate",
        "TransactionType",
        "NetAmount",
        "TaxAmount",
    }
)
_NO_LINES: Mapping[str, int] = {}
_NOTHING_INVALID: frozenset[str] = frozenset()


class _SlimRecord:
    """Only the fields the document rules read, under the model's attribute names; strings
    interned (account references and dates repeat). Reading any other field fails loudly."""

    __slots__: tuple[str, ...] = ()

    def __init__(self, record: Any) -> None:
        for name in self.__slots__:
            value = getattr(record, name)
            setattr(self, name, sys.intern(value) if type(value) is str else value)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"


class _SlimTransaction(_SlimRecord):
    __slots__ = DOCUMENT_FIELDS["Transaction"]


class _SlimCustomer(_SlimRecord):
    __slots__ = DOCUMENT_FIELDS["Customer"]


_SLIM_CLASSES: dict[str, type[_SlimRecord]] = {
    "Transaction": _SlimTransaction,
    "Customer": _SlimCustomer,
}


_LINE_ORDER = tuple(sorted(DOCUMENT_ELEMENTS))
_LINE_POSITION = {name: position for position, name in enumerate(_LINE_ORDER)}


class _OffsetLines(Mapping[str, int]):
    """Element lines kept as one tuple of small offsets from the record's line (CPython shares
    small ints), in a fixed order of element names, read back as lines."""

    __slots__ = ("_base", "_offsets")

    def __init__(self, base: int, lines: Mapping[str, int]) -> None:
        self._base = base
        self._offsets = tuple(
            None if name not in lines else lines[name] - base for name in _LINE_ORDER
        )

    def __getitem__(self, name: str) -> int:
        position = _LINE_POSITION.get(name)
        offset = None if position is None else self._offsets[position]
        if offset is None:
            raise KeyError(name)
        return self._base + offset

    def __iter__(self) -> Iterator[str]:
        return (
            name
            for name, offset in zip(_LINE_ORDER, self._offsets, strict=True)
            if offset is not None
        )

    def __len__(self) -> int:
        return sum(offset is not None for offset in self._offsets)


def slim(entry: Located[R]) -> Located[R]:
    """A copy of ``entry`` holding only what the document rules read, to keep memory low.

    The copy's record is not a model but a stand-in with just the fields in
    :data:`DOCUMENT_FIELDS` (reading another raises ``AttributeError``), which is what lets a
    million-row document be checked without a million models in memory.
    """
    slim_class = _SLIM_CLASSES.get(entry.kind)
    if slim_class is None:
        return entry  # records without a slim form (invoices) are kept whole
    lines = {name: line for name, line in entry.field_lines.items() if name in DOCUMENT_ELEMENTS}
    invalid = entry.invalid_fields & DOCUMENT_ELEMENTS
    return Located(
        record=cast(R, slim_class(entry.record)),
        kind=sys.intern(entry.kind),
        index=entry.index,
        line=entry.line,
        field_lines=_OffsetLines(entry.line, lines)
        if lines and entry.line
        else lines or _NO_LINES,
        invalid_fields=invalid or _NOTHING_INVALID,
    )
