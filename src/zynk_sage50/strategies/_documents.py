"""``documents()``: whole valid ``Company`` models, built by driving the DocumentBuilder.

A document is drawn as a number of customers and the customers, then (when asked for) invoice
documents one after another, then actions one after another
(an invoice of n splits, a receipt, a journal of n legs...): first until the fewest rows asked
for are written exactly, then a drawn number of further actions, as long as they fit in the most
rows asked for. Each customer, each invoice document and each action is one span of choices, so
the shrinker can lower a count and delete one of them whole; choices shrink towards fewer rows
and the first types, so a failing example shrinks to a small document.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

import attr
from hypothesis import strategies as st

from .. import vocabulary as voc
from ..models import Company, TransactionType
from ._arguments import Count, Span, StrategyArgumentError, Types, parse_types, span
from ._customers import customer_details
from ._driver import MAX_LEGS, MAX_SPLITS, Driver
from ._invoice_documents import invoice_document

T = TransactionType
#: What one step of a document does: a TransactionType, one more split on an invoice already
#: written, or an update record.
Action: TypeAlias = TransactionType | str
SPLIT, UPDATE = "split", "update"
#: An action that writes nothing: the simplest choice of the optional actions, so that the
#: shrinker can cancel an action by lowering one choice (and drop the choices it made).
NOTHING = "nothing"

#: Actions that write several rows, and at most how many: an invoice or credit note and its
#: splits, a journal (JournalDebit stands for the pair) and its legs.
_MULTI_ROW: dict[Action, int] = {
    **dict.fromkeys(voc.GROUPED_TYPES, MAX_SPLITS),
    T.JOURNAL_DEBIT: MAX_LEGS,
}
DEFAULT_CUSTOMERS = (0, 3)
DEFAULT_TRANSACTIONS = (0, 12)
#: No invoice documents unless asked for: documents drawn without ``invoices=`` stay what they
#: were (and a reader that handles only customers and transactions is not surprised).
DEFAULT_INVOICES = (0, 0)


@attr.s(frozen=True, slots=True, auto_attribs=True)
class Plan:
    """The actions a document may use, from the ``types=`` asked for."""

    kinds: tuple[TransactionType, ...]
    updates: bool

    @classmethod
    def of(cls, types: Types, updates: bool) -> Plan:
        kinds = parse_types(types)
        journal = [t for t in kinds if t in voc.JOURNALS]
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

    def actions(self, left: int, driver: Driver, exact: bool) -> list[Action]:
        """The actions that fit in ``left`` rows (with ``exact``: leaving a number of rows that
        can still be written exactly)."""
        found: list[Action] = [kind for kind in self.kinds if self.sizes(kind, left, exact)]
        if driver.invoices and self.sizes(SPLIT, left, exact):
            found.append(SPLIT)
        if self.updates and self.sizes(UPDATE, left, exact):
            found.append(UPDATE)
        return found

    def sizes(self, action: Action, left: int, exact: bool) -> list[int]:
        """The numbers of rows ``action`` may write when at most ``left`` rows are left (with
        ``exact``: exactly ``left`` rows are still to be written)."""
        if action not in _MULTI_ROW:
            return [1] if left >= 1 and (not exact or self.feasible(left - 1)) else []
        low = 2 if action is T.JOURNAL_DEBIT else 1
        return [
            n
            for n in range(low, min(_MULTI_ROW[action], left) + 1)
            if not exact or self.feasible(left - n)
        ]


def documents(
    *,
    customers: Count = None,
    transactions: Count = None,
    types: Types = None,
    updates: bool = False,
    invoices: Count = None,
) -> st.SearchStrategy[Company]:
    """Valid ``Company`` documents: zero errors and zero warnings when validated (infos, such
    as a receipt allocated to an invoice already in Sage, may appear).

    ``customers`` and ``transactions`` are the number of Customer records and of Transaction
    rows: an ``int`` for exactly that many, a ``(min, max)`` tuple, or a strategy of ints
    (default: 0 to 3 customers, 0 to 12 rows). ``types`` restricts the TransactionTypes used
    (names or members; default the thirteen current names; ``SalesReceipt`` and
    ``PurchasePayment`` only when named). ``updates=True`` also writes dispute and document-link
    update records. ``invoices`` is the number of invoice documents (``Company/Invoices/
    Invoice``, as :func:`~zynk_sage50.strategies.invoices` draws them), in the same forms;
    default none.

    Invoices and credit notes keep their splits together, journals balance, receipts and
    credit notes are allocated to an invoice of the same document on the same account (or, when
    there is none to allocate to, to an invoice already in Sage) and never beyond its gross,
    sales transactions and invoice documents name the document's customers when it has some,
    Ids are unique.

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
    customer_span = span("customers", customers, DEFAULT_CUSTOMERS)
    row_span = span("transactions", transactions, DEFAULT_TRANSACTIONS, plan.feasible, why)
    invoice_span = span("invoices", invoices, DEFAULT_INVOICES)
    return st.composite(_document)(customer_span, row_span, plan, invoices=invoice_span)


@attr.s(frozen=True, slots=True, auto_attribs=True)
class Part:
    """Where a part of a document drawn in several parts starts: Ids, customer numbers and
    references continue after ``written`` rows, ``numbered`` customers and ``invoiced`` invoice
    documents, and sales and invoices name ``accounts`` (the customers of the earlier parts)
    too."""

    written: int = 0
    numbered: int = 0
    accounts: tuple[str, ...] = ()
    invoiced: int = 0


#: A document drawn in one part.
WHOLE = Part()
#: No records of a kind.
NONE = Span(0, 0)


def _document(
    draw: st.DrawFn,
    customers: Span,
    rows: Span,
    plan: Plan,
    part: Part = WHOLE,
    invoices: Span = NONE,
) -> Company:
    """Customers, invoice documents, then transaction rows, each record or action drawn after
    the last so that deleting one while shrinking leaves the others meaningful."""
    driver = Driver(
        draw,
        first_id=part.written + 1,
        accounts=part.accounts,
        counter=part.written,
        invoiced=part.invoiced,
    )
    least, most = _bounds(draw, customers, "customers")
    details = [draw(customer_details()) for _ in range(least)]
    if most > least:  # then some more, each of which may be dropped by lowering one choice
        for _ in range(draw(st.integers(0, most - least), label="more customers")):
            one = draw(_MAYBE_CUSTOMER)
            if one is not None:
                details.append(one)
    for number, one in enumerate(details, start=part.numbered + 1):
        driver.customer(number, one)
    # Nothing is drawn here when no invoice documents are asked for, so documents without them
    # are the same choices (and the same examples for a seed) as before they existed.
    least, most = _bounds(draw, invoices, "invoices")
    for _ in range(least):
        draw(_invoice_document(driver))
    if most > least:  # then some more, each of which may be dropped by lowering one choice
        for _ in range(draw(st.integers(0, most - least), label="more invoices")):
            draw(_maybe_invoice_document(driver))
    least, most = _bounds(draw, rows, "transactions")
    written = 0
    while written < least:  # exactly ``least`` rows first
        written += draw(_action(driver, plan, least - written, True))
    if most > least:  # then some more actions, as many rows as fit up to ``most``
        for _ in range(draw(st.integers(0, most - least), label="more actions")):
            if not plan.actions(most - written, driver, exact=False):
                break
            written += draw(_action(driver, plan, most - written, False))
    return driver.builder.build()


def _bounds(draw: st.DrawFn, counts: Span, label: str) -> tuple[int, int]:
    if counts.strategy is None:
        return counts.low, counts.high
    exact = draw(counts.strategy, label=label)
    return exact, exact


#: An optional customer: none (0, shrinks first) or, three times in four, a customer's details.
_MAYBE_CUSTOMER = st.integers(0, 3).flatmap(lambda n: st.none() if n == 0 else customer_details())


@st.composite
def _invoice_document(draw: st.DrawFn, driver: Driver) -> None:
    """One invoice document (one span of choices)."""
    invoice_document(driver.drawing_with(draw))


@st.composite
def _maybe_invoice_document(draw: st.DrawFn, driver: Driver) -> None:
    """None (0, shrinks first) or, three times in four, an invoice document."""
    if draw(st.integers(0, 3)) != 0:
        invoice_document(driver.drawing_with(draw))


# Each action is one draw of its own (one span of choices), so that the shrinker can lower the
# number of actions by one and delete one of them whole.
@st.composite
def _action(draw: st.DrawFn, driver: Driver, plan: Plan, left: int, exact: bool) -> int:
    """One action in at most ``left`` rows (exactly fitting with ``exact``): rows written."""
    driver.drawing_with(draw)
    action = driver.pick(([] if exact else [NOTHING]) + plan.actions(left, driver, exact))
    if action == NOTHING:
        return 0
    written = 0
    target = voc.ALLOCATES_TO.get(action) if isinstance(action, TransactionType) else None
    if (
        isinstance(action, TransactionType)
        and target in plan.kinds
        and left >= 2
        and not driver.has_target(action)
        and draw(st.integers(0, 3)) != 0
    ):
        # Usually (0, no invoice, shrinks first), a receipt or credit note comes after the
        # invoice it settles.
        assert target is not None
        driver.invoice(target, 1)
        written = 1
    sizes = plan.sizes(action, left - written, exact)
    size = driver.pick(sizes) if len(sizes) > 1 else sizes[0]
    rows = _run(driver, action, size)
    assert len(rows) == size, (action, size, len(rows))
    return written + size


def document_part(
    customers: int, rows: int, plan: Plan, part: Part, invoices: int = 0
) -> st.SearchStrategy[Company]:
    """One part of a large document (see :class:`Part`): exactly that many records."""
    return st.composite(_document)(
        Span(customers, customers), Span(rows, rows), plan, part, Span(invoices, invoices)
    )


def _run(driver: Driver, action: Action, size: int) -> list[object]:
    runners: dict[str, Callable[[], list[object]]] = {
        SPLIT: lambda: list(driver.extra_split()),
        UPDATE: lambda: list(driver.update()),
    }
    if isinstance(action, str):
        return runners[action]()
    return list(driver.act(action, size))
