"""The words of schema issues: what a field expects, and values and names shown cut to a
readable length, so that every message about a schema problem is one plain sentence."""

from __future__ import annotations

import calendar
import re

from .modelinfo import FieldInfo, ValueKind

_XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
_XML = "{http://www.w3.org/XML/1998/namespace}"

#: The longest value quoted whole in a message; longer ones are cut (a hostile file can put
#: megabytes into one value, and the message must stay one readable sentence).
_SHOWN = 60


def shown(value: str, *, quote: bool = True) -> str:
    """``value`` for a message (quoted unless ``quote`` is false), cut to a readable length."""
    if len(value) <= _SHOWN:
        return repr(value) if quote else value
    start = repr(value[:_SHOWN]) if quote else value[:_SHOWN]
    return f"{start}... ({len(value):,} characters)"


def attribute_name(name: str) -> str:
    """``xml:lang``, ``xsi:type`` or ``{urn:x}foo`` for an attribute's Clark name."""
    if name.startswith(_XML):
        return "xml:" + name[len(_XML) :]
    if name.startswith(_XSI):
        return "xsi:" + name[len(_XSI) :]
    return name


def xsi_message(local: str, element_name: str) -> str:
    if local in ("schemaLocation", "noNamespaceSchemaLocation"):
        return (
            f"The attribute xsi:{local} is not allowed on {element_name}: schema location "
            "hints are never followed; remove it."
        )
    if local == "type":
        return (
            f"The attribute xsi:type is not allowed on {element_name}: Zynk documents never "
            "override an element's type; remove it."
        )
    return f"The attribute xsi:{local} is not allowed on {element_name}."


_KIND_WORDS = {
    ValueKind.DECIMAL: "a decimal number such as 120.50",
    ValueKind.INTEGER: "a whole number",
    ValueKind.BOOLEAN: "true or false",
    ValueKind.DATETIME: "a date and time such as 2019-05-16T00:00:00",
    ValueKind.STRING: "text",
}


def expected_words(field: FieldInfo) -> str:
    meta = field.metadata
    if field.kind is ValueKind.ENUM:
        return "one of " + ", ".join(str(member.value) for member in field.value_type)
    words = _KIND_WORDS.get(field.kind, "a valid value")
    if "pattern" in meta:
        if meta["pattern"] == "[0-9]{1,3}":
            return "1 to 3 digits such as 001"
        return f"text matching the pattern {meta['pattern']}"
    low, high = meta.get("min_inclusive"), meta.get("max_inclusive")
    if low is not None and high is not None:
        words += f" from {low} to {high}"
    return words


def invalid_value_message(
    name: str, value: str | None, field: FieldInfo | None, nil: str | None = None
) -> str:
    expected = expected_words(field) if field else "a valid value"
    if value is None:
        return f"{name} is not valid: it must be {expected}."
    if value.strip() == "":
        if nil is not None and nil.strip() in ("false", "0"):
            return (
                f'{name} is empty and has xsi:nil="{nil.strip()}", which does not make it '
                f"absent: drop the attribute, and give {expected} or leave the element out."
            )
        return (
            f"{name} is empty: give {expected}, or leave the element out "
            "(an empty number, date or true/false fails the import)."
        )
    if field is not None and field.kind is ValueKind.DATETIME:
        missing = missing_day(value)
        if missing:
            return f"{name} is {shown(value)}, a date that does not exist: {missing}."
    message = f"{name} is {shown(value)}, which is not valid: it must be {expected}."
    if name.endswith("TaxCode") and re.fullmatch(r"\s*[Tt](\d{1,2})\s*", value):
        number = re.fullmatch(r"\s*[Tt](\d{1,2})\s*", value)
        assert number is not None
        message += f" Write {number.group(1)}: T{number.group(1)} is how Sage displays it."
    return message


_DATE_PART = re.compile(r"\s*(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})T")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def missing_day(value: str) -> str | None:
    """Why a date of the right shape does not exist (``2026-02-30``), or None."""
    match = _DATE_PART.match(value)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month:02d}"
    if year < 1 or year > 9999:
        return None
    days = calendar.monthrange(year, month)[1]
    if 1 <= day <= days:
        return None
    return f"{_MONTHS[month - 1]} {year} has {days} days"


def not_nillable_message(name: str, group: bool, record: bool) -> str:
    """``xsi:nil`` on an element that cannot be nil: a record, a group of elements, or text."""
    if group:
        what = "a record" if record else "a group"
        return (
            f"{name} has xsi:nil, but it is {what} of elements, which cannot be nil: "
            "remove the attribute (leave the element out to give nothing)."
        )
    return (
        f"{name} has xsi:nil, but it is text, not an optional number, date or "
        "true/false: leave the element out, or make it empty."
    )


def nilled_with_value_message(name: str, value: str) -> str:
    """``xsi:nil="true"`` on an element that also holds a value."""
    given = f" ({shown(value)})" if value else ""
    return (
        f'{name} has xsi:nil="true" and a value{given}: a nil element must be empty. '
        "Remove xsi:nil to give the value, or the value to leave it out."
    )
