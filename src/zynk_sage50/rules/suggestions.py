"""The value someone probably meant: for messages about a misspelt enumeration value.

The schema layer reports a value outside an enumeration (``RecordOperation="update"``); these
helpers say what to write instead, so that the one error carries its fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ..models import RecordOperation


def closest(value: str, allowed: Iterable[str]) -> str | None:
    """The allowed value ``value`` most likely means: the same word in another case, else a
    close spelling (``Updat`` → ``Update``), else None."""
    choices = list(allowed)
    folded = value.strip().casefold()
    for choice in choices:
        if choice.casefold() == folded:
            return choice
    by_fold = {choice.casefold(): choice for choice in choices}
    found = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=0.6)
    return by_fold[found[0]] if found else None


def record_operation_message(record: str, value: str) -> str:
    """The ``schema.invalid-value`` message for a RecordOperation outside Insert, Update and
    Upsert, with the spelling to use when one is close."""
    allowed = [operation.value for operation in RecordOperation]
    meant = closest(value, allowed)
    fix = f": write {meant!r} (the case matters)" if meant else ""
    return (
        f"{record} has RecordOperation={value!r}, which is not Insert, Update or Upsert{fix}; "
        "until it is, the record can be neither checked as new nor as an update."
    )
