"""Rules: JournalDebit / JournalCredit sets (decisions 17 and 18).

**Grouping.** The importer builds one journal from consecutive JournalDebit and JournalCredit
rows whose Reference, SecondReference and TransactionDate match (an absent SecondReference
counts as empty). Zynk's page also names AccountReference in the key, but on a journal
AccountReference holds the *nominal code being posted*, so the debit and credit legs differ in
every sample the documentation gives (4000 on the JournalDebit, 4001 on the JournalCredit):
read literally, every documented journal would be two one-sided groups. AccountReference is
therefore **not** part of the key (decision 17, D4). Any other row, including an update record,
ends the journal in progress.

**Balance.** Each line's NetAmount is rounded to 2 places, half away from zero
(``ROUND_HALF_UP``), as Sage stores money; the debits and the credits are then summed and
compared exactly, in decimals (0.10 + 0.20 balances 0.30). Amounts keep their sign: the side of
a line comes from its type, so a negative JournalDebit lowers the debit total (and is reported
as ``journal.negative-amount``). A group with a NetAmount missing or unreadable is not checked
for balance (``type.required-field`` or a schema error already reports it). A one-sided group is
reported only as ``journal.one-sided``: the importer rejects it whatever its amounts, and its
"variance" would only repeat its total.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import NamedTuple

from ..issues import Issue, Severity
from ..models import TransactionType
from ..vocabulary import JOURNAL_KEY_FIELDS, JOURNALS, round_line_amount
from ..vocabulary import money_text as money
from .context import LocatedTransaction, RuleContext
from .grouping import consecutive_runs, is_posting, text

JOURNAL_TYPES = JOURNALS
_KEY_FIELDS = frozenset(JOURNAL_KEY_FIELDS)


class JournalKey(NamedTuple):
    """What the rows of one journal share (decision 17); absent strings are ``""``."""

    reference: str
    second_reference: str
    transaction_date: object
    #: 0, or the row's index when a key field failed the schema (the row then stands alone).
    unreadable: int = 0


def journal_key(row: LocatedTransaction) -> JournalKey | None:
    """The journal key of a JournalDebit/JournalCredit posting, or None for any other row."""
    record = row.record
    if not is_posting(row) or record.transaction_type not in JOURNAL_TYPES:
        return None
    return JournalKey(
        text(record.reference),
        text(record.second_reference),
        record.transaction_date,
        0 if row.invalid_fields.isdisjoint(_KEY_FIELDS) else row.index,
    )


class Journal(NamedTuple):
    """One journal set as the importer will post it."""

    key: JournalKey
    rows: Sequence[LocatedTransaction]

    @property
    def first(self) -> LocatedTransaction:
        """The row the journal's issues are reported on."""
        return self.rows[0]

    def is_one_sided(self) -> bool:
        """No JournalDebit, or no JournalCredit."""
        types = {row.record.transaction_type for row in self.rows}
        return len(types) < 2

    def totals(self) -> tuple[Decimal, Decimal] | None:
        """(debits, credits), each line rounded to 2 places; None if an amount is unknown."""
        debits = credits = Decimal(0)
        for row in self.rows:
            amount = row.record.net_amount
            if amount is None or "NetAmount" in row.invalid_fields:
                return None
            if row.record.transaction_type is TransactionType.JOURNAL_DEBIT:
                debits += round_line_amount(amount)
            else:
                credits += round_line_amount(amount)
        return debits, credits

    def describe(self) -> str:
        """``Journal JDC1 on 2019-05-16T00:00:00``."""
        key = self.key
        name = f"Journal {key.reference}" if key.reference else "Journal (no Reference)"
        if key.second_reference:
            name += f" / {key.second_reference}"
        date = self.first.record.transaction_date
        return name + (" with no TransactionDate" if date is None else f" on {date}")

    def span(self) -> str:
        """``Transaction[1] to Transaction[2]``: the journal's rows, for messages."""
        first = f"Transaction[{self.first.index}]"
        if len(self.rows) == 1:
            return first
        return f"{first} to Transaction[{self.rows[-1].index}]"


def journals(rows: Sequence[LocatedTransaction]) -> Iterator[Journal]:
    """Every journal set in the document, in file order."""
    for key, run in consecutive_runs(rows, journal_key):
        yield Journal(key=key, rows=run)


def _unbalanced(journal: Journal) -> tuple[Decimal, Decimal] | None:
    """The totals of a two-sided journal that does not balance, else None."""
    if journal.is_one_sided():
        return None
    totals = journal.totals()
    if totals is None or totals[0] == totals[1]:
        return None
    return totals


def check_one_sided(context: RuleContext) -> Iterator[Issue]:
    """``journal.one-sided``: a journal set needs at least one debit and one credit."""
    for journal in journals(context.transactions):
        if not journal.is_one_sided():
            continue
        present = journal.first.record.transaction_type
        assert present is not None  # journal rows always have a type
        missing = (
            TransactionType.JOURNAL_CREDIT
            if present is TransactionType.JOURNAL_DEBIT
            else TransactionType.JOURNAL_DEBIT
        )
        yield journal.first.issue(
            "journal.one-sided",
            Severity.ERROR,
            f"{journal.describe()} ({journal.span()}) has only {present.value} lines, no "
            f"{missing.value}: the importer rejects the whole journal. Add the other side "
            "next to these rows, with the same Reference, SecondReference and TransactionDate.",
        )


def check_unbalanced(context: RuleContext) -> Iterator[Issue]:
    """``journal.unbalanced``: debits and credits differ and no variance nominal is set."""
    if context.journal_variance_nominal:
        return
    for journal in journals(context.transactions):
        totals = _unbalanced(journal)
        if totals is None:
            continue
        debits, credits = totals
        yield journal.first.issue(
            "journal.unbalanced",
            Severity.ERROR,
            f"{journal.describe()}: debits {money(debits)}, credits {money(credits)}, "
            f"variance {money(abs(debits - credits))}. The importer rejects the whole journal "
            f"({journal.span()}): correct the amounts, or set a journal variance nominal code "
            "to post the difference.",
        )


def check_variance_posted(context: RuleContext) -> Iterator[Issue]:
    """``journal.variance-posted``: the balancing line the importer adds (option set)."""
    nominal = context.journal_variance_nominal
    if not nominal:
        return
    for journal in journals(context.transactions):
        totals = _unbalanced(journal)
        if totals is None:
            continue
        debits, credits = totals
        side = (
            TransactionType.JOURNAL_CREDIT if debits > credits else TransactionType.JOURNAL_DEBIT
        )
        yield journal.first.issue(
            "journal.variance-posted",
            Severity.INFO,
            f"{journal.describe()}: debits {money(debits)}, credits {money(credits)}; the "
            f"importer will add a {side.value} of {money(abs(debits - credits))} to nominal "
            f"{nominal} to balance it ({journal.span()}).",
        )


def check_negative_amount(row: LocatedTransaction) -> Iterator[Issue]:
    """``journal.negative-amount``: the side of a journal line comes from its type."""
    record = row.record
    if not is_posting(row) or record.transaction_type not in JOURNAL_TYPES:
        return
    amount = record.net_amount
    if amount is None or "NetAmount" in row.invalid_fields or amount >= 0:
        return
    assert record.transaction_type is not None
    other = (
        TransactionType.JOURNAL_CREDIT
        if record.transaction_type is TransactionType.JOURNAL_DEBIT
        else TransactionType.JOURNAL_DEBIT
    )
    yield row.issue(
        "journal.negative-amount",
        Severity.WARNING,
        f"{record.transaction_type.value} NetAmount is negative ({amount}): the side of a "
        f"journal line comes from its type, so give a positive amount, as a {other.value} if "
        "that is the side you meant.",
        field="NetAmount",
    )


TRANSACTION_RULES: tuple[Callable[[LocatedTransaction], Iterable[Issue]], ...] = (
    check_negative_amount,
)
DOCUMENT_RULES: tuple[Callable[[RuleContext], Iterable[Issue]], ...] = (
    check_one_sided,
    check_unbalanced,
    check_variance_posted,
)
