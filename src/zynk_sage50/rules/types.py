"""Rules: what each TransactionType requires and uses, aliases, and export-only fields.

The applicability matrix is ``fields.md`` §3.2; ``decisions.md`` 3, 12 and 14a adjust it. The
helpers at the top (``given``, ``canonical_type``, ``applies``...) are shared by the other
topic modules of this package.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from typing import Any

from ..issues import Issue, Severity
from ..modelinfo import ClassInfo, class_info
from ..models import Customer, CustomerAddress, RecordOperation, Transaction, TransactionType
from ..vocabulary import (
    ALIASES,
    ALL_TYPES,
    BANK,
    INVOICES,
    JOURNALS,
    RECEIPTS,
    SALES,
    canonical_type,
)
from ..vocabulary import type_names as names
from .context import Located, LocatedCustomer, LocatedTransaction

T = TransactionType

# --- shared helpers ------------------------------------------------------------------------

_INFO: Mapping[type[Any], ClassInfo] = {
    Transaction: class_info(Transaction),
    Customer: class_info(Customer),
    CustomerAddress: class_info(CustomerAddress),
}


def field_value(record: Transaction | Customer | CustomerAddress, xml_name: str) -> Any:
    """The bound value of a record's element (or attribute) by its XML name."""
    info = _INFO[type(record)]
    field = info.elements.get(xml_name) or info.attributes[xml_name]
    return getattr(record, field.name)


def value_of(located: Located[Any], xml_name: str) -> Any:
    """The bound value of a located record's element (or attribute) by its XML name."""
    return field_value(located.record, xml_name)


def is_given_value(value: object) -> bool:
    """A value that carries data: not absent or nil, and not an empty or blank string."""
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() != ""
    return True


def given(located: Located[Any], xml_name: str) -> bool:
    """Was the field given a value? Absent, ``xsi:nil`` and empty strings are not given.

    A field that was present but failed the schema counts as given: its error is already
    reported, and a second "missing" issue about it would be wrong.
    """
    if xml_name in located.invalid_fields:
        return True
    return is_given_value(value_of(located, xml_name))


def _present(located: Located[Any], names: Mapping[str, object]) -> list[str]:
    """Which of ``names`` a record read from XML had (all of them for a model built in Python,
    which has no source lines): the rules then look only at elements that were there."""
    if located.line is None:
        return list(names)
    present = [name for name in located.field_lines if name in names]
    present.extend(name for name in located.invalid_fields if name in names)
    return present


def is_update(located: LocatedTransaction) -> bool:
    """``RecordOperation="Update"``: an update of an existing transaction, not a new one."""
    return located.record.record_operation is RecordOperation.UPDATE


def posted_type(located: LocatedTransaction) -> TransactionType | None:
    """The type of a new (non-update) record as the importer posts it, or None if unknown."""
    if is_update(located):
        return None
    return canonical_type(located.record.transaction_type)


def shown(value: object) -> str:
    """A value as quoted in a message: strings in quotes; numbers, dates, enums plain."""
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def _users(types: frozenset[TransactionType]) -> str:
    others = ALL_TYPES - types
    if len(others) < len(types):
        return f"every type except {names(others)} uses it"
    return f"only {names(types)} use it"


# --- the applicability matrix (fields.md §3.2) -----------------------------------------------

#: Fields a type requires ("R" cells). TransactionType itself is checked separately.
REQUIRED: Mapping[str, frozenset[TransactionType]] = {
    "AccountReference": ALL_TYPES - {T.BANK_TRANSFER},
    "FromBankAccount": frozenset({T.BANK_TRANSFER}),
    "ToBankAccount": frozenset({T.BANK_TRANSFER}),
    "BankReference": RECEIPTS,
    "Reference": JOURNALS | {T.BANK_TRANSFER},
    "NominalCode": BANK | INVOICES,
    "NetAmount": ALL_TYPES - {T.BANK_TRANSFER},
    "PaymentAmount": frozenset({T.BANK_TRANSFER}),
    "ReceiptAmount": frozenset({T.BANK_TRANSFER}),
}

#: Fields only some types use ("-" cells elsewhere). Fields not listed here are used by every
#: type: Id, TransactionType, TransactionDate, PostedDate, Reference, PaymentReference,
#: Details, TaxCode, TaxAmount, and (decisions 14a, D24) TaxRate, CustomerId, SecondReference,
#: TransactionNumber.
APPLICABLE: Mapping[str, frozenset[TransactionType]] = {
    "AccountReference": ALL_TYPES - {T.BANK_TRANSFER},
    "FromBankAccount": frozenset({T.BANK_TRANSFER}),
    "ToBankAccount": frozenset({T.BANK_TRANSFER}),
    "DueDate": INVOICES,
    "BankReference": RECEIPTS,
    "NominalCode": BANK | INVOICES,
    "Department": ALL_TYPES - RECEIPTS,
    "Fund": ALL_TYPES - RECEIPTS,
    "ProjectRef": BANK | INVOICES,
    "ProjectItem": frozenset({T.BANK_PAYMENT, T.PURCHASE_INVOICE, T.PURCHASE_CREDIT}),
    "NetAmount": ALL_TYPES - {T.BANK_TRANSFER},
    "PaymentAmount": frozenset({T.BANK_TRANSFER}),
    "ReceiptAmount": frozenset({T.BANK_TRANSFER}),
    "ExchangeRate": frozenset({T.BANK_TRANSFER}),
    "OssReportType": SALES,
    "OssCountryOfVat": SALES,
}

#: Fields only an update (``RecordOperation="Update"``) applies.
UPDATE_FIELDS = ("Disputed", "DisputeCode", "DisputeReason", "DocumentLink")

#: Transaction fields Zynk's export writes and its import ignores (decision 3).
TRANSACTION_EXPORT_ONLY: Mapping[str, str] = {
    "UniqueId": "to stop a transaction being imported twice, use Id",
    "AnalysisCode": "",
    "ElectronicTransaction": "",
    "OutstandingAmount": "the outstanding amount follows from the allocations Sage makes",
    "Discount": "",
    "VatInclusive": "",
    "CustomFields": "",
}

#: Customer fields Zynk's export writes and its import ignores.
CUSTOMER_EXPORT_ONLY: Mapping[str, str] = {
    "UniqueId": "to stop a customer being imported twice, use Id",
    "Balance": "",
    "CreditPosition": "",
    "LastCreditReview": "",
    "NextCreditReview": "",
    "ApplicationDate": "",
    "DateReceived": "",
    "LastInvoiceDate": "",
    "LastPaymentDate": "",
    "TurnoverMTD": "",
    "TurnoverYTD": "",
    "PriorYear": "",
    "Attachments": "",
    "CustomFields": "",
    "Activities": "",
    "Groups": "",
    "Notes": "",
    "AccountStatusText": "to set the status, use AccountStatus",
    "LineDiscount": "",
    "CreateOnly": "",
}

#: Export-only fields of CustomerInvoiceAddress / CustomerDeliveryAddress.
ADDRESS_EXPORT_ONLY: Mapping[str, str] = {
    "Description": "",
    "TaxCode": "to set the customer's default tax code, use the customer's TaxCode",
    "Birthdate": "",
    "Notes": "",
    "CustomFields": "",
    "Activities": "",
    "Groups": "",
}

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


# --- rules ---------------------------------------------------------------------------------


def required_field(located: LocatedTransaction) -> Iterator[Issue]:
    """``type.required-field``: a field the TransactionType requires is missing or empty."""
    if is_update(located):
        return
    if not given(located, "TransactionType"):
        yield located.issue(
            "type.required-field",
            Severity.ERROR,
            "TransactionType is missing or empty: give the kind of transaction, e.g. "
            "SalesInvoice, BankReceipt or JournalDebit.",
            field="TransactionType",
        )
        return
    transaction_type = posted_type(located)
    if transaction_type is None:  # present but invalid: already a schema error
        return
    for xml_name, types in REQUIRED.items():
        if transaction_type in types and not given(located, xml_name):
            yield located.issue(
                "type.required-field",
                Severity.ERROR,
                f"{xml_name} is missing or empty, but a {transaction_type.value} needs it: "
                f"give {_what(xml_name, transaction_type)}.",
                field=xml_name,
            )


def field_not_applicable(located: LocatedTransaction) -> Iterator[Issue]:
    """``type.field-not-applicable``: a field given that the TransactionType ignores.

    Empty and ``xsi:nil`` elements carry nothing to ignore, so they are not reported (exports
    and templates write ``<ProjectItem />`` on every row). Update-only fields (Disputed,
    DocumentLink, ...) on a record that is not an update are reported here too: the importer
    only applies them with ``RecordOperation="Update"``.
    """
    transaction_type = posted_type(located)
    if transaction_type is None:
        return
    written = located.record.transaction_type
    assert written is not None
    for xml_name in _present(located, APPLICABLE):
        types = APPLICABLE[xml_name]
        if transaction_type not in types and given(located, xml_name):
            value = (
                ""
                if xml_name in located.invalid_fields
                else (" " + shown(value_of(located, xml_name)))
            )
            yield located.issue(
                "type.field-not-applicable",
                Severity.WARNING,
                f"{xml_name}{value} is ignored on a {written.value} ({_users(types)}): "
                "remove it, or check the TransactionType.",
                field=xml_name,
            )
    for xml_name in UPDATE_FIELDS:
        if given(located, xml_name):
            yield located.issue(
                "type.field-not-applicable",
                Severity.WARNING,
                f"{xml_name} is ignored on a new {written.value}: it only takes effect in an "
                'update record (RecordOperation="Update" with the TransactionNumber of the '
                "transaction to change), so send it as one.",
                field=xml_name,
            )


def alias(located: LocatedTransaction) -> Iterator[Issue]:
    """``type.alias``: ``SalesReceipt`` / ``PurchasePayment``, the 2019 names."""
    written = located.record.transaction_type
    if is_update(located) or written not in ALIASES:
        return
    assert written is not None
    yield located.issue(
        "type.alias",
        Severity.INFO,
        f"TransactionType {written.value} is the older name of {ALIASES[written].value}: it "
        f"is imported as {ALIASES[written].value}, which is the name to use in new files.",
        field="TransactionType",
    )


def _export_only_message(xml_name: str, hint: str, where: str) -> str:
    also = f"; {hint}" if hint else ""
    return (
        f"{xml_name} is only written by Zynk's export{where} and the import ignores it: "
        f"remove it{also}."
    )


def transaction_export_only(located: LocatedTransaction) -> Iterator[Issue]:
    """``field.export-only`` on a transaction (``xsi:nil`` and empty strings are not given)."""
    for xml_name, hint in TRANSACTION_EXPORT_ONLY.items():
        if given(located, xml_name):
            yield located.issue(
                "field.export-only",
                Severity.WARNING,
                _export_only_message(xml_name, hint, ""),
                field=xml_name,
            )


def customer_export_only(located: LocatedCustomer) -> Iterator[Issue]:
    """``field.export-only`` on a customer and its invoice and delivery addresses."""
    for xml_name, hint in CUSTOMER_EXPORT_ONLY.items():
        if given(located, xml_name):
            yield located.issue(
                "field.export-only",
                Severity.WARNING,
                _export_only_message(xml_name, hint, ""),
                field=xml_name,
            )
    for address_name in ("CustomerInvoiceAddress", "CustomerDeliveryAddress"):
        address = value_of(located, address_name)
        if address is None:
            continue
        for xml_name, hint in ADDRESS_EXPORT_ONLY.items():
            if is_given_value(field_value(address, xml_name)):
                yield located.issue(
                    "field.export-only",
                    Severity.WARNING,
                    _export_only_message(xml_name, hint, f" (in {address_name})"),
                    field=f"{address_name}/{xml_name}",
                )


TRANSACTION_RULES = (
    required_field,
    field_not_applicable,
    alias,
    transaction_export_only,
)
CUSTOMER_RULES = (customer_export_only,)
DOCUMENT_RULES: tuple[()] = ()

__all__ = [
    "ALIASES",
    "ALL_TYPES",
    "APPLICABLE",
    "BANK",
    "CUSTOMER_RULES",
    "DOCUMENT_RULES",
    "INVOICES",
    "JOURNALS",
    "RECEIPTS",
    "REQUIRED",
    "SALES",
    "TRANSACTION_RULES",
    "canonical_type",
    "field_value",
    "given",
    "is_given_value",
    "is_update",
    "posted_type",
    "value_of",
]
