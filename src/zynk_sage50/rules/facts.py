"""What the document rules keep of each record: explicit, typed, compact facts.

A million-row document is checked without a million models in memory: while reading, each
record becomes one small object holding only what the rules across records read (keys,
amounts, whether a field was unreadable) and where its fields are, as small line offsets from
the record's line. Strings that repeat (account references, references) are interned.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

from ..issues import Issue, RecordRef
from ..models import Customer, Invoice, Transaction, TransactionType
from ..vocabulary import INVOICE_CREDITS, INVOICE_NOT_POSTED
from .catalogue import Code
from .invoice_totals import PostedLine, own_payment, posted_lines
from .located import Located

_intern = sys.intern
_F = TypeVar("_F", bound="RecordFacts")


def _text(value: str | None) -> str:
    """A key string: absent counts as empty; interned, because keys repeat."""
    return "" if value is None else _intern(value)


def _offset(entry: Located[Any], xml_name: str) -> int | None:
    line = entry.field_lines.get(xml_name)
    if line is None or entry.line is None:
        return None
    return line - entry.line


class RecordFacts:
    """What every record's facts hold: where it is and how to report an issue about it."""

    __slots__ = ("file", "id", "index", "line")
    #: ``Transaction``, ``Customer`` or ``Invoice``.
    kind: ClassVar[str]
    #: Element name → the slot holding its line offset, for the fields issues point at.
    _LINE_SLOTS: ClassVar[Mapping[str, str]]

    id: str | None
    index: int
    line: int | None
    #: The file the record is in, when files are checked together as one import.
    file: str | None

    def __init__(self, entry: Located[Any]) -> None:
        record_id = entry.record.id
        self.id = None if record_id is None else str(record_id)
        self.index = entry.index
        self.line = entry.line
        self.file = None

    @property
    def ref(self) -> RecordRef:
        """The record reference carried by issues about this record."""
        return RecordRef(kind=self.kind, index=self.index, id=self.id)

    @property
    def path(self) -> str:
        """``/Company/Transactions/Transaction[3]``."""
        return f"/Company/{self.kind}s/{self.kind}[{self.index}]"

    def line_of(self, xml_name: str) -> int | None:
        """The line of one of the record's fields, else of the record."""
        slot = self._LINE_SLOTS.get(xml_name)
        offset = None if slot is None else getattr(self, slot)
        if offset is None or self.line is None:
            return self.line
        return self.line + int(offset)

    def has(self, xml_name: str) -> bool:
        """Was the element present in the source (one of those issues point at)?"""
        slot = self._LINE_SLOTS.get(xml_name)
        return slot is not None and getattr(self, slot) is not None

    def place(self) -> str:
        """`` (line 20)``, or `` in a.xml (line 20)`` for files checked together: what follows
        the record's name in messages ("" when there is nothing to say)."""
        where = "" if self.file is None else f" in {self.file}"
        return f"{where} (line {self.line})" if self.line is not None else where

    def describe(self) -> str:
        """``Transaction[3] (line 20)`` (``Transaction[3] in a.xml (line 20)`` for files checked
        together): where the record is, for messages."""
        return f"{self.kind}[{self.index}]{self.place()}"

    def same_apart_from_place(self, other: RecordFacts) -> bool:
        """Does ``other`` hold the same facts, but for the record's index and line?"""
        return type(other) is type(self) and all(
            getattr(self, slot) == getattr(other, slot) for slot in _content_slots(type(self))
        )

    def moved(self: _F, index: int, line: int | None) -> _F:
        """The same facts for an identical record at another place (index and line)."""
        cls = type(self)
        mover = _MOVERS.get(cls) or _mover(cls)
        moved: _F = mover(self, index, line)
        return moved

    def issue(self, code: Code, message: str, *, field: str | None = None) -> Issue:
        """An issue about this record, or one of its fields (by element name)."""
        path = self.path if field is None else f"{self.path}/{field}"
        line = self.line if field is None else self.line_of(field)
        return Issue(
            code=code.name,
            severity=code.severity,
            message=message,
            line=line,
            path=path,
            record=self.ref,
            file=self.file,
        )


_CONTENT_SLOTS: dict[type[Any], tuple[str, ...]] = {}
_MOVERS: dict[type[Any], Callable[[Any, int, int | None], Any]] = {}


def _content_slots(cls: type[Any]) -> tuple[str, ...]:
    """Every slot of a facts class but the record's place (``index`` and ``line``)."""
    found = _CONTENT_SLOTS.get(cls)
    if found is None:
        slots = [slot for klass in cls.__mro__ for slot in getattr(klass, "__slots__", ())]
        found = _CONTENT_SLOTS[cls] = tuple(s for s in slots if s not in ("index", "line"))
    return found


def _mover(cls: type[Any]) -> Callable[[Any, int, int | None], Any]:
    """A copier of ``cls``'s slots that puts the copy at another place.

    Written out slot by slot, as attrs writes its ``__init__``: six times faster than copying
    with ``getattr``/``setattr``, and it runs once per repeated record.
    """
    body = "".join(f"    copy.{slot} = self.{slot}\n" for slot in _content_slots(cls))
    source = (
        "def moved(self, index, line):\n"
        "    copy = new(cls)\n"
        f"{body}"
        "    copy.index = index\n"
        "    copy.line = line\n"
        "    return copy\n"
    )
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    exec(compile(source, f"<moved {cls.__name__}>", "exec"), namespace)
    mover: Callable[[Any, int, int | None], Any] = namespace["moved"]
    _MOVERS[cls] = mover
    return mover


#: The transaction elements whose unreadability (failed schema) the document rules look at,
#: as bits of :attr:`TransactionFacts.unreadable`.
TRANSACTION_FACT_ELEMENTS = (
    "TransactionType",
    "AccountReference",
    "Reference",
    "SecondReference",
    "TransactionDate",
    "NetAmount",
    "TaxAmount",
)
_BIT = {name: 1 << position for position, name in enumerate(TRANSACTION_FACT_ELEMENTS)}


def unreadable_bits(names: frozenset[str] | tuple[str, ...]) -> int:
    """The bit mask of :data:`TRANSACTION_FACT_ELEMENTS` for these element names."""
    bits = 0
    for name in names:
        bits |= _BIT.get(name, 0)
    return bits


@functools.cache
def _mask(names: tuple[str, ...]) -> int:
    return unreadable_bits(names)


class TransactionFacts(RecordFacts):
    """A transaction row as grouping, journals, allocation, duplicates and references see it.

    Strings are ``""`` when absent; an amount is None when absent or unreadable.
    """

    __slots__ = (
        "account_reference",
        "account_reference_at",
        "customer_id",
        "id_at",
        "net_amount",
        "posting",
        "reference",
        "reference_at",
        "second_reference",
        "tax_amount",
        "transaction_date",
        "transaction_type",
        "unreadable",
    )
    kind: ClassVar[str] = "Transaction"
    _LINE_SLOTS: ClassVar[Mapping[str, str]] = {
        "Id": "id_at",
        "AccountReference": "account_reference_at",
        "Reference": "reference_at",
    }

    transaction_type: TransactionType | None
    #: A new transaction, not an update (RecordOperation="Update") of one in Sage.
    posting: bool
    account_reference: str
    customer_id: str
    reference: str
    second_reference: str
    transaction_date: object
    net_amount: Decimal | None
    tax_amount: Decimal | None
    #: Bits of :data:`TRANSACTION_FACT_ELEMENTS` that failed the schema.
    unreadable: int
    id_at: int | None
    account_reference_at: int | None
    reference_at: int | None

    def __init__(self, entry: Located[Transaction]) -> None:
        super().__init__(entry)
        record = entry.record
        invalid = entry.invalid_fields
        self.transaction_type = record.transaction_type
        self.posting = not entry.is_update
        self.account_reference = _text(record.account_reference)
        self.customer_id = _text(record.customer_id)
        self.reference = _text(record.reference)
        self.second_reference = _text(record.second_reference)
        self.transaction_date = record.transaction_date
        self.unreadable = unreadable_bits(invalid) if invalid else 0
        self.net_amount = None if "NetAmount" in invalid else record.net_amount
        self.tax_amount = None if "TaxAmount" in invalid else record.tax_amount
        self.id_at = _offset(entry, "Id")
        self.account_reference_at = _offset(entry, "AccountReference")
        self.reference_at = _offset(entry, "Reference")

    def readable(self, *xml_names: str) -> bool:
        """Did none of these elements fail the schema?"""
        return not self.unreadable or not self.unreadable & _mask(xml_names)

    def has(self, xml_name: str) -> bool:
        """Was the element present in the source (valid or not)?"""
        return super().has(xml_name) or not self.readable(xml_name)


class CustomerFacts(RecordFacts):
    """A customer as duplicates and references see it (strings as written, None if absent)."""

    __slots__ = ("account_reference", "account_reference_at", "id_at")
    kind: ClassVar[str] = "Customer"
    _LINE_SLOTS: ClassVar[Mapping[str, str]] = {
        "Id": "id_at",
        "AccountReference": "account_reference_at",
    }

    account_reference: str | None
    id_at: int | None
    account_reference_at: int | None

    def __init__(self, entry: Located[Customer]) -> None:
        super().__init__(entry)
        reference = entry.record.account_reference
        self.account_reference = None if reference is None else _intern(reference)
        self.id_at = _offset(entry, "Id")
        self.account_reference_at = _offset(entry, "AccountReference")


class InvoiceFacts(RecordFacts):
    """An invoice document as duplicates and references see it."""

    __slots__ = (
        "account_reference",
        "account_reference_at",
        "customer_id",
        "customer_id_at",
        "id_at",
        "invoice_number_at",
        "is_update",
        "number_key",
        "own_name",
        "paid",
        "posted_lines",
        "posted_reference",
    )
    kind: ClassVar[str] = "Invoice"
    _LINE_SLOTS: ClassVar[Mapping[str, str]] = {
        "Id": "id_at",
        "AccountReference": "account_reference_at",
        "CustomerId": "customer_id_at",
        "InvoiceNumber": "invoice_number_at",
    }

    account_reference: str | None
    customer_id: str | None
    #: Update-shaped (names an invoice already in Sage): see ``invoice.update``.
    is_update: bool
    #: How messages name it by its number or Id (``Invoice 5102``, ``Invoice Id 'INV-1'``);
    #: None when it has neither (then it is named by its position, see :attr:`name`).
    own_name: str | None
    #: The Reference of the SalesInvoice Sage posts for it (its InvoiceNumber as a number,
    #: ``0005001`` → ``5001``), when it is a new invoice that is posted and is not a credit
    #: note; else None. Allocation treats such an invoice as a target.
    posted_reference: str | None
    #: Its InvoiceNumber as Sage numbers it (digits compare as a number, ``0005001`` is
    #: ``5001``), when it is a new invoice that gives a valid one; else None.
    number_key: str | None
    #: A target's lines as Sage posts them, for its gross (None when Sage works them out,
    #: or when it is no target): see :mod:`.invoice_totals`.
    posted_lines: tuple[PostedLine, ...] | None
    #: A target's own payment, which Sage allocates to it (0 if none).
    paid: Decimal
    id_at: int | None
    invoice_number_at: int | None
    account_reference_at: int | None
    customer_id_at: int | None

    def __init__(self, entry: Located[Invoice]) -> None:
        super().__init__(entry)
        invoice = entry.record
        self.account_reference = invoice.account_reference
        self.customer_id = invoice.customer_id
        self.is_update = entry.is_update
        self.own_name = own_invoice_name(invoice)
        self.posted_reference = _posted_reference(entry)
        self.number_key = _number_key(entry)
        target = self.posted_reference is not None
        self.posted_lines = posted_lines(invoice) if target else None
        self.paid = own_payment(invoice) if target else Decimal(0)
        self.invoice_number_at = _offset(entry, "InvoiceNumber")
        self.id_at = _offset(entry, "Id")
        self.account_reference_at = _offset(entry, "AccountReference")
        self.customer_id_at = _offset(entry, "CustomerId")

    @property
    def name(self) -> str:
        """How messages name it: ``Invoice 5102``, ``Invoice Id 'INV-1'``, else by its position
        (``Invoice 3``)."""
        return self.own_name or f"Invoice {self.index}"


def _number_key(entry: Located[Invoice]) -> str | None:
    number = (entry.record.invoice_number or "").strip()
    if entry.is_update or not number or "InvoiceNumber" in entry.invalid_fields:
        return None
    return str(int(number)) if number.isascii() and number.isdigit() else number


def _posted_reference(entry: Located[Invoice]) -> str | None:
    invoice = entry.record
    number = (invoice.invoice_number or "").strip()
    if entry.is_update or not number.isdigit() or "InvoiceNumber" in entry.invalid_fields:
        return None
    invoice_type = invoice.invoice_type
    if invoice_type is not None and (
        invoice_type in INVOICE_NOT_POSTED or invoice_type in INVOICE_CREDITS
    ):
        return None
    return str(int(number))


def own_invoice_name(invoice: Invoice) -> str | None:
    """How a message names an invoice by its number or Id; None when it has neither."""
    if invoice.invoice_number and invoice.invoice_number.strip():
        return f"Invoice {invoice.invoice_number.strip()}"
    if invoice.id and invoice.id.strip():
        return f"Invoice Id {invoice.id.strip()!r}"
    return None


AnyFacts = TransactionFacts | CustomerFacts | InvoiceFacts
_FACTS: Mapping[str, type[AnyFacts]] = {
    "Transaction": TransactionFacts,
    "Customer": CustomerFacts,
    "Invoice": InvoiceFacts,
}


def record_facts(entry: Located[Any]) -> AnyFacts:
    """What the document rules keep of one record (its model can then be dropped)."""
    return _FACTS[entry.kind](entry)
