"""Invoice documents in the builder: ``invoice`` and ``credit_note`` start one (the Import
Invoices task's invoices: items with quantities and prices, Sage works out the VAT), not the
SI/SC transactions of ``sales_invoice``/``sales_credit``.

Each is checked by the invoice rules as it is started and as each line is added; what spans
invoices (repeated Ids and numbers, allocations to them) is kept by the builder.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attr

from ..errors import BuildError
from ..modelinfo import class_info
from ..models import Invoice, InvoiceAddress, InvoicePaymentType, Invoices, InvoiceType
from ..rules.duplicates import duplicate_invoice_number
from ..vocabulary import INVOICE_CREDITS, INVOICE_POSTED
from . import arguments as a
from .allocation import Allocations
from .arguments import Date
from .invoice_documents import InvoiceDocumentHandle
from .refusals import check_across, placed_facts
from .state import BuilderState

#: Invoice fields → the argument behind them.
_ARGUMENTS = {
    "InvoiceDate": "date",
    "InvoiceAddress": "invoice_address",
    "InvoiceDelivery": "delivery_address",
    "InvoiceDeliveryAddress": "delivery_address",
    "Notes1": "notes[0]",
    "Notes2": "notes[1]",
    "Notes3": "notes[2]",
}
#: What is checked when an invoice is started: everything but its lines.
_HEADER = frozenset(class_info(Invoice).elements) - {"InvoiceItems", "Carriage"}


def _address(name: str, address: object) -> InvoiceAddress | None:
    """A copy of an address argument, its country written as a code where it names one."""
    if address is None:
        return None
    if not isinstance(address, InvoiceAddress):
        raise TypeError(f"{name} must be an InvoiceAddress, not {type(address).__name__}")
    copy = attr.evolve(address)
    if copy.country is not None:
        copy.country = a.country_code(f"{name}.country", copy.country)
    return copy


class InvoiceCalls(BuilderState):
    """``invoice`` and ``credit_note``."""

    def invoice(
        self,
        *,
        date: Date,
        account_reference: str | None = None,
        customer_id: str | None = None,
        invoice_type: InvoiceType | str = InvoiceType.SERVICE_INVOICE,
        id: str | None = None,
        invoice_number: int | str | None = None,
        due_date: Date | None = None,
        order_number: str | None = None,
        customer_order_number: str | None = None,
        taken_by: str | None = None,
        currency: str | None = None,
        foreign_rate: Decimal | int | None = None,
        invoice_address: InvoiceAddress | None = None,
        delivery_address: InvoiceAddress | None = None,
        notes: Sequence[str] = (),
        custom1: str | None = None,
        custom2: str | None = None,
        custom3: str | None = None,
        payment_amount: Decimal | int | None = None,
        payment_type: InvoicePaymentType | str | None = None,
        bank_account: str | None = None,
        payment_ref: str | None = None,
        net_value_discount: Decimal | int | None = None,
        net_value_discount_percent: Decimal | int | None = None,
        net_value_discount_description: str | None = None,
        net_value_discount_comment1: str | None = None,
        net_value_discount_comment2: str | None = None,
        consignment_no: str | None = None,
        courier: int | None = None,
        settlement_days: int | None = None,
        settlement_discount: Decimal | int | None = None,
        global_nominal_code: str | None = None,
        global_tax_code: int | None = None,
        global_details: str | None = None,
        global_department: int | None = None,
    ) -> InvoiceDocumentHandle:
        """Start an invoice (ServiceInvoice unless ``invoice_type`` says otherwise: a
        ProductInvoice, or a proforma or quotation, which Sage does not post); add its lines
        with ``.item(...)``.

        The customer is ``account_reference`` or ``customer_id`` (the Id it was imported
        with). ``payment_amount`` records a receipt posted with the invoice (``payment_type``
        SalesReceipt, allocated, unless given; into ``bank_account``, or the importer's
        Default Bank Account).
        """
        kind = a.member("invoice_type", invoice_type, InvoiceType)
        if kind in INVOICE_CREDITS:
            raise BuildError(f"invoice_type {kind.value} is a credit note: use credit_note()")
        paid = a.optional_money("payment_amount", payment_amount)
        given_type = (
            None
            if payment_type is None
            else a.member("payment_type", payment_type, InvoicePaymentType)
        )
        return self._start_document(
            kind,
            date,
            {
                "account_reference": account_reference,
                "customer_id": customer_id,
                "id": id,
                "invoice_number": invoice_number,
                "due_date": due_date,
                "order_number": order_number,
                "customer_order_number": customer_order_number,
                "taken_by": taken_by,
                "currency": currency,
                "foreign_rate": foreign_rate,
                "invoice_address": invoice_address,
                "delivery_address": delivery_address,
                "notes": notes,
                "custom1": custom1,
                "custom2": custom2,
                "custom3": custom3,
                "payment_amount": paid,
                # SalesReceipt (create and allocate) unless told otherwise.
                "payment_type": given_type
                if paid is None or given_type is not None
                else InvoicePaymentType.SALES_RECEIPT,
                "bank_account": bank_account,
                "payment_ref": payment_ref,
                "net_value_discount": net_value_discount,
                "net_value_discount_percent": net_value_discount_percent,
                "net_value_discount_description": net_value_discount_description,
                "net_value_discount_comment1": net_value_discount_comment1,
                "net_value_discount_comment2": net_value_discount_comment2,
                "consignment_no": consignment_no,
                "courier": courier,
                "settlement_days": settlement_days,
                "settlement_discount": settlement_discount,
                "global_nominal_code": global_nominal_code,
                "global_tax_code": global_tax_code,
                "global_details": global_details,
                "global_department": global_department,
            },
        )

    def credit_note(
        self,
        *,
        date: Date,
        account_reference: str | None = None,
        customer_id: str | None = None,
        invoice_type: InvoiceType | str = InvoiceType.SERVICE_CREDIT,
        id: str | None = None,
        invoice_number: int | str | None = None,
        customer_order_number: str | None = None,
        taken_by: str | None = None,
        currency: str | None = None,
        foreign_rate: Decimal | int | None = None,
        invoice_address: InvoiceAddress | None = None,
        delivery_address: InvoiceAddress | None = None,
        notes: Sequence[str] = (),
        custom1: str | None = None,
        custom2: str | None = None,
        custom3: str | None = None,
        global_nominal_code: str | None = None,
        global_tax_code: int | None = None,
        global_details: str | None = None,
        global_department: int | None = None,
    ) -> InvoiceDocumentHandle:
        """Start a credit note (ServiceCredit, or ProductCredit) with its own
        ``invoice_number``; add its lines with ``.item(...)`` using positive quantities: the
        type makes them credits. A refund is not part of a credit note: record it with
        ``sales_payment``."""
        kind = a.member("invoice_type", invoice_type, InvoiceType)
        if kind not in INVOICE_CREDITS:
            raise BuildError(f"invoice_type {kind.value} is not a credit note: use invoice()")
        return self._start_document(
            kind,
            date,
            {
                "account_reference": account_reference,
                "customer_id": customer_id,
                "id": id,
                "invoice_number": invoice_number,
                "customer_order_number": customer_order_number,
                "taken_by": taken_by,
                "currency": currency,
                "foreign_rate": foreign_rate,
                "invoice_address": invoice_address,
                "delivery_address": delivery_address,
                "notes": notes,
                "custom1": custom1,
                "custom2": custom2,
                "custom3": custom3,
                "global_nominal_code": global_nominal_code,
                "global_tax_code": global_tax_code,
                "global_details": global_details,
                "global_department": global_department,
            },
        )

    def _start_document(
        self, kind: InvoiceType, date: object, given: dict[str, Any]
    ) -> InvoiceDocumentHandle:
        number = given.pop("invoice_number")
        if isinstance(number, int) and not isinstance(number, bool):
            number = str(number)
        number = a.optional_text("invoice_number", number)
        notes = a.lines("notes", given.pop("notes"), 3)
        fields = {name: value for name, value in given.items() if value is not None}
        for name, value in fields.items():
            fields[name] = _converted(name, value)
        invoice = Invoice(
            invoice_type=kind,
            invoice_number=number,
            invoice_date=a.when("date", date),
            invoice_address=_address("invoice_address", fields.pop("invoice_address", None)),
            invoice_delivery_address=_address(
                "delivery_address", fields.pop("delivery_address", None)
            ),
            notes1=notes[0] if len(notes) > 0 else None,
            notes2=notes[1] if len(notes) > 1 else None,
            notes3=notes[2] if len(notes) > 2 else None,
            **fields,
        )
        identifier = (invoice.id or "").strip()
        if identifier and identifier in self._document_ids:
            raise BuildError(
                f"id {invoice.id!r} is already used by another invoice (duplicate.id)"
            )
        self._check(invoice, _ARGUMENTS, _HEADER)
        facts = placed_facts(invoice, len(self._documents) + 1)
        number_key = None if facts is None else facts.number_key
        if facts is not None and number_key in self._document_numbers:
            check_across(
                invoice,
                facts,
                duplicate_invoice_number,
                [self._document_numbers[number_key]],
                _ARGUMENTS,
            )
        handle = InvoiceDocumentHandle(invoice, self._options, self._allocations)
        target_key = None
        if (
            kind in INVOICE_POSTED
            and kind not in INVOICE_CREDITS
            and number
            and handle.account_reference.strip()
        ):
            target_key = Allocations.key(
                handle.target_type, handle.account_reference, handle.reference
            )
            self._allocations.check_new_target(target_key, "invoice_number")
        if target_key is not None:
            self._allocations.add_target(handle)
        if identifier:
            self._document_ids.add(identifier)
        if facts is not None and number_key is not None:
            self._document_numbers[number_key] = facts
        self._documents.append(handle)
        return handle

    def _build_invoices(self) -> Invoices | None:
        """The invoices for ``Company.invoices`` (None when there are none)."""
        for handle in self._documents:
            if not handle.items and handle.invoice.carriage is None:
                number = handle.invoice.invoice_number or handle.invoice.id or "without a number"
                raise BuildError(
                    f"{handle.invoice_type.value} {number} has no items: add them with .item() "
                    "(invoice.no-items)"
                )
        if not self._documents:
            return None
        return Invoices(invoice=[handle.invoice for handle in self._documents])


_FIELDS = {field.name: field for field in class_info(Invoice).fields}
#: Invoice arguments that are money: exactly 2 places, as Sage stores them.
_MONEY = frozenset({"net_value_discount"})


def _converted(name: str, value: object) -> object:
    """An invoice argument checked for its Python type and converted to the model's."""
    if name in ("payment_amount", "payment_type", "invoice_address", "delivery_address"):
        return value  # already converted, or converted by _address
    if name in _MONEY:
        return a.money(name, value)
    if name == "foreign_rate":
        return a.rate(name, value)
    if name == "currency":
        return a.currency_code(name, value)
    return a.as_field(name, value, _FIELDS[name])
