"""One converter per kind of leaf value, for both directions: text to value (reading) and
value to text (writing, JSON).

Each kind's rules live once here, so reading and writing agree on what a value may be: a
decimal longer than :data:`MAX_DECIMAL_DIGITS` digits is refused both when read and when
written, a NaN neither read nor written, an enum only as a member of its own class.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

import attr
from xsdata.models.datatype import XmlDateTime

from .datetimes import LexicalDateTime
from .errors import SerializationError
from .modelinfo import FieldInfo, ValueKind

#: Characters XML 1.0 cannot carry at all (``\r`` can: it is written as ``&#13;``).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
#: Decimals whose plain notation would need more digits than this are refused, read or written
#: (``1E+100000`` is 9 characters in exponent form and 100,001 digits in plain notation). Far
#: beyond any amount, but long enough that ``1.000000000000000000000000000000`` round-trips.
MAX_DECIMAL_DIGITS = 1000
#: More fraction digits than xsdata's date-time holds (nanoseconds): ``xs:dateTime`` allows any.
_LONG_FRACTION = re.compile(r"(\.[0-9]{9})[0-9]+")
_LEADING_ZEROS = re.compile(r"([+-]?)0+([0-9]+)")
_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}
#: Each enum's members by value: a dict look-up, not ``Enum.__call__`` (slow in CPython).
_ENUM_MEMBERS: dict[type[Any], dict[str, Any]] = {}


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:60]}... ({len(text):,} characters)"


def plain_digits(value: Decimal) -> int:
    """How many characters of digits ``value`` needs in plain notation."""
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    # Trailing zeros for a positive exponent, or enough places after the point (plus the 0
    # before it) for a negative one.
    return len(digits) + exponent if exponent >= 0 else max(len(digits), -exponent) + 1


# --- reading: text → value (ValueError when the text is not a value of the kind) ----------


def read_string(text: str, field: FieldInfo) -> str:
    return text


def read_decimal(text: str, field: FieldInfo) -> Decimal:
    try:
        value = Decimal(text)  # surrounding blanks are allowed, as in xs:decimal
    except InvalidOperation:
        raise ValueError(f"{_shown(text.strip())} is not a decimal number") from None
    if not value.is_finite():
        raise ValueError(f"{_shown(text.strip())} is not a finite decimal number")
    long = len(text) > 30 or "e" in text or "E" in text
    if long and plain_digits(value) > MAX_DECIMAL_DIGITS:
        raise ValueError(
            f"{_shown(text.strip())} has {plain_digits(value):,} digits, more than the "
            f"{MAX_DECIMAL_DIGITS:,} a decimal may have"
        )
    return value


def read_integer(text: str, field: FieldInfo) -> int:
    stripped = text.strip()
    try:
        return int(stripped)
    except ValueError:
        # ``0000...01`` is a valid xs:int: its zeros alone can pass Python's limit on the
        # digits int() converts (4,300), which must not turn a valid value into an error.
        match = _LEADING_ZEROS.fullmatch(stripped)
        if match is None:
            raise
        return int(match.group(1) + match.group(2))


def read_boolean(text: str, field: FieldInfo) -> bool:
    value = _BOOLEANS.get(text.strip())
    if value is None:
        raise ValueError(f"{_shown(text.strip())} is not true, false, 1 or 0")
    return value


def read_datetime(text: str, field: FieldInfo | None = None) -> LexicalDateTime:
    stripped = text.strip()
    try:
        return LexicalDateTime(stripped)
    except ValueError:
        # A schema-valid fraction of more than 9 digits: compare to the nanosecond, keep (and
        # write back) the text as read.
        shorter = _LONG_FRACTION.sub(r"\1", stripped, count=1)
        if shorter == stripped:
            raise
        return LexicalDateTime(shorter, lexical=stripped)


def read_enum(text: str, field: FieldInfo) -> Any:
    members = _ENUM_MEMBERS.get(field.value_type)
    if members is None:
        members = _ENUM_MEMBERS[field.value_type] = {
            str(member.value): member for member in field.value_type
        }
    member = members.get(text)
    if member is None:
        raise ValueError(f"{_shown(text)} is not a valid {field.value_type.__name__}")
    return member


def read_model(text: str, field: FieldInfo) -> Any:
    raise ValueError(f"cannot convert text to {field.value_type!r}")


# --- writing: value → text (SerializationError naming the path) ---------------------------


def check_text(text: str, path: str) -> str:
    """``text`` if XML can carry every character of it."""
    match = _ILLEGAL.search(text)
    if match:
        raise SerializationError(
            f"contains the character U+{ord(match.group()):04X}, which XML cannot carry",
            path=path,
        )
    return text


def write_string(value: Any, field: FieldInfo, path: str) -> str:
    if not isinstance(value, str):
        raise SerializationError(f"expected a string, got {type(value).__name__}", path=path)
    return check_text(value, path)


def format_decimal(value: Decimal, path: str) -> str:
    """Plain notation, never exponent form; NaN, infinities and absurd lengths refused."""
    if not value.is_finite():
        raise SerializationError(f"{value} is not a finite number", path=path)
    length = plain_digits(value)
    if length > MAX_DECIMAL_DIGITS:
        raise SerializationError(
            f"{_shown(value)} would be written with {length:,} digits, more than the "
            f"{MAX_DECIMAL_DIGITS:,} allowed",
            path=path,
        )
    return format(value, "f")


def write_decimal(value: Any, field: FieldInfo, path: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise SerializationError(
            f"expected a Decimal, got {type(value).__name__} (floats are refused: money is exact)",
            path=path,
        )
    return format_decimal(Decimal(value), path)


def write_boolean(value: Any, field: FieldInfo, path: str) -> str:
    if not isinstance(value, bool):
        raise SerializationError(f"expected a bool, got {type(value).__name__}", path=path)
    return "true" if value else "false"


def write_integer(value: Any, field: FieldInfo, path: str) -> str:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SerializationError(f"expected an int, got {type(value).__name__}", path=path)
    return str(value)


def write_enum(value: Any, field: FieldInfo, path: str) -> str:
    cls = field.value_type
    if not (isinstance(cls, type) and issubclass(cls, enum.Enum) and isinstance(value, cls)):
        raise SerializationError(
            f"expected a {cls.__name__} member, got {_shown(value)}", path=path
        )
    return check_text(str(value.value), path)


def write_datetime(value: Any, field: FieldInfo, path: str) -> str:
    if not isinstance(value, XmlDateTime):  # str(datetime) is not an xs:dateTime
        raise SerializationError(
            f"expected an XmlDateTime or LexicalDateTime, got {type(value).__name__}", path=path
        )
    return check_text(str(value), path)


def write_model(value: Any, field: FieldInfo, path: str) -> str:
    raise SerializationError(f"cannot write {_shown(value)} as text", path=path)


#: Reads a leaf's text as the field's value (ValueError when it cannot).
Reader = Callable[[str, FieldInfo], Any]
#: Writes a value as a leaf's text; SerializationError naming the path when it cannot.
Writer = Callable[[Any, FieldInfo, str], str]


@attr.s(frozen=True, slots=True, auto_attribs=True)
class Converter:
    """How one kind of leaf value is read from text and written back."""

    read: Reader
    write: Writer


#: The one table: each kind of leaf, both directions.
CONVERTERS: dict[ValueKind, Converter] = {
    ValueKind.STRING: Converter(read_string, write_string),
    ValueKind.DECIMAL: Converter(read_decimal, write_decimal),
    ValueKind.INTEGER: Converter(read_integer, write_integer),
    ValueKind.BOOLEAN: Converter(read_boolean, write_boolean),
    ValueKind.DATETIME: Converter(read_datetime, write_datetime),
    ValueKind.ENUM: Converter(read_enum, write_enum),
    ValueKind.MODEL: Converter(read_model, write_model),
}


def convert_text(text: str, field: FieldInfo) -> Any:
    """Turn an element's text into the field's Python value (raises ValueError if it can't)."""
    return CONVERTERS[field.kind].read(text, field)


def format_value(value: Any, field: FieldInfo, path: str) -> str:
    """The XML text of one leaf value (not yet escaped); ``SerializationError`` if the value
    is not one the field can hold."""
    return CONVERTERS[field.kind].write(value, field, path)
