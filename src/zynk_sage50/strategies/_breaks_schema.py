"""Recipes for the ``schema.*`` codes: what the XSD refuses.

A valid record is added and the element it is written as is then changed in the tree: a value
no model field can hold (text where a number belongs, a string past its length), an element or
attribute the schema does not define, an element written twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from hypothesis import strategies as st
from lxml import etree

from ..models import DiscountType
from ._recipe import BANKS, Bad, Context, Recipe, long_text
from ._tree import append, repeat, set_attribute, set_text


def _element(name: str, text: str) -> etree._Element:
    element = etree.Element(name)
    element.text = text
    return element


def unknown_element(ctx: Context) -> Bad:
    """``schema.unknown-element``: an element the schema does not define there."""
    if ctx.flip():
        customer = ctx.customer()
        name, text = ctx.pick(
            [("Phone", "01632 960001"), ("Postcode", "BS1 4DJ"), ("AccountRef", "ABS001")]
        )
        return Bad(customers=[customer], changes=[append(customer, _element(name, text))])
    row = ctx.row(ctx.pick(BANKS))
    name, text = ctx.pick(
        [
            ("NettAmount", "10.00"),
            ("VATAmount", "2.00"),
            ("Currency", "GBP"),
            ("Refrence", "INV-1"),
            ("Notes", "Paid in full"),
        ]
    )
    return Bad(rows=[row], changes=[append(row, _element(name, text))])


def unknown_attribute(ctx: Context) -> Bad:
    """``schema.unknown-attribute``: an attribute the schema does not define there."""
    choice = ctx.pick(["transaction", "customer", "amount"])
    if choice == "customer":
        customer = ctx.customer()
        name, value = ctx.pick([("Operation", "Insert"), ("Type", "Customer")])
        return Bad(customers=[customer], changes=[set_attribute(customer, name=name, value=value)])
    row = ctx.row(ctx.pick(BANKS))
    if choice == "amount":
        name = ctx.pick(["currency", "Currency"])
        return Bad(rows=[row], changes=[set_attribute(row, "net_amount", name=name, value="GBP")])
    name, value = ctx.pick([("Type", "BankReceipt"), ("Operation", "Insert"), ("id", "1")])
    return Bad(rows=[row], changes=[set_attribute(row, name=name, value=value)])


def duplicate_element(ctx: Context) -> Bad:
    """``schema.duplicate-element``: a single-valued element twice in one record."""
    if ctx.flip():
        customer = ctx.customer()
        return Bad(
            customers=[customer],
            changes=[repeat(customer, ctx.pick(["company_name", "currency"]))],
        )
    row = ctx.row(ctx.pick(BANKS))
    return Bad(
        rows=[row], changes=[repeat(row, ctx.pick(["details", "net_amount", "nominal_code"]))]
    )


def invalid_value(ctx: Context) -> Bad:
    """``schema.invalid-value``: a value not of the field's type, enumeration or pattern."""
    choice = ctx.pick(
        [
            "net_amount",
            "tax_code",
            "transaction_type",
            "transaction_date",
            "fund",
            "disputed",
            "terms_agreed",
            "credit_limit",
            "discount_type",
        ]
    )
    if choice in ("terms_agreed", "credit_limit", "discount_type"):
        customer = ctx.customer(
            terms_agreed=True,
            credit_limit=Decimal("1000.00"),
            discount_type=DiscountType.NO_DISCOUNT,
        )
        raw = ctx.pick(
            {
                "terms_agreed": ["Y", "yes", "1.0"],
                "credit_limit": ["1,000", "£1000"],
                "discount_type": ["Table", "None", "discounttable"],
            }[choice]
        )
        return Bad(customers=[customer], changes=[set_text(customer, choice, raw=raw)])
    if choice == "disputed":
        row = ctx.update()
        return Bad(rows=[row], changes=[set_text(row, "disputed", raw=ctx.pick(["yes", "Y"]))])
    # The field is given a valid value first, so that its element is where the schema wants.
    row = ctx.row(ctx.pick(BANKS), fund="1" if choice == "fund" else None)
    raw = ctx.pick(
        {
            "net_amount": ["12,50", "£12.50", "", "12.5O"],
            "tax_code": ["T1", "T9", "S"],
            "transaction_type": ["BR", "SI", "Bank Receipt", "bankreceipt"],
            "transaction_date": ["2026-11-02", "02/11/2026", "2026-11-02 00:00:00"],
            "fund": ["A1", "1234", "01-"],
        }[choice]
    )
    return Bad(rows=[row], changes=[set_text(row, choice, raw=raw)])


def too_long(ctx: Context) -> Bad:
    """``schema.too-long``: a string longer than its field's maximum."""
    choice = ctx.pick(
        [
            "reference",
            "details",
            "account_reference",
            "payment_reference",
            "company_name",
            "country",
            "currency",
            "customer_account",
        ]
    )
    if choice in ("company_name", "country", "currency", "customer_account"):
        customer = ctx.customer()
        raw = {
            "company_name": lambda: long_text(ctx, 60),
            "country": lambda: ctx.pick(["GBR", "FRA", "UK."]),
            "currency": lambda: ctx.pick(["GBPS", "EURO", "Sterling"]),
            "customer_account": lambda: ctx.pick(["ACMEENG001", "CUSTOMER-42"]),
        }[choice]()
        path = {
            "country": ("customer_invoice_address", "country"),
            "customer_account": ("account_reference",),
        }.get(choice, (choice,))
        return Bad(customers=[customer], changes=[set_text(customer, *path, raw=raw)])
    row = ctx.row(ctx.pick(BANKS), **{choice: "X"})
    raw = {
        "reference": lambda: "REF-" + "0" * 27 + str(ctx.draw(st.integers(1, 999))),
        "details": lambda: long_text(ctx, 60),
        "account_reference": lambda: ctx.pick(["CURRENTACC", "BANK-1200"]),
        "payment_reference": lambda: long_text(ctx, 60),
    }[choice]()
    return Bad(rows=[row], changes=[set_text(row, choice, raw=raw)])


def out_of_range(ctx: Context) -> Bad:
    """``schema.out-of-range``: a number outside its field's bounds."""
    choice = ctx.pick(["tax_code", "department", "id", "customer_tax_code"])
    if choice == "customer_tax_code":
        customer = ctx.customer(tax_code=1)
        raw = str(ctx.draw(st.integers(100, 999)))
        return Bad(customers=[customer], changes=[set_text(customer, "tax_code", raw=raw)])
    row = ctx.row(ctx.pick(BANKS), department=1)
    bounds = {
        "tax_code": (100, 999),
        "department": (1000, 99_999),
        "id": (100_000_000, 999_999_999),
    }[choice]
    raw = str(ctx.draw(st.integers(*bounds)))
    return Bad(rows=[row], changes=[set_text(row, choice, raw=raw)])


RECIPES: Mapping[str, Recipe] = {
    "schema.unknown-element": unknown_element,
    "schema.unknown-attribute": unknown_attribute,
    "schema.duplicate-element": duplicate_element,
    "schema.invalid-value": invalid_value,
    "schema.too-long": too_long,
    "schema.out-of-range": out_of_range,
}
