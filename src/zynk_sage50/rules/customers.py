"""Rules: customer records (Sage 50 UK Customer XML, with the Sage 200 seed's additions)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..issues import Issue
from ..models import Customer, CustomerAddress, DeliveryAddress, DiscountType
from ..vocabulary import account_key
from .catalogue import (
    ADDRESS_COUNTRY_UNKNOWN,
    CUSTOMER_ACCOUNT_REFERENCE_MISSING,
    CUSTOMER_CURRENCY_UNKNOWN,
    CUSTOMER_DISCOUNT_TABLE_REQUIRED,
    CUSTOMER_DUPLICATE_ACCOUNT_REFERENCE,
    CUSTOMER_NAME_MISSING,
)
from .countries import code_for_name, country_code, currency_codes
from .document import DocumentContext
from .facts import CustomerFacts
from .located import Located, is_given_value
from .registry import REGISTRY

LocatedCustomer = Located[Customer]

#: The name parts of CustomerInvoiceAddress that name a customer without a CompanyName.
NAME_PARTS = ("title", "forename", "middlename", "surname")
NAME_XML_PARTS = ("Title", "Forename", "Middlename", "Surname")


@REGISTRY.record(Customer)
def name_missing(located: LocatedCustomer) -> Iterator[Issue]:
    """``customer.name-missing``: neither CompanyName nor a contact name in the invoice address.

    Not reported on ``RecordOperation="Update"``: an update of an existing customer keeps the
    name it has.
    """
    if located.is_update or located.given("CompanyName"):
        return
    address = located.record.customer_invoice_address
    if address is not None and any(is_given_value(getattr(address, part)) for part in NAME_PARTS):
        return
    if any(f"CustomerInvoiceAddress/{part}" in located.invalid_fields for part in NAME_XML_PARTS):
        return  # a name part is there but invalid: already a schema error
    yield located.issue(
        CUSTOMER_NAME_MISSING,
        "This customer has no CompanyName and no Title, Forename, Middlename or Surname in "
        "CustomerInvoiceAddress: a new customer needs a name, so add one (fine if the record "
        "only updates a customer already in Sage).",
        field="CompanyName",
    )


@REGISTRY.record(Customer)
def account_reference_missing(located: LocatedCustomer) -> Iterator[Issue]:
    """``customer.account-reference-missing`` (info): no AccountReference."""
    if located.given("AccountReference"):
        return
    yield located.issue(
        CUSTOMER_ACCOUNT_REFERENCE_MISSING,
        "This customer has no AccountReference: the Import Customers task must be set to "
        "generate references (Auto Generate References) or to match existing accounts, "
        "otherwise give one.",
        field="AccountReference",
    )


@REGISTRY.record(Customer)
def currency_unknown(located: LocatedCustomer) -> Iterator[Issue]:
    """``customer.currency-unknown``: Currency is not an ISO 4217 code (empty is not checked)."""
    currency = located.record.currency
    if currency is None or not currency.strip() or "Currency" in located.invalid_fields:
        return
    if currency.strip().upper() in currency_codes():
        return
    yield located.issue(
        CUSTOMER_CURRENCY_UNKNOWN,
        f"Currency {currency!r} is not an ISO 4217 currency code: give the three-letter code "
        "of a currency set up in Sage, e.g. GBP, EUR or USD.",
        field="Currency",
    )


@REGISTRY.record(Customer)
def discount_table_required(located: LocatedCustomer) -> Iterator[Issue]:
    """``customer.discount-table-required``: DiscountType DiscountTable without DiscountTable."""
    if located.record.discount_type is not DiscountType.DISCOUNT_TABLE:
        return
    if located.given("DiscountTable"):
        return
    yield located.issue(
        CUSTOMER_DISCOUNT_TABLE_REQUIRED,
        "DiscountType is DiscountTable but DiscountTable is missing or empty: give the "
        "discount table (a single character, as set up in Sage), or choose another DiscountType.",
        field="DiscountTable",
    )


def _addresses(
    customer: Customer,
) -> Iterator[tuple[str, str, CustomerAddress | DeliveryAddress]]:
    """Each address of a customer: its path inside the record, its name, the address."""
    if customer.customer_invoice_address is not None:
        yield "CustomerInvoiceAddress", "CustomerInvoiceAddress", customer.customer_invoice_address
    if customer.customer_delivery_address is not None:
        yield (
            "CustomerDeliveryAddress",
            "CustomerDeliveryAddress",
            customer.customer_delivery_address,
        )
    if customer.delivery_addresses is not None:
        for index, contact in enumerate(customer.delivery_addresses.contact, start=1):
            if contact is not None:
                yield (
                    f"DeliveryAddresses/Contact[{index}]",
                    f"delivery address {index} (DeliveryAddresses)",
                    contact,
                )


@REGISTRY.record(Customer)
def address_country_unknown(located: LocatedCustomer) -> Iterator[Issue]:
    """``address.country-unknown``: an address Country that is not an ISO 3166-1 alpha-2 code."""
    return unknown_countries(located, _addresses(located.record))


def unknown_countries(
    located: Located[Any], places: Iterable[tuple[str, str, Any]]
) -> Iterator[Issue]:
    """``address.country-unknown`` for each (path below the record, label, address) whose
    Country is not a two-letter ISO 3166 code (customers' and invoices' addresses alike)."""
    for where, label, address in places:
        country = address.country
        if country is None or not country.strip() or country_code(country):
            continue
        if f"{where}/Country" in located.invalid_fields:
            continue  # longer than 2 characters: already schema.too-long
        code = code_for_name(country)
        instead = f"write {code}" if code else "write one, e.g. GB for the United Kingdom"
        yield located.issue(
            ADDRESS_COUNTRY_UNKNOWN,
            f"Country {country!r} in {label} is not a two-letter ISO 3166 country code, "
            f"which is what Sage expects: {instead}.",
            field=f"{where}/Country",
        )


@REGISTRY.document
def duplicate_account_reference(context: DocumentContext) -> Iterator[Issue]:
    """``customer.duplicate-account-reference``: two customers share an AccountReference.

    Reported on every customer after the first with that reference (compared as Sage does,
    ignoring case and surrounding blanks).
    """
    first: dict[str, CustomerFacts] = {}
    for located in context.customers:
        reference = located.account_reference
        if reference is None or not reference.strip():
            continue
        key = account_key(reference)
        earlier = first.setdefault(key, located)
        if earlier is located:
            continue
        yield located.issue(
            CUSTOMER_DUPLICATE_ACCOUNT_REFERENCE,
            f"AccountReference {reference!r} is also used by customer {earlier.index}"
            f"{earlier.place()}: "
            "give each customer its own reference, or merge the two records.",
            field="AccountReference",
        )
