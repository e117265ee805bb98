"""What is drawn for a customer: a company or a person, an address, terms. The driver turns
these details into a customer (and invoice documents into an invoice or delivery address)."""

from __future__ import annotations

import functools
from decimal import Decimal

import attr
from hypothesis import strategies as st

from . import _values as v


@attr.s(frozen=True, slots=True, auto_attribs=True)
class CustomerDetails:
    """What is drawn for a customer (its number, and so its account reference, comes from its
    place in the document)."""

    person: bool
    name: str
    title: str
    forename: str
    surname: str
    contact_name: bool
    town: tuple[str, str, str]
    street: str
    country: str
    phone: int
    contact: bool
    currency: str
    vat: int | None
    nominal: str
    credit_limit: Decimal
    terms_agreed: bool


@functools.cache
def customer_details() -> st.SearchStrategy[CustomerDetails]:
    """A customer's details: a company (or sometimes a person), an address, terms."""
    return st.builds(
        CustomerDetails,
        person=st.booleans(),
        name=st.sampled_from(v.COMPANY_NAMES),
        title=st.sampled_from(v.TITLES),
        forename=st.sampled_from(v.FORENAMES),
        surname=st.sampled_from(v.SURNAMES),
        contact_name=st.booleans(),
        town=st.sampled_from(v.TOWNS),
        street=st.sampled_from(v.STREETS),
        country=st.sampled_from(v.COUNTRIES),
        phone=st.integers(0, 999),
        contact=st.booleans(),
        currency=st.sampled_from(v.CURRENCIES),
        vat=st.none() | st.integers(100_000_000, 999_999_999),
        nominal=st.sampled_from(v.SALES_NOMINALS),
        credit_limit=st.sampled_from([Decimal(0), Decimal(1000), Decimal(2500), Decimal(10000)]),
        terms_agreed=st.booleans(),
    )
