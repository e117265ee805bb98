"""What a record rule sees: one bound record with where it came from, and what was given.

:class:`Located` is the record rules' input for every kind (Transaction, Customer, Invoice).
The helpers below answer "was this field given?" the same way for all of them: absent,
``xsi:nil`` and blank strings are not given; a field present but invalid (already a schema
error) counts as given, so that it is never also reported as missing.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import Any, Generic, TypeVar

import attr

from ..issues import Issue, RecordRef
from ..modelinfo import class_info
from ..models import Customer, Invoice, RecordOperation, Transaction, TransactionType
from ..vocabulary import canonical_type
from .applicability import FAIL_FILE_ELEMENTS
from .catalogue import Code

R = TypeVar("R", Transaction, Customer, Invoice)

#: The fields the Update Invoices and Update Ledgers tasks read (Sage-50-UK-Update-*-XML).
INVOICE_UPDATE_FIELDS = frozenset(
    {
        "Id",
        "InvoiceNumber",
        "CustomerOrderNumber",
        "TakenBy",
        "InvoiceAddress",
        "InvoiceDeliveryAddress",
        "Notes1",
        "Notes2",
        "Notes3",
        "Custom1",
        "Custom2",
        "Custom3",
    }
)


def is_given_value(value: object) -> bool:
    """A value that carries data: not absent or nil, and not an empty or blank string."""
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() != ""
    return True


def has_content(value: object) -> bool:
    """A value that carries data: not None, not a blank string, not an empty collection or
    element (a model all of whose fields are empty)."""
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() != ""
    if isinstance(value, list):
        return any(has_content(item) for item in value)
    if attr.has(type(value)):
        return any(
            has_content(getattr(value, field.name)) for field in class_info(type(value)).fields
        )
    return True


_ATTRIBUTE_NAMES: dict[type[Any], Mapping[str, str]] = {}


def _attribute_names(cls: type[Any]) -> Mapping[str, str]:
    info = class_info(cls)
    names = {name: field.name for name, field in info.attributes.items()}
    names.update((name, field.name) for name, field in info.elements.items())
    _ATTRIBUTE_NAMES[cls] = names
    return names


def field_value(record: Any, xml_name: str) -> Any:
    """The bound value of a record's element (or attribute) by its XML name."""
    cls = type(record)
    names = _ATTRIBUTE_NAMES.get(cls) or _attribute_names(cls)
    return getattr(record, names[xml_name])


def _update_of(record: Any, kind: str, invalid_fields: frozenset[str]) -> bool:
    if kind != "Invoice":
        return getattr(record, "record_operation", None) is RecordOperation.UPDATE
    return _is_update_shaped(record, invalid_fields)


def _is_update_shaped(invoice: Invoice, invalid_fields: frozenset[str]) -> bool:
    """An invoice naming one already in Sage by Id or InvoiceNumber and giving nothing but the
    fields the Update Invoices task changes (so no customer, type, items or payment)."""

    def given(xml_name: str, value: object) -> bool:
        return xml_name in invalid_fields or has_content(value)

    info = class_info(Invoice)
    if not (given("Id", invoice.id) or given("InvoiceNumber", invoice.invoice_number)):
        return False
    return all(
        field.xml_name in INVOICE_UPDATE_FIELDS
        or field.xml_name in FAIL_FILE_ELEMENTS  # Zynk's Errors on a fail file's records
        or not given(field.xml_name, getattr(invoice, field.name))
        for field in info.fields
    )


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class Located(Generic[R]):
    """A record bound to its model, with its position in the source document.

    ``field_lines`` maps an element name (``NetAmount``), or a path below the record
    (``InvoiceItems/Item[2]/QtyOrdered``), to its line; ``invalid_fields`` names the elements
    that were present but failed the schema (already reported), so rules can treat them as
    given without reading their value. ``is_update`` is worked out once, on creation: a
    transaction or customer with ``RecordOperation="Update"``, an update-shaped invoice.
    """

    record: R
    kind: str
    index: int
    line: int | None = None
    field_lines: Mapping[str, int] = attr.ib(factory=dict)
    invalid_fields: frozenset[str] = frozenset()
    is_update: bool = attr.ib(init=False)
    #: A new transaction's type as the importer posts it (an alias folded into its type);
    #: None for an update, an unknown type, or a record that is not a transaction.
    posted_type: TransactionType | None = attr.ib(init=False)

    @is_update.default
    def _is_update(self) -> bool:
        return _update_of(self.record, self.kind, self.invalid_fields)

    @posted_type.default
    def _posted_type(self) -> TransactionType | None:
        record = self.record
        if self.is_update or not isinstance(record, Transaction):
            return None
        return canonical_type(record.transaction_type)

    @property
    def path(self) -> str:
        """``/Company/Transactions/Transaction[3]``."""
        return f"/Company/{self.kind}s/{self.kind}[{self.index}]"

    @property
    def ref(self) -> RecordRef:
        """The record reference carried by issues about this record."""
        record_id = self.record.id
        return RecordRef(
            kind=self.kind, index=self.index, id=None if record_id is None else str(record_id)
        )

    @property
    def operation_unreadable(self) -> bool:
        """RecordOperation was written but failed the schema: new or update is unknown."""
        return "@RecordOperation" in self.invalid_fields

    def has(self, xml_name: str) -> bool:
        """Was the element present in the source (valid or not)?"""
        return xml_name in self.field_lines or xml_name in self.invalid_fields

    def given(self, xml_name: str) -> bool:
        """Was the element (or attribute) given a value? See the module's docstring.

        For a record read from a document (it has a line), an element without a line was not
        in the source, so it is not given without reading the model.
        """
        if xml_name in self.invalid_fields:
            return True
        if self.line is not None and xml_name not in self.field_lines and xml_name[0] != "@":
            return False
        value = field_value(self.record, xml_name)
        if value is None:
            return False
        return value.strip() != "" if isinstance(value, str) else True

    def value(self, xml_name: str) -> Any:
        """The bound value of an element (or attribute) by its XML name."""
        return field_value(self.record, xml_name)

    def issue(self, code: Code, message: str, *, field: str | None = None) -> Issue:
        """An issue about this record, or about one of its fields (element name or path below
        the record); its severity is the code's, from the catalogue."""
        line = self.line
        path = self.path
        if field is not None:
            path = f"{path}/{field}"
            line = self.field_lines.get(field, line)
        return Issue(
            code=code.name,
            severity=code.severity,
            message=message,
            line=line,
            path=path,
            record=self.ref,
        )


def shown(value: object) -> str:
    """A value as quoted in a message: strings in quotes; numbers, dates, enums plain."""
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def located(records: Sequence[R], kind: str) -> list[Located[R]]:
    """Records of a model built in Python (no source lines), located for the rules."""
    return [
        Located(record=record, kind=kind, index=index)
        for index, record in enumerate(records, start=1)
    ]
