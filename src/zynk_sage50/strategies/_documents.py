"""``documents()``: whole valid ``Company`` models, built by driving the DocumentBuilder.

A document is drawn as a number of customers, a number of transaction rows, then one action
after another (an invoice of n splits, a receipt, a journal of n legs...) until exactly that
many rows are written. Counts and choices shrink towards fewer rows and the first types, so a
failing example shrinks to a small document.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

import attr
from hypothesis import strategies as st

from ..models import Company, TransactionType
from ._arguments import Count, StrategyArgumentError, Types, count_strategy, parse_types
from ._driver import MAX_LEGS, MAX_SPLITS, TARGET_OF, Driver

T = TransactionType
#: What one step of a document does: a TransactionType, one more split on an invoice already
#: written, or an update record.
Action: TypeAlias = TransactionType | str
SPLIT, UPDATE = "split", "update"

_MULTI_ROW = {
    T.SALES_INVOICE: MAX_SPLITS,
    T.PURCHASE_INVOICE: MAX_SPLITS,
    T.SALES_CREDIT: MAX_SPLITS,
    T.PURCHASE_CREDIT: MAX_SPLITS,
    T.JOURNAL_DEBIT: MAX_LEGS,
}
DEFAULT_CUSTOMERS = (0, 3)
DEFAULT_TRANSACTIONS = (0, 12)


@attr.s(frozen=True, slots=True, auto_attribs=True)
class Plan:
    """The actions a document may use, from the ``types=`` asked for."""

    kinds: tuple[TransactionType, ...]
    updates: bool

    @classmethod
    def of(cls, types: Types, updates: bool) -> Plan:
        kinds = parse_types(types)
        journal = [t for t in kinds if t in (T.JOURNAL_DEBIT, T.JOURNAL_CREDIT)]
        if len(journal) == 1:
            other = "JournalCredit" if journal[0] is T.JOURNAL_DEBIT else "JournalDebit"
            raise StrategyArgumentError(
                f"{journal[0].value} without {other} is impossible: a journal needs both a "
                "debit and a credit, so a valid document cannot contain one without the "
                "other; name both, or neither",
                "types",
            )
        # A journal is one action (JournalDebit stands for the pair).
        return cls(tuple(t for t in kinds if t is not T.JOURNAL_CREDIT), updates)

    @property
    def single_row(self) -> bool:
        """Can some action write exactly one row (so any number of rows can be made)?"""
        return self.updates or any(t is not T.JOURNAL_DEBIT for t in self.kinds)

    def feasible(self, rows: int) -> bool:
        """Can exactly ``rows`` transaction rows be written with these actions?"""
        return rows == 0 or self.single_row or rows >= 2

    def actions(self, left: int, driver: Driver) -> list[Action]:
        """The actions that fit in ``left`` rows, leaving a number of rows still possible."""
        found: list[Action] = []
        for kind in self.kinds:
            if min(self.sizes(kind, left)) <= left:
                found.append(kind)
        if driver.invoices:
            found.append(SPLIT)
        if self.updates:
            found.append(UPDATE)
        return found

    def sizes(self, action: Action, left: int) -> list[int]:
        """The numbers of rows ``action`` may write when ``left`` rows are still to write."""
        if action not in _MULTI_ROW:
            return [1]
        low = 2 if action is T.JOURNAL_DEBIT else 1
        sizes = [
            n for n in range(low, min(_MULTI_ROW[action], left) + 1) if self.feasible(left - n)
        ]
        return sizes or [left + 1]  # nothing fits: never chosen


def documents(
    *,
    customers: Count = None,
    transactions: Count = None,
    types: Types = None,
    updates: bool = False,
) -> st.SearchStrategy[Company]:
    """Valid ``Company`` documents: zero errors and zero warnings when validated (infos, such
    as a receipt allocated to an invoice already in Sage, may appear).

    ``customers`` and ``transactions`` are the number of Customer records and of Transaction
    rows: an ``int`` for exactly that many, a ``(min, max)`` tuple, or a strategy of ints
    (default: 0 to 3 customers, 0 to 12 rows). ``types`` restricts the TransactionTypes used
    (names or members; default the thirteen current names; ``SalesReceipt`` and
    ``PurchasePayment`` only when named). ``updates=True`` also writes dispute and document-link
    update records.

    Invoices and credit notes keep their splits together, journals balance, receipts and
    credit notes are allocated to an invoice of the same document on the same account (or, when
    there is none to allocate to, to an invoice already in Sage) and never beyond its gross,
    sales transactions name the document's customers when it has some, Ids are unique.

    Raises ``ValueError`` (also Hypothesis's ``InvalidArgument``) for what no valid document can
    be: an unknown type name, ``JournalDebit`` without ``JournalCredit``, one row of journals
    only.
    """
    if not isinstance(updates, bool):
        raise StrategyArgumentError(f"updates= must be True or False, not {updates!r}", "updates")
    plan = Plan.of(types, updates)
    why = (
        " with only journals (each journal writes at least two rows)"
        if not plan.single_row
        else ""
    )
    customer_counts = count_strategy("customers", customers, DEFAULT_CUSTOMERS)
    row_counts = count_strategy(
        "transactions", transactions, DEFAULT_TRANSACTIONS, plan.feasible, why
    )
    return st.composite(_document)(customer_counts, row_counts, plan)


@attr.s(frozen=True, slots=True, auto_attribs=True)
class Part:
    """Where a part of a document drawn in several parts starts: Ids, customer numbers and
    references continue after ``written`` rows and ``numbered`` customers, and sales name
    ``accounts`` (the customers of the earlier parts) too."""

    written: int = 0
    numbered: int = 0
    accounts: tuple[str, ...] = ()


#: A document drawn in one part.
WHOLE = Part()


def _document(
    draw: st.DrawFn,
    customer_counts: st.SearchStrategy[int],
    row_counts: st.SearchStrategy[int],
    plan: Plan,
    part: Part = WHOLE,
) -> Company:
    customers = draw(customer_counts, label="customers")
    rows = draw(row_counts, label="transactions")
    driver = Driver(draw, first_id=part.written + 1, accounts=part.accounts, counter=part.written)
    for number in range(part.numbered + 1, part.numbered + customers + 1):
        driver.customer(number)
    left = rows
    while left:
        action = draw(st.sampled_from(plan.actions(left, driver)))
        target = TARGET_OF.get(action) if isinstance(action, TransactionType) else None
        if (
            isinstance(action, TransactionType)
            and target in plan.kinds
            and left >= 2
            and not driver.has_target(action)
            and draw(st.integers(0, 3)) != 3
        ):
            # Usually, a receipt or credit note comes after the invoice it settles.
            assert target is not None
            driver.invoice(target, 1)
            left -= 1
        sizes = plan.sizes(action, left)
        size = draw(st.sampled_from(sizes)) if len(sizes) > 1 else sizes[0]
        written = _run(driver, action, size)
        assert len(written) == size, (action, size, len(written))
        left -= size
    return driver.builder.build()


def document_part(customers: int, rows: int, plan: Plan, part: Part) -> st.SearchStrategy[Company]:
    """One part of a large document (see :class:`Part`): exactly that many records."""
    return st.composite(_document)(st.just(customers), st.just(rows), plan, part)


def _run(driver: Driver, action: Action, size: int) -> list[object]:
    runners: dict[str, Callable[[], list[object]]] = {
        SPLIT: lambda: list(driver.extra_split()),
        UPDATE: lambda: list(driver.update()),
    }
    if isinstance(action, str):
        return runners[action]()
    return list(driver.act(action, size))
