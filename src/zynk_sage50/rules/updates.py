"""Rules: ``RecordOperation`` on transactions (updates of disputes and document links).

An update (``RecordOperation="Update"``) changes an existing transaction, found by its
TransactionNumber: only Disputed, DisputeCode, DisputeReason and DocumentLink are applied
(seed 003, "Disputes"). Update records skip the ``type.*`` checks, which are about new records.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..issues import Issue, Severity
from ..modelinfo import class_info
from ..models import RecordOperation, Transaction
from .context import LocatedTransaction
from .types import TRANSACTION_EXPORT_ONLY, field_value, given, is_update, shown

#: What an update reads: the transaction to change, what to change, and the fields that only
#: identify the record (Id for duplicate prevention, TransactionType for the reader).
UPDATE_READS = frozenset(
    {
        "TransactionNumber",
        "Disputed",
        "DisputeCode",
        "DisputeReason",
        "DocumentLink",
        "Id",
        "TransactionType",
    }
)


def missing_transaction_number(located: LocatedTransaction) -> Iterator[Issue]:
    """``update.missing-transaction-number``: an Update that does not say what to update."""
    if is_update(located) and not given(located, "TransactionNumber"):
        yield located.issue(
            "update.missing-transaction-number",
            Severity.ERROR,
            'This RecordOperation="Update" record has no TransactionNumber: give the Sage '
            "transaction number (No) of the transaction to update.",
            field="TransactionNumber",
        )


def nothing_to_update(located: LocatedTransaction) -> Iterator[Issue]:
    """``update.nothing-to-update``: an Update with neither Disputed nor DocumentLink.

    An empty ``<DocumentLink />`` counts (it removes the link); ``xsi:nil`` Disputed does not.
    """
    if not is_update(located):
        return
    document_link = located.has("DocumentLink") or located.record.document_link is not None
    if given(located, "Disputed") or document_link:
        return
    yield located.issue(
        "update.nothing-to-update",
        Severity.WARNING,
        'This RecordOperation="Update" record changes nothing: give Disputed (true or false) '
        "or DocumentLink, the only fields an update applies.",
    )


def ignored_field(located: LocatedTransaction) -> Iterator[Issue]:
    """``update.ignored-field``: an Update carrying fields an update does not change.

    Export-only fields are left to ``field.export-only``, so that no element gets two warnings.
    """
    if not is_update(located):
        return
    for xml_name in _ELEMENT_NAMES:
        if xml_name in UPDATE_READS or xml_name in TRANSACTION_EXPORT_ONLY:
            continue
        if not given(located, xml_name):
            continue
        value = (
            ""
            if xml_name in located.invalid_fields
            else (" " + shown(field_value(located.record, xml_name)))
        )
        yield located.issue(
            "update.ignored-field",
            Severity.WARNING,
            f"{xml_name}{value} is ignored: an update only changes Disputed, DisputeCode, "
            "DisputeReason and DocumentLink; remove it, or send a new transaction without "
            "RecordOperation to post it.",
            field=xml_name,
        )


def dispute_reason_without_code(located: LocatedTransaction) -> Iterator[Issue]:
    """``update.dispute-reason-without-code``: DisputeReason given without DisputeCode."""
    if not is_update(located):
        return
    if given(located, "DisputeReason") and not given(located, "DisputeCode"):
        reason = field_value(located.record, "DisputeReason")
        shown_reason = f" {shown(reason)}" if reason is not None else ""
        yield located.issue(
            "update.dispute-reason-without-code",
            Severity.WARNING,
            f"DisputeReason{shown_reason} is given without a DisputeCode: add the code of that "
            "reason as set up in Sage (Settings, Configuration, Dispute Reasons); code and "
            "reason must both match it exactly.",
            field="DisputeReason",
        )


def operation_unsupported(located: LocatedTransaction) -> Iterator[Issue]:
    """``update.operation-unsupported``: RecordOperation Insert or Upsert on a transaction."""
    operation = located.record.record_operation
    if operation not in (RecordOperation.INSERT, RecordOperation.UPSERT):
        return
    assert operation is not None
    yield located.issue(
        "update.operation-unsupported",
        Severity.WARNING,
        f'RecordOperation="{operation.value}" is not supported on Sage 50 transactions: remove '
        'the attribute to post a new transaction, or use "Update" to change an existing one.',
        field="@RecordOperation",
    )


#: Every element of a transaction, in the schema's order.
_ELEMENT_NAMES = tuple(class_info(Transaction).elements)

TRANSACTION_RULES = (
    operation_unsupported,
    missing_transaction_number,
    nothing_to_update,
    ignored_field,
    dispute_reason_without_code,
)
