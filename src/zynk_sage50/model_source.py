"""A model built in Python as a record stream: each record written to an element, so that
``validate(company)`` runs exactly the checks ``validate(dumps(company))`` runs.

A value the writer cannot write (NaN, a ``str`` where an enum belongs, a member of the wrong
enum, a control character) is an issue on its field and is left out of the element; the rest
of the record is still checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attr
from lxml import etree

from .errors import SerializationError
from .issues import Issue, RecordRef, Severity
from .models import Company, Customers, Invoices, Transactions
from .parsing import parser_options
from .records import COLLECTIONS, RECORD_CLASSES
from .streaming import RecordEvent
from .writing import write_element

#: The Company field holding each collection, and the collection's list field.
_FIELDS = {"Customers": "customers", "Invoices": "invoices", "Transactions": "transactions"}
_EMPTY = {"Customers": Customers, "Invoices": Invoices, "Transactions": Transactions}


def _parse(text: str) -> etree._Element:
    parser = etree.XMLParser(**parser_options())
    return etree.fromstring(text.encode("utf-8"), parser)


def _problem_issue(problem: SerializationError, ref: RecordRef) -> Issue:
    path = problem.path or ""
    name = path.rsplit("/", 1)[-1].split("[")[0].lstrip("@") or ref.kind
    reason = str(problem)
    if path and reason.startswith(path + ": "):
        reason = reason[len(path) + 2 :]
    return Issue(
        code="schema.invalid-value",
        severity=Severity.ERROR,
        message=f"{name} cannot be written as XML: {reason}.",
        path=path or None,
        record=ref,
    )


def model_events(company: Company, problems: list[Issue]) -> Iterator[RecordEvent]:
    """Each record of ``company`` as an element, in the writer's collection order; an item
    that is not a record of its collection's class is an issue in ``problems`` instead."""
    for collection, kind in COLLECTIONS.items():
        holder = getattr(company, _FIELDS[collection])
        if not isinstance(holder, _EMPTY[collection]):
            continue  # None, or a wrong type that model_root reports
        records = getattr(holder, kind.lower())
        for index, record in enumerate(records or [], start=1):
            path = f"/Company/{collection}/{kind}[{index}]"
            record_id = getattr(record, "id", None)
            ref = RecordRef(
                kind=kind, index=index, id=None if record_id is None else str(record_id)
            )
            if not isinstance(record, RECORD_CLASSES[kind]):
                wrong = SerializationError(
                    f"expected a {kind}, got {type(record).__name__}", path=path
                )
                problems.append(_problem_issue(wrong, ref))
                continue
            found: list[SerializationError] = []
            element = _parse(write_element(record, kind, path, found))
            yield RecordEvent(
                kind=kind,
                index=index,
                element=element,
                issues=[_problem_issue(problem, ref) for problem in found],
            )


def model_root(company: Company) -> tuple[etree._Element, list[Issue]]:
    """The document without its records (what a file's residual root is), as an element."""
    emptied: dict[str, Any] = {
        field: _EMPTY[collection]()
        for collection, field in _FIELDS.items()
        if getattr(company, field) is not None
    }
    found: list[SerializationError] = [
        SerializationError(
            f"expected {collection} or None, got {type(getattr(company, field)).__name__}",
            path=f"/Company/{collection}",
        )
        for collection, field in _FIELDS.items()
        if getattr(company, field) is not None
        and not isinstance(getattr(company, field), _EMPTY[collection])
    ]
    root = _parse(write_element(attr.evolve(company, **emptied), "Company", "/Company", found))
    return root, [_problem_issue(problem, RecordRef(kind="Company", index=1)) for problem in found]
