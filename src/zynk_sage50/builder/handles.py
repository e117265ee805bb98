"""Handles returned by the builder for records built in several calls: the SI, SC, PI and PC
transactions (one header, several splits) and journals (debits and credits)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attr

from ..datetimes import LexicalDateTime
from ..models import OssReportType, Transaction, TransactionType
from ..vocabulary import INVOICE_TYPES, JOURNALS, round_line_amount

if TYPE_CHECKING:
    from .allocation import Target


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class Header:
    """What every split of one SI/SC/PI/PC shares: its grouping key and header fields."""

    transaction_type: TransactionType
    account_reference: str
    reference: str
    date: LexicalDateTime
    second_reference: str | None = None
    due_date: LexicalDateTime | None = None
    posted_date: LexicalDateTime | None = None
    payment_reference: str | None = None
    oss_report_type: OssReportType | None = None
    oss_country_of_vat: str | None = None

    def fields(self) -> dict[str, Any]:
        """The Transaction fields each split carries."""
        return {
            "transaction_type": self.transaction_type,
            "account_reference": self.account_reference,
            "reference": self.reference,
            "transaction_date": self.date,
            "second_reference": self.second_reference,
            "due_date": self.due_date,
            "posted_date": self.posted_date,
            "payment_reference": self.payment_reference,
            "oss_report_type": self.oss_report_type,
            "oss_country_of_vat": self.oss_country_of_vat,
        }


#: Adds one split: the handle and the split's own arguments (None for those left out).
SplitMaker = Callable[["InvoiceHandle", dict[str, Any]], None]


class InvoiceHandle:
    """An SI, SC, PI or PC being built: add its splits with :meth:`split`.

    Its splits are written consecutively with identical grouping keys, whatever else is added
    in between, so Zynk creates one header for them. An SI or PI handle can be passed as
    ``allocate_to`` to receipts, payments on account and credits.
    """

    def __init__(
        self, header: Header, make_split: SplitMaker, allocated_to: Target | None = None
    ) -> None:
        self.header = header
        self.splits: list[Transaction] = []
        #: For a credit: the invoice in this document it allocates to, if any.
        self.allocated_to = allocated_to
        self._make_split = make_split

    @property
    def transaction_type(self) -> TransactionType:
        """SalesInvoice, SalesCredit, PurchaseInvoice or PurchaseCredit."""
        return self.header.transaction_type

    @property
    def target_type(self) -> TransactionType:
        """What Sage posts it as (for allocation): its own type."""
        return self.header.transaction_type

    @property
    def account_reference(self) -> str:
        """The customer or supplier account."""
        return self.header.account_reference

    @property
    def reference(self) -> str:
        """Its Reference: what allocations name to reach an invoice; for a credit, the
        invoice it allocates to (or its own reference when it allocates to none)."""
        return self.header.reference

    @property
    def gross(self) -> Decimal:
        """Net plus tax over all splits so far, each rounded as the rules round them."""
        return sum(
            (
                round_line_amount(split.net_amount or Decimal(0))
                + round_line_amount(split.tax_amount or Decimal(0))
                for split in self.splits
            ),
            Decimal(0),
        )

    @property
    def paid(self) -> Decimal:
        """Allocated by itself: nothing (receipts and credits are allocated to it)."""
        return Decimal(0)

    @property
    def is_invoice(self) -> bool:
        """An SI or PI (a target of allocations), not a credit."""
        return self.header.transaction_type in INVOICE_TYPES

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
        self._make_split(
            self,
            {
                "nominal_code": nominal_code,
                "net_amount": net_amount,
                "tax_code": tax_code,
                "tax_amount": tax_amount,
                "details": details,
                "department": department,
                "fund": fund,
                "project_ref": project_ref,
                "project_item": project_item,
                "id": id,
            },
        )
        return self

    def __repr__(self) -> str:
        return (
            f"<{self.transaction_type.value} {self.reference!r} on {self.account_reference}: "
            f"{len(self.splits)} splits, gross {self.gross}>"
        )


#: Adds one journal line: the handle, its side and the line's arguments.
LineMaker = Callable[["JournalHandle", TransactionType, dict[str, Any]], None]


class JournalHandle:
    """A journal being built: add its legs with :meth:`debit` and :meth:`credit`.

    On ``build()`` it must balance, unless it was given a ``variance_nominal``: then the builder
    adds the balancing line itself and keeps it in :attr:`balancing_line` for you to see.
    """

    def __init__(
        self,
        *,
        reference: str,
        date: LexicalDateTime,
        second_reference: str | None,
        variance_nominal: str | None,
        make_line: LineMaker,
    ) -> None:
        self.reference = reference
        self.date = date
        self.second_reference = second_reference
        self.variance_nominal = variance_nominal
        self.lines: list[Transaction] = []
        self.balancing_line: Transaction | None = None
        #: The Id reserved for the balancing line when the journal was started.
        self.balancing_id: int | None = None
        self._make_line = make_line

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

    @property
    def sides(self) -> frozenset[TransactionType]:
        """The sides with at least one leg (a journal needs both)."""
        return JOURNALS & {line.transaction_type for line in self.lines}

    def _leg(
        self,
        side: TransactionType,
        nominal_code: str,
        amount: Decimal | int,
        details: str | None,
        tax_code: int | None,
        department: int | None,
        fund: str | None,
        payment_reference: str | None,
        id: int | None,
    ) -> JournalHandle:
        self._make_line(
            self,
            side,
            {
                "nominal_code": nominal_code,
                "amount": amount,
                "details": details,
                "tax_code": tax_code,
                "department": department,
                "fund": fund,
                "payment_reference": payment_reference,
                "id": id,
            },
        )
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
            nominal_code,
            amount,
            details,
            tax_code,
            department,
            fund,
            payment_reference,
            id,
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
            nominal_code,
            amount,
            details,
            tax_code,
            department,
            fund,
            payment_reference,
            id,
        )

    def __repr__(self) -> str:
        return f"<Journal {self.reference}: debits {self.debits}, credits {self.credits}>"
