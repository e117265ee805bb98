"""Rules: ``RecordOperation`` on transactions (updates of disputes and document links).

An update (``RecordOperation="Update"``) changes an existing transaction, found by its
TransactionNumber: only Disputed, DisputeCode, DisputeReason and DocumentLink are applied
(seed 003, "Disputes"). Update records skip the ``type.*`` checks, which are about new records.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..issues import Issue
from ..models import RecordOperation, Transaction
from .applicability import (
    FAIL_FILE_ELEMENTS,
    TRANSACTION_ELEMENTS,
    TRANSACTION_EXPORT_ONLY,
    UPDATE_READS,
)
from .catalogue import (
    UPDATE_DISPUTE_REASON_WITHOUT_CODE,
    UPDATE_IGNORED_FIELD,
    UPDATE_MISSING_TRANSACTION_NUMBER,
    UPDATE_NOTHING_TO_UPDATE,
    UPDATE_OPERATION_UNSUPPORTED,
)
from .located import Located, shown
from .registry import REGISTRY


@REGISTRY.record(Transaction)
def operation_unsupported(located: Located[Transaction]) -> Iterator[Issue]:
    """``update.operation-unsupported``: RecordOperation Insert or Upsert on a transaction."""
    operation = located.record.record_operation
    if operation is not RecordOperation.INSERT and operation is not RecordOperation.UPSERT:
        return
    yield located.issue(
        UPDATE_OPERATION_UNSUPPORTED,
        f'RecordOperation="{operation.value}" is not supported on Sage 50 transactions: remove '
        'the attribute to post a new transaction, or use "Update" to change an existing one.',
        field="@RecordOperation",
    )


@REGISTRY.record(Transaction)
def missing_transaction_number(located: Located[Transaction]) -> Iterator[Issue]:
    """``update.missing-transaction-number``: an Update that does not say what to update."""
    if located.is_update and not located.given("TransactionNumber"):
        yield located.issue(
            UPDATE_MISSING_TRANSACTION_NUMBER,
            'This RecordOperation="Update" record has no TransactionNumber: give the Sage '
            "transaction number (No) of the transaction to update.",
            field="TransactionNumber",
        )


@REGISTRY.record(Transaction)
def nothing_to_update(located: Located[Transaction]) -> Iterator[Issue]:
    """``update.nothing-to-update``: an Update with neither Disputed nor DocumentLink.

    An empty ``<DocumentLink />`` counts (it removes the link); ``xsi:nil`` Disputed does not.
    """
    if not located.is_update:
        return
    document_link = located.has("DocumentLink") or located.record.document_link is not None
    if located.given("Disputed") or document_link:
        return
    yield located.issue(
        UPDATE_NOTHING_TO_UPDATE,
        'This RecordOperation="Update" record changes nothing: give Disputed (true or false) '
        "or DocumentLink, the only fields an update applies.",
    )


@REGISTRY.record(Transaction)
def ignored_field(located: Located[Transaction]) -> Iterator[Issue]:
    """``update.ignored-field``: an Update carrying fields an update does not change.

    Export-only fields are left to ``field.export-only``, so that no element gets two warnings.
    """
    if not located.is_update:
        return
    for xml_name in TRANSACTION_ELEMENTS:
        if (
            xml_name in UPDATE_READS
            or xml_name in TRANSACTION_EXPORT_ONLY
            or xml_name in FAIL_FILE_ELEMENTS
        ):
            continue
        if not located.given(xml_name):
            continue
        value = "" if xml_name in located.invalid_fields else " " + shown(located.value(xml_name))
        yield located.issue(
            UPDATE_IGNORED_FIELD,
            f"{xml_name}{value} is ignored: an update only changes Disputed, DisputeCode, "
            "DisputeReason and DocumentLink; remove it, or send a new transaction without "
            "RecordOperation to post it.",
            field=xml_name,
        )


@REGISTRY.record(Transaction)
def dispute_reason_without_code(located: Located[Transaction]) -> Iterator[Issue]:
    """``update.dispute-reason-without-code``: DisputeReason given without DisputeCode."""
    if not located.is_update:
        return
    if located.given("DisputeReason") and not located.given("DisputeCode"):
        reason = located.value("DisputeReason")
        shown_reason = f" {shown(reason)}" if reason is not None else ""
        yield located.issue(
            UPDATE_DISPUTE_REASON_WITHOUT_CODE,
            f"DisputeReason{shown_reason} is given without a DisputeCode: add the code of that "
            "reason as set up in Sage (Settings, Configuration, Dispute Reasons); code and "
            "reason must both match it exactly.",
            field="DisputeReason",
        )
