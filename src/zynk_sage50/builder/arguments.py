"""What the builder does to each argument before it reaches a model: Python types checked
(``TypeError`` naming the argument), values converted, nothing fixed silently.

Limits the schema and the rules already state (lengths, ranges, patterns, places) are not
restated here: :mod:`.refusals` runs the validator's own checks on the record being added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TypeAlias, TypeVar

import attr
from xsdata.models.datatype import XmlDateTime

from ..datetimes import LexicalDateTime
from ..errors import BuildError
from ..modelinfo import FieldInfo, ValueKind
from ..rules import countries
from ..rules.countries import code_for_name, oss_code_for_name, oss_country_code
from ..vocabulary import PENNY, decimal_places, exceeds_money_limit

#: A date argument: a ``date``, a ``datetime``, an ``xs:dateTime`` string or ``XmlDateTime``.
Date: TypeAlias = str | dt.date | XmlDateTime
E = TypeVar("E")


def _type_error(name: str, wanted: str, value: object) -> TypeError:
    hint = " (floats are inexact: use Decimal('...'))" if isinstance(value, float) else ""
    return TypeError(f"{name} must be {wanted}, not {type(value).__name__}{hint}")


def text(name: str, value: object) -> str:
    """A string argument (``account_reference=1`` is a ``TypeError``, not ``'1'``)."""
    if not isinstance(value, str):
        raise _type_error(name, "a string", value)
    return value


def optional_text(name: str, value: object) -> str | None:
    """A string argument that may be left out."""
    return None if value is None else text(name, value)


def required_text(name: str, value: object) -> str:
    """A string argument that must say something (not empty, not only blanks)."""
    result = text(name, value)
    if not result.strip():
        raise BuildError(f"{name} is required (it is empty)")
    return result


def integer(name: str, value: object) -> int:
    """An ``int`` argument (``bool`` is refused: ``True`` is not a tax code)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise _type_error(name, "an int", value)
    return value


def optional_integer(name: str, value: object) -> int | None:
    """An ``int`` argument that may be left out."""
    return None if value is None else integer(name, value)


def flag(name: str, value: object) -> bool | None:
    """A ``bool`` argument that may be left out."""
    if value is not None and not isinstance(value, bool):
        raise _type_error(name, "a bool", value)
    return value


def number(name: str, value: object) -> Decimal:
    """A finite ``Decimal`` or ``int`` (never a float)."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise _type_error(name, "a Decimal or an int", value)
    result = Decimal(value)
    if not result.is_finite():
        raise BuildError(f"{name} must be a finite number, not {result}")
    return result


def money(name: str, value: object, *, positive: bool = True) -> Decimal:
    """A money argument, stored with exactly 2 places as Sage stores it.

    More places are refused, not rounded (``amount.precision``); so are amounts Sage cannot
    store (``amount.too-large``) and, unless ``positive`` is false, negative ones: the
    transaction type gives the side.
    """
    amount = number(name, value)
    if exceeds_money_limit(amount):
        raise BuildError(
            f"{name} is {amount}; Sage's import takes amounts under 100,000,000 (amount.too-large)"
        )
    if decimal_places(amount) > 2:
        raise BuildError(
            f"{name} has more than 2 decimal places ({amount}); Sage stores 2, so round it "
            "yourself (amount.precision)"
        )
    if positive and amount < 0:
        raise BuildError(f"{name} must not be negative ({amount}); the type gives the side")
    return amount.quantize(PENNY)


def optional_money(name: str, value: object) -> Decimal | None:
    """A money argument that may be left out."""
    return None if value is None else money(name, value)


def rate(name: str, value: object) -> Decimal:
    """An exchange rate: ``Decimal`` or ``int``, positive."""
    result = number(name, value)
    if result <= 0:
        raise BuildError(f"{name} must be a positive number, not {result}")
    return result


def when(name: str, value: object) -> LexicalDateTime:
    """A date argument: ``date``, ``datetime``, an ``xs:dateTime`` string or ``XmlDateTime``.

    A string is kept as written; one the schema refuses (blanks around it, say) is refused
    by the record check, naming the argument.
    """
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
        except ValueError:
            raise BuildError(
                f"{name} must be a date and time such as 2019-05-16T00:00:00, not {value!r}"
            ) from None
    raise _type_error(name, "a date, a datetime or a string", value)


def optional_when(name: str, value: object) -> LexicalDateTime | None:
    """A date argument that may be left out."""
    return None if value is None else when(name, value)


def member(name: str, value: object, enumeration: type[E]) -> E:
    """A member of ``enumeration``, given as the member or its value (``"UnionOSS"``)."""
    if isinstance(value, enumeration):
        return value
    if not isinstance(value, str):
        raise _type_error(name, f"a {enumeration.__name__} or its name", value)
    try:
        return enumeration(value)  # type: ignore[call-arg]
    except ValueError:
        choices = ", ".join(str(m.value) for m in enumeration)  # type: ignore[attr-defined]
        raise BuildError(f"{name} {value!r} is not one of {choices}") from None


def country_code(name: str, value: object, *, oss: bool = False) -> str:
    """A country as Sage wants it, by the rules' own tables: a two-letter code in any case is
    written in capitals; a longer name or code the rules know ('Germany', 'DEU') is written as
    its code (for OSS, Northern Ireland is XI). Anything else, two letters that are no code
    included ('UK'), is kept as given, for the record check to refuse with the suggestion
    ``validate`` makes."""
    given = text(name, value)
    if len(given.strip()) <= 2:
        return (oss_country_code if oss else countries.country_code)(given) or given
    return (oss_code_for_name if oss else code_for_name)(given) or given


def currency_code(name: str, value: object) -> str:
    """A currency code in capitals ('gbp' is written GBP); an unknown one is kept as given,
    for the record check to refuse."""
    given = text(name, value)
    if given.strip().upper() not in countries.currency_codes():
        return given
    return given.upper()


def lines(name: str, value: object, most: int) -> list[str]:
    """A sequence of at most ``most`` strings (``notes=["...", "..."]``)."""
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise _type_error(name, "a sequence of strings", value)
    if len(value) > most:
        raise BuildError(f"{name} is a sequence of at most {most} lines, not {len(value)}")
    return [text(f"{name}[{index}]", line) for index, line in enumerate(value)]


def as_field(name: str, value: object, field: FieldInfo) -> object:
    """An argument for the model field ``field``, checked for the field's Python type."""
    kind = field.kind
    if kind is ValueKind.STRING:
        return text(name, value)
    if kind is ValueKind.INTEGER:
        return integer(name, value)
    if kind is ValueKind.DECIMAL:
        return number(name, value)
    if kind is ValueKind.BOOLEAN:
        return flag(name, value)
    if kind is ValueKind.DATETIME:
        return when(name, value)
    if kind is ValueKind.ENUM:
        return member(name, value, field.value_type)
    if not isinstance(value, field.value_type):
        raise _type_error(name, f"a {field.value_type.__name__}", value)
    return attr.evolve(value)  # a copy: the builder never changes what it was given
