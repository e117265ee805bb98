"""Handles returned by the builder for records built in several calls: invoices and journals."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..models import Transaction, TransactionType
from . import values

#: The invoice type each allocating type may allocate to (decision 20).
SALES_INVOICE_TYPES = frozenset({TransactionType.SALES_INVOICE})
PURCHASE_INVOICE_TYPES = frozenset({TransactionType.PURCHASE_INVOICE})


class InvoiceHandle:
    """An invoice or credit note being built: add its splits with :meth:`split`.

    Its splits are written consecutively with identical grouping keys, whatever else is added
    in between, so Zynk creates one header for them.
    """

    def __init__(
        self,
        *,
        header: dict[str, Any],
        transaction_type: TransactionType,
        make_split: Callable[[InvoiceHandle, dict[str, Any]], Transaction],
    ) -> None:
        self.transaction_type = transaction_type
        self.header = header
        self.splits: list[Transaction] = []
        self.allocated: list[tuple[str, Decimal]] = []
        self._make_split = make_split

    @property
    def account_reference(self) -> str:
        """The customer or supplier account."""
        return str(self.header["account_reference"])

    @property
    def reference(self) -> str:
        """The reference allocations name to reach this invoice."""
        return str(self.header["reference"])

    @property
    def gross(self) -> Decimal:
        """Net plus tax over all splits so far."""
        return sum(
            (
                (split.net_amount or Decimal(0)) + (split.tax_amount or Decimal(0))
                for split in self.splits
            ),
            Decimal(0),
        )

    def split(
        self,
        *,
        nominal_code: str,
        net_amount: Decimal | int,
        tax_code: int | None = None,
        tax_amount: Decimal | int | None = None,
        details: str | None = None,
        department: int | None = None,
        fund: str | None = None,
        project_ref: str | None = None,
        project_item: str | None = None,
        id: int | None = None,
    ) -> InvoiceHandle:
        """Add one split (a line posted to one nominal code); returns the handle to chain."""
        arguments = {
            "nominal_code": nominal_code,
            "net_amount": values.money("net_amount", net_amount),
            "tax_code": tax_code,
            "tax_amount": None if tax_amount is None else values.money("tax_amount", tax_amount),
            "details": details,
            "department": department,
            "fund": fund,
            "project_ref": project_ref,
            "project_item": project_item,
            "id": id,
        }
        self.splits.append(self._make_split(self, arguments))
        return self

    def __repr__(self) -> str:
        return (
            f"<{self.transaction_type.value} {self.reference} on {self.account_reference}: "
            f"{len(self.splits)} splits, gross {self.gross}>"
        )


class JournalHandle:
    """A journal being built: add its legs with :meth:`debit` and :meth:`credit`.

    On ``build()`` it must balance, unless it was given a ``variance_nominal``: then the builder
    adds the balancing line itself and keeps it in :attr:`balancing_line` for you to see.
    """

    def __init__(
        self,
        *,
        header: dict[str, Any],
        variance_nominal: str | None,
        make_line: Callable[[JournalHandle, TransactionType, dict[str, Any]], Transaction],
    ) -> None:
        self.header = header
        self.variance_nominal = variance_nominal
        self.lines: list[Transaction] = []
        self.balancing_line: Transaction | None = None
        self._make_line = make_line

    @property
    def reference(self) -> str:
        """The journal's reference (its grouping key with the date)."""
        return str(self.header["reference"])

    def _total(self, side: TransactionType) -> Decimal:
        return sum(
            (
                line.net_amount or Decimal(0)
                for line in self.lines
                if line.transaction_type is side
            ),
            Decimal(0),
        )

    @property
    def debits(self) -> Decimal:
        """The total of the debit legs."""
        return self._total(TransactionType.JOURNAL_DEBIT)

    @property
    def credits(self) -> Decimal:
        """The total of the credit legs."""
        return self._total(TransactionType.JOURNAL_CREDIT)

    def _leg(self, side: TransactionType, arguments: dict[str, Any]) -> JournalHandle:
        arguments["net_amount"] = values.money("amount", arguments["net_amount"])
        self.lines.append(self._make_line(self, side, arguments))
        return self

    def debit(
        self,
        *,
        nominal_code: str,
        amount: Decimal | int,
        details: str | None = None,
        tax_code: int | None = None,
        department: int | None = None,
        fund: str | None = None,
        payment_reference: str | None = None,
        id: int | None = None,
    ) -> JournalHandle:
        """Debit ``amount`` to ``nominal_code``; returns the handle to chain."""
        return self._leg(
            TransactionType.JOURNAL_DEBIT,
            {
                "account_reference": nominal_code,
                "net_amount": amount,
                "details": details,
                "tax_code": tax_code,
                "department": department,
                "fund": fund,
                "payment_reference": payment_reference,
                "id": id,
            },
        )

    def credit(
        self,
        *,
        nominal_code: str,
        amount: Decimal | int,
        details: str | None = None,
        tax_code: int | None = None,
        department: int | None = None,
        fund: str | None = None,
        payment_reference: str | None = None,
        id: int | None = None,
    ) -> JournalHandle:
        """Credit ``amount`` to ``nominal_code``; returns the handle to chain."""
        return self._leg(
            TransactionType.JOURNAL_CREDIT,
            {
                "account_reference": nominal_code,
                "net_amount": amount,
                "details": details,
                "tax_code": tax_code,
                "department": department,
                "fund": fund,
                "payment_reference": payment_reference,
                "id": id,
            },
        )

    def __repr__(self) -> str:
        return f"<Journal {self.reference}: debits {self.debits}, credits {self.credits}>"
