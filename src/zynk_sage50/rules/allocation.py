"""Rules: auto-allocation of credits, receipts and payments (decision 20, D16, D17).

Only SalesCredit (SC), SalesReceiptOnAccount / SalesReceipt (SA / SR), PurchaseCredit (PC) and
PurchasePaymentOnAccount / PurchasePayment (PA / PP) are allocated. Each allocates to the single
invoice on the *same AccountReference* whose Reference equals its own Reference, on the other
side of the same ledger: sales items to a SalesInvoice, purchase items to a PurchaseInvoice.

An invoice "in the document" is one header as the importer will create it: a group of
consecutive SI (or PI) rows sharing the grouping key of :mod:`.grouping`. A credit is also a
group, and its Reference is both its grouping key and its allocation target (D16): an SC with
Reference SI1 allocates to invoice SI1; an SC whose Reference names no invoice in the document
is left to Sage (``allocation.target-outside-document``, info). Receipts and payments are never
grouped: each row allocates on its own. References are compared exactly as written; account
references as Sage compares them (case-insensitive, blanks around ignored, like the other rules
that match accounts). Update records take no part.

Over-allocation compares, per invoice, the gross total of the invoice (NetAmount + TaxAmount over
all its splits; for an invoice document, what Sage will post it for when the file says, see
:mod:`.invoice_totals`, with its own payment counted as allocated) with the sum of the gross
amounts allocated to it (a receipt's NetAmount plus
its TaxAmount if any; a credit's NetAmount + TaxAmount over all its splits). Each line is
rounded to 2 places first, and **magnitudes** are compared: exports carry receipts with a
negative NetAmount (``-200`` against a 200.00 invoice), and that is the same allocation as a
positive ``200``. Items whose amounts are missing or unreadable count for nothing, and an
invoice whose own amounts are unknown is not checked, so this rule never guesses.

The analysis (items, and what each Reference finds) is worked out once per document, by the
one registered document rule, and handed to the six checks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import NamedTuple

from ..issues import Issue
from ..models import TransactionType
from ..vocabulary import (
    INVOICE_TYPES,
    ROW_ALLOCATORS,
    Ledger,
    account_key,
    ledger_of,
    money_text,
    round_line_amount,
)
from .catalogue import (
    ALLOCATION_ACCOUNT_MISMATCH,
    ALLOCATION_AMBIGUOUS,
    ALLOCATION_MISSING_REFERENCE,
    ALLOCATION_OVER_ALLOCATED,
    ALLOCATION_TARGET_OUTSIDE_DOCUMENT,
    ALLOCATION_WRONG_LEDGER,
)
from .document import DEFAULT_OPTIONS, DocumentContext, RuleOptions
from .facts import InvoiceFacts, TransactionFacts
from .grouping import transaction_groups
from .invoice_totals import posted_gross
from .registry import REGISTRY

_MATCH_FIELDS = ("AccountReference", "Reference")


class Item(NamedTuple):
    """An invoice header or an allocating item: its rows (splits) and what matches it. An
    invoice document (``Company/Invoices/Invoice``) is an item of one row, its own facts."""

    rows: Sequence[TransactionFacts | InvoiceFacts]
    ledger: Ledger
    transaction_type: TransactionType
    account_reference: str
    reference: str

    @property
    def first(self) -> TransactionFacts | InvoiceFacts:
        """The row the item's issues are reported on."""
        return self.rows[0]

    @property
    def readable(self) -> bool:
        """Are its AccountReference and Reference usable (not failed by the schema)?"""
        return all(
            not isinstance(row, TransactionFacts) or row.readable(*_MATCH_FIELDS)
            for row in self.rows
        )

    def gross(self, options: RuleOptions = DEFAULT_OPTIONS) -> Decimal | None:
        """NetAmount + TaxAmount over its splits, each rounded to 2 places; for an invoice
        document, what Sage will post it for at ``options``' tax rates. None if unknown."""
        total = Decimal(0)
        for row in self.rows:
            if not isinstance(row, TransactionFacts):
                return posted_gross(row.posted_lines, options)
            net, tax = row.net_amount, row.tax_amount
            if net is None or not row.readable("TaxAmount"):
                return None
            total += round_line_amount(net) + round_line_amount(tax or Decimal(0))
        return total

    def paid(self) -> Decimal:
        """What an invoice document's own payment allocates to it (0 for the others)."""
        first = self.first
        return first.paid if isinstance(first, InvoiceFacts) else Decimal(0)

    def describe(self) -> str:
        """``SalesInvoice SI1 on account ABS001 at Transaction[1] (line 5)``."""
        what = self.transaction_type.value
        if isinstance(self.first, InvoiceFacts):
            what = "the invoice document numbered"
        return (
            f"{what} {self.reference} on account "
            f"{self.account_reference or '(empty)'} at {self.first.describe()}"
        )


class Match(NamedTuple):
    """What an allocating item's Reference finds in the document."""

    item: Item
    #: Invoices of its ledger on its account: exactly one is a clean allocation.
    targets: Sequence[Item]
    #: Invoices of its ledger with that Reference on other accounts.
    other_accounts: Sequence[Item]
    #: Invoices of the other ledger with that Reference (any account).
    other_ledger: Sequence[Item]


class Analysis(NamedTuple):
    """Every allocating item of a document, and what each usable Reference finds."""

    allocators: Sequence[Item]
    matches: Sequence[Match]
    #: The caller's options (the tax rates an invoice document's gross is worked out at).
    options: RuleOptions = DEFAULT_OPTIONS
    #: How messages name what was checked (see :class:`.DocumentContext`).
    scope: str = "this document"


def _item(rows: Sequence[TransactionFacts]) -> Item:
    first = rows[0]
    transaction_type = first.transaction_type
    assert transaction_type is not None  # only typed rows become items
    ledger = ledger_of(transaction_type)
    assert ledger is not None  # only sales and purchase types allocate
    return Item(rows, ledger, transaction_type, first.account_reference, first.reference)


def _document_item(invoice: InvoiceFacts) -> Item:
    return Item(
        (invoice,),
        Ledger.SALES,
        TransactionType.SALES_INVOICE,
        invoice.account_reference or "",
        invoice.posted_reference or "",
    )


def _items(
    rows: Sequence[TransactionFacts], documents: Sequence[InvoiceFacts] = ()
) -> tuple[list[Item], list[Item]]:
    """(invoices, allocating items), each in file order; invoice documents that Sage posts as
    a SalesInvoice are invoices too (after the transactions' ones)."""
    invoices: list[Item] = []
    allocators: list[Item] = []
    for key, run in transaction_groups(rows):
        (invoices if key.transaction_type in INVOICE_TYPES else allocators).append(_item(run))
    for row in rows:
        if row.posting and row.transaction_type in ROW_ALLOCATORS:
            allocators.append(_item((row,)))
    # In the rows' order (index alone is not enough when files are checked together).
    firsts = {id(item.first) for item in allocators}
    order = {id(row): position for position, row in enumerate(rows) if id(row) in firsts}
    allocators.sort(key=lambda item: order[id(item.first)])
    invoices.extend(_document_item(d) for d in documents if d.posted_reference is not None)
    return invoices, allocators


def analyse(
    rows: Sequence[TransactionFacts],
    documents: Sequence[InvoiceFacts] = (),
    options: RuleOptions = DEFAULT_OPTIONS,
    scope: str = "this document",
) -> Analysis:
    """The allocation analysis of a document's transactions (and invoice documents)."""
    invoices, allocators = _items(rows, documents)
    by_reference: dict[tuple[Ledger, str], list[Item]] = defaultdict(list)
    for invoice in invoices:
        if invoice.readable and invoice.reference.strip():
            by_reference[invoice.ledger, invoice.reference].append(invoice)
    found: list[Match] = []
    for item in allocators:
        if not item.readable or not item.reference.strip():
            continue
        candidates = by_reference.get((item.ledger, item.reference), [])
        account = account_key(item.account_reference)
        found.append(
            Match(
                item=item,
                targets=[c for c in candidates if account_key(c.account_reference) == account],
                other_accounts=[
                    c for c in candidates if account_key(c.account_reference) != account
                ],
                other_ledger=by_reference.get((item.ledger.other, item.reference), []),
            )
        )
    return Analysis(allocators, found, options, scope)


def _what(item: Item) -> str:
    return f"This {item.transaction_type.value}"


def check_missing_reference(analysis: Analysis) -> Iterator[Issue]:
    """``allocation.missing-reference``: nothing to allocate to."""
    for item in analysis.allocators:
        first = item.first  # an allocator is always a transaction row
        if item.reference.strip() or not isinstance(first, TransactionFacts):
            continue
        if not first.readable("Reference"):
            continue
        target = item.ledger.target_type.value
        yield item.first.issue(
            ALLOCATION_MISSING_REFERENCE,
            f"{_what(item)} has no Reference, so it cannot be allocated and will stay "
            f"unallocated on the account: give the Reference of the {target} to allocate it to.",
            field="Reference" if item.first.has("Reference") else None,
        )


def check_account_mismatch(analysis: Analysis) -> Iterator[Issue]:
    """``allocation.account-mismatch``: the invoice is there, on another account."""
    for match in analysis.matches:
        if match.targets or not match.other_accounts:
            continue
        item = match.item
        found = " and ".join(invoice.describe() for invoice in match.other_accounts)
        yield item.first.issue(
            ALLOCATION_ACCOUNT_MISMATCH,
            f"{_what(item)} on account {item.account_reference or '(empty)'} names Reference "
            f"{item.reference}, which matches {found}: allocation only happens within one "
            "account, so it will be left unallocated. Correct the AccountReference or the "
            "Reference.",
            field="Reference",
        )


def check_wrong_ledger(analysis: Analysis) -> Iterator[Issue]:
    """``allocation.wrong-ledger``: the Reference names an invoice of the other ledger."""
    for match in analysis.matches:
        if match.targets or match.other_accounts or not match.other_ledger:
            continue
        item = match.item
        found = " and ".join(invoice.describe() for invoice in match.other_ledger)
        yield item.first.issue(
            ALLOCATION_WRONG_LEDGER,
            f"{_what(item)} names Reference {item.reference}, which matches only {found}: a "
            f"{item.transaction_type.value} can only be allocated to a "
            f"{item.ledger.target_type.value}, so it will be left unallocated. Check the "
            "TransactionType and the Reference.",
            field="Reference",
        )


def check_ambiguous(analysis: Analysis) -> Iterator[Issue]:
    """``allocation.ambiguous``: more than one invoice header matches."""
    for match in analysis.matches:
        if len(match.targets) < 2:
            continue
        item = match.item
        found = " and ".join(invoice.first.describe() for invoice in match.targets)
        yield item.first.issue(
            ALLOCATION_AMBIGUOUS,
            f"{_what(item)} names Reference {item.reference}, which matches "
            f"{len(match.targets)} {item.ledger.target_type.value} headers on account "
            f"{item.account_reference or '(empty)'}, at {found}: it is allocated to only one "
            "of them. Give each invoice its own Reference, or keep the rows of one invoice "
            "together with the same date.",
            field="Reference",
        )


def check_over_allocated(analysis: Analysis) -> Iterator[Issue]:
    """``allocation.over-allocated``: more allocated to an invoice than its gross total."""
    # By the invoice's first record (its facts are one object per record, in any file).
    allocated: dict[int, Decimal] = {}
    reported: set[int] = set()
    for match in analysis.matches:
        if len(match.targets) != 1:
            continue
        invoice = match.targets[0]
        key = id(invoice.first)
        invoice_gross = invoice.gross(analysis.options)
        amount = match.item.gross()
        if invoice_gross is None or amount is None or key in reported:
            continue
        total = allocated.get(key, invoice.paid()) + abs(amount)
        allocated[key] = total
        if total <= abs(invoice_gross):
            continue
        reported.add(key)
        item = match.item
        paid = invoice.paid()
        own = f" (its own payment of {money_text(paid)} included)" if paid else ""
        yield item.first.issue(
            ALLOCATION_OVER_ALLOCATED,
            f"{_what(item)} of {money_text(abs(amount))} brings the total allocated to "
            f"{invoice.describe()} to {money_text(total)}{own}, more than its gross total of "
            f"{money_text(abs(invoice_gross))}: the excess of "
            f"{money_text(total - abs(invoice_gross))} cannot be allocated to it. Check the "
            "amounts and the References.",
            field="Reference",
        )


def check_target_outside_document(analysis: Analysis) -> Iterator[Issue]:
    """``allocation.target-outside-document``: left to what is already in Sage."""
    for match in analysis.matches:
        if match.targets or match.other_accounts or match.other_ledger:
            continue
        item = match.item
        yield item.first.issue(
            ALLOCATION_TARGET_OUTSIDE_DOCUMENT,
            f"{_what(item)} names Reference {item.reference}, and no "
            f"{item.ledger.target_type.value} in {analysis.scope} has it: the importer will "
            f"look for it in Sage on account {item.account_reference or '(empty)'}, and leave "
            "this unallocated if it is not there.",
            field="Reference",
        )


#: The checks, in the order their issues are reported.
CHECKS: tuple[Callable[[Analysis], Iterator[Issue]], ...] = (
    check_missing_reference,
    check_account_mismatch,
    check_wrong_ledger,
    check_ambiguous,
    check_over_allocated,
    check_target_outside_document,
)


@REGISTRY.document
def allocation(context: DocumentContext) -> Iterator[Issue]:
    """Every ``allocation.*`` issue, from one analysis of the document."""
    analysis = analyse(context.transactions, context.invoices, context.options, context.scope)
    for check in CHECKS:
        yield from check(analysis)
