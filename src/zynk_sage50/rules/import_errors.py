"""Rules: the ``Errors/Error`` Zynk adds to each record it writes to a task's fail file.

A fail file is fixed and imported again, and the importer ignores what Zynk added: each error
is reported as ``record.import-error`` (info), quoting its Description, so that checking the
fixed file still shows why each record failed last time, and never as a problem.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..issues import Issue
from ..models import Customer, Invoice, Transaction
from ..records import LIST_WRAPPERS
from .catalogue import RECORD_IMPORT_ERROR
from .located import Located
from .registry import REGISTRY


def import_error(entry: Located[Any]) -> Iterator[Issue]:
    """``record.import-error``: an error Zynk recorded when it could not import the record."""
    errors = entry.record.errors
    if errors is None:
        return
    indexed = len(errors.error) > 1 or "Errors" in LIST_WRAPPERS
    for position, error in enumerate(errors.error, start=1):
        description = (error.description or "").strip() or "(no Description)"
        by = f" ({error.name.strip()})" if error.name and error.name.strip() else ""
        when = "" if error.date is None else f" on {error.date}"
        yield entry.issue(
            RECORD_IMPORT_ERROR,
            f"This record comes from a fail file: Zynk could not import it{when}{by}: "
            f"{description!r}. Once that is fixed it can be imported again; the importer "
            "ignores Errors.",
            field=f"Errors/Error[{position}]" if indexed else "Errors/Error",
        )


REGISTRY.record(Transaction)(import_error)
REGISTRY.record(Customer)(import_error)
REGISTRY.record(Invoice)(import_error)
