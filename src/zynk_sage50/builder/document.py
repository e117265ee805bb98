"""``DocumentBuilder``: one typed method per thing a bookkeeper does, producing a ``Company``.

Each call either adds what it describes or raises (``BuildError`` naming the argument, or
``TypeError`` for a wrong type) and leaves the builder as it was. What the builder accepts
validates with no errors and no warnings: it runs the validator's own checks on each record
it adds, and keeps what spans records (Ids, accounts, allocations, journals) with the rules'
own keys. See ``docs/builder.md``.
"""

from __future__ import annotations

from ..errors import BuildError
from ..models import Company, Customers, Transaction, Transactions
from .bank import BankCalls
from .customers import CustomerCalls
from .handles import InvoiceHandle, JournalHandle
from .invoicing import InvoiceCalls
from .journals import JournalCalls
from .ledgers import LedgerCalls


class DocumentBuilder(CustomerCalls, LedgerCalls, BankCalls, JournalCalls, InvoiceCalls):
    """Builds a ``Company`` document.

    Transaction Ids are yours to give (``id=``) or assigned: each record without one gets the
    smallest whole number above every Id used so far, starting at ``first_id``, in the order
    of the calls (so the same calls always give the same Ids; :attr:`next_id` says which comes
    next). Customer Ids default to the account reference. A refused call takes no Id.

    ``tax_rates`` (tax code → percent) replaces entries of Sage's default tax table where the
    company's differs, as ``validate(tax_rates=...)`` does: VAT is checked against them.
    """

    def build(self) -> Company:
        """The document: customers, invoice documents, then transactions with each invoice's
        splits and each journal's lines together (the order Zynk imports them in).

        Refuses an SI/SC/PI/PC without splits, an invoice document without lines and a
        journal that is one-sided or (without a variance nominal code) unbalanced.
        """
        for entry in self._entries:
            if isinstance(entry, InvoiceHandle) and not entry.splits:
                raise BuildError(
                    f"{entry.transaction_type.value} {entry.reference} on "
                    f"{entry.account_reference} has no splits: add them with .split()"
                )
            if isinstance(entry, JournalHandle):
                self._check_journal(entry)
        invoices = self._build_invoices()
        rows: list[Transaction] = []
        for entry in self._entries:
            if isinstance(entry, InvoiceHandle):
                rows.extend(entry.splits)
            elif isinstance(entry, JournalHandle):
                rows.extend(self._journal_rows(entry))
            else:
                rows.append(entry)
        return Company(
            customers=Customers(customer=list(self._customers)) if self._customers else None,
            invoices=invoices,
            transactions=Transactions(transaction=rows) if rows else None,
        )
