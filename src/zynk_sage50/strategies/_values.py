"""Realistic field values for the strategies: names, account references, nominal codes, dates,
money. Every value here is one a bookkeeper could type and that Sage stores unchanged."""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_DOWN, Decimal
from typing import TypeVar

from hypothesis import strategies as st

from ..datetimes import LexicalDateTime
from ..models import InvoiceType
from ..vocabulary import (
    DEFAULT_TAX_RATES,
    INVOICE_CREDITS,
    INVOICE_POSTED,
    INVOICE_PRODUCT_TYPES,
    MONEY_LIMIT,
    PENNY,
)
from ..vocabulary import tax_for as vat_on

E = TypeVar("E", bound=enum.Enum)

CENT = PENNY
#: The largest amount the strategies draw for one line: ten of them still fit Sage's limit.
LINE_LIMIT = MONEY_LIMIT / 10 - PENNY

#: Company names: ampersands, apostrophes and accents exercise the XML escaping of a reader.
COMPANY_NAMES: Sequence[str] = (
    "Acme Engineering Ltd",
    "Bright Learning Ltd",
    "Corner Cafe",
    "Dunmore & Sons",
    "Eastfield Training LLP",
    "Fairway Logistics",
    "Green Leaf Catering",
    "Harbour View Hotel",
    "Ironbridge Consulting",
    "Juniper Health",
    "Kestrel Aviation",
    "O'Neill Builders",
    "Café Müller GmbH",
    "Northwind Traders",
    "Pennine Outdoor Centre",
    "Riverside Dental",
)
TITLES: Sequence[str] = ("Mr", "Mrs", "Ms", "Dr", "Miss")
FORENAMES: Sequence[str] = ("Anna", "Ben", "Chloé", "David", "Ewa", "Farah", "George", "Hannah")
SURNAMES: Sequence[str] = (
    "Hall",
    "Patel",
    "O'Brien",
    "Smith",
    "Nowak",
    "Jones",
    "Ndiaye",
    "Brown",
)
TOWNS: Sequence[tuple[str, str, str]] = (
    ("Newcastle upon Tyne", "Tyne and Wear", "NE1 4ST"),
    ("Leeds", "West Yorkshire", "LS1 4AP"),
    ("Bristol", "Avon", "BS1 5TR"),
    ("Manchester", "Greater Manchester", "M2 5DB"),
    ("Norwich", "Norfolk", "NR2 1NS"),
    ("Cardiff", "South Glamorgan", "CF10 1EP"),
)
STREETS: Sequence[str] = (
    "1 High Street",
    "27 Station Road",
    "Unit 4, Riverside Park",
    "The Old Mill",
    "12a Market Place",
)
#: Two-letter ISO 3166 codes of customers' countries.
COUNTRIES: Sequence[str] = ("GB", "GB", "IE", "FR", "DE", "NL", "US")
#: EU member states: the countries of VAT an OSS or IOSS sale reports.
EU_COUNTRIES: Sequence[str] = ("FR", "DE", "IE", "ES", "IT", "NL", "BE", "AT", "PL", "SE")
CURRENCIES: Sequence[str] = ("GBP", "GBP", "EUR", "USD")

#: Customer accounts used when a document has no Customers (they may already be in Sage).
CUSTOMER_ACCOUNTS: Sequence[str] = ("ABS001", "BRI002", "CAF003", "DUN004")
SUPPLIER_ACCOUNTS: Sequence[str] = ("CON001", "OFF002", "SUP003", "TRA004")
#: Bank nominal codes (current, deposit, petty cash, credit card).
BANKS: Sequence[str] = ("1200", "1210", "1230", "1240")
SALES_NOMINALS: Sequence[str] = ("4000", "4010", "4020", "4900")
PURCHASE_NOMINALS: Sequence[str] = ("5000", "5001", "7500", "7502", "8200")
#: Nominal codes a bank receipt or payment that is not a customer's or supplier's posts to.
BANK_RECEIPT_NOMINALS: Sequence[str] = ("4900", "4400", "3260")
BANK_PAYMENT_NOMINALS: Sequence[str] = ("7100", "7502", "7900", "8200")
#: Nominal codes journals move money between (sales, deferred income, accruals, wages, ...).
JOURNAL_NOMINALS: Sequence[str] = ("4000", "2110", "2109", "7000", "0030", "8000")

SALES_DETAILS: Sequence[str] = (
    "Course fee",
    "Course materials",
    "Consultancy",
    "Room hire",
    "Annual licence",
    "Delivery",
)
PURCHASE_DETAILS: Sequence[str] = (
    "Stationery",
    "Catering",
    "Venue hire",
    "Printing",
    "Software subscription",
    "Trainer fees",
)
JOURNAL_DETAILS: Sequence[str] = (
    "Deferred revenue",
    "Accrual",
    "Wages allocation",
    "Year-end adjustment",
    "Correction",
)

#: Standard rate (T1), zero-rated (T0), and outside the scope of VAT (T9).
STANDARD_CODE = 1
ZERO_RATED_CODE = 0
NO_VAT_CODE = 9
#: TaxCodes of invoice lines: standard 20%, zero-rated, exempt, reduced 5%, outside the scope
#: (their rates: Sage's default table, :data:`zynk_sage50.vocabulary.DEFAULT_TAX_RATES`).
INVOICE_TAX_CODES: Sequence[int] = (STANDARD_CODE, 0, 2, 5, NO_VAT_CODE)
BANK_TAX_CODES: Sequence[int] = (STANDARD_CODE, NO_VAT_CODE, 0)
#: The TaxCodes whose rate Sage's default table gives (the others are not checked).
RATED_CODES: Sequence[int] = tuple(sorted(DEFAULT_TAX_RATES))
#: Rates (percent) a company's own table may hold instead: past standard rates, and others.
OTHER_RATES: Sequence[Decimal] = (Decimal("17.5"), Decimal("15"), Decimal("12.5"))

FIRST_DATE = dt.date(2019, 1, 1)
LAST_DATE = dt.date(2030, 12, 31)


def days() -> st.SearchStrategy[dt.date]:
    """A transaction date in a span of a dozen trading years."""
    return st.dates(min_value=FIRST_DATE, max_value=LAST_DATE)


def xml_date(day: dt.date) -> LexicalDateTime:
    """``2026-11-02T00:00:00``, as Zynk writes dates."""
    return LexicalDateTime(f"{day.isoformat()}T00:00:00")


@functools.lru_cache(maxsize=4096)
def money(limit: Decimal = LINE_LIMIT, minimum: Decimal = CENT) -> st.SearchStrategy[Decimal]:
    """An amount with exactly 2 decimal places, from ``minimum`` to ``limit``; small amounts
    first (they shrink best), large ones sometimes."""
    limit = min(limit, LINE_LIMIT)
    everyday = min(limit, Decimal("2500.00"))
    return st.one_of(
        st.decimals(min_value=minimum, max_value=everyday, places=2),
        st.decimals(min_value=minimum, max_value=limit, places=2),
    ).map(lambda amount: amount.quantize(CENT))


def tax_for(net: Decimal, code: int) -> Decimal | None:
    """The VAT on ``net`` at TaxCode ``code``'s rate in Sage's default table, rounded to the
    penny as the rules round it (None for T9, outside the scope: no TaxAmount)."""
    rate = DEFAULT_TAX_RATES.get(code)
    return None if rate is None else vat_on(net, rate)


def largest_net(gross_limit: Decimal, code: int) -> Decimal:
    """The largest net whose net plus its tax at TaxCode ``code`` stays within
    ``gross_limit``."""
    rate = DEFAULT_TAX_RATES.get(code)
    if not rate:
        return gross_limit
    net = (gross_limit * 100 / (100 + rate)).quantize(CENT, rounding=ROUND_DOWN)
    while net > 0 and net + (tax_for(net, code) or 0) > gross_limit:
        net -= CENT
    return net


def simplest_first(kind: InvoiceType) -> tuple[bool, bool]:
    """Invoices before credit notes, services before products: the order choices shrink to."""
    return kind in INVOICE_CREDITS, kind in INVOICE_PRODUCT_TYPES


#: The invoice document types the strategies write: the posted ones (a proforma or quotation
#: is not a posting, and validate() says so with an info), simplest first.
POSTED_INVOICE_TYPES: Sequence[InvoiceType] = tuple(sorted(INVOICE_POSTED, key=simplest_first))


def ordered(members: Iterable[E]) -> tuple[E, ...]:
    """A set of enum members in the enumeration's order: what is drawn from a set must not
    depend on the hash seed (fixtures are the same bytes in every process)."""
    found = set(members)
    if not found:
        return ()
    kind = type(next(iter(found)))
    return tuple(member for member in kind if member in found)


def account_reference(name: str, number: int) -> str:
    """``ACMEE001``: the letters of a name and a number, at most 8 characters, upper case."""
    digits = f"{number:03d}"
    letters = "".join(ch for ch in name.upper() if "A" <= ch <= "Z")
    return (letters[: max(0, 8 - len(digits))] + digits)[:8]


def slug(text: str) -> str:
    """An e-mail local part or domain label from a name: ``dunmore-sons``."""
    cleaned = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in text.lower())
    return "-".join(part for part in cleaned.split("-") if part) or "info"


# ----- invoice documents (Company/Invoices/Invoice) ----------------------------------------
#: Services a training and consultancy business sells: (name, unit of sale, everyday price).
SERVICES: Sequence[tuple[str, str, Decimal]] = (
    ("Manual Handling Trainer", "Delegate", Decimal("245.00")),
    ("First Aid at Work", "Delegate", Decimal("195.00")),
    ("Fire Marshal course", "Delegate", Decimal("120.00")),
    ("Consultancy", "Hour", Decimal("85.00")),
    ("Room hire", "Day", Decimal("350.00")),
    ("Annual licence", "Each", Decimal("1200.00")),
    ("Café & catering", "Head", Decimal("12.50")),
)
#: Stock items: (Sku, name, unit of sale, everyday price). ``S1``-``S3`` are Sage's special
#: product codes (a line that is not in the stock list).
PRODUCTS: Sequence[tuple[str, str, str, Decimal]] = (
    ("MANUAL01", "Course manual", "Each", Decimal("18.50")),
    ("HIVIS-L", "Hi-vis vest, large", "Each", Decimal("4.95")),
    ("BOOT-42", "Safety boots, size 42", "Pair", Decimal("39.99")),
    ("FAK-10", "First aid kit (10 person)", "Each", Decimal("27.40")),
    ("CPR-MANK", "CPR manikin", "Each", Decimal("189.00")),
    ("PLASTERS", "Fabric plasters, box of 100", "Box", Decimal("3.125")),
    ("S1", "Special order: O'Neill's signage", "Each", Decimal("64.00")),
)
INVOICE_NOTES: Sequence[str] = (
    "Thank you for your business",
    "Payment due within 30 days",
    "Goods remain our property until paid for",
    "Course dates: see the joining instructions",
)
CREDIT_REASONS: Sequence[str] = (
    "Cancelled delegate",
    "Returned goods",
    "Damaged in transit",
    "Overcharge corrected",
)
TAKEN_BY: Sequence[str] = ("Anna Hall", "Ben Patel", "Web shop", "Chloé Nowak")
#: Sage's carriage nominal code (Distribution and carriage) and others a carriage may post to.
CARRIAGE_NOMINALS: Sequence[str] = ("4905", "4900")
#: Rates of foreign currencies against sterling, as Sage's currency table holds them.
FOREIGN_RATES: Mapping[str, Sequence[Decimal]] = {
    "EUR": (Decimal("1.1650"), Decimal("1.1423"), Decimal("1.19")),
    "USD": (Decimal("1.2710"), Decimal("1.3055")),
}
