"""Invoice documents (``Company/Invoices/Invoice``) in the builder: ``invoice`` and
``credit_note`` start one, :class:`InvoiceDocumentHandle` adds its items and carriage.

These are the Import Invoices task's invoices (Sage's invoicing: items with quantities and
prices), not the SI/SC transactions of ``sales_invoice``/``sales_credit``. What the builder
refuses is what the invoice rules (``rules/invoices.py``) would report as an error or a
warning: a missing customer, quantity or Sku, negative quantities or prices, inexact or
oversized money, payments that cannot apply, repeated Ids or invoice numbers, an invoice with
nothing on it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, TypeAlias

from xsdata.models.datatype import XmlDateTime

from ..errors import BuildError
from ..modelinfo import class_info
from ..models import (
    Invoice,
    InvoiceAddress,
    InvoiceItem,
    InvoiceItems,
    InvoicePaymentType,
    Invoices,
    InvoiceType,
)
from ..rules.invoices import CREDITS, INVOICE_EXPORT_ONLY, NOT_POSTED, PRODUCT_TYPES
from . import values

Date: TypeAlias = str | dt.date | XmlDateTime
_INVOICE_NUMBER = re.compile("[0-9]{1,7}")
#: Python names of the invoice fields only Zynk's export writes.
_EXPORT_ONLY = frozenset(class_info(Invoice).elements[name].name for name in INVOICE_EXPORT_ONLY)
_ARGUMENTS = {
    "invoice_date": "date",
    "invoice_delivery_address": "delivery_address",
    "qty_ordered": "quantity",
    "unit_discount_percentage": "discount_percentage",
    "unit_discount_amount": "discount_amount",
    "is_negative_line": "negative",
}


def _decimal(name: str, value: object) -> Decimal:
    """A finite ``Decimal`` or ``int`` argument (never a float)."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TypeError(
            f"{name} must be a Decimal or an int, not {type(value).__name__}"
            + (" (floats are inexact: use Decimal('...'))" if isinstance(value, float) else "")
        )
    result = Decimal(value)
    if not result.is_finite():
        raise BuildError(f"{name} must be a finite number, not {result}")
    return result


def _unit_price(value: object) -> Decimal:
    """A unit price: not negative, under Sage's limit; more than 2 places are allowed (Sage's
    unit decimal places setting), the line total is what Sage rounds."""
    price = _decimal("unit_price", value)
    if price < 0:
        raise BuildError(
            f"unit_price must not be negative ({price}); Sage's unit price is always positive: "
            "pass negative=True to take the line off the invoice"
        )
    if price >= values.MONEY_LIMIT:
        raise BuildError(f"unit_price is {price}; Sage's import takes amounts under 100,000,000")
    return price


def _addressed(name: str, address: InvoiceAddress | None) -> InvoiceAddress | None:
    if address is None:
        return None
    if address.country:
        address.country = values.country_code(f"{name}.country", address.country)
    values.check_facets(address, {})
    return address


class InvoiceDocumentHandle:
    """An invoice or credit note being built: add its lines with :meth:`item` (and
    :meth:`carriage`); the ``Invoice`` model is :attr:`invoice`."""

    def __init__(self, invoice: Invoice) -> None:
        self.invoice = invoice

    @property
    def invoice_type(self) -> InvoiceType:
        """ProductInvoice, ServiceCredit...: set when the handle was started."""
        assert self.invoice.invoice_type is not None
        return self.invoice.invoice_type

    @property
    def items(self) -> list[InvoiceItem]:
        """The items added so far."""
        return [] if self.invoice.invoice_items is None else self.invoice.invoice_items.item

    def item(
        self,
        *,
        quantity: Decimal | int,
        unit_price: Decimal | int | None = None,
        sku: str | None = None,
        name: str | None = None,
        details: str | None = None,
        description: str | None = None,
        comments: str | None = None,
        unit_of_sale: str | None = None,
        discount_percentage: Decimal | int | None = None,
        discount_amount: Decimal | int | None = None,
        nominal_code: str | None = None,
        tax_code: int | None = None,
        department: int | None = None,
        negative: bool | None = None,
        reference: str | None = None,
    ) -> InvoiceDocumentHandle:
        """Add a line: ``quantity`` of ``sku`` (required on Product types) at ``unit_price``
        (Sage's product price when omitted); returns the handle to chain.

        A quantity is never negative: a credit note's type already credits its lines, and
        ``negative=True`` takes a line off an invoice.
        """
        qty = _decimal("quantity", quantity)
        if qty < 0:
            raise BuildError(
                f"quantity must not be negative ({qty}): "
                + (
                    "a credit note already credits its lines"
                    if self.invoice_type in CREDITS
                    else "pass negative=True to take the line off the invoice"
                )
            )
        if self.invoice_type in PRODUCT_TYPES and not (sku and sku.strip()):
            raise BuildError(
                f"sku is required on a {self.invoice_type.value} (the product code; S1, S2, S3 "
                "for special lines, M for a message line)"
            )
        line = InvoiceItem(
            sku=sku,
            name=name,
            details=details,
            description=description,
            comments=comments,
            unit_of_sale=unit_of_sale,
            qty_ordered=qty,
            unit_price=None if unit_price is None else _unit_price(unit_price),
            unit_discount_percentage=None
            if discount_percentage is None
            else _decimal("discount_percentage", discount_percentage),
            unit_discount_amount=None
            if discount_amount is None
            else values.money("discount_amount", discount_amount),
            nominal_code=nominal_code,
            tax_code=tax_code,
            department=department,
            is_negative_line=negative,
            reference=reference,
        )
        values.check_facets(line, _ARGUMENTS)
        if self.invoice.invoice_items is None:
            self.invoice.invoice_items = InvoiceItems()
        self.invoice.invoice_items.item.append(line)
        return self

    def carriage(
        self,
        *,
        net: Decimal | int,
        nominal_code: str | None = None,
        tax_code: int | None = None,
        department: int | None = None,
    ) -> InvoiceDocumentHandle:
        """Set the carriage charge (Sage's Carriage Net, exactly 2 places); returns the handle."""
        if self.invoice.carriage is not None:
            raise BuildError("the carriage is already set")
        carriage = InvoiceItem(
            qty_ordered=Decimal(1),
            unit_price=values.money("net", net),
            nominal_code=nominal_code,
            tax_code=tax_code,
            department=department,
        )
        values.check_facets(carriage, _ARGUMENTS)
        self.invoice.carriage = carriage
        return self

    def __repr__(self) -> str:
        number = self.invoice.invoice_number or self.invoice.id or "?"
        return f"<{self.invoice_type.value} {number}: {len(self.items)} items>"


class InvoiceDocuments:
    """The builder's invoice-document methods (mixed into ``DocumentBuilder``)."""

    def _init_invoice_documents(self) -> None:
        self._invoice_documents: list[InvoiceDocumentHandle] = []
        self._invoice_document_ids: set[str] = set()
        self._invoice_numbers: set[str] = set()

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
        payment_amount: Decimal | int | None = None,
        payment_type: InvoicePaymentType | str | None = None,
        bank_account: str | None = None,
        payment_ref: str | None = None,
        **other: Any,
    ) -> InvoiceDocumentHandle:
        """Start an invoice (ServiceInvoice unless ``invoice_type`` says otherwise: a
        ProductInvoice, or a proforma or quotation, which Sage does not post); add its lines
        with ``.item(...)``.

        The customer is ``account_reference`` or ``customer_id`` (the Id it was imported
        with). ``payment_amount`` records a receipt posted with the invoice (``payment_type``
        SalesReceipt, allocated, unless given; into ``bank_account``, or the importer's
        Default Bank Account). Any other ``Invoice`` field may be passed by its Python name.
        """
        kind = InvoiceType(invoice_type)
        if kind in CREDITS:
            raise BuildError(f"{kind.value} is a credit note: use credit_note()")
        return self._invoice_document(
            kind,
            date=date,
            account_reference=account_reference,
            customer_id=customer_id,
            id=id,
            invoice_number=invoice_number,
            due_date=due_date,
            order_number=order_number,
            customer_order_number=customer_order_number,
            taken_by=taken_by,
            currency=currency,
            foreign_rate=foreign_rate,
            invoice_address=invoice_address,
            delivery_address=delivery_address,
            notes=notes,
            payment_amount=payment_amount,
            payment_type=payment_type,
            bank_account=bank_account,
            payment_ref=payment_ref,
            other=other,
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
        **other: Any,
    ) -> InvoiceDocumentHandle:
        """Start a credit note (ServiceCredit, or ProductCredit); add its lines with
        ``.item(...)`` using positive quantities: the type makes them credits. A refund is not
        part of a credit note: record it as a SalesPayment transaction."""
        kind = InvoiceType(invoice_type)
        if kind not in CREDITS:
            raise BuildError(f"{kind.value} is not a credit note: use invoice()")
        return self._invoice_document(
            kind,
            date=date,
            account_reference=account_reference,
            customer_id=customer_id,
            id=id,
            invoice_number=invoice_number,
            due_date=None,
            order_number=None,
            customer_order_number=customer_order_number,
            taken_by=taken_by,
            currency=currency,
            foreign_rate=foreign_rate,
            invoice_address=invoice_address,
            delivery_address=delivery_address,
            notes=notes,
            payment_amount=None,
            payment_type=None,
            bank_account=None,
            payment_ref=None,
            other=other,
        )

    def _invoice_document(
        self,
        kind: InvoiceType,
        *,
        date: Date,
        account_reference: str | None,
        customer_id: str | None,
        id: str | None,
        invoice_number: int | str | None,
        due_date: Date | None,
        order_number: str | None,
        customer_order_number: str | None,
        taken_by: str | None,
        currency: str | None,
        foreign_rate: Decimal | int | None,
        invoice_address: InvoiceAddress | None,
        delivery_address: InvoiceAddress | None,
        notes: Sequence[str],
        payment_amount: Decimal | int | None,
        payment_type: InvoicePaymentType | str | None,
        bank_account: str | None,
        payment_ref: str | None,
        other: dict[str, Any],
    ) -> InvoiceDocumentHandle:
        if not (account_reference and account_reference.strip()) and not (
            customer_id and customer_id.strip()
        ):
            raise BuildError("account_reference or customer_id is required (the customer)")
        if date is None:
            raise BuildError("date is required")
        exported = sorted(name for name in other if name in _EXPORT_ONLY)
        if exported:
            raise BuildError(f"{', '.join(exported)}: only Zynk's export writes these")
        if isinstance(notes, str) or len(notes) > 3:
            raise BuildError("notes is a sequence of at most 3 lines (Notes1 to Notes3)")
        number = self._number(invoice_number)
        if id is not None and id.strip() in self._invoice_document_ids:
            raise BuildError(f"invoice id {id!r} is already used")
        payment = self._payment(kind, payment_amount, payment_type, bank_account, payment_ref)
        invoice = Invoice(
            id=id,
            account_reference=account_reference,
            customer_id=customer_id,
            invoice_type=kind,
            invoice_number=number,
            invoice_date=values.when("date", date),
            due_date=None if due_date is None else values.when("due_date", due_date),
            order_number=order_number,
            customer_order_number=customer_order_number,
            taken_by=taken_by,
            currency=None if currency is None else values.currency_code("currency", currency),
            foreign_rate=None
            if foreign_rate is None
            else values.rate("foreign_rate", foreign_rate),
            invoice_address=_addressed("invoice_address", invoice_address),
            invoice_delivery_address=_addressed("delivery_address", delivery_address),
            notes1=notes[0] if len(notes) > 0 else None,
            notes2=notes[1] if len(notes) > 1 else None,
            notes3=notes[2] if len(notes) > 2 else None,
            **payment,
            **other,
        )
        if invoice.net_value_discount is not None:
            invoice.net_value_discount = values.money(
                "net_value_discount", invoice.net_value_discount
            )
        values.check_facets(invoice, _ARGUMENTS)
        if id is not None:
            self._invoice_document_ids.add(id.strip())
        if number is not None:
            self._invoice_numbers.add(number)
        handle = InvoiceDocumentHandle(invoice)
        self._invoice_documents.append(handle)
        return handle

    def _number(self, invoice_number: int | str | None) -> str | None:
        if invoice_number is None:
            return None
        if isinstance(invoice_number, bool):
            raise TypeError("invoice_number must be an int or a string of digits")
        number = str(invoice_number)
        if not _INVOICE_NUMBER.fullmatch(number):
            raise BuildError(
                f"invoice_number {invoice_number!r} must be 1 to 7 digits (Sage's invoice numbers)"
            )
        if number in self._invoice_numbers:
            raise BuildError(f"invoice_number {number} is already used")
        return number

    @staticmethod
    def _payment(
        kind: InvoiceType,
        amount: Decimal | int | None,
        payment_type: InvoicePaymentType | str | None,
        bank_account: str | None,
        payment_ref: str | None,
    ) -> dict[str, Any]:
        if amount is None:
            given = [
                name
                for name, value in (
                    ("payment_type", payment_type),
                    ("bank_account", bank_account),
                    ("payment_ref", payment_ref),
                )
                if value is not None
            ]
            if given:
                raise BuildError(f"{', '.join(given)} needs payment_amount")
            return {}
        if kind in NOT_POSTED:
            raise BuildError(
                f"a {kind.value} is never posted, so it takes no payment: record the payment "
                "on the invoice that replaces it"
            )
        paid = values.money("payment_amount", amount)
        if paid == 0:
            raise BuildError("payment_amount must be more than 0 (leave it out for no payment)")
        return {
            "payment_amount": paid,
            "payment_type": InvoicePaymentType(payment_type or InvoicePaymentType.SALES_RECEIPT),
            "bank_account": bank_account,
            "payment_ref": payment_ref,
        }

    def _build_invoices(self) -> Invoices | None:
        """The invoices for ``Company.invoices`` (None when there are none)."""
        for handle in self._invoice_documents:
            if not handle.items and handle.invoice.carriage is None:
                number = handle.invoice.invoice_number or handle.invoice.id or "without a number"
                raise BuildError(
                    f"{handle.invoice_type.value} {number} has no items: add them with .item()"
                )
        if not self._invoice_documents:
            return None
        return Invoices(invoice=[handle.invoice for handle in self._invoice_documents])
