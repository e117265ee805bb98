"""Rules: ``duplicate.id``, Ids that the importer's duplicate prevention would skip.

Transaction Ids are integers (decision 8) and compare as numbers, so an already-imported Id
``007`` matches ``<Id>7</Id>``; customer Ids are strings and compare exactly (blanks around
ignored).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from typing import Any

from ..issues import Issue, Severity
from .context import Located, RuleContext


def _transaction_key(value: object) -> str | None:
    return None if value is None else str(value)


def _customer_key(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()


def _imported_transaction_ids(imported: Collection[str]) -> frozenset[str]:
    """Already-imported Ids that can be transaction Ids, as the integers they denote."""
    return frozenset(str(int(value)) for value in imported if value.strip().isdigit())


def _duplicates(
    records: Sequence[Located[Any]],
    key_of: Any,
    imported: Collection[str],
    noun: str,
) -> Iterator[Issue]:
    first: dict[str, Located[Any]] = {}
    for located in records:
        key = key_of(located.record.id)
        if key is None:
            continue
        if key in imported:
            yield located.issue(
                "duplicate.id",
                Severity.ERROR,
                f"Id {key} was already imported: with Prevent Duplicates on, the importer "
                f"will skip this {noun} to the fail file; give it a new Id if it is a new "
                f"{noun}, or leave it out of the file.",
                field="Id",
            )
            continue
        earlier = first.setdefault(key, located)
        if earlier is located:
            continue
        where = f" (line {earlier.line})" if earlier.line is not None else ""
        yield located.issue(
            "duplicate.id",
            Severity.ERROR,
            f"Id {key} is also the Id of {noun} {earlier.index}{where}: the importer will skip "
            f"this one to the fail file; give each {noun} its own Id.",
            field="Id",
        )


def duplicate_id(context: RuleContext) -> Iterator[Issue]:
    """``duplicate.id``: two transactions or two customers share an Id, or an Id is in the
    caller's list of already-imported Ids."""
    yield from _duplicates(
        context.transactions,
        _transaction_key,
        _imported_transaction_ids(context.imported_ids),
        "transaction",
    )
    customer_imported = frozenset(value.strip() for value in context.imported_ids)
    yield from _duplicates(context.customers, _customer_key, customer_imported, "customer")


DOCUMENT_RULES = (duplicate_id,)
