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

from ..issues import Issue
from ..models import TransactionType
from ..vocabulary import GROUP_KEY_FIELDS, GROUPED_TYPES
from .catalogue import GROUPING_SPLIT_GROUP
from .document import DocumentContext
from .facts import TransactionFacts
from .registry import REGISTRY

K = TypeVar("K", bound=Hashable)


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


def describe_date(row: TransactionFacts) -> str:
    """The TransactionDate as written, for messages."""
    date = row.transaction_date
    return "no TransactionDate" if date is None else str(date)


def group_key(row: TransactionFacts) -> GroupKey | None:
    """The grouping key of an SI/SC/PI/PC posting, or None for any other row."""
    transaction_type = row.transaction_type
    if not row.posting or transaction_type is None or transaction_type not in GROUPED_TYPES:
        return None
    return GroupKey(
        transaction_type,
        row.account_reference,
        row.reference,
        row.second_reference,
        row.transaction_date,
        0 if row.readable(*GROUP_KEY_FIELDS) else row.index,
    )


def consecutive_runs(
    rows: Iterable[TransactionFacts], key_of: Callable[[TransactionFacts], K | None]
) -> Iterator[tuple[K, list[TransactionFacts]]]:
    """Runs of consecutive rows with equal keys; a row whose key is None ends the run, and so
    does the end of a file of files checked together (Zynk imports each file on its own)."""
    run_key: K | None = None
    run: list[TransactionFacts] = []
    for row in rows:
        key = key_of(row)
        if key is not None and key == run_key and row.file == run[-1].file:
            run.append(row)
            continue
        if run_key is not None:
            yield run_key, run
        run_key, run = key, [row]
    if run_key is not None:
        yield run_key, run


def transaction_groups(
    rows: Sequence[TransactionFacts],
) -> Iterator[tuple[GroupKey, list[TransactionFacts]]]:
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


@REGISTRY.document
def check_split_group(context: DocumentContext) -> Iterator[Issue]:
    """``grouping.split-group``: the same key again after other rows: a second header."""
    started: dict[GroupKey, TransactionFacts] = {}
    for key, run in transaction_groups(context.transactions):
        if key.unreadable:
            continue  # a row with an unreadable key field stands alone (already an error)
        first = started.setdefault(key, run[0])
        if first is run[0]:
            continue
        kind = key.transaction_type.value
        between = "other rows come between them"
        if first.file != run[0].file:
            between = "they are in different files, which the importer imports one by one"
        yield run[0].issue(
            GROUPING_SPLIT_GROUP,
            f"This {kind} row has the same grouping key ({describe_key(key)}) as the group "
            f"that starts at {first.describe()}, but {between}: the "
            f"importer will create a second {kind} header here instead of adding splits to "
            f"the first. Put all the rows of one {kind} next to each other.",
        )
