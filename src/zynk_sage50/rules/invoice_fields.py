"""Rules: an invoice document's money, currency, countries and export-only fields."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from ..issues import Issue
from ..modelinfo import class_info
from ..models import Invoice
from ..vocabulary import decimal_places, exceeds_money_limit
from .amounts import precision_message, too_large_message
from .applicability import INVOICE_ADDRESS_EXPORT_ONLY, INVOICE_EXPORT_ONLY, ITEM_EXPORT_ONLY
from .catalogue import (
    AMOUNT_PRECISION,
    AMOUNT_TOO_LARGE,
    FIELD_EXPORT_ONLY,
    INVOICE_CURRENCY_UNKNOWN,
)
from .countries import currency_codes
from .customers import unknown_countries
from .invoice_lines import addresses, lines, named
from .located import Located
from .registry import REGISTRY
from .types import export_only_message


def _money(located: Located[Invoice]) -> Iterator[tuple[str, Decimal, bool]]:
    """Each money amount given on an invoice: its path, value, and whether Sage keeps it to 2
    places (a unit price may carry more, as Sage's unit decimal places setting allows)."""
    invoice = located.record
    for xml_name, value in (
        ("PaymentAmount", invoice.payment_amount),
        ("NetValueDiscount", invoice.net_value_discount),
    ):
        if value is not None:
            yield xml_name, value, True
    for where, _label, item in lines(invoice):
        if item.unit_price is not None:
            yield f"{where}/UnitPrice", item.unit_price, where == "Carriage"
        if item.unit_discount_amount is not None:
            yield f"{where}/UnitDiscountAmount", item.unit_discount_amount, True


@REGISTRY.record(Invoice)
def precision(located: Located[Invoice]) -> Iterator[Issue]:
    """``amount.precision`` (warning) on an invoice's money: more than 2 decimal places."""
    for path, value, two_places in _money(located):
        if not two_places or decimal_places(value) <= 2:
            continue
        yield located.issue(
            AMOUNT_PRECISION, precision_message(f"{named(located)} {path}", value), field=path
        )


@REGISTRY.record(Invoice)
def too_large(located: Located[Invoice]) -> Iterator[Issue]:
    """``amount.too-large`` (error) on an invoice's money: 100,000,000 or more in magnitude."""
    for path, value, _two_places in _money(located):
        if not exceeds_money_limit(value):
            continue
        yield located.issue(
            AMOUNT_TOO_LARGE,
            too_large_message(f"{named(located)} {path}", value, "it over several invoices"),
            field=path,
        )


@REGISTRY.record(Invoice)
def currency_unknown(located: Located[Invoice]) -> Iterator[Issue]:
    """``invoice.currency-unknown`` (warning): Currency is not an ISO 4217 code (I3)."""
    currency = located.record.currency
    if currency is None or not currency.strip() or "Currency" in located.invalid_fields:
        return
    if currency.strip().upper() in currency_codes():
        return
    yield located.issue(
        INVOICE_CURRENCY_UNKNOWN,
        f"{named(located)} has Currency {currency!r}, which is not an ISO 4217 currency code: "
        "give the three-letter code of a currency set up in Sage, e.g. GBP, EUR or USD.",
        field="Currency",
    )


@REGISTRY.record(Invoice)
def address_country_unknown(located: Located[Invoice]) -> Iterator[Issue]:
    """``address.country-unknown`` (warning) in an invoice or delivery address."""
    return unknown_countries(
        located,
        (
            (name, f"{name} of {named(located, midsentence=True)}", address)
            for name, address in addresses(located.record)
        ),
    )


def _export_only_issues(
    located: Located[Invoice], model: Any, fields: Mapping[str, str], where: str
) -> Iterator[Issue]:
    info = class_info(type(model))
    for xml_name, hint in fields.items():
        value = getattr(model, info.elements[xml_name].name)
        # As for transactions and customers: nil and blank strings carry nothing; an element
        # that is present (even an empty <CustomFields />) is reported.
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        yield located.issue(
            FIELD_EXPORT_ONLY,
            export_only_message(xml_name, hint, where),
            field=f"{where}/{xml_name}" if where else xml_name,
        )


@REGISTRY.record(Invoice)
def export_only(located: Located[Invoice]) -> Iterator[Issue]:
    """``field.export-only`` (warning) on an invoice, its addresses, items and carriage
    (``xsi:nil`` and blank strings carry nothing and are not reported)."""
    invoice = located.record
    yield from _export_only_issues(located, invoice, INVOICE_EXPORT_ONLY, "")
    for name, address in addresses(invoice):
        yield from _export_only_issues(located, address, INVOICE_ADDRESS_EXPORT_ONLY, name)
    for where, _label, item in lines(invoice):
        yield from _export_only_issues(located, item, ITEM_EXPORT_ONLY, where)
