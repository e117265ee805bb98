"""Rules: how the importer groups SI, SC, PI and PC rows into one header with splits.

Decision 16 (D3): rows are grouped when TransactionType, AccountReference, Reference,
SecondReference and TransactionDate all match *and* the rows are consecutive in the file. An
absent SecondReference (or Reference, AccountReference) counts as empty.

Update records (``RecordOperation="Update"``) are not postings: they never form or join a
group, but like any other row they sit between their neighbours, so they end the group in
progress. The helpers here are shared with :mod:`.allocation`, whose targets are these groups.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from typing import NamedTuple, TypeVar

from ..issues import Issue, Severity
from ..models import RecordOperation, TransactionType
from ..vocabulary import GROUP_KEY_FIELDS
from ..vocabulary import GROUPED_TYPES as VOCABULARY_GROUPED_TYPES
from .context import LocatedTransaction, RuleContext

K = TypeVar("K", bound=Hashable)

#: The types the importer groups by :class:`GroupKey` (decision 16).
GROUPED_TYPES = VOCABULARY_GROUPED_TYPES

#: The elements a grouping key is made of.
KEY_FIELDS = frozenset(GROUP_KEY_FIELDS)


class GroupKey(NamedTuple):
    """The SI/SC/PI/PC grouping key; absent strings are ``""``."""

    transaction_type: TransactionType
    account_reference: str
    reference: str
    second_reference: str
    transaction_date: object
    #: 0, or the row's index when one of its key fields failed the schema: such a row is
    #: already an error and is kept out of every group but its own.
    unreadable: int = 0


def is_posting(row: LocatedTransaction) -> bool:
    """Is this row a new transaction (not an update of one already in Sage)?"""
    return row.record.record_operation is not RecordOperation.UPDATE


def text(value: str | None) -> str:
    """A string field as the key sees it: absent counts as empty."""
    return value or ""


def describe_row(row: LocatedTransaction) -> str:
    """``Transaction[3] (line 20)``: where a row is, for messages."""
    where = f"Transaction[{row.index}]"
    return f"{where} (line {row.line})" if row.line is not None else where


def describe_date(row: LocatedTransaction) -> str:
    """The TransactionDate as written, for messages."""
    date = row.record.transaction_date
    return "no TransactionDate" if date is None else str(date)


def group_key(row: LocatedTransaction) -> GroupKey | None:
    """The grouping key of an SI/SC/PI/PC posting, or None for any other row."""
    record = row.record
    if not is_posting(row) or record.transaction_type not in GROUPED_TYPES:
        return None
    assert record.transaction_type is not None  # for mypy: checked just above
    return GroupKey(
        record.transaction_type,
        record.account_reference or "",
        record.reference or "",
        record.second_reference or "",
        record.transaction_date,
        0 if row.invalid_fields.isdisjoint(KEY_FIELDS) else row.index,
    )


def consecutive_runs(
    rows: Iterable[LocatedTransaction], key_of: Callable[[LocatedTransaction], K | None]
) -> Iterator[tuple[K, list[LocatedTransaction]]]:
    """Runs of consecutive rows with equal keys; a row whose key is None ends the run."""
    run_key: K | None = None
    run: list[LocatedTransaction] = []
    for row in rows:
        key = key_of(row)
        if key is not None and key == run_key:
            run.append(row)
            continue
        if run_key is not None:
            yield run_key, run
        run_key, run = key, [row]
    if run_key is not None:
        yield run_key, run


def transaction_groups(
    rows: Sequence[LocatedTransaction],
) -> Iterator[tuple[GroupKey, list[LocatedTransaction]]]:
    """Every SI/SC/PI/PC group the importer will create (one header each), in file order."""
    return consecutive_runs(rows, group_key)


def describe_key(key: GroupKey) -> str:
    """The key's values, for messages."""
    return (
        f"AccountReference {key.account_reference or '(empty)'}, "
        f"Reference {key.reference or '(empty)'}, "
        f"SecondReference {key.second_reference or '(empty)'}, "
        f"TransactionDate {'(empty)' if key.transaction_date is None else key.transaction_date}"
    )


def check_split_group(context: RuleContext) -> Iterator[Issue]:
    """``grouping.split-group``: the same key again after other rows: a second header."""
    started: dict[GroupKey, LocatedTransaction] = {}
    for key, run in transaction_groups(context.transactions):
        first = started.setdefault(key, run[0])
        if first is run[0]:
            continue
        kind = key.transaction_type.value
        yield run[0].issue(
            "grouping.split-group",
            Severity.WARNING,
            f"This {kind} row has the same grouping key ({describe_key(key)}) as the group "
            f"that starts at {describe_row(first)}, but other rows come between them: the "
            f"importer will create a second {kind} header here instead of adding splits to "
            f"the first. Put all the rows of one {kind} next to each other.",
        )


TRANSACTION_RULES: tuple[Callable[[LocatedTransaction], Iterable[Issue]], ...] = ()
DOCUMENT_RULES: tuple[Callable[[RuleContext], Iterable[Issue]], ...] = (check_split_group,)
