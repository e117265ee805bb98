"""The catalogue of issue codes: each code declared once, with its severity and a summary.

Rules raise these constants (``located.issue(JOURNAL_UNBALANCED, message)``), so a code's
severity is stated here and nowhere else. ``docs/rules.md`` and ``docs/invoices.md`` document
every code; a test checks them against :data:`CATALOGUE` both ways. A code, once released,
keeps its meaning.
"""

from __future__ import annotations

from collections.abc import Mapping

import attr

from ..issues import Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741 (as the docs tables)


@attr.s(frozen=True, slots=True, auto_attribs=True)
class Code:
    """One catalogue code: its name (``journal.unbalanced``), severity and a one-line summary."""

    name: str
    severity: Severity
    summary: str

    def __str__(self) -> str:
        return self.name


_DECLARED: dict[str, Code] = {}


def _code(name: str, severity: Severity, summary: str) -> Code:
    assert name not in _DECLARED, name
    code = Code(name, severity, summary)
    _DECLARED[name] = code
    return code


# --- reading the file ------------------------------------------------------------------------
XML_MALFORMED = _code("xml.malformed", E, "the file is not well-formed XML")
XML_FORBIDDEN = _code("xml.forbidden", E, "a DOCTYPE, entity or other refused construct")
XML_TOO_LARGE = _code("xml.too-large", E, "the file exceeds a reading limit (size, depth...)")
XML_WRONG_ROOT = _code("xml.wrong-root", E, "the root element is not Company")

# --- schema (XSD) --------------------------------------------------------------------------
SCHEMA_UNKNOWN_ELEMENT = _code("schema.unknown-element", E, "an element the schema has not")
SCHEMA_DUPLICATE_ELEMENT = _code(
    "schema.duplicate-element", E, "a single-valued element given twice in one record"
)
SCHEMA_INVALID_VALUE = _code(
    "schema.invalid-value", E, "a value not of the field's type, enumeration or pattern"
)
SCHEMA_TOO_LONG = _code("schema.too-long", E, "a string longer than the field's maximum length")
SCHEMA_OUT_OF_RANGE = _code("schema.out-of-range", E, "a number outside the field's bounds")
SCHEMA_UNKNOWN_ATTRIBUTE = _code(
    "schema.unknown-attribute", E, "an attribute the schema has not on that element"
)

# --- transaction types and fields ----------------------------------------------------------
TYPE_REQUIRED_FIELD = _code(
    "type.required-field", E, "a field the TransactionType requires is missing or empty"
)
TYPE_FIELD_NOT_APPLICABLE = _code(
    "type.field-not-applicable", W, "a field given that the TransactionType ignores"
)
TYPE_ALIAS = _code("type.alias", I, "SalesReceipt / PurchasePayment, the 2019 names")
FIELD_EXPORT_ONLY = _code(
    "field.export-only", W, "a field Zynk's export writes and its import ignores"
)

# --- duplicates, grouping, journals, transfers ---------------------------------------------
DUPLICATE_ID = _code(
    "duplicate.id", E, "two records of one kind share an Id, or an Id was already imported"
)
GROUPING_SPLIT_GROUP = _code(
    "grouping.split-group", W, "rows of one SI/SC/PI/PC grouping key are not consecutive"
)
JOURNAL_ONE_SIDED = _code("journal.one-sided", E, "a journal with no debit or no credit")
JOURNAL_UNBALANCED = _code("journal.unbalanced", E, "a journal's debits and credits differ")
JOURNAL_VARIANCE_POSTED = _code(
    "journal.variance-posted", I, "the balancing line the importer adds (variance nominal set)"
)
JOURNAL_NEGATIVE_AMOUNT = _code(
    "journal.negative-amount", W, "a negative NetAmount on a journal line"
)
TRANSFER_SAME_ACCOUNT = _code(
    "transfer.same-account", E, "a BankTransfer from and to the same bank account"
)
TRANSFER_RATE_MISMATCH = _code(
    "transfer.rate-mismatch", E, "ReceiptAmount is not PaymentAmount × ExchangeRate"
)
TRANSFER_AMOUNTS_DIFFER = _code(
    "transfer.amounts-differ", W, "no ExchangeRate and PaymentAmount differs from ReceiptAmount"
)

# --- allocation ----------------------------------------------------------------------------
ALLOCATION_MISSING_REFERENCE = _code(
    "allocation.missing-reference", W, "a credit, receipt or payment without a Reference"
)
ALLOCATION_ACCOUNT_MISMATCH = _code(
    "allocation.account-mismatch", W, "the Reference names an invoice on another account"
)
ALLOCATION_WRONG_LEDGER = _code(
    "allocation.wrong-ledger", W, "the Reference names only an invoice of the other ledger"
)
ALLOCATION_AMBIGUOUS = _code(
    "allocation.ambiguous", W, "the Reference matches more than one invoice header"
)
ALLOCATION_OVER_ALLOCATED = _code(
    "allocation.over-allocated", W, "more allocated to an invoice than its gross total"
)
ALLOCATION_TARGET_OUTSIDE_DOCUMENT = _code(
    "allocation.target-outside-document", I, "no invoice in the document has the Reference"
)

# --- OSS, amounts, updates -----------------------------------------------------------------
OSS_COUNTRY_REQUIRED = _code(
    "oss.country-required", E, "an OSS report type without OssCountryOfVat"
)
OSS_COUNTRY_UNKNOWN = _code(
    "oss.country-unknown", E, "OssCountryOfVat is no country code or recognisable name"
)
OSS_COUNTRY_NAME = _code(
    "oss.country-name", W, "a country name instead of the two-letter code in OssCountryOfVat"
)
OSS_COUNTRY_WITHOUT_TYPE = _code(
    "oss.country-without-type", W, "OssCountryOfVat given while OssReportType is absent/None"
)
AMOUNT_PRECISION = _code("amount.precision", W, "a money amount with more than 2 places")
AMOUNT_TOO_LARGE = _code("amount.too-large", E, "a money amount of 100,000,000 or more")
AMOUNT_TAX_ON_RECEIPT = _code(
    "amount.tax-on-receipt", W, "a non-zero TaxAmount on a receipt or payment on account"
)
AMOUNT_ZERO = _code("amount.zero", W, "a receipt or payment on an account of 0.00")
AMOUNT_TAX_MISMATCH = _code(
    "amount.tax-mismatch", W, "TaxAmount differs from NetAmount × the tax rate by over a penny"
)
UPDATE_MISSING_TRANSACTION_NUMBER = _code(
    "update.missing-transaction-number", E, "an Update without TransactionNumber"
)
UPDATE_NOTHING_TO_UPDATE = _code(
    "update.nothing-to-update", W, "an Update with neither Disputed nor DocumentLink"
)
UPDATE_IGNORED_FIELD = _code(
    "update.ignored-field", W, "an Update carrying a field an update does not change"
)
UPDATE_DISPUTE_REASON_WITHOUT_CODE = _code(
    "update.dispute-reason-without-code", W, "DisputeReason without DisputeCode"
)
UPDATE_OPERATION_UNSUPPORTED = _code(
    "update.operation-unsupported", W, "RecordOperation Insert or Upsert on a transaction"
)

# --- customers and references --------------------------------------------------------------
CUSTOMER_NAME_MISSING = _code("customer.name-missing", W, "a customer without any name")
CUSTOMER_DISCOUNT_TABLE_REQUIRED = _code(
    "customer.discount-table-required", E, "DiscountType DiscountTable without DiscountTable"
)
CUSTOMER_DUPLICATE_ACCOUNT_REFERENCE = _code(
    "customer.duplicate-account-reference", E, "two customers share an AccountReference"
)
CUSTOMER_ACCOUNT_REFERENCE_MISSING = _code(
    "customer.account-reference-missing", I, "a customer without AccountReference"
)
CUSTOMER_CURRENCY_UNKNOWN = _code(
    "customer.currency-unknown", W, "a customer's Currency is not an ISO 4217 code"
)
ADDRESS_COUNTRY_UNKNOWN = _code(
    "address.country-unknown", W, "an address Country that is not an ISO 3166-1 alpha-2 code"
)
REFERENCE_UNKNOWN_CUSTOMER = _code(
    "reference.unknown-customer", I, "a sales transaction names no customer of the document"
)

# --- fail files ------------------------------------------------------------------------------
RECORD_IMPORT_ERROR = _code(
    "record.import-error", I, "an Errors/Error Zynk added to a record of a fail file"
)

# --- invoice documents ---------------------------------------------------------------------
INVOICE_UPDATE = _code("invoice.update", I, "an update-shaped invoice (Update Invoices/Ledgers)")
INVOICE_CUSTOMER_MISSING = _code(
    "invoice.customer-missing", W, "a new invoice with neither AccountReference nor CustomerId"
)
INVOICE_TYPE_MISSING = _code("invoice.type-missing", I, "a new invoice without InvoiceType")
INVOICE_NOT_POSTED = _code("invoice.not-posted", I, "a proforma or quotation, not a posting")
INVOICE_NO_ITEMS = _code("invoice.no-items", W, "a new invoice with no items and no Carriage")
INVOICE_SKU_MISSING = _code("invoice.sku-missing", W, "an item of a Product* invoice without Sku")
INVOICE_QUANTITY_MISSING = _code("invoice.quantity-missing", E, "an item without QtyOrdered")
INVOICE_NEGATIVE_QUANTITY = _code("invoice.negative-quantity", W, "a negative QtyOrdered")
INVOICE_NEGATIVE_PRICE = _code("invoice.negative-price", W, "a negative UnitPrice")
INVOICE_PAYMENT_WITHOUT_AMOUNT = _code(
    "invoice.payment-without-amount", W, "payment fields without a PaymentAmount"
)
INVOICE_PAYMENT_TYPE_MISSING = _code(
    "invoice.payment-type-missing", W, "a PaymentAmount without PaymentType"
)
INVOICE_PAYMENT_DEFAULT_BANK = _code(
    "invoice.payment-default-bank", I, "a PaymentAmount without BankAccount"
)
INVOICE_PAYMENT_NOT_APPLICABLE = _code(
    "invoice.payment-not-applicable", W, "a payment on a credit note, proforma or quotation"
)
INVOICE_CURRENCY_UNKNOWN = _code(
    "invoice.currency-unknown", W, "an invoice's Currency is not an ISO 4217 code"
)
INVOICE_UNKNOWN_CUSTOMER = _code(
    "invoice.unknown-customer", I, "an invoice names no customer of the document"
)
INVOICE_DUPLICATE_NUMBER = _code(
    "invoice.duplicate-number", E, "two new invoices in one document share an InvoiceNumber"
)

#: Every code, by name, in the order of the reference pages.
CATALOGUE: Mapping[str, Code] = dict(_DECLARED)


def code_named(name: str) -> Code:
    """The catalogue entry of a code name; ``KeyError`` for a name not in the catalogue."""
    return CATALOGUE[name]


def severity_of(name: str) -> Severity:
    """The severity of a code, by name (for modules that still pass code strings)."""
    return CATALOGUE[name].severity
