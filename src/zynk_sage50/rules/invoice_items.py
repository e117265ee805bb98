"""Rules: the items (and Carriage) of an invoice document: Sku, quantity, sign of the price."""

from __future__ import annotations

from collections.abc import Iterator

from ..issues import Issue
from ..models import Invoice
from ..vocabulary import INVOICE_CREDITS, INVOICE_PRODUCT_TYPES
from .catalogue import (
    INVOICE_NEGATIVE_PRICE,
    INVOICE_NEGATIVE_QUANTITY,
    INVOICE_QUANTITY_MISSING,
    INVOICE_SKU_MISSING,
)
from .invoice_lines import items, lines, named
from .located import Located, has_content
from .registry import REGISTRY


@REGISTRY.record(Invoice)
def sku_missing(located: Located[Invoice]) -> Iterator[Issue]:
    """``invoice.sku-missing`` (warning): an item of a Product* invoice without a Sku."""
    invoice_type = located.record.invoice_type
    if invoice_type is None or invoice_type not in INVOICE_PRODUCT_TYPES:
        return
    for where, label, item in items(located.record):
        if has_content(item.sku) or f"{where}/Sku" in located.invalid_fields:
            continue
        yield located.issue(
            INVOICE_SKU_MISSING,
            f"{named(located)} {label} has no Sku, which a {invoice_type.value} needs: "
            "the importer uses its Default Product Code setting and fails the invoice if none "
            "is set; give the product code (S1, S2 or S3 for a special line, M for a message "
            "line), or use a Service type for lines that are not products.",
            field=f"{where}/Sku",
        )


@REGISTRY.record(Invoice)
def quantity_missing(located: Located[Invoice]) -> Iterator[Issue]:
    """``invoice.quantity-missing`` (error): an item without QtyOrdered (documented Required;
    Carriage does not need one)."""
    for where, label, item in items(located.record):
        if item.qty_ordered is not None or f"{where}/QtyOrdered" in located.invalid_fields:
            continue
        yield located.issue(
            INVOICE_QUANTITY_MISSING,
            f"{named(located)} {label} has no QtyOrdered, which the importer requires on "
            "every item: give the quantity sold (1 for a single service or fee).",
            field=f"{where}/QtyOrdered",
        )


@REGISTRY.record(Invoice)
def negative_quantity(located: Located[Invoice]) -> Iterator[Issue]:
    """``invoice.negative-quantity`` (warning): a negative QtyOrdered; on a credit note the type
    already makes every line a credit."""
    invoice_type = located.record.invoice_type
    for where, label, item in lines(located.record):
        quantity = item.qty_ordered
        if quantity is None or quantity >= 0:
            continue
        if invoice_type is not None and invoice_type in INVOICE_CREDITS:
            fix = (
                f"a {invoice_type.value} already credits every line, so a negative "
                f"quantity turns this one back into a charge: write {-quantity}"
            )
        else:
            fix = (
                f"write the quantity as {-quantity} and set IsNegativeLine to true to take "
                "the line off the invoice, or raise a credit note (ProductCredit or "
                "ServiceCredit)"
            )
        yield located.issue(
            INVOICE_NEGATIVE_QUANTITY,
            f"{named(located)} {label} has QtyOrdered {quantity}: {fix}.",
            field=f"{where}/QtyOrdered",
        )


@REGISTRY.record(Invoice)
def negative_price(located: Located[Invoice]) -> Iterator[Issue]:
    """``invoice.negative-price`` (warning): a negative UnitPrice (Sage's unit price is always
    positive; IsNegativeLine makes a line negative)."""
    for where, label, item in lines(located.record):
        price = item.unit_price
        if price is None or price >= 0:
            continue
        yield located.issue(
            INVOICE_NEGATIVE_PRICE,
            f"{named(located)} {label} has UnitPrice {price}, but a unit price is always "
            f"positive in Sage: write {-price} and set IsNegativeLine to true to make the line "
            "negative.",
            field=f"{where}/UnitPrice",
        )
