"""Rules: what each TransactionType requires and uses, aliases, and export-only fields.

The matrix itself is data, in :mod:`.applicability`; these rules read it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..issues import Issue
from ..models import Customer, Transaction, TransactionType
from ..vocabulary import (
    ALIASES,
    ALL_TYPES,
    BANK,
    JOURNALS,
    SALES,
    type_names,
)
from .applicability import (
    APPLICABLE,
    CUSTOMER_ADDRESS_EXPORT_ONLY,
    CUSTOMER_EXPORT_ONLY,
    NEW_RECORD_EXPORT_ONLY,
    REQUIRED,
    TRANSACTION_EXPORT_ONLY,
    UPDATE_FIELDS,
)
from .catalogue import (
    FIELD_EXPORT_ONLY,
    TYPE_ALIAS,
    TYPE_FIELD_NOT_APPLICABLE,
    TYPE_REQUIRED_FIELD,
)
from .located import Located, field_value, is_given_value, shown
from .registry import REGISTRY


def _present(located: Located[Transaction], wanted: Mapping[str, object]) -> list[str]:
    """Which of ``wanted`` a record read from XML had (all of them for a model built in
    Python, which has no source lines): the rules then look only at elements that were there."""
    if located.line is None:
        return list(wanted)
    present = [name for name in located.field_lines if name in wanted]
    present.extend(name for name in located.invalid_fields if name in wanted)
    return present


def _users(types: frozenset[TransactionType]) -> str:
    others = ALL_TYPES - types
    if len(others) < len(types):
        return f"every type except {type_names(others)} uses it"
    verb = "uses" if len(types) == 1 else "use"
    return f"only {type_names(types)} {verb} it"


_WHAT: Mapping[str, str] = {
    "FromBankAccount": "the nominal code of the bank the money leaves, e.g. 1200",
    "ToBankAccount": "the nominal code of the bank the money arrives in, e.g. 1210",
    "BankReference": "the nominal code of the bank account, e.g. 1200",
    "NominalCode": "the nominal code to post to, e.g. 4000",
    "NetAmount": "the amount",
    "PaymentAmount": "the amount leaving FromBankAccount",
    "ReceiptAmount": "the amount arriving in ToBankAccount",
}


def _what(xml_name: str, transaction_type: TransactionType) -> str:
    if xml_name == "AccountReference":
        if transaction_type in BANK:
            return "the bank account's nominal code, e.g. 1200"
        if transaction_type in JOURNALS:
            return "the nominal code the journal line posts to, e.g. 4000"
        if transaction_type in SALES:
            return "the customer's account reference"
        return "the supplier's account reference"
    if xml_name == "Reference":
        if transaction_type in JOURNALS:
            return "the reference that groups the debit and credit lines of the journal"
        return "the transfer's reference"
    return _WHAT[xml_name]


@REGISTRY.record(Transaction)
def required_field(located: Located[Transaction]) -> Iterator[Issue]:
    """``type.required-field``: a field the TransactionType requires is missing or empty.

    Not checked when RecordOperation failed the schema: whether the record is new (and needs
    these fields) or an update is then unknown, and the schema error says what to fix.
    """
    if located.is_update or located.operation_unreadable:
        return
    if not located.given("TransactionType"):
        yield located.issue(
            TYPE_REQUIRED_FIELD,
            "TransactionType is missing or empty: give the kind of transaction, e.g. "
            "SalesInvoice, BankReceipt or JournalDebit.",
            field="TransactionType",
        )
        return
    transaction_type = located.posted_type
    if transaction_type is None:  # present but invalid: already a schema error
        return
    for xml_name, types in REQUIRED.items():
        if transaction_type in types and not located.given(xml_name):
            yield located.issue(
                TYPE_REQUIRED_FIELD,
                f"{xml_name} is missing or empty, but a {transaction_type.value} needs it: "
                f"give {_what(xml_name, transaction_type)}.",
                field=xml_name,
            )


@REGISTRY.record(Transaction)
def field_not_applicable(located: Located[Transaction]) -> Iterator[Issue]:
    """``type.field-not-applicable``: a field given that the TransactionType ignores.

    Empty and ``xsi:nil`` elements carry nothing to ignore, so they are not reported (exports
    and templates write ``<ProjectItem />`` on every row). Update-only fields (Disputed,
    DocumentLink, ...) on a record that is not an update are reported here too: the importer
    only applies them with ``RecordOperation="Update"``.
    """
    transaction_type = located.posted_type
    if transaction_type is None or located.operation_unreadable:
        return
    written = located.record.transaction_type
    assert written is not None
    for xml_name in _present(located, APPLICABLE):
        types = APPLICABLE[xml_name]
        if transaction_type not in types and located.given(xml_name):
            value = (
                "" if xml_name in located.invalid_fields else " " + shown(located.value(xml_name))
            )
            yield located.issue(
                TYPE_FIELD_NOT_APPLICABLE,
                f"{xml_name}{value} is ignored on a {written.value} ({_users(types)}): "
                "remove it, or check the TransactionType.",
                field=xml_name,
            )
    for xml_name in UPDATE_FIELDS:
        if located.given(xml_name):
            yield located.issue(
                TYPE_FIELD_NOT_APPLICABLE,
                f"{xml_name} is ignored on a new {written.value}: it only takes effect in an "
                'update record (RecordOperation="Update" with the TransactionNumber of the '
                "transaction to change), so send it as one.",
                field=xml_name,
            )


@REGISTRY.record(Transaction)
def alias(located: Located[Transaction]) -> Iterator[Issue]:
    """``type.alias``: ``SalesReceipt`` / ``PurchasePayment``, the 2019 names."""
    written = located.record.transaction_type
    if located.is_update or written is None or written not in ALIASES:
        return
    yield located.issue(
        TYPE_ALIAS,
        f"TransactionType {written.value} is the older name of {ALIASES[written].value}: it "
        f"is imported as {ALIASES[written].value}, which is the name to use in new files.",
        field="TransactionType",
    )


def export_only_message(xml_name: str, hint: str, where: str = "") -> str:
    """The ``field.export-only`` message, the same for every kind of record."""
    also = f"; {hint}" if hint else ""
    inside = f" (in {where})" if where else ""
    return (
        f"{xml_name} is only written by Zynk's export{inside} and the import ignores it: "
        f"remove it{also}."
    )


@REGISTRY.record(Transaction)
def transaction_export_only(located: Located[Transaction]) -> Iterator[Issue]:
    """``field.export-only`` on a transaction (``xsi:nil`` and empty strings are not given);
    TransactionNumber too on a record that is not an update."""
    for xml_name, hint in TRANSACTION_EXPORT_ONLY.items():
        if located.given(xml_name):
            yield located.issue(
                FIELD_EXPORT_ONLY, export_only_message(xml_name, hint), field=xml_name
            )
    if located.is_update or located.operation_unreadable:
        return
    for xml_name, hint in NEW_RECORD_EXPORT_ONLY.items():
        if located.given(xml_name):
            yield located.issue(
                FIELD_EXPORT_ONLY,
                f"{xml_name} is only written by Zynk's export and the import ignores it on a "
                f"new transaction: {hint}, or remove it.",
                field=xml_name,
            )


@REGISTRY.record(Customer)
def customer_export_only(located: Located[Customer]) -> Iterator[Issue]:
    """``field.export-only`` on a customer and its invoice and delivery addresses."""
    for xml_name, hint in CUSTOMER_EXPORT_ONLY.items():
        if located.given(xml_name):
            yield located.issue(
                FIELD_EXPORT_ONLY, export_only_message(xml_name, hint), field=xml_name
            )
    for address_name in ("CustomerInvoiceAddress", "CustomerDeliveryAddress"):
        address = located.value(address_name)
        if address is None:
            continue
        for xml_name, hint in CUSTOMER_ADDRESS_EXPORT_ONLY.items():
            if is_given_value(field_value(address, xml_name)):
                yield located.issue(
                    FIELD_EXPORT_ONLY,
                    export_only_message(xml_name, hint, address_name),
                    field=f"{address_name}/{xml_name}",
                )
