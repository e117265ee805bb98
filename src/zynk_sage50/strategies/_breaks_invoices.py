"""Recipes for the codes of invoice documents (``invoice.*``), and the invoice-document forms
of shared codes (``duplicate.id``, ``amount.*``, ``address.country-unknown``,
``field.export-only``): a complete invoice document built as a model, with one field or item
set, changed or removed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attr
from hypothesis import strategies as st

from .. import vocabulary as voc
from ..models import Invoice, InvoiceAddress, InvoiceItem, InvoiceItems, InvoicePaymentType
from ..models import InvoiceType as I
from . import _values as v
from ._recipe import POSTED, Bad, Context, Recipe

PAYMENT_TYPES = tuple(InvoicePaymentType)
PRODUCTS = tuple(kind for kind in POSTED if kind in voc.INVOICE_PRODUCT_TYPES)
CREDITS = tuple(kind for kind in POSTED if kind in voc.INVOICE_CREDITS)


# ----- shared codes on an invoice document ---------------------------------------------------
def on_an_invoice(ctx: Context, recipe: Callable[[Context], Invoice | list[Invoice]]) -> Bad:
    """A shared code (``duplicate.id``, ``amount.*``...) on an invoice document."""
    made = recipe(ctx)
    return Bad(invoices=made if isinstance(made, list) else [made])


def _with_item(ctx: Context, invoice: Invoice, **fields: Any) -> Invoice:
    """``invoice`` with ``fields`` set on one of its items."""
    assert invoice.invoice_items is not None
    items = list(invoice.invoice_items.item)
    index = ctx.draw(st.integers(0, len(items) - 1))
    items[index] = attr.evolve(items[index], **fields)
    return attr.evolve(invoice, invoice_items=InvoiceItems(item=items))


def invoice_export_only(ctx: Context) -> Invoice:
    invoice = ctx.invoice()
    choice = ctx.pick(["invoice", "item", "address"])
    if choice == "invoice":
        change: dict[str, Any] = ctx.pick(
            [
                {"unique_id": str(ctx.draw(st.integers(1, 99_999)))},
                {"items_net": ctx.amount()},
                {"posted_flag": True},
                {"amount_paid": Decimal("0.00")},
            ]
        )
        return attr.evolve(invoice, **change)
    if choice == "item":
        assert invoice.invoice_items is not None
        items = list(invoice.invoice_items.item)
        index = ctx.draw(st.integers(0, len(items) - 1))
        item = items[index]
        total = (item.qty_ordered or Decimal(0)) * (item.unit_price or Decimal(0))
        items[index] = attr.evolve(item, total_net=total)
        return attr.evolve(invoice, invoice_items=InvoiceItems(item=items))
    address = InvoiceAddress(
        company=ctx.pick(v.COMPANY_NAMES), country="GB", description="Head office"
    )
    return attr.evolve(invoice, invoice_address=address)


def invoice_duplicate_id(ctx: Context) -> list[Invoice]:
    taken = [invoice.id for invoice in ctx.invoices if invoice.id]
    if taken and ctx.flip():  # an Id of the valid part's invoices
        return [ctx.invoice(id=ctx.pick(taken))]
    first = ctx.invoice()
    return [first, ctx.invoice(id=first.id)]


def invoice_precision(ctx: Context) -> Invoice:
    extra = ctx.draw(st.decimals(min_value=Decimal("0.001"), max_value=Decimal("0.009"), places=3))
    choice = ctx.pick(["payment", "carriage", "discount"])
    if choice == "payment":
        return ctx.invoice(
            payment_amount=ctx.amount() + extra,
            payment_type=ctx.pick(PAYMENT_TYPES),
            bank_account="1200",
        )
    if choice == "carriage":
        return ctx.invoice(
            I.PRODUCT_INVOICE,
            carriage=InvoiceItem(
                qty_ordered=Decimal(1), unit_price=ctx.amount(Decimal("50.00")) + extra
            ),
        )
    return _with_item(ctx, ctx.invoice(), unit_discount_amount=Decimal("1.00") + extra)


def invoice_too_large(ctx: Context) -> Invoice:
    amount = ctx.draw(
        st.decimals(min_value=voc.MONEY_LIMIT, max_value=Decimal("999999999.99"), places=2)
    )
    if ctx.flip():
        return _with_item(ctx, ctx.invoice(), unit_price=amount)
    return ctx.invoice(
        payment_amount=amount,
        payment_type=InvoicePaymentType.SALES_RECEIPT,
        bank_account="1200",
    )


def invoice_address_country(ctx: Context) -> Invoice:
    address = InvoiceAddress(
        company=ctx.pick(v.COMPANY_NAMES),
        address1="1 Quay Street",
        town="Bristol",
        postcode="BS1 4DJ",
        country=ctx.pick(["UK", "EN", "XX", "EU"]),
    )
    if ctx.flip():
        return ctx.invoice(invoice_delivery_address=address)
    return ctx.invoice(invoice_address=address)


# ----- invoice codes -------------------------------------------------------------------------
def invoice_update(ctx: Context) -> Bad:
    """``invoice.update`` (info): an invoice naming one already in Sage, changing its notes,
    order details or delivery address."""
    change: dict[str, Any] = ctx.pick(
        [
            {"notes1": "Leave next door"},
            {"customer_order_number": f"PO-{ctx.draw(st.integers(1, 99_999))}"},
            {"custom1": "Priority"},
            {
                "invoice_delivery_address": InvoiceAddress(
                    address1="Unit 9, Quayside", town="Bristol", postcode="BS1 5TR", country="GB"
                )
            },
        ]
    )
    named: dict[str, Any] = ctx.pick(
        [
            {"id": str(ctx.draw(st.integers(1, 99_999)))},
            {"invoice_number": str(ctx.draw(st.integers(1, 9_999_999)))},
        ]
    )
    return Bad(invoices=[Invoice(**named, **change)])


def invoice_customer_missing(ctx: Context) -> Bad:
    """``invoice.customer-missing``: neither AccountReference nor CustomerId."""
    invoice = ctx.invoice(
        ctx.pick(POSTED),
        account_reference=ctx.empty_or_none(),
        customer_id=ctx.empty_or_none(),
    )
    return Bad(invoices=[invoice])


def invoice_type_missing(ctx: Context) -> Bad:
    """``invoice.type-missing`` (info): no InvoiceType."""
    return Bad(invoices=[ctx.invoice(I.SERVICE_INVOICE, invoice_type=None)])


def invoice_not_posted(ctx: Context) -> Bad:
    """``invoice.not-posted`` (info): a proforma or quotation."""
    return Bad(invoices=[ctx.invoice(ctx.pick(v.ordered(voc.INVOICE_NOT_POSTED)))])


def invoice_no_items(ctx: Context) -> Bad:
    """``invoice.no-items``: no items and no carriage."""
    items = ctx.pick([None, InvoiceItems()])
    return Bad(invoices=[ctx.invoice(ctx.pick(POSTED), invoice_items=items)])


def _with_bad_item(ctx: Context, kind: I, **fields: Any) -> Invoice:
    """An invoice document of ``kind`` with one more item, which has ``fields``."""
    invoice = ctx.invoice(kind)
    assert invoice.invoice_items is not None
    items = list(invoice.invoice_items.item)
    items.insert(ctx.draw(st.integers(0, len(items))), ctx.item(kind, **fields))
    return attr.evolve(invoice, invoice_items=InvoiceItems(item=items))


def invoice_sku_missing(ctx: Context) -> Bad:
    """``invoice.sku-missing``: an item of a ProductInvoice or ProductCredit without a Sku."""
    return Bad(invoices=[_with_bad_item(ctx, ctx.pick(PRODUCTS), sku=ctx.empty_or_none())])


def invoice_quantity_missing(ctx: Context) -> Bad:
    """``invoice.quantity-missing``: an item without QtyOrdered."""
    return Bad(invoices=[_with_bad_item(ctx, ctx.pick(POSTED), qty_ordered=None)])


def invoice_negative_quantity(ctx: Context) -> Bad:
    """``invoice.negative-quantity``: a negative QtyOrdered (a credit note's lines are already
    credits)."""
    quantity = -Decimal(ctx.draw(st.integers(1, 10)))
    return Bad(invoices=[_with_bad_item(ctx, ctx.pick(POSTED), qty_ordered=quantity)])


def invoice_negative_price(ctx: Context) -> Bad:
    """``invoice.negative-price``: a negative UnitPrice, on an item or the carriage."""
    price = -ctx.amount(Decimal("100.00"))
    kind = ctx.pick(POSTED)
    if kind in voc.INVOICE_PRODUCT_TYPES and ctx.flip():
        carriage = InvoiceItem(qty_ordered=Decimal(1), unit_price=price, tax_code=v.STANDARD_CODE)
        return Bad(invoices=[ctx.invoice(kind, carriage=carriage)])
    return Bad(invoices=[_with_bad_item(ctx, kind, unit_price=price)])


def invoice_payment_without_amount(ctx: Context) -> Bad:
    """``invoice.payment-without-amount``: PaymentType, PaymentRef or BankAccount without a
    PaymentAmount (a PaymentAmount of 0 is ``amount.zero`` as well)."""
    given: dict[str, Any] = ctx.pick(
        [
            {"payment_type": InvoicePaymentType.SALES_RECEIPT},
            {"bank_account": "1200"},
            {"payment_ref": "Card"},
            {"payment_type": InvoicePaymentType.SALES_RECEIPT_ON_ACCOUNT, "bank_account": "1210"},
        ]
    )
    return Bad(invoices=[ctx.invoice(**given)])


def invoice_payment_type_missing(ctx: Context) -> Bad:
    """``invoice.payment-type-missing``: a PaymentAmount without PaymentType."""
    invoice = ctx.invoice(payment_amount=ctx.amount(), bank_account=ctx.pick(v.BANKS[:3]))
    return Bad(invoices=[invoice])


def invoice_payment_default_bank(ctx: Context) -> Bad:
    """``invoice.payment-default-bank`` (info): a payment without BankAccount."""
    invoice = ctx.invoice(payment_amount=ctx.amount(), payment_type=ctx.pick(PAYMENT_TYPES))
    return Bad(invoices=[invoice])


def invoice_payment_not_applicable(ctx: Context) -> Bad:
    """``invoice.payment-not-applicable``: a payment on a credit note, proforma or
    quotation."""
    kind = ctx.pick([*(k for k in POSTED if k in voc.INVOICE_CREDITS), I.SERVICE_PROFORMA])
    invoice = ctx.invoice(
        kind,
        payment_amount=ctx.amount(),
        payment_type=InvoicePaymentType.SALES_RECEIPT,
        bank_account="1200",
    )
    return Bad(invoices=[invoice])


def invoice_currency_unknown(ctx: Context) -> Bad:
    """``invoice.currency-unknown``: Currency is not an ISO 4217 code."""
    currency = ctx.pick(["UKP", "STG", "GPB", "EUD", "US$"])
    return Bad(invoices=[ctx.invoice(ctx.pick(POSTED), currency=currency)])


def invoice_unknown_customer(ctx: Context) -> Bad:
    """``invoice.unknown-customer`` (info): the document has customers and the invoice names
    none of them."""
    account, customers = ctx.unknown_account()
    if ctx.flip():
        invoice = ctx.invoice(account_reference=account)
    else:
        invoice = ctx.invoice(account_reference=None, customer_id=f"web-{account.lower()}")
    return Bad(invoices=[invoice], customers=customers)


def invoice_duplicate_number(ctx: Context) -> Bad:
    """``invoice.duplicate-number``: a new invoice with the InvoiceNumber of an earlier one,
    written as given or with leading zeros (digits compare as numbers). One taken from the
    valid part comes back on a credit note, which is no allocation target, so no receipt of
    the valid part becomes ambiguous."""
    taken = [i.invoice_number for i in ctx.invoices if i.invoice_number and i.id]
    if taken and ctx.flip():
        number = ctx.pick(taken)
        again = number if ctx.flip() else number.zfill(7)
        return Bad(invoices=[ctx.invoice(ctx.pick(CREDITS), invoice_number=again)])
    number = str(ctx.draw(st.integers(50_000, 99_999)))  # beyond the valid part's numbers
    again = ctx.pick([number, number.zfill(7)])
    return Bad(invoices=[ctx.invoice(invoice_number=number), ctx.invoice(invoice_number=again)])


RECIPES: Mapping[str, Recipe] = {
    "invoice.update": invoice_update,
    "invoice.customer-missing": invoice_customer_missing,
    "invoice.type-missing": invoice_type_missing,
    "invoice.not-posted": invoice_not_posted,
    "invoice.no-items": invoice_no_items,
    "invoice.sku-missing": invoice_sku_missing,
    "invoice.quantity-missing": invoice_quantity_missing,
    "invoice.negative-quantity": invoice_negative_quantity,
    "invoice.negative-price": invoice_negative_price,
    "invoice.payment-without-amount": invoice_payment_without_amount,
    "invoice.payment-type-missing": invoice_payment_type_missing,
    "invoice.payment-default-bank": invoice_payment_default_bank,
    "invoice.payment-not-applicable": invoice_payment_not_applicable,
    "invoice.currency-unknown": invoice_currency_unknown,
    "invoice.unknown-customer": invoice_unknown_customer,
    "invoice.duplicate-number": invoice_duplicate_number,
}
