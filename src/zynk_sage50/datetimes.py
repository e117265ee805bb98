"""``xs:dateTime`` values that remember the exact text they were read from.

xsdata's ``XmlDateTime`` normalises the fraction (``.000`` is dropped, ``.1234567`` becomes
``.123456700``); Sage and .NET exports rely on the original text, so it is kept for writing.
"""

from __future__ import annotations

import calendar
import re
from typing import Any, NoReturn

from xsdata.models.datatype import XmlDateTime


class LexicalDateTime(XmlDateTime):
    """An immutable ``XmlDateTime`` that writes back exactly as it was read.

    It compares, hashes and converts like ``XmlDateTime`` (``to_datetime()``, ordering);
    only ``str()`` differs, returning the original lexical form. ``lexical`` is read-only:
    a value is never changed in place, so sharing one between documents is harmless.
    """

    def __new__(cls, text: str, *, lexical: str | None = None) -> LexicalDateTime:
        """Parse ``text``; ``lexical`` is the form to write back when it differs from it (a
        fraction longer than the nanoseconds ``XmlDateTime`` holds)."""
        if not isinstance(text, str):
            raise TypeError(f"LexicalDateTime() takes the text of a date, not {text!r}")
        parts = _common_form(text)
        parsed = XmlDateTime.from_string(text) if parts is None else parts
        obj = super().__new__(cls, *parsed)
        object.__setattr__(obj, "_text", text if lexical is None else lexical)
        return obj

    @property
    def lexical(self) -> str:
        """The text the value was read from, written back unchanged."""
        text: str = object.__getattribute__(self, "_text")
        return text

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"LexicalDateTime is immutable: cannot set {name}")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"LexicalDateTime is immutable: cannot delete {name}")

    def __str__(self) -> str:
        return self.lexical

    def __repr__(self) -> str:
        return f"LexicalDateTime({self.lexical!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self.lexical,))

    def __copy__(self) -> LexicalDateTime:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> LexicalDateTime:
        return self


#: The form nearly every Zynk date has: parsed here, as xsdata would, without its general
#: (and much slower) format walker; anything else goes to ``XmlDateTime.from_string``.
_COMMON = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])"
    r"(?:\.([0-9]{1,9}))?(Z|[+-](?:0[0-9]|1[0-4]):[0-5][0-9])?"
)


def _common_form(text: str) -> XmlDateTime | None:
    """The ``XmlDateTime`` fields of ``text`` in the common form, or None to take the slow
    path (which also raises the errors)."""
    match = _COMMON.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    month_number, day_number = int(month), int(day)
    if not 1 <= month_number <= 12 or year == "0000":
        return None
    if not 1 <= day_number <= calendar.monthrange(int(year), month_number)[1]:
        return None
    offset: int | None = None
    if zone == "Z":
        offset = 0
    elif zone:
        minutes = int(zone[1:3]) * 60 + int(zone[4:6])
        offset = -minutes if zone[0] == "-" else minutes
    nanoseconds = int(fraction.ljust(9, "0")) if fraction else 0
    return XmlDateTime(
        int(year),
        month_number,
        day_number,
        int(hour),
        int(minute),
        int(second),
        nanoseconds,
        offset,
    )


def _restore(text: str) -> LexicalDateTime:
    """Unpickle: a fraction longer than nine digits is parsed at nanoseconds, kept as written."""
    try:
        return LexicalDateTime(text)
    except ValueError:
        shorter = re.sub(r"(\.[0-9]{9})[0-9]+", r"\1", text, count=1)
        return LexicalDateTime(shorter, lexical=text)
