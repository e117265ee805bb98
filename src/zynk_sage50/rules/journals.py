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
"variance" would only repeat its total. Messages give a journal's date as its day
(``2019-05-16``), as the command's documented example does.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import NamedTuple

from xsdata.models.datatype import XmlDateTime

from ..issues import Issue
from ..models import Transaction, TransactionType
from ..vocabulary import JOURNAL_KEY_FIELDS, JOURNALS, money_text, round_line_amount
from .catalogue import (
    JOURNAL_NEGATIVE_AMOUNT,
    JOURNAL_ONE_SIDED,
    JOURNAL_UNBALANCED,
    JOURNAL_VARIANCE_POSTED,
)
from .document import DocumentContext
from .facts import TransactionFacts
from .grouping import consecutive_runs
from .located import Located
from .registry import REGISTRY


class JournalKey(NamedTuple):
    """What the rows of one journal share (decision 17); absent strings are ``""``."""

    reference: str
    second_reference: str
    transaction_date: object
    #: 0, or the row's index when a key field failed the schema (the row then stands alone).
    unreadable: int = 0


def journal_key(row: TransactionFacts) -> JournalKey | None:
    """The journal key of a JournalDebit/JournalCredit posting, or None for any other row."""
    if not row.posting or row.transaction_type not in JOURNALS:
        return None
    return JournalKey(
        row.reference,
        row.second_reference,
        row.transaction_date,
        0 if row.readable(*JOURNAL_KEY_FIELDS) else row.index,
    )


def day(date: object) -> str:
    """A TransactionDate as its day, ``2019-05-16`` (as written if it is not a date)."""
    if isinstance(date, XmlDateTime):
        return f"{date.year:04d}-{date.month:02d}-{date.day:02d}"
    return str(date)


def _other_side(transaction_type: TransactionType) -> TransactionType:
    if transaction_type is TransactionType.JOURNAL_DEBIT:
        return TransactionType.JOURNAL_CREDIT
    return TransactionType.JOURNAL_DEBIT


class Journal(NamedTuple):
    """One journal set as the importer will post it."""

    key: JournalKey
    rows: Sequence[TransactionFacts]

    @property
    def first(self) -> TransactionFacts:
        """The row the journal's issues are reported on."""
        return self.rows[0]

    def is_one_sided(self) -> bool:
        """No JournalDebit, or no JournalCredit."""
        types = {row.transaction_type for row in self.rows}
        return len(types) < 2

    def totals(self) -> tuple[Decimal, Decimal] | None:
        """(debits, credits), each line rounded to 2 places; None if an amount is unknown."""
        debits = credits = Decimal(0)
        for row in self.rows:
            amount = row.net_amount
            if amount is None:
                return None
            if row.transaction_type is TransactionType.JOURNAL_DEBIT:
                debits += round_line_amount(amount)
            else:
                credits += round_line_amount(amount)
        return debits, credits

    def describe(self) -> str:
        """``Journal JDC1 on 2019-05-16``."""
        key = self.key
        name = f"Journal {key.reference}" if key.reference else "Journal (no Reference)"
        if key.second_reference:
            name += f" / {key.second_reference}"
        date = self.first.transaction_date
        return name + (" with no TransactionDate" if date is None else f" on {day(date)}")

    def span(self) -> str:
        """``Transaction[1] to Transaction[2]``: the journal's rows, for messages."""
        first = f"Transaction[{self.first.index}]"
        if len(self.rows) == 1:
            return first
        return f"{first} to Transaction[{self.rows[-1].index}]"


def journals(rows: Sequence[TransactionFacts]) -> Iterator[Journal]:
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


def one_sided(journal: Journal) -> Iterator[Issue]:
    """``journal.one-sided``: a journal set needs at least one debit and one credit."""
    if not journal.is_one_sided():
        return
    present = journal.first.transaction_type
    assert present is not None  # journal rows always have a type
    yield journal.first.issue(
        JOURNAL_ONE_SIDED,
        f"{journal.describe()} ({journal.span()}) has only {present.value} lines, no "
        f"{_other_side(present).value}: the importer rejects the whole journal. Add the "
        "other side next to these rows, with the same Reference, SecondReference and "
        "TransactionDate.",
    )


def unbalanced(journal: Journal, nominal: str | None) -> Iterator[Issue]:
    """``journal.unbalanced`` when no variance nominal is set, else ``journal.variance-posted``:
    the balancing line the importer adds."""
    totals = _unbalanced(journal)
    if totals is None:
        return
    debits, credits = totals
    if not nominal:
        yield journal.first.issue(
            JOURNAL_UNBALANCED,
            f"{journal.describe()}: debits {money_text(debits)}, credits {money_text(credits)}, "
            f"variance {money_text(abs(debits - credits))}. The importer rejects the whole "
            f"journal ({journal.span()}): correct the amounts, or set a journal variance "
            "nominal code to post the difference.",
        )
        return
    side = TransactionType.JOURNAL_CREDIT if debits > credits else TransactionType.JOURNAL_DEBIT
    yield journal.first.issue(
        JOURNAL_VARIANCE_POSTED,
        f"{journal.describe()}: debits {money_text(debits)}, credits {money_text(credits)}; "
        f"the importer will add a {side.value} of {money_text(abs(debits - credits))} to "
        f"nominal {nominal} to balance it ({journal.span()}).",
    )


@REGISTRY.document
def check_journals(context: DocumentContext) -> Iterator[Issue]:
    """Every journal set of the document, found once: one-sided, unbalanced or balanced by
    the importer's variance line."""
    nominal = context.options.journal_variance_nominal
    for journal in journals(context.transactions):
        yield from one_sided(journal)
        yield from unbalanced(journal, nominal)


@REGISTRY.record(Transaction)
def check_negative_amount(row: Located[Transaction]) -> Iterator[Issue]:
    """``journal.negative-amount``: the side of a journal line comes from its type."""
    record = row.record
    transaction_type = record.transaction_type
    if row.is_update or transaction_type is None or transaction_type not in JOURNALS:
        return
    amount = record.net_amount
    if amount is None or "NetAmount" in row.invalid_fields or amount >= 0:
        return
    yield row.issue(
        JOURNAL_NEGATIVE_AMOUNT,
        f"{transaction_type.value} NetAmount is negative ({amount}): the side of a journal "
        "line comes from its type, so give a positive amount, as a "
        f"{_other_side(transaction_type).value} if that is the side you meant.",
        field="NetAmount",
    )
