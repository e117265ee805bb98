"""Typed, checked Python models for the XML that Zynk imports into and exports from Sage 50 UK.

Read with :func:`load`/:func:`loads`, write with :func:`dump`/:func:`dumps`; the model classes
are generated from the bundled XSD by xsdata.
"""

from __future__ import annotations

from .builder import DocumentBuilder, InvoiceDocumentHandle, InvoiceHandle, JournalHandle
from .datetimes import LexicalDateTime
from .errors import (
    BuildError,
    ForbiddenXmlError,
    MalformedXmlError,
    ReadError,
    SchemaBindingError,
    SerializationError,
    TooLargeError,
    UnbalancedJournalError,
    WriteError,
    WrongRootError,
    ZynkSage50Error,
)
from .import_sets import ImportSetReport, validate_together
from .interchange import from_dict, from_json, json_schema, to_dict, to_json
from .issues import Issue, RecordRef, Report, Severity
from .limits import Limits
from .loading import (
    DroppedContentWarning,
    iter_customers,
    iter_invoices,
    iter_transactions,
    load,
    loads,
)
from .models import (
    AnalysisCode,
    AnalysisCodes,
    Bank,
    Banks,
    Company,
    Contact,
    Contacts,
    Customer,
    CustomerAddress,
    Customers,
    DeliveryAddress,
    DeliveryAddresses,
    DepartmentInfo,
    DiscountType,
    EmptyCollection,
    Invoice,
    InvoiceAddress,
    InvoiceItem,
    InvoiceItems,
    InvoicePaymentType,
    Invoices,
    InvoiceType,
    OssReportType,
    PaymentDueFrom,
    PaymentTermsBasis,
    RecordError,
    RecordErrors,
    RecordOperation,
    Transaction,
    Transactions,
    TransactionType,
)
from .splitting import Task, merge, split
from .summarizing import summarize
from .summary import Summary
from .triaging import Rejection, Triage, triage
from .validation import validate
from .writing import dump, dumps

__version__ = "0.1.0.dev0"

__all__ = [
    "AnalysisCode",
    "AnalysisCodes",
    "Bank",
    "Banks",
    "BuildError",
    "Company",
    "Contact",
    "Contacts",
    "Customer",
    "CustomerAddress",
    "Customers",
    "DeliveryAddress",
    "DeliveryAddresses",
    "DepartmentInfo",
    "DiscountType",
    "DocumentBuilder",
    "DroppedContentWarning",
    "EmptyCollection",
    "ForbiddenXmlError",
    "ImportSetReport",
    "Invoice",
    "InvoiceAddress",
    "InvoiceDocumentHandle",
    "InvoiceHandle",
    "InvoiceItem",
    "InvoiceItems",
    "InvoicePaymentType",
    "InvoiceType",
    "Invoices",
    "Issue",
    "JournalHandle",
    "LexicalDateTime",
    "Limits",
    "MalformedXmlError",
    "OssReportType",
    "PaymentDueFrom",
    "PaymentTermsBasis",
    "ReadError",
    "RecordError",
    "RecordErrors",
    "RecordOperation",
    "RecordRef",
    "Rejection",
    "Report",
    "SchemaBindingError",
    "SerializationError",
    "Severity",
    "Summary",
    "Task",
    "TooLargeError",
    "Transaction",
    "TransactionType",
    "Transactions",
    "Triage",
    "UnbalancedJournalError",
    "WriteError",
    "WrongRootError",
    "ZynkSage50Error",
    "__version__",
    "dump",
    "dumps",
    "from_dict",
    "from_json",
    "iter_customers",
    "iter_invoices",
    "iter_transactions",
    "json_schema",
    "load",
    "loads",
    "merge",
    "split",
    "summarize",
    "to_dict",
    "to_json",
    "triage",
    "validate",
    "validate_together",
]
