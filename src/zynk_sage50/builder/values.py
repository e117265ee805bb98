"""Checks the builder applies to each argument before it reaches a model: refusals, not fixes."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pycountry
from xsdata.models.datatype import XmlDateTime

from ..datetimes import LexicalDateTime
from ..errors import BuildError
from ..modelinfo import class_info

#: Sage's import takes 8 digits before the point (rule amount.too-large).
MONEY_LIMIT = Decimal(100_000_000)
_TWO_PLACES = Decimal("0.01")


def money(name: str, value: object, *, positive: bool = True) -> Decimal:
    """A money argument: ``Decimal`` or ``int`` only, at most 2 places, under Sage's limit.

    Returned with exactly 2 places, as Sage stores it.
    """
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TypeError(
            f"{name} must be a Decimal or an int, not {type(value).__name__}"
            + (" (floats are inexact: use Decimal('...'))" if isinstance(value, float) else "")
        )
    amount = Decimal(value)
    if not amount.is_finite():
        raise BuildError(f"{name} must be a finite amount, not {amount}")
    if abs(amount) >= MONEY_LIMIT:
        raise BuildError(f"{name} is {amount}; Sage's import takes amounts under 100,000,000")
    exact = amount.quantize(_TWO_PLACES)
    if exact != amount:
        raise BuildError(
            f"{name} has more than 2 decimal places ({amount}); Sage stores 2, so round it "
            "yourself"
        )
    amount = exact
    if positive and amount < 0:
        raise BuildError(f"{name} must not be negative ({amount}); the type gives the side")
    return amount


def rate(name: str, value: object) -> Decimal:
    """An exchange rate: ``Decimal`` or ``int``, positive."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"{name} must be a Decimal or an int, not {type(value).__name__}")
    result = Decimal(value)
    if not result.is_finite() or result <= 0:
        raise BuildError(f"{name} must be a positive number, not {result}")
    return result


def when(name: str, value: object) -> LexicalDateTime:
    """A date argument: ``date``, ``datetime``, an ``xs:dateTime`` string or ``XmlDateTime``."""
    if isinstance(value, LexicalDateTime):
        return value
    if isinstance(value, XmlDateTime):
        return LexicalDateTime(str(value))
    if isinstance(value, dt.datetime):
        return LexicalDateTime(value.isoformat())
    if isinstance(value, dt.date):
        return LexicalDateTime(f"{value.isoformat()}T00:00:00")
    if isinstance(value, str):
        try:
            return LexicalDateTime(value)
        except ValueError as exc:
            raise BuildError(
                f"{name} must be a date and time such as 2019-05-16T00:00:00, not {value!r}"
            ) from exc
    raise TypeError(f"{name} must be a date, a datetime or a string, not {type(value).__name__}")


def check_facets(obj: Any, arguments: dict[str, str]) -> None:
    """Refuse values the schema would refuse (length, range, pattern), naming the argument.

    ``arguments`` maps model field names to the builder argument they came from.
    """
    for field in class_info(type(obj)).fields:
        value = getattr(obj, field.name)
        if value is None:
            continue
        name = arguments.get(field.name, field.name)
        meta = field.metadata
        if isinstance(value, str):
            if "max_length" in meta and len(value) > meta["max_length"]:
                raise BuildError(
                    f"{name} is {len(value)} characters long; the most Sage can store is "
                    f"{meta['max_length']}"
                )
            if "pattern" in meta and not re.fullmatch(meta["pattern"], value):
                raise BuildError(f"{name} {value!r} does not match {meta['pattern']}")
            if re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", value):
                raise BuildError(f"{name} contains a control character XML cannot carry")
        elif isinstance(value, int) and not isinstance(value, bool):
            low, high = meta.get("min_inclusive"), meta.get("max_inclusive")
            if (low is not None and value < low) or (high is not None and value > high):
                raise BuildError(f"{name} is {value}; it must be from {low} to {high}")


def country_code(name: str, value: str) -> str:
    """An ISO 3166-1 alpha-2 code from a code or a country name ('Germany' → 'DE')."""
    text = value.strip()
    if len(text) == 2 and pycountry.countries.get(alpha_2=text.upper()):
        return text.upper()
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        raise BuildError(f"{name} {value!r} is not a country code or name") from None


def currency_code(name: str, value: str) -> str:
    """An ISO 4217 currency code ('GBP')."""
    if pycountry.currencies.get(alpha_3=value.upper()) is None:
        raise BuildError(f"{name} {value!r} is not an ISO 4217 currency code")
    return value.upper()
