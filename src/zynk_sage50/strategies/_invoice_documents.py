"""Invoice documents (``Company/Invoices/Invoice``) drawn through the driver's builder: an
invoice or credit note of Zynk's Import Invoices task with its items, carriage, addresses,
currency and, on invoices, a payment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_DOWN, Decimal
from typing import Any

from hypothesis import strategies as st

from .. import vocabulary as voc
from ..models import Invoice, InvoiceAddress, InvoicePaymentType, InvoiceType
from . import _values as v
from ._customers import customer_details
from ._driver import Driver

#: The number of items one invoice document has at most.
MAX_ITEMS = 6
_PAYMENT_TYPES = tuple(InvoicePaymentType)
_DISCOUNTS = (Decimal(5), Decimal(10), Decimal("12.5"))


def invoice_document(
    driver: Driver, kinds: Sequence[InvoiceType] = v.POSTED_INVOICE_TYPES
) -> Invoice:
    """An invoice or credit note of Zynk's Import Invoices task, one of ``kinds``: a
    customer of the document, 1 to MAX_ITEMS items (with Skus on product types), sometimes
    carriage, a payment (invoices only) with its PaymentType and BankAccount, addresses,
    notes. A unique Id; an invoice number sometimes."""
    kind = driver.pick(kinds)
    credit = kind in voc.INVOICE_CREDITS
    product = kind in voc.INVOICE_PRODUCT_TYPES
    driver.invoiced += 1
    number = driver.invoiced
    day = driver.day()
    account = driver.sales_account()
    # Mostly the AccountReference (0 shrinks first); sometimes the CustomerId the customer
    # was imported with (customers' Ids are their account references), or both.
    naming = driver.draw(st.integers(0, 3))
    header: dict[str, Any] = {
        "id": f"{'CRN' if credit else 'INV'}{number:05d}",
        "account_reference": account if naming in (0, 1, 3) else None,
        "customer_id": account if naming >= 2 else None,
        "invoice_type": kind,
        "date": v.xml_date(day),
        "invoice_number": driver.some(number),
        "customer_order_number": driver.some(f"PO{number:05d}"),
        "taken_by": driver.maybe_pick(v.TAKEN_BY),
        "invoice_address": _address(driver),
        "delivery_address": _address(driver) if product else None,
        "notes": [driver.pick(v.INVOICE_NOTES) for _ in range(driver.draw(st.integers(0, 3)))],
    }
    header.update(_currency(driver))
    items = [
        _item(driver, product, credit, first=index == 0)
        for index in range(driver.draw(st.integers(1, MAX_ITEMS)))
    ]
    carriage: dict[str, Any] | None = None
    if product and driver.draw(st.booleans()):
        carriage = {
            "net": driver.draw(v.money(Decimal("75.00"))),
            "nominal_code": driver.pick(v.CARRIAGE_NOMINALS),
            "tax_code": v.STANDARD_CODE,
        }
    if credit:
        handle = driver.builder.credit_note(**header)
    else:
        header["due_date"] = driver.some(v.xml_date(day + dt.timedelta(days=30)))
        header["order_number"] = driver.some(str(number % 10_000_000))
        header.update(_payment(driver, items, carriage))
        handle = driver.builder.invoice(**header)
    for item in items:
        handle.item(**item)
    if carriage is not None:
        handle.carriage(**carriage)
    return handle.invoice


def _address(driver: Driver) -> InvoiceAddress | None:
    """Nothing (the customer's address is used), or an address of a drawn customer."""
    if not driver.draw(st.booleans()):
        return None
    d = driver.draw(customer_details())
    town, county, postcode = d.town
    return InvoiceAddress(
        title=d.title if d.person else None,
        forename=d.forename if d.person else None,
        surname=d.surname if d.person else None,
        company=None if d.person else d.name,
        address1=d.street,
        town=town,
        county=county,
        postcode=postcode,
        country=d.country,
        telephone=f"01632 960{d.phone:03d}",
    )


def _currency(driver: Driver) -> dict[str, Any]:
    """Mostly none (the customer's currency); sometimes GBP, or EUR or USD at a rate."""
    currency = driver.maybe_pick(v.CURRENCIES)
    if currency is None:
        return {}
    rates = v.FOREIGN_RATES.get(currency)
    return {"currency": currency, "foreign_rate": driver.maybe_pick(rates) if rates else None}


def _item(driver: Driver, product: bool, credit: bool, *, first: bool) -> dict[str, Any]:
    """One item's arguments for ``InvoiceDocumentHandle.item``."""
    item: dict[str, Any] = {"tax_code": driver.pick(v.INVOICE_TAX_CODES)}
    if product:
        sku, name, unit, price = driver.pick(v.PRODUCTS)
        item.update(sku=sku, quantity=Decimal(driver.draw(st.integers(1, 50))))
    else:
        name, unit, price = driver.pick(v.SERVICES)
        count = driver.draw(st.integers(1, 40))
        item["quantity"] = Decimal(count) / 2 if unit == "Hour" else Decimal(count)
    if driver.draw(st.booleans()):  # a negotiated price instead of the list price
        price = driver.draw(v.money(Decimal("5000.00")))
    item.update(name=name, unit_of_sale=unit, unit_price=price)
    discount = driver.draw(st.integers(0, 3))  # 0 and 1: no discount
    if discount == 2:
        item["discount_percentage"] = driver.pick(_DISCOUNTS)
    elif discount == 3:
        item["discount_amount"] = driver.draw(
            v.money(max(v.CENT, price.quantize(v.CENT, rounding=ROUND_DOWN)))
        )
    item["nominal_code"] = driver.maybe_pick(v.SALES_NOMINALS)
    item["department"] = driver.maybe(st.integers(0, 999))
    item["details"] = driver.maybe_pick(v.SALES_DETAILS)
    if credit:
        item["comments"] = driver.maybe_pick(v.CREDIT_REASONS)
    elif not first:
        item["negative"] = driver.some(True)  # a line taken off the invoice
    return item


def _payment(
    driver: Driver, items: Sequence[dict[str, Any]], carriage: dict[str, Any] | None
) -> dict[str, Any]:
    """Nothing, or a receipt posted with the invoice: all of its gross or a deposit, with
    its PaymentType and BankAccount, sometimes a PaymentRef."""
    total = Decimal(0)
    for item in items:
        price = item["unit_price"] - item.get("discount_amount", 0)
        net = item["quantity"] * price * (100 - item.get("discount_percentage", 0)) / 100
        net = voc.round_to_pennies(net)
        line = net + (v.tax_for(net, item["tax_code"]) or 0)
        total += -line if item.get("negative") else line
    if carriage is not None:
        total += carriage["net"] + (v.tax_for(carriage["net"], carriage["tax_code"]) or 0)
    total = min(total, v.LINE_LIMIT)
    if total < v.CENT or not driver.draw(st.booleans()):
        return {}
    return {
        "payment_amount": total if driver.draw(st.booleans()) else driver.draw(v.money(total)),
        "payment_type": driver.pick(_PAYMENT_TYPES),
        "bank_account": driver.pick(v.BANKS[:3]),
        "payment_ref": driver.maybe_pick(("Card", "BACS", "CHQ 100234", "Stripe ch_3PqL")),
    }
