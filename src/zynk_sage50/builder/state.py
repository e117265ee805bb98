"""What a builder holds, and the one way a transaction row is made: arguments converted, an Id
proposed, the row checked with the validator's own checks, and only then anything changed."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal
from typing import Any

from ..modelinfo import class_info
from ..models import Customer, Transaction
from ..rules import InvoiceFacts, RuleOptions
from ..vocabulary import tax_for
from .allocation import Allocations
from .handles import InvoiceHandle, JournalHandle
from .ids import IdPool
from .invoice_documents import InvoiceDocumentHandle
from .refusals import Record, check_record

#: Model field → builder argument, for the fields most calls name differently.
ROW_ARGUMENTS: Mapping[str, str] = {"TransactionDate": "date", "Id": "id"}

Entry = Transaction | InvoiceHandle | JournalHandle
_ELEMENTS = {field.name: field.xml_name for field in class_info(Transaction).fields}


def elements_of(fields: Iterable[str]) -> frozenset[str]:
    """The Transaction elements behind model field names (``net_amount`` → ``NetAmount``)."""
    return frozenset(_ELEMENTS[name] for name in fields)


class BuilderState:
    """The records so far, the Ids, the keys the rules compare, and the allocations."""

    def __init__(
        self, *, first_id: int = 1, tax_rates: Mapping[int, Decimal] | None = None
    ) -> None:
        self._ids = IdPool(first_id)
        #: What the rules are told: the company's tax rates where they differ from Sage's
        #: default table (``{1: Decimal("17.5")}``), for ``amount.tax-mismatch``.
        self._options = RuleOptions(tax_rates=tax_rates or {})
        self._allocations = Allocations()
        self._customers: list[Customer] = []
        #: Customer account references as Sage compares them (the rules' account key).
        self._customer_accounts: set[str] = set()
        self._customer_ids: set[str] = set()
        self._entries: list[Entry] = []
        #: SI/SC/PI/PC handles by their grouping key without the date.
        self._invoice_keys: set[tuple[Any, ...]] = set()
        self._journal_keys: set[tuple[str, str, str]] = set()
        self._documents: list[InvoiceDocumentHandle] = []
        self._document_ids: set[str] = set()
        #: Invoice documents by InvoiceNumber as the rules compare it (their facts).
        self._document_numbers: dict[str, InvoiceFacts] = {}

    def _tax(
        self, net: Decimal | None, tax_amount: Decimal | None, tax_code: int | None
    ) -> Decimal | None:
        """The TaxAmount to write: the one given, or else NetAmount at the TaxCode's rate (the
        company's via ``tax_rates``, else Sage's default table) when that rate is known."""
        if tax_amount is not None or net is None or tax_code is None:
            return tax_amount
        rate = self._options.tax_rate(tax_code)
        return None if rate is None else tax_for(net, rate)

    @property
    def next_id(self) -> int:
        """The Id the next transaction without ``id=`` will get."""
        return self._ids.propose(None)

    def _row(
        self,
        fields: dict[str, Any],
        arguments: Mapping[str, str] = ROW_ARGUMENTS,
        *,
        requested_id: object = None,
        reserved_id: int | None = None,
        only: Collection[str] | None = None,
    ) -> Transaction:
        """A checked Transaction with a proposed Id (or ``reserved_id``, one taken earlier);
        nothing is recorded yet: the caller takes the Id with :meth:`_take` once the whole
        call has passed."""
        row_id = self._ids.propose(requested_id) if reserved_id is None else reserved_id
        row = Transaction(
            id=row_id, **{name: value for name, value in fields.items() if value is not None}
        )
        self._check(row, {**ROW_ARGUMENTS, **arguments}, only)
        return row

    def _check(
        self, record: Record, arguments: Mapping[str, str], only: Collection[str] | None = None
    ) -> None:
        """:func:`.refusals.check_record` with this builder's rule options."""
        check_record(record, arguments, only, options=self._options)

    def _take(self, *rows: Transaction) -> None:
        """The rows' Ids are used from now on."""
        for row in rows:
            assert row.id is not None
            self._ids.take(row.id)
