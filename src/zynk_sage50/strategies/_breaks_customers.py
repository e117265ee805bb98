"""Recipes for the codes of customers (``customer.*``, ``address.*``) and of what names them
(``reference.unknown-customer``): customers built as models with one field changed."""

from __future__ import annotations

from collections.abc import Mapping

import attr

from .. import vocabulary as voc
from ..models import CustomerAddress, DiscountType
from . import _values as v
from ._breaks_invoices import invoice_address_country, on_an_invoice
from ._recipe import Bad, Context, Recipe


def name_missing(ctx: Context) -> Bad:
    """``customer.name-missing``: no CompanyName and no contact name."""
    return Bad(customers=[ctx.customer(company_name=ctx.empty_or_none())])


def discount_table_required(ctx: Context) -> Bad:
    """``customer.discount-table-required``."""
    customer = ctx.customer(
        discount_type=DiscountType.DISCOUNT_TABLE, discount_table=ctx.empty_or_none()
    )
    return Bad(customers=[customer])


def duplicate_account_reference(ctx: Context) -> Bad:
    """``customer.duplicate-account-reference``: two customers, one AccountReference."""
    if ctx.accounts and ctx.flip():
        reference = ctx.pick(ctx.accounts)
        return Bad(customers=[ctx.customer(account_reference=reference.lower())])
    first = ctx.customer()
    second = attr.evolve(ctx.customer(), account_reference=first.account_reference)
    return Bad(customers=[first, second])


def account_reference_missing(ctx: Context) -> Bad:
    """``customer.account-reference-missing`` (info)."""
    customer = attr.evolve(ctx.customer(), account_reference=ctx.empty_or_none())
    return Bad(customers=[customer])


def currency_unknown(ctx: Context) -> Bad:
    """``customer.currency-unknown``: not an ISO 4217 code."""
    return Bad(customers=[ctx.customer(currency=ctx.pick(["UKP", "STG", "GPB", "EUO", "US$"]))])


def address_country_unknown(ctx: Context) -> Bad:
    """``address.country-unknown``: not an ISO 3166 two-letter code (UK is GB)."""
    if ctx.on_an_invoice():
        return on_an_invoice(ctx, invoice_address_country)
    country = ctx.pick(["UK", "EN", "XX", "EU"])
    customer = ctx.customer()
    if ctx.flip():
        address = CustomerAddress(
            address1="1 Quay Street", town="Bristol", postcode="BS1 4DJ", country=country
        )
        return Bad(customers=[attr.evolve(customer, customer_delivery_address=address)])
    invoice_address = customer.customer_invoice_address
    assert invoice_address is not None
    moved = attr.evolve(invoice_address, country=country)
    return Bad(customers=[attr.evolve(customer, customer_invoice_address=moved)])


def unknown_customer(ctx: Context) -> Bad:
    """``reference.unknown-customer`` (info): a sales row naming none of the customers."""
    account, customers = ctx.unknown_account()
    row = ctx.row(ctx.pick(v.ordered(voc.SALES)), account_reference=account)
    return Bad(rows=[row], customers=customers)


RECIPES: Mapping[str, Recipe] = {
    "customer.name-missing": name_missing,
    "customer.discount-table-required": discount_table_required,
    "customer.duplicate-account-reference": duplicate_account_reference,
    "customer.account-reference-missing": account_reference_missing,
    "customer.currency-unknown": currency_unknown,
    "address.country-unknown": address_country_unknown,
    "reference.unknown-customer": unknown_customer,
}
