"""Rules: customer records (Sage 50 UK Customer XML, with the Sage 200 seed's additions)."""

from __future__ import annotations

import functools
from collections.abc import Iterator

import pycountry

from ..issues import Issue, Severity
from ..models import Customer, CustomerAddress, DeliveryAddress, DiscountType, RecordOperation
from ..vocabulary import account_key
from .context import LocatedCustomer, RuleContext
from .oss import code_for_name, country_code
from .types import given, is_given_value

#: The name parts of CustomerInvoiceAddress that name a customer without a CompanyName.
NAME_PARTS = ("title", "forename", "middlename", "surname")
NAME_XML_PARTS = ("Title", "Forename", "Middlename", "Surname")


def _is_update(located: LocatedCustomer) -> bool:
    return located.record.record_operation is RecordOperation.UPDATE


def name_missing(located: LocatedCustomer) -> Iterator[Issue]:
    """``customer.name-missing``: neither CompanyName nor a contact name in the invoice address.

    Not reported on ``RecordOperation="Update"``: an update of an existing customer keeps the
    name it has.
    """
    if _is_update(located) or given(located, "CompanyName"):
        return
    address = located.record.customer_invoice_address
    if address is not None and any(is_given_value(getattr(address, part)) for part in NAME_PARTS):
        return
    if any(f"CustomerInvoiceAddress/{part}" in located.invalid_fields for part in NAME_XML_PARTS):
        return  # a name part is there but invalid: already a schema error
    yield located.issue(
        "customer.name-missing",
        Severity.WARNING,
        "This customer has no CompanyName and no Title, Forename, Middlename or Surname in "
        "CustomerInvoiceAddress: a new customer needs a name, so add one (fine if the record "
        "only updates a customer already in Sage).",
        field="CompanyName",
    )


def discount_table_required(located: LocatedCustomer) -> Iterator[Issue]:
    """``customer.discount-table-required``: DiscountType DiscountTable without DiscountTable."""
    if located.record.discount_type is not DiscountType.DISCOUNT_TABLE:
        return
    if given(located, "DiscountTable"):
        return
    yield located.issue(
        "customer.discount-table-required",
        Severity.ERROR,
        "DiscountType is DiscountTable but DiscountTable is missing or empty: give the "
        "discount table (a single character, as set up in Sage), or choose another DiscountType.",
        field="DiscountTable",
    )


def account_reference_missing(located: LocatedCustomer) -> Iterator[Issue]:
    """``customer.account-reference-missing`` (info): no AccountReference."""
    if given(located, "AccountReference"):
        return
    yield located.issue(
        "customer.account-reference-missing",
        Severity.INFO,
        "This customer has no AccountReference: the Import Customers task must be set to "
        "generate references (Auto Generate References) or to match existing accounts, "
        "otherwise give one.",
        field="AccountReference",
    )


@functools.cache
def _currency_codes() -> frozenset[str]:
    return frozenset(str(currency.alpha_3) for currency in pycountry.currencies)


def currency_unknown(located: LocatedCustomer) -> Iterator[Issue]:
    """``customer.currency-unknown``: Currency is not an ISO 4217 code (empty is not checked)."""
    currency = located.record.currency
    if currency is None or not currency.strip() or "Currency" in located.invalid_fields:
        return
    if currency.strip().upper() in _currency_codes():
        return
    yield located.issue(
        "customer.currency-unknown",
        Severity.WARNING,
        f"Currency {currency!r} is not an ISO 4217 currency code: give the three-letter code "
        "of a currency set up in Sage, e.g. GBP, EUR or USD.",
        field="Currency",
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


def address_country_unknown(located: LocatedCustomer) -> Iterator[Issue]:
    """``address.country-unknown``: an address Country that is not an ISO 3166-1 alpha-2 code."""
    for where, label, address in _addresses(located.record):
        country = address.country
        if country is None or not country.strip() or country_code(country):
            continue
        if f"{where}/Country" in located.invalid_fields:
            continue  # longer than 2 characters: already schema.too-long
        code = code_for_name(country)
        instead = f"write {code}" if code else "write one, e.g. GB for the United Kingdom"
        yield located.issue(
            "address.country-unknown",
            Severity.WARNING,
            f"Country {country!r} in {label} is not a two-letter ISO 3166 country code, "
            f"which is what Sage expects: {instead}.",
            field=f"{where}/Country",
        )


def duplicate_account_reference(context: RuleContext) -> Iterator[Issue]:
    """``customer.duplicate-account-reference``: two customers share an AccountReference.

    Reported on every customer after the first with that reference (compared as Sage does,
    ignoring case and surrounding blanks).
    """
    first: dict[str, LocatedCustomer] = {}
    for located in context.customers:
        reference = located.record.account_reference
        if reference is None or not reference.strip():
            continue
        key = account_key(reference)
        earlier = first.setdefault(key, located)
        if earlier is located:
            continue
        where = f" (line {earlier.line})" if earlier.line is not None else ""
        yield located.issue(
            "customer.duplicate-account-reference",
            Severity.ERROR,
            f"AccountReference {reference!r} is also used by customer {earlier.index}{where}: "
            "give each customer its own reference, or merge the two records.",
            field="AccountReference",
        )


CUSTOMER_RULES = (
    name_missing,
    account_reference_missing,
    currency_unknown,
    discount_table_required,
    address_country_unknown,
)
DOCUMENT_RULES = (duplicate_account_reference,)
