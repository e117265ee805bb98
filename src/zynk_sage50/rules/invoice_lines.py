"""What the invoice rules share: an invoice's items and addresses, how messages name it, and
when one of its elements counts as given (an element all of whose fields are empty does not).

Item fields are named by their path below the invoice, every item indexed:
``InvoiceItems/Item[2]/QtyOrdered``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..modelinfo import class_info
from ..models import Invoice, InvoiceAddress, InvoiceItem
from .facts import own_invoice_name
from .located import Located, has_content


def given(located: Located[Invoice], xml_name: str) -> bool:
    """Was the invoice's element given data (or present but invalid, so already reported)?"""
    if xml_name in located.invalid_fields:
        return True
    field = class_info(Invoice).elements[xml_name]
    return has_content(getattr(located.record, field.name))


def named(located: Located[Invoice], *, midsentence: bool = False) -> str:
    """How a message about one invoice names it: by number or Id, else "This invoice" (the
    issue's path and line say which; a message that does not depend on where the invoice is
    lets a repeated record be checked once, see :mod:`zynk_sage50.repeats`)."""
    return own_invoice_name(located.record) or ("this" if midsentence else "This") + " invoice"


def items(invoice: Invoice) -> Iterator[tuple[str, str, InvoiceItem]]:
    """Each item of an invoice: its path below the invoice, its name in messages, the item."""
    if invoice.invoice_items is not None:
        for index, item in enumerate(invoice.invoice_items.item, start=1):
            if item is not None:
                yield f"InvoiceItems/Item[{index}]", f"item {index}", item


def lines(invoice: Invoice) -> Iterator[tuple[str, str, InvoiceItem]]:
    """The items, then Carriage when given."""
    yield from items(invoice)
    if invoice.carriage is not None:
        yield "Carriage", "Carriage", invoice.carriage


def addresses(invoice: Invoice) -> Iterator[tuple[str, InvoiceAddress]]:
    """The invoice and delivery addresses given, by element name."""
    if invoice.invoice_address is not None:
        yield "InvoiceAddress", invoice.invoice_address
    if invoice.invoice_delivery_address is not None:
        yield "InvoiceDeliveryAddress", invoice.invoice_delivery_address
