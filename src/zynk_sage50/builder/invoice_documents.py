"""The handle of an invoice document (``Company/Invoices/Invoice``) being built: its items and
carriage, each checked by the invoice rules as it is added, and what it is as an allocation
target once Sage posts it."""

from __future__ import annotations

from decimal import Decimal

import attr

from ..errors import BuildError
from ..models import (
    Invoice,
    InvoiceItem,
    InvoiceItems,
    InvoiceType,
    TransactionType,
)
from ..rules import DEFAULT_OPTIONS, InvoiceFacts, Located, RuleOptions
from ..rules.invoice_totals import invoice_gross, own_payment
from ..vocabulary import INVOICE_CREDITS, INVOICE_POSTED, account_key
from . import arguments as a
from .allocation import Allocations
from .refusals import check_record

#: Item fields → the ``item()`` argument behind them, for messages.
ITEM_ARGUMENTS = {
    "QtyOrdered": "quantity",
    "UnitDiscountPercentage": "discount_percentage",
    "UnitDiscountAmount": "discount_amount",
    "IsNegativeLine": "negative",
}


class InvoiceDocumentHandle:
    """An invoice or credit note being built: add its lines with :meth:`item` (and
    :meth:`carriage`); the ``Invoice`` model is :attr:`invoice`.

    A posted invoice (not a credit note, proforma or quotation) with an ``invoice_number`` and
    an ``account_reference`` can be passed as ``allocate_to`` to ``sales_receipt`` and
    ``sales_credit``: Sage posts it as an SI whose Ref is the invoice number.
    """

    def __init__(
        self,
        invoice: Invoice,
        options: RuleOptions = DEFAULT_OPTIONS,
        allocations: Allocations | None = None,
    ) -> None:
        self.invoice = invoice
        self._options = options
        self._allocations = allocations

    @property
    def invoice_type(self) -> InvoiceType:
        """ProductInvoice, ServiceCredit...: set when the handle was started."""
        assert self.invoice.invoice_type is not None
        return self.invoice.invoice_type

    @property
    def items(self) -> list[InvoiceItem]:
        """The items added so far."""
        return [] if self.invoice.invoice_items is None else self.invoice.invoice_items.item

    # ----- as an allocation target ----------------------------------------------------------
    @property
    def target_type(self) -> TransactionType:
        """What Sage posts it as: SalesInvoice (SalesCredit for a credit note)."""
        if self.invoice_type in INVOICE_CREDITS:
            return TransactionType.SALES_CREDIT
        return TransactionType.SALES_INVOICE

    @property
    def account_reference(self) -> str:
        """The customer's account."""
        return self.invoice.account_reference or ""

    @property
    def reference(self) -> str:
        """The Ref Sage posts it with, as the rules read it: its invoice number as a number
        (``0005001`` → ``5001``)."""
        entry = Located(record=self.invoice, kind="Invoice", index=1)
        return InvoiceFacts(entry).posted_reference or (self.invoice.invoice_number or "")

    @property
    def gross(self) -> Decimal | None:
        """Lines and carriage with their VAT, when it can be known: the rules' own
        :func:`~zynk_sage50.rules.invoice_totals.invoice_gross`, as ``validate`` works it out."""
        return invoice_gross(self.invoice, self._options)

    @property
    def paid(self) -> Decimal:
        """The payment taken with the invoice that Sage allocates to it (a SalesReceipt)."""
        return own_payment(self.invoice)

    def as_target(self) -> InvoiceDocumentHandle:
        """This handle, if allocations can reach it; refused otherwise, saying why."""
        if self.invoice_type not in INVOICE_POSTED or self.invoice_type in INVOICE_CREDITS:
            raise BuildError(
                f"allocate_to is a {self.invoice_type.value}: only a posted invoice can be "
                "allocated to (not a credit note, proforma or quotation)"
            )
        if not self.invoice.invoice_number:
            raise BuildError(
                "allocate_to is an invoice without an invoice_number: give it one, since "
                "allocations reach it by the number Sage posts it with"
            )
        if not self.account_reference.strip():
            raise BuildError(
                "allocate_to is an invoice without an account_reference: give it one, since "
                "allocations reach an invoice on its account"
            )
        return self

    @property
    def account_key(self) -> str:
        """The account as Sage compares it."""
        return account_key(self.account_reference)

    # ----- lines -----------------------------------------------------------------------------
    def _add(self, line: InvoiceItem, where: str) -> None:
        """Check the invoice with ``line`` added at ``where``; add it if nothing is refused."""
        items = [*self.items, line] if where.startswith("InvoiceItems") else self.items
        trial = attr.evolve(
            self.invoice,
            invoice_items=InvoiceItems(item=items) if items else None,
            carriage=line if where == "Carriage" else self.invoice.carriage,
        )
        check_record(trial, ITEM_ARGUMENTS, (where,), below=where, options=self._options)
        if self._allocations is not None:  # a line taken off must leave room for allocations
            self._allocations.check_total(self, invoice_gross(trial, self._options))
        self.invoice.invoice_items = trial.invoice_items
        self.invoice.carriage = trial.carriage

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

        Quantities and prices are never negative: a credit note's type already credits its
        lines, and ``negative=True`` takes a line off an invoice.
        """
        line = InvoiceItem(
            sku=a.optional_text("sku", sku),
            name=a.optional_text("name", name),
            details=a.optional_text("details", details),
            description=a.optional_text("description", description),
            comments=a.optional_text("comments", comments),
            unit_of_sale=a.optional_text("unit_of_sale", unit_of_sale),
            qty_ordered=a.number("quantity", quantity),
            unit_price=None if unit_price is None else a.number("unit_price", unit_price),
            unit_discount_percentage=None
            if discount_percentage is None
            else a.number("discount_percentage", discount_percentage),
            unit_discount_amount=a.optional_money("discount_amount", discount_amount),
            nominal_code=a.optional_text("nominal_code", nominal_code),
            tax_code=a.optional_integer("tax_code", tax_code),
            department=a.optional_integer("department", department),
            is_negative_line=a.flag("negative", negative),
            reference=a.optional_text("reference", reference),
        )
        self._add(line, f"InvoiceItems/Item[{len(self.items) + 1}]")
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
        line = InvoiceItem(
            qty_ordered=Decimal(1),
            unit_price=a.money("net", net),
            nominal_code=a.optional_text("nominal_code", nominal_code),
            tax_code=a.optional_integer("tax_code", tax_code),
            department=a.optional_integer("department", department),
        )
        self._add(line, "Carriage")
        return self

    def __repr__(self) -> str:
        number = self.invoice.invoice_number or self.invoice.id or "?"
        return f"<{self.invoice_type.value} {number}: {len(self.items)} items>"
