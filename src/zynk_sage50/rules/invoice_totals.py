"""What Sage will post an invoice document for, where that can be known from the file: the
gross total ``allocation.over-allocated`` compares allocations with (the builder uses the same
functions for its handles).

Each line's net is quantity × unit price rounded to pennies, its VAT that net at its tax
code's rate (the line's, else the invoice's GlobalTaxCode), carriage included, lines marked
IsNegativeLine taken off. Unknown when a line has no unit price (Sage's product price) or no
quantity, when there is a discount (Sage applies those itself), or when a tax code's rate is
not in the caller's table.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from ..models import Invoice, InvoicePaymentType
from ..vocabulary import round_line_amount, tax_for

if TYPE_CHECKING:  # document.py imports facts.py, which imports this module
    from .document import RuleOptions


class PostedLine(NamedTuple):
    """One line (item or carriage) as Sage posts it: its net, tax code and side."""

    net: Decimal
    tax_code: int | None
    negative: bool


def posted_lines(invoice: Invoice) -> tuple[PostedLine, ...] | None:
    """The lines Sage posts for ``invoice``, or None when their amounts are Sage's to work
    out (a line without unit price or quantity, a discount)."""
    if invoice.net_value_discount or invoice.net_value_discount_percent:
        return None
    lines = [*(invoice.invoice_items.item if invoice.invoice_items else ())]
    if invoice.carriage is not None:
        lines.append(invoice.carriage)
    posted = []
    for line in lines:
        if line.unit_discount_amount or line.unit_discount_percentage:
            return None
        if line.unit_price is None or line.qty_ordered is None:
            return None
        code = invoice.global_tax_code if line.tax_code is None else line.tax_code
        posted.append(
            PostedLine(
                round_line_amount(line.qty_ordered * line.unit_price),
                code,
                bool(line.is_negative_line),
            )
        )
    return tuple(posted)


def posted_gross(lines: Sequence[PostedLine] | None, options: RuleOptions) -> Decimal | None:
    """The gross of ``lines`` (each net with its VAT, negative lines taken off), or None
    when unknown: no lines known, or a tax code without a rate in ``options``."""
    if lines is None:
        return None
    total = Decimal(0)
    for line in lines:
        rate = None if line.tax_code is None else options.tax_rate(line.tax_code)
        if rate is None:
            return None
        amount = line.net + tax_for(line.net, rate)
        total += -amount if line.negative else amount
    return total


def invoice_gross(invoice: Invoice, options: RuleOptions) -> Decimal | None:
    """What Sage will post ``invoice`` for, when it can be known (see the module)."""
    return posted_gross(posted_lines(invoice), options)


def own_payment(invoice: Invoice) -> Decimal:
    """The payment taken with the invoice that Sage allocates to it (PaymentAmount posted as
    a SalesReceipt), else 0."""
    amount = invoice.payment_amount
    if invoice.payment_type is InvoicePaymentType.SALES_RECEIPT and isinstance(amount, Decimal):
        return amount
    return Decimal(0)
