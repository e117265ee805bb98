"""What the strategy tests share: example budgets, which issues count as problems, the records
of a document, and a document of given records."""

from __future__ import annotations

from hypothesis import Phase, settings

import zynk_sage50 as zs
from zynk_sage50 import Company, Customer, Invoice, Severity, Transaction
from zynk_sage50.models import Customers, Invoices, Transactions


def bounded(share: int) -> settings:
    """The active profile's example budget divided by ``share`` (for tests repeated per code or
    per type), without a deadline: validating a document is not what is being timed."""
    profile = settings.default
    assert profile is not None
    return settings(max_examples=max(1, profile.max_examples // share), deadline=None)


#: For ``find`` when only finding matters: the first example found, not shrunk.
FIRST_FOUND = settings(database=None, max_examples=2000, phases=[Phase.generate])


def problems(report: zs.Report, allowed: str | None = None) -> list[str]:
    """Errors and warnings other than ``allowed``."""
    return [
        str(issue)
        for issue in report.issues
        if issue.severity is not Severity.INFO and issue.code != allowed
    ]


def rows(company: Company) -> list[Transaction]:
    return list(company.transactions.transaction) if company.transactions else []


def customer_list(company: Company) -> list[Customer]:
    return list(company.customers.customer) if company.customers else []


def invoice_list(company: Company) -> list[Invoice]:
    return list(company.invoices.invoice) if company.invoices else []


def alone(*records: Transaction | Customer | Invoice) -> Company:
    """A document holding only these records."""
    found_rows = [r for r in records if isinstance(r, Transaction)]
    found_customers = [r for r in records if isinstance(r, Customer)]
    found_invoices = [r for r in records if isinstance(r, Invoice)]
    return Company(
        customers=Customers(customer=found_customers) if found_customers else None,
        invoices=Invoices(invoice=found_invoices) if found_invoices else None,
        transactions=Transactions(transaction=found_rows) if found_rows else None,
    )
