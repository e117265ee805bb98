"""Which fields each kind of record needs, uses, ignores: the applicability matrix, as data.

For transactions this is Zynk's Transaction XML field table (with the decisions recorded in
the schemas' documentation adjusting it): per
TransactionType, each element is required, optional, not applicable, update-only or
export-only. The ``type.*``, ``update.*`` and ``field.export-only`` rules read it, and so can
the builder (its required arguments) and the strategies (which fields to draw):
:func:`field_use` and :func:`fields_with_use` answer per type, by XML name; :func:`attribute`
gives the model's attribute name.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from ..modelinfo import class_info
from ..models import Transaction, TransactionType
from ..vocabulary import ALL_TYPES, BANK, INVOICES, JOURNALS, RECEIPTS, SALES, canonical_type

T = TransactionType


class FieldUse(enum.Enum):
    """What a type of new record does with a field."""

    REQUIRED = "required"
    OPTIONAL = "optional"
    NOT_APPLICABLE = "not applicable"
    #: Only applied by an update (``RecordOperation="Update"``).
    UPDATE_ONLY = "update only"
    #: Written by Zynk's export, ignored by its import.
    EXPORT_ONLY = "export only"


#: Fields a type requires ("R" cells). TransactionType itself is required on every new record.
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

#: Fields only some types use ("-" cells elsewhere). Fields not listed here, nor update-only
#: nor export-only, are used by every type: Id, TransactionType, TransactionDate, PostedDate,
#: Reference, PaymentReference, Details, TaxCode, TaxAmount, and (decisions 14a, D24)
#: TaxRate, CustomerId, SecondReference.
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

#: What an update reads: the transaction to change, what to change, and the fields that only
#: identify the record (Id for duplicate prevention, TransactionType for the reader).
UPDATE_READS = frozenset({"TransactionNumber", *UPDATE_FIELDS, "Id", "TransactionType"})

#: Elements Zynk adds to a record it writes to a task's fail file (``Errors/Error``): not data
#: of the record, ignored on import, so never "ignored by an update" or "not applicable".
FAIL_FILE_ELEMENTS = frozenset({"Errors"})

#: Transaction fields Zynk's export writes and its import ignores (decision 3), with a hint.
TRANSACTION_EXPORT_ONLY: Mapping[str, str] = {
    "UniqueId": "to stop a transaction being imported twice, use Id",
    "AnalysisCode": "",
    "ElectronicTransaction": "",
    "OutstandingAmount": "the outstanding amount follows from the allocations Sage makes",
    "Discount": "",
    "VatInclusive": "",
    "CustomFields": "",
}

#: Export-only on a new transaction, read by an update (it names the transaction to change).
NEW_RECORD_EXPORT_ONLY: Mapping[str, str] = {
    "TransactionNumber": (
        "a re-imported export row is posted again as a new transaction; to change that "
        'transaction instead, send RecordOperation="Update"'
    ),
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
CUSTOMER_ADDRESS_EXPORT_ONLY: Mapping[str, str] = {
    "Description": "",
    "TaxCode": "to set the customer's default tax code, use the customer's TaxCode",
    "Birthdate": "",
    "Notes": "",
    "CustomFields": "",
    "Activities": "",
    "Groups": "",
}

#: Invoice fields Zynk's export writes and its import ignores (decision 3), with a hint.
INVOICE_EXPORT_ONLY: Mapping[str, str] = {
    "UniqueId": "to stop an invoice being imported twice, use Id",
    "CurrencyUsed": "to give the currency, use Currency",
    "ItemsNet": "Sage totals the items itself",
    "ItemsTax": "Sage totals the items itself",
    "ItemsTotal": "Sage totals the items itself",
    "DiscountType": "",
    "PostedDate": "",
    "PostedFlag": "",
    "PrintedFlag": "",
    "PaidFlag": "",
    "AmountPaid": "to record a payment, use PaymentAmount",
    "TaxNumber": "",
    "CustomFields": "",
}
#: Export-only fields of InvoiceAddress / InvoiceDeliveryAddress.
INVOICE_ADDRESS_EXPORT_ONLY: Mapping[str, str] = {
    "Description": "",
    "TaxCode": "to set a line's tax code, use the item's TaxCode",
    "Birthdate": "",
    "Notes": "",
    "CustomFields": "",
    "Activities": "",
    "Groups": "",
}
#: Export-only fields of an invoice item (and of Carriage).
ITEM_EXPORT_ONLY: Mapping[str, str] = {
    "TaxRate": "the rate follows from TaxCode",
    "TotalNet": "Sage computes the line totals",
    "TotalTax": "Sage computes the line totals",
    "Text": "",
    "Type": "",
    "QtyAllocated": "",
    "QtyDespatched": "",
    "QtyReceived": "",
    "QtyInvoiced": "",
    "PromisedDeliveryDate": "",
    "RequestedDeliveryDate": "",
    "CustomFields": "",
    "AnalysisCodes": "",
    "Batches": "",
}

#: Every element of a transaction, in the schema's order.
TRANSACTION_ELEMENTS = tuple(class_info(Transaction).elements)


def field_use(transaction_type: TransactionType, xml_name: str) -> FieldUse:
    """What a new record of this type (an alias counts as its type) does with an element."""
    posted = canonical_type(transaction_type)
    assert posted is not None
    if xml_name in TRANSACTION_EXPORT_ONLY or xml_name in NEW_RECORD_EXPORT_ONLY:
        return FieldUse.EXPORT_ONLY
    if xml_name in UPDATE_FIELDS:
        return FieldUse.UPDATE_ONLY
    if xml_name == "TransactionType" or posted in REQUIRED.get(xml_name, ()):
        return FieldUse.REQUIRED
    users = APPLICABLE.get(xml_name)
    if users is not None and posted not in users:
        return FieldUse.NOT_APPLICABLE
    return FieldUse.OPTIONAL


def fields_with_use(transaction_type: TransactionType, use: FieldUse) -> tuple[str, ...]:
    """The elements (XML names, schema order) a new record of this type uses so."""
    return tuple(name for name in TRANSACTION_ELEMENTS if field_use(transaction_type, name) is use)


def attribute(xml_name: str) -> str:
    """The ``Transaction`` attribute of an element: ``NominalCode`` → ``nominal_code``."""
    return class_info(Transaction).elements[xml_name].name


#: The whole matrix: per type (aliases included), each element's use on a new record.
TRANSACTION_FIELD_USE: Mapping[TransactionType, Mapping[str, FieldUse]] = {
    transaction_type: {name: field_use(transaction_type, name) for name in TRANSACTION_ELEMENTS}
    for transaction_type in TransactionType
}
