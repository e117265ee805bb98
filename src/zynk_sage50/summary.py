"""What :func:`~zynk_sage50.summarize` returns: a :class:`Summary` of a document, as values,
as JSON (``to_dict``) and as text (``to_text``).

Amounts are ``Decimal``: each line rounded to 2 places as Sage stores it, summed exactly, and
shown with two decimals (more only if a huge or odd value needs them to stay exact).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import attr

from .vocabulary import money_text, round_line_amount

_ZERO = Decimal(0)


def format_money(value: Decimal | None) -> str:
    """``1234.50``: two decimals (more only when the exact value needs them); ``-`` for unknown."""
    return "-" if value is None else money_text(value)


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class Totals:
    """Net, tax and gross of some transaction lines, each line rounded to 2 places first."""

    rows: int = 0
    net: Decimal = _ZERO
    tax: Decimal = _ZERO
    #: Lines counted in ``rows`` whose amount is missing (they add nothing).
    unknown: int = 0

    @property
    def gross(self) -> Decimal:
        """Net plus tax."""
        return self.net + self.tax

    def plus(self, net: Decimal | None, tax: Decimal | None) -> Totals:
        """These totals with one more line."""
        if net is None:
            return attr.evolve(self, rows=self.rows + 1, unknown=self.unknown + 1)
        return attr.evolve(
            self,
            rows=self.rows + 1,
            net=self.net + round_line_amount(net),
            tax=self.tax + round_line_amount(tax or _ZERO),
        )

    @staticmethod
    def sum(parts: Iterable[Totals]) -> Totals:
        """Several totals together."""
        result = Totals()
        for part in parts:
            result = Totals(
                rows=result.rows + part.rows,
                net=result.net + part.net,
                tax=result.tax + part.tax,
                unknown=result.unknown + part.unknown,
            )
        return result

    def to_dict(self) -> dict[str, Any]:
        """Amounts as strings with two decimals, so that JSON keeps them exact."""
        return {
            "rows": self.rows,
            "net": format_money(self.net),
            "tax": format_money(self.tax),
            "gross": format_money(self.gross),
            "unknown": self.unknown,
        }


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class RecordCount:
    """How many records of one kind (``Transaction``) and type (``SalesInvoice``) there are."""

    kind: str
    #: The TransactionType or InvoiceType as written; None for customers and untyped records.
    type: str | None
    count: int
    #: Of those, update records (``RecordOperation="Update"``), which post nothing.
    updates: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape."""
        return {"kind": self.kind, "type": self.type, "count": self.count, "updates": self.updates}


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class KeyedTotals:
    """Totals of one transaction type, or of one type on one account or nominal code."""

    #: The account (``sales ACME01``) or nominal code; None in the totals per type.
    key: str | None
    transaction_type: str
    totals: Totals

    def to_dict(self, name: str | None = None) -> dict[str, Any]:
        """The JSON shape, the key under ``name``."""
        keyed = {} if name is None else {name: self.key}
        return {**keyed, "transaction_type": self.transaction_type, **self.totals.to_dict()}


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class JournalBalance:
    """One journal set as the importer will post it (the rules' grouping, decision 17)."""

    reference: str
    second_reference: str
    transaction_date: str | None
    #: 1-based indexes of its first and last Transaction.
    first_row: int
    last_row: int
    rows: int
    #: None when a line's NetAmount is missing.
    debits: Decimal | None
    credits: Decimal | None
    one_sided: bool

    @property
    def balance(self) -> Decimal | None:
        """Debits minus credits: zero for a balanced journal."""
        if self.debits is None or self.credits is None:
            return None
        return self.debits - self.credits

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape."""
        return {
            "reference": self.reference,
            "second_reference": self.second_reference,
            "transaction_date": self.transaction_date,
            "rows": [self.first_row, self.last_row],
            "debits": format_money(self.debits),
            "credits": format_money(self.credits),
            "balance": format_money(self.balance),
            "one_sided": self.one_sided,
        }


class Outcome(enum.Enum):
    """What happens to a credit, receipt or payment the importer tries to allocate."""

    #: One invoice in the document on the same account has its Reference.
    ALLOCATED = "allocated"
    #: Several do: it is allocated to one of them (``allocation.ambiguous``).
    AMBIGUOUS = "ambiguous"
    #: None in the document: the importer looks in Sage (``allocation.target-outside-document``).
    OUTSIDE = "outside document"
    #: No usable Reference, or it names an invoice on another account or ledger.
    UNALLOCATED = "unallocated"


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class Allocation:
    """A credit, receipt or payment and where its amount goes."""

    transaction_type: str
    account_reference: str
    reference: str
    #: 1-based index of its (first) Transaction.
    row: int
    #: Its gross amount as a magnitude (exports write receipts negative); None if unknown.
    amount: Decimal | None
    outcome: Outcome
    #: The row of the invoice it is allocated to (the first, when ambiguous).
    invoice_row: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape."""
        return {
            "transaction_type": self.transaction_type,
            "account_reference": self.account_reference,
            "reference": self.reference,
            "row": self.row,
            "amount": format_money(self.amount),
            "outcome": self.outcome.value,
            "invoice_row": self.invoice_row,
        }


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class InvoiceBalance:
    """An SI or PI header of the document, and what the document allocates to it."""

    transaction_type: str
    account_reference: str
    reference: str
    row: int
    #: Its gross total (net plus tax over its splits) as a magnitude; None if unknown.
    gross: Decimal | None
    allocated: Decimal

    @property
    def outstanding(self) -> Decimal | None:
        """Gross less allocated; negative when over-allocated."""
        return None if self.gross is None else self.gross - self.allocated

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape."""
        return {
            "transaction_type": self.transaction_type,
            "account_reference": self.account_reference,
            "reference": self.reference,
            "row": self.row,
            "gross": format_money(self.gross),
            "allocated": format_money(self.allocated),
            "outstanding": format_money(self.outstanding),
        }


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class InvoiceDocumentTotals:
    """An invoice document (``Company/Invoices/Invoice``) and its totals before Sage adds VAT
    and discounts: Sage works those out from its own tax codes and settings."""

    index: int
    id: str | None
    invoice_type: str | None
    invoice_number: str | None
    account_reference: str | None
    invoice_date: str | None
    items: int
    #: Sum of QtyOrdered × UnitPrice over the items (IsNegativeLine subtracts), each rounded to
    #: 2 places; None when an item lacks its quantity or price (Sage then fills it in).
    items_net: Decimal | None
    #: The carriage net (Carriage/UnitPrice × QtyOrdered, 1 if absent), if any.
    carriage_net: Decimal | None
    #: A payment taken with the invoice, if any.
    payment_amount: Decimal | None

    @property
    def credit(self) -> bool:
        """Is it a credit note?"""
        return self.invoice_type is not None and "Credit" in self.invoice_type

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape."""
        return {
            "index": self.index,
            "id": self.id,
            "invoice_type": self.invoice_type,
            "invoice_number": self.invoice_number,
            "account_reference": self.account_reference,
            "invoice_date": self.invoice_date,
            "items": self.items,
            "items_net": format_money(self.items_net),
            "carriage_net": None if self.carriage_net is None else format_money(self.carriage_net),
            "payment_amount": None
            if self.payment_amount is None
            else format_money(self.payment_amount),
        }


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class Summary:
    """Everything :func:`summarize` found, in document order within each part."""

    records: tuple[RecordCount, ...]
    by_type: tuple[KeyedTotals, ...]
    by_account: tuple[KeyedTotals, ...]
    by_nominal: tuple[KeyedTotals, ...]
    journals: tuple[JournalBalance, ...]
    allocations: tuple[Allocation, ...]
    invoice_balances: tuple[InvoiceBalance, ...]
    invoices: tuple[InvoiceDocumentTotals, ...]

    @property
    def total(self) -> Totals:
        """All posting lines together."""
        return Totals.sum(entry.totals for entry in self.by_type)

    def unallocated(self) -> Decimal:
        """The amounts of the credits, receipts and payments that stay unallocated."""
        return sum(
            (
                item.amount
                for item in self.allocations
                if item.outcome is Outcome.UNALLOCATED and item.amount is not None
            ),
            _ZERO,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: amounts as strings with two decimals (exact)."""
        return {
            "records": [count.to_dict() for count in self.records],
            "total": self.total.to_dict(),
            "by_type": [entry.to_dict() for entry in self.by_type],
            "by_account": [entry.to_dict("account") for entry in self.by_account],
            "by_nominal": [entry.to_dict("nominal_code") for entry in self.by_nominal],
            "journals": [journal.to_dict() for journal in self.journals],
            "allocations": [allocation.to_dict() for allocation in self.allocations],
            "invoice_balances": [balance.to_dict() for balance in self.invoice_balances],
            "unallocated": format_money(self.unallocated()),
            "invoices": [invoice.to_dict() for invoice in self.invoices],
        }

    def to_text(self) -> str:
        """The summary as aligned plain text, one section per part (empty parts left out)."""
        lines: list[str] = ["Records"]
        lines += _table(
            ("record", "count", "updates"),
            [
                (" ".join(filter(None, (c.kind, c.type))), str(c.count), str(c.updates))
                for c in self.records
            ],
        )
        by_type = [(None, e.transaction_type, e.totals) for e in self.by_type]
        by_type.append((None, "All", self.total))
        lines += _totals_section("Per transaction type", None, by_type)
        for title, name, entries in (
            ("Per account", "account", self.by_account),
            ("Per nominal code", "nominal", self.by_nominal),
        ):
            rows = [(e.key, e.transaction_type, e.totals) for e in entries]
            lines += _totals_section(title, name, rows)
        if self.journals:
            lines += ["", "Journals"]
            lines += _table(
                ("reference", "date", "rows", "debits", "credits", "balance"),
                [
                    (
                        j.reference or "(none)",
                        j.transaction_date or "(none)",
                        _rows(j.first_row, j.last_row),
                        format_money(j.debits),
                        format_money(j.credits),
                        format_money(j.balance) + (" one-sided" if j.one_sided else ""),
                    )
                    for j in self.journals
                ],
            )
        if self.allocations:
            lines += ["", "Allocations"]
            lines += _table(
                ("row", "type", "account", "reference", "amount", "outcome"),
                [
                    (
                        str(a.row),
                        a.transaction_type,
                        a.account_reference,
                        a.reference,
                        format_money(a.amount),
                        a.outcome.value
                        + ("" if a.invoice_row is None else f" to row {a.invoice_row}"),
                    )
                    for a in self.allocations
                ],
            )
            lines.append(f"Unallocated: {format_money(self.unallocated())}")
        if self.invoice_balances:
            lines += ["", "Invoices allocated to"]
            lines += _table(
                ("row", "type", "account", "reference", "gross", "allocated", "outstanding"),
                [
                    (
                        str(b.row),
                        b.transaction_type,
                        b.account_reference,
                        b.reference,
                        format_money(b.gross),
                        format_money(b.allocated),
                        format_money(b.outstanding),
                    )
                    for b in self.invoice_balances
                ],
            )
        if self.invoices:
            lines += ["", "Invoice documents (before Sage adds VAT and discounts)"]
            lines += _table(
                ("#", "id", "type", "number", "account", "items", "net", "carriage", "paid"),
                [
                    (
                        str(i.index),
                        i.id or "",
                        i.invoice_type or "",
                        i.invoice_number or "",
                        i.account_reference or "",
                        str(i.items),
                        format_money(i.items_net),
                        "" if i.carriage_net is None else format_money(i.carriage_net),
                        "" if i.payment_amount is None else format_money(i.payment_amount),
                    )
                    for i in self.invoices
                ],
            )
        return "\n".join(lines) + "\n"


def _totals_section(
    title: str, key_name: str | None, rows: Sequence[tuple[str | None, str, Totals]]
) -> list[str]:
    """A titled table of totals by type, each row first keyed by ``key_name`` if given."""
    if not rows or (rows[0][2].rows == 0 and len(rows) == 1):
        return []
    keyed = key_name is not None
    header = ((key_name or "",) if keyed else ()) + ("type", "rows", "net", "tax", "gross")
    table = _table(
        header,
        [
            (
                *((key or "",) if keyed else ()),
                kind,
                str(totals.rows)
                + (f" ({totals.unknown} without amount)" if totals.unknown else ""),
                format_money(totals.net),
                format_money(totals.tax),
                format_money(totals.gross),
            )
            for key, kind, totals in rows
        ],
    )
    return ["", title, *table]


def _count(totals: Totals) -> str:
    """``3``, or ``3 (1 without amount)``."""
    return (
        f"{totals.rows} ({totals.unknown} without amount)" if totals.unknown else str(totals.rows)
    )


def _rows(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}-{last}"


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """Aligned columns: text to the left, numbers (every column after the first whose
    header names an amount or a count) to the right."""
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    right = [name in _NUMERIC for name in header]
    out = []
    for cells in (header, *rows):
        parts = [
            cell.rjust(width) if align else cell.ljust(width)
            for cell, width, align in zip(cells, widths, right, strict=True)
        ]
        out.append(("  " + "  ".join(parts)).rstrip())
    return out


_NUMERIC = frozenset(
    {
        "count",
        "updates",
        "rows",
        "net",
        "tax",
        "gross",
        "debits",
        "credits",
        "balance",
        "amount",
        "allocated",
        "outstanding",
        "items",
        "carriage",
        "paid",
        "row",
        "#",
    }
)

__all__ = [
    "Allocation",
    "InvoiceBalance",
    "InvoiceDocumentTotals",
    "JournalBalance",
    "KeyedTotals",
    "Outcome",
    "RecordCount",
    "Summary",
    "Totals",
    "format_money",
]
