"""Hypothesis strategies for XSD-valid models (internal to the tests).

Lengths, ranges and patterns are read from the generated classes' field metadata
(``max_length``, ``min_length``, ``min_inclusive``, ``max_inclusive``, ``pattern``), so the
strategies stay in step with the schema they were generated from. Which fields a transaction
carries follows the rules' applicability matrix (:mod:`zynk_sage50.rules.applicability`).

* :func:`transactions` — a ``Transaction`` of one ``TransactionType`` (all 15 members).
* :func:`update_records` — ``RecordOperation="Update"`` records (disputes, document links).
* :func:`customers` — a ``Customer`` with addresses, contacts, delivery addresses, banks.
* :func:`documents` — a whole ``Company``.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

import attr
from hypothesis import strategies as st
from xsdata.models.datatype import XmlDateTime

from zynk_sage50 import (
    AnalysisCode,
    AnalysisCodes,
    Bank,
    Banks,
    Company,
    Contact,
    Contacts,
    Customer,
    CustomerAddress,
    Customers,
    DeliveryAddress,
    DeliveryAddresses,
    EmptyCollection,
    LexicalDateTime,
    OssReportType,
    RecordOperation,
    Transaction,
    Transactions,
    TransactionType,
)
from zynk_sage50.modelinfo import FieldInfo, ValueKind, class_info
from zynk_sage50.rules.applicability import FieldUse, attribute, fields_with_use

T = TypeVar("T")

#: Used when the schema gives a string no maximum length (Memo, Suffix, AnalysisCode...).
UNBOUNDED_TEXT = 200
XS_INT = (-(2**31), 2**31 - 1)

# --- field metadata -----------------------------------------------------------------------


def field_info(cls: type[Any], name: str) -> FieldInfo:
    """The generated field ``name`` of ``cls`` (checked against ``attr.fields``)."""
    assert name in attr.fields_dict(cls), f"{cls.__name__} has no field {name}"
    (info,) = [field for field in class_info(cls).fields if field.name == name]
    return info


def max_length(cls: type[Any], name: str) -> int:
    return int(field_info(cls, name).metadata.get("max_length", UNBOUNDED_TEXT))


# --- text ---------------------------------------------------------------------------------

#: What most values are made of.
PLAIN = string.ascii_letters + string.digits + " -./,()'"
#: Characters that need escaping or survive only if the writer is careful.
SPECIAL = "&<>\"'\r\n\t]"
NON_ASCII = "£€éèüöÆßøœçñ—“”…中文日本語한국😀𝄞"
#: Any character XML 1.0 can carry except the control characters (\t \n \r come from SPECIAL).
any_char = st.characters(
    codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"
)
plain_char = st.sampled_from(PLAIN)
wild_char = st.one_of(plain_char, st.sampled_from(SPECIAL), st.sampled_from(NON_ASCII), any_char)


#: Values real files hold that a careless writer or reader gets wrong.
TRICKY = (
    "Tyne & Wear",
    "A&B <Holdings> Ltd",
    "line one\r\nline two",
    "carriage\rreturn",
    "]]> & &amp; &#13;",
    "£100 + €20",
    "Zürich Straße",
    "  padded  ",
    "\ttabbed",
    "\"quoted\" 'single'",
    "日本語のテキスト",
    "emoji 😀 𝄞",
)


def text(max_size: int, min_size: int = 0) -> st.SearchStrategy[str]:
    """Plain text, known tricky values (``&``, ``<``, ``\\r``, non-ASCII), or any legal chars."""
    tricky = (
        st.sampled_from(TRICKY)
        .map(lambda value: value[:max_size])
        .filter(lambda value: len(value) >= min_size)
    )
    return st.one_of(
        st.text(plain_char, min_size=min_size, max_size=max_size),
        tricky,
        st.text(wild_char, min_size=min_size, max_size=max_size),
    )


def text_for(cls: type[Any], name: str) -> st.SearchStrategy[str]:
    """Text within the schema's length limits for the field (or its pattern)."""
    meta = field_info(cls, name).metadata
    if "pattern" in meta:
        return st.from_regex(meta["pattern"], fullmatch=True)
    return text(int(meta.get("max_length", UNBOUNDED_TEXT)), int(meta.get("min_length", 0)))


def code_for(cls: type[Any], name: str, pattern: str) -> st.SearchStrategy[str]:
    """A realistic code (``ABS001``, ``4000``) or, sometimes, any text the schema allows."""
    limit = max_length(cls, name)
    realistic = st.from_regex(pattern, fullmatch=True).filter(lambda value: len(value) <= limit)
    return st.one_of(realistic, realistic, text_for(cls, name))


def integers_for(cls: type[Any], name: str) -> st.SearchStrategy[int]:
    meta = field_info(cls, name).metadata
    return st.integers(
        int(meta.get("min_inclusive", XS_INT[0])), int(meta.get("max_inclusive", XS_INT[1]))
    )


# --- numbers and dates --------------------------------------------------------------------


def money(*, negative: bool = True, limit: int = 10**9) -> st.SearchStrategy[Decimal]:
    """Amounts with exactly two decimal places (``1.00``, ``0.10``, ``-12.34``)."""
    low = -limit if negative else 0
    return st.integers(low, limit).map(lambda cents: Decimal(cents).scaleb(-2))


def rates() -> st.SearchStrategy[Decimal]:
    """Exchange rates: positive, up to six decimal places."""
    return st.builds(
        lambda units, places: Decimal(units).scaleb(-places),
        st.integers(1, 10**8),
        st.integers(0, 6),
    )


tax_rates = st.sampled_from(
    [Decimal("0"), Decimal("0.00"), Decimal("5"), Decimal("17.5"), Decimal("20"), Decimal("20.00")]
)


@st.composite
def datetimes(draw: st.DrawFn) -> XmlDateTime:
    """``xs:dateTime`` in the forms Zynk and .NET write, as LexicalDateTime or XmlDateTime."""
    moment = draw(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2099, 12, 31)))
    if draw(st.booleans()):
        moment = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    fraction = draw(
        st.sampled_from(["", "", ".000", ".5", "micro", "dotnet"]).map(
            lambda kind: {
                "micro": f".{moment.microsecond:06d}",
                "dotnet": f".{moment.microsecond:06d}{moment.microsecond % 10}",
            }.get(kind, kind)
        )
    )
    offset = draw(st.sampled_from(["", "", "Z", "+01:00", "-05:30", "+00:00"]))
    lexical = moment.strftime("%Y-%m-%dT%H:%M:%S") + fraction + offset
    if draw(st.integers(0, 3)) == 0:
        return XmlDateTime.from_string(lexical)  # a value built in code, not read from text
    return LexicalDateTime(lexical)


# --- generic, metadata-driven model strategies --------------------------------------------


def value_strategy(field: FieldInfo) -> st.SearchStrategy[Any]:
    """A strategy for one value of ``field`` (an item, for list fields), from its metadata."""
    meta = field.metadata
    kind = field.kind
    if kind is ValueKind.STRING:
        if "pattern" in meta:
            return st.from_regex(meta["pattern"], fullmatch=True)
        return text(int(meta.get("max_length", UNBOUNDED_TEXT)), int(meta.get("min_length", 0)))
    if kind is ValueKind.INTEGER:
        return st.integers(
            int(meta.get("min_inclusive", XS_INT[0])), int(meta.get("max_inclusive", XS_INT[1]))
        )
    if kind is ValueKind.DECIMAL:
        return money()
    if kind is ValueKind.BOOLEAN:
        return st.booleans()
    if kind is ValueKind.DATETIME:
        return datetimes()
    if kind is ValueKind.ENUM:
        return st.sampled_from(list(field.value_type))
    if kind is ValueKind.MODEL:
        return models(field.value_type)
    raise AssertionError(f"no strategy for {field!r}")


def models(
    cls: type[T],
    overrides: Mapping[str, st.SearchStrategy[Any]] | None = None,
    *,
    max_items: int = 2,
) -> st.SearchStrategy[T]:
    """Any XSD-valid instance of a generated class: each optional field present or None,
    each list of 0 to ``max_items`` items. ``overrides`` replaces a field's value strategy
    (it is still made optional, or a list, as the field requires)."""
    if cls is EmptyCollection:
        return st.just(EmptyCollection())  # type: ignore[return-value]
    overrides = overrides or {}
    arguments: dict[str, st.SearchStrategy[Any]] = {}
    for field in class_info(cls).fields:
        values = overrides[field.name] if field.name in overrides else value_strategy(field)
        if field.is_list:
            arguments[field.name] = st.lists(values, max_size=max_items)
        else:
            arguments[field.name] = st.none() | values
    return st.builds(cls, **arguments)


# --- transactions -------------------------------------------------------------------------

TT = TransactionType

#: The oss pseudo-field: OssReportType and OssCountryOfVat, drawn together.
OSS_FIELDS = frozenset({"oss_report_type", "oss_country_of_vat"})


def _fields(ttype: TransactionType, use: FieldUse) -> frozenset[str]:
    """The attributes of the elements the rules' matrix marks ``use`` for ``ttype``."""
    return frozenset(attribute(name) for name in fields_with_use(ttype, use))


_OPTIONAL = {ttype: _fields(ttype, FieldUse.OPTIONAL) for ttype in TransactionType}
#: The fields every type may carry (the rules' applicability matrix says which).
COMMON_OPTIONAL = frozenset.intersection(*_OPTIONAL.values())


def _applicable(ttype: TransactionType) -> tuple[frozenset[str], frozenset[str]]:
    required = _fields(ttype, FieldUse.REQUIRED) - {"transaction_type"}
    optional = _OPTIONAL[ttype] - COMMON_OPTIONAL
    if optional & OSS_FIELDS:
        optional = (optional - OSS_FIELDS) | {"oss"}
    return required, optional


#: For each type, the fields it requires and those it may carry besides COMMON_OPTIONAL
#: ("oss" standing for the OSS pair), from :mod:`zynk_sage50.rules.applicability`.
APPLICABLE: Mapping[TransactionType, tuple[frozenset[str], frozenset[str]]] = {
    ttype: _applicable(ttype) for ttype in TransactionType
}

TX = Transaction
NOMINAL = r"[0-9]{4}"
#: Realistic values for transaction fields; lengths and ranges come from the metadata.
TRANSACTION_VALUES: Mapping[str, st.SearchStrategy[Any]] = {
    "id": integers_for(TX, "id"),
    "account_reference": code_for(TX, "account_reference", r"[A-Z]{3}[0-9]{3}|[0-9]{4}"),
    "from_bank_account": code_for(TX, "from_bank_account", NOMINAL),
    "to_bank_account": code_for(TX, "to_bank_account", NOMINAL),
    "bank_reference": code_for(TX, "bank_reference", NOMINAL),
    "nominal_code": code_for(TX, "nominal_code", NOMINAL),
    "transaction_date": datetimes(),
    "posted_date": datetimes(),
    "due_date": datetimes(),
    "reference": code_for(TX, "reference", r"(SI|SC|PI|PC|JDC|BR|BP)[0-9]{1,6}"),
    "payment_reference": text_for(TX, "payment_reference"),
    "department": integers_for(TX, "department"),
    "fund": text_for(TX, "fund"),
    "project_ref": code_for(TX, "project_ref", r"PRJ[0-9]{3}"),
    "project_item": code_for(TX, "project_item", r"LABOUR|MATS|[A-Z]{4}[0-9]{2}"),
    "details": text_for(TX, "details"),
    "net_amount": money(),
    "payment_amount": money(negative=False),
    "tax_code": integers_for(TX, "tax_code"),
    "tax_amount": money(),
    "tax_rate": tax_rates,
    "exchange_rate": rates(),
}


def _value(name: str) -> st.SearchStrategy[Any]:
    """A realistic value of a transaction field, or any the schema allows."""
    if name in TRANSACTION_VALUES:
        return TRANSACTION_VALUES[name]
    return value_strategy(field_info(TX, name))


def _optional(values: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | values


@st.composite
def _oss(draw: st.DrawFn) -> dict[str, Any]:
    """OssReportType and OssCountryOfVat together: a country whenever a report type needs one."""
    report = draw(_optional(st.sampled_from(list(OssReportType))))
    if report is None:
        return {}
    if report is OssReportType.NONE:
        return {"oss_report_type": report}
    country = draw(
        st.one_of(
            st.sampled_from(["FR", "DE", "IE", "ES", "NL", "France", "Deutschland"]),
            text_for(TX, "oss_country_of_vat"),
        )
    )
    return {"oss_report_type": report, "oss_country_of_vat": country}


@st.composite
def transactions(draw: st.DrawFn, ttype: TransactionType) -> Transaction:
    """A new (insert) transaction of type ``ttype`` carrying only its applicable fields."""
    required, optional = APPLICABLE[ttype]
    values: dict[str, Any] = {"transaction_type": ttype}
    for name in sorted(required):
        if name != "receipt_amount":
            values[name] = draw(_value(name))
    for name in sorted((optional | COMMON_OPTIONAL) - required - {"oss"}):
        values[name] = draw(_optional(_value(name)))
    if "oss" in optional:
        values.update(draw(_oss()))
    if "receipt_amount" in required:
        # Decision 19: with an exchange rate, the receipt is the payment converted.
        rate = values.get("exchange_rate")
        if rate is None:
            values["receipt_amount"] = draw(money(negative=False))
        else:
            converted = values["payment_amount"] * rate
            values["receipt_amount"] = converted.quantize(Decimal("0.01"), ROUND_HALF_UP)
    return Transaction(**values)


def document_links() -> st.SearchStrategy[str]:
    """A UNC path or file name (often with backslashes and spaces), or empty to remove a link."""
    name = st.text(st.sampled_from(PLAIN + "éü&"), min_size=1, max_size=40)
    unc = st.builds(lambda share, file: f"\\\\{share}\\Documents\\{file}.pdf", name, name)
    return st.one_of(
        st.just(""), unc.filter(lambda s: len(s) <= 255), text_for(TX, "document_link")
    )


@st.composite
def update_records(draw: st.DrawFn) -> Transaction:
    """A ``RecordOperation="Update"`` record: a dispute change or a document link change."""
    values: dict[str, Any] = {
        "record_operation": RecordOperation.UPDATE,
        "transaction_number": draw(integers_for(TX, "transaction_number")),
    }
    if draw(st.booleans()):
        disputed = draw(st.booleans())
        values["disputed"] = disputed
        if disputed:
            values["dispute_code"] = draw(_optional(integers_for(TX, "dispute_code")))
            values["dispute_reason"] = draw(_optional(text_for(TX, "dispute_reason")))
    else:
        values["document_link"] = draw(document_links())
    return Transaction(**values)


def any_transactions() -> st.SearchStrategy[Transaction]:
    """A transaction of any type, or an update record."""
    return st.one_of(
        st.sampled_from(list(TransactionType)).flatmap(transactions), update_records()
    )


# --- customers ----------------------------------------------------------------------------

COUNTRIES = st.sampled_from(["GB", "IE", "FR", "DE", "US", "CH"])


def _address_values(cls: type[Any]) -> dict[str, st.SearchStrategy[Any]]:
    values: dict[str, st.SearchStrategy[Any]] = {
        "country": st.one_of(COUNTRIES, text_for(cls, "country")),
        "email": st.one_of(
            st.from_regex(r"[a-z]{1,10}@[a-z]{1,10}\.(co\.uk|com)", fullmatch=True),
            text_for(cls, "email"),
        ),
        "postcode": st.one_of(
            st.from_regex(r"[A-Z]{2}[0-9]{1,2} [0-9][A-Z]{2}", fullmatch=True),
            text_for(cls, "postcode"),
        ),
        "county": st.one_of(
            st.sampled_from(["Tyne & Wear", "Tyne and Wear", "Co. Durham"]),
            text_for(cls, "county"),
        ),
    }
    return {name: strategy for name, strategy in values.items() if name in attr.fields_dict(cls)}


def customer_addresses() -> st.SearchStrategy[CustomerAddress]:
    return models(CustomerAddress, _address_values(CustomerAddress))


def contacts() -> st.SearchStrategy[Contact]:
    return models(Contact, {"title": st.sampled_from(["Mr", "Mrs.", "Ms", "Dr"])})


def delivery_addresses() -> st.SearchStrategy[DeliveryAddress]:
    return models(DeliveryAddress, _address_values(DeliveryAddress))


def banks() -> st.SearchStrategy[Bank]:
    return models(
        Bank,
        {
            "sort_code": st.one_of(
                st.from_regex(r"[0-9]{2}-[0-9]{2}-[0-9]{2}", fullmatch=True),
                text_for(Bank, "sort_code"),
            ),
            "account_number": st.one_of(
                st.from_regex(r"[0-9]{8}", fullmatch=True), text_for(Bank, "account_number")
            ),
            "iban": st.from_regex(r"GB[0-9]{2}[A-Z]{4}[0-9]{14}", fullmatch=True),
        },
    )


def customers() -> st.SearchStrategy[Customer]:
    """Any XSD-valid customer; addresses, contacts, delivery addresses and banks are frequent."""
    cu = Customer
    return models(
        Customer,
        {
            "account_reference": code_for(cu, "account_reference", r"[A-Z]{3}[0-9]{3}"),
            "company_name": text_for(cu, "company_name"),
            "currency": st.one_of(
                st.sampled_from(["GBP", "EUR", "USD"]), text_for(cu, "currency")
            ),
            "nominal_code": code_for(cu, "nominal_code", NOMINAL),
            "customer_invoice_address": customer_addresses(),
            "customer_delivery_address": customer_addresses(),
            "contacts": st.builds(Contacts, contact=st.lists(contacts(), max_size=3)),
            "delivery_addresses": st.builds(
                DeliveryAddresses, contact=st.lists(delivery_addresses(), max_size=3)
            ),
            "banks": st.builds(Banks, bank=st.lists(banks(), max_size=2)),
            "analysis_codes": st.builds(
                AnalysisCodes, analysis_code=st.lists(models(AnalysisCode), max_size=3)
            ),
            "credit_limit": money(negative=False),
        },
    )


# --- documents ----------------------------------------------------------------------------


def documents() -> st.SearchStrategy[Company]:
    """A whole ``Company``: customers and transactions (of every type, and updates)."""
    return st.builds(
        Company,
        customers=st.none() | st.builds(Customers, customer=st.lists(customers(), max_size=3)),
        transactions=st.none()
        | st.builds(Transactions, transaction=st.lists(any_transactions(), max_size=6)),
    )
