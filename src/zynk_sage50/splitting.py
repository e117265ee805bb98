"""``split`` and ``merge``: one export as the inputs of Zynk's three import tasks, and back.

A training platform writes one file; Zynk imports it with three tasks in order (Customers, then
Invoices, then Transactions), each depending on the last. ``split`` gives each task its own
document; ``merge`` puts documents together again, so ``merge(split(doc).values())`` equals
``doc``. Every part keeps the root's namespace declarations.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from .company_parts import (
    DocumentSource,
    company_part,
    customers_of,
    invoices_of,
    read_company,
    transactions_of,
)
from .limits import DEFAULT_LIMITS, Limits
from .models import Company, Customer, Invoice, Transaction


class Task(enum.Enum):
    """Zynk's three import tasks, in the order they run (each needs the one before)."""

    CUSTOMERS = "customers"
    INVOICES = "invoices"
    TRANSACTIONS = "transactions"

    @property
    def file_name(self) -> str:
        """``customers.xml``: the name ``zynk-sage50 split`` writes the task's input under."""
        return f"{self.value}.xml"


def split(source: DocumentSource, *, limits: Limits = DEFAULT_LIMITS) -> dict[Task, Company]:
    """The input of each import task, in task order: only the tasks whose collection the
    document has (an empty ``<Customers/>`` still makes a ``customers`` part, so that merging
    gives it back). Records are shared with the source, not copied."""
    company = read_company(source, limits=limits)
    parts: dict[Task, Company] = {}
    if company.customers is not None:
        parts[Task.CUSTOMERS] = company_part(
            company, customers=customers_of(company), invoices=None, transactions=None
        )
    if company.invoices is not None:
        parts[Task.INVOICES] = company_part(
            company, customers=None, invoices=invoices_of(company), transactions=None
        )
    if company.transactions is not None:
        parts[Task.TRANSACTIONS] = company_part(
            company, customers=None, invoices=None, transactions=transactions_of(company)
        )
    return parts


def merge(sources: Iterable[DocumentSource], *, limits: Limits = DEFAULT_LIMITS) -> Company:
    """One document holding every record of ``sources``: each collection's records in the order
    of the sources, a collection present when any source has it, and the root namespace
    declarations of the first source (a later source adds the prefixes it alone declares).
    No sources give an empty new ``Company``."""
    companies = [read_company(source, limits=limits) for source in sources]
    if not companies:
        return Company()
    customers: list[Customer] | None = None
    invoices: list[Invoice] | None = None
    transactions: list[Transaction] | None = None
    for company in companies:
        if company.customers is not None:
            customers = (customers or []) + customers_of(company)
        if company.invoices is not None:
            invoices = (invoices or []) + invoices_of(company)
        if company.transactions is not None:
            transactions = (transactions or []) + transactions_of(company)
    merged = company_part(
        companies[0], customers=customers, invoices=invoices, transactions=transactions
    )
    for company in companies[1:]:
        for prefix, uri in company.namespaces.items():
            merged.namespaces.setdefault(prefix, uri)
    return merged


__all__ = ["Task", "merge", "split"]
