"""The bookkeeping vocabulary every part of the library shares, defined once.

Which TransactionTypes are invoices, credits, bank entries, journals, sales or purchase; the
2019 aliases; the ledgers and what allocates to what; the keys the importer groups rows by;
which InvoiceTypes are credits, products or not posted; how money is rounded and shown. The
rules, the builder and the strategies import these; none of them restates a set.

Type sets hold the *canonical* types (an alias is folded into the type it is imported as)
unless their name says ``_WRITTEN``: those also hold the aliases, for code that looks at the
type as written.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal

from .models import InvoiceType, OssReportType, TransactionType

T = TransactionType
I = InvoiceType  # noqa: E741 (short alias, as ``T`` is for TransactionType)

# --- transaction types ---------------------------------------------------------------------

#: The 2019 names still accepted, and the type the importer turns each into (decision 12).
ALIASES: Mapping[TransactionType, TransactionType] = {
    T.SALES_RECEIPT: T.SALES_RECEIPT_ON_ACCOUNT,
    T.PURCHASE_PAYMENT: T.PURCHASE_PAYMENT_ON_ACCOUNT,
}
#: Every type the importer knows, aliases folded in (the thirteen of the seed).
ALL_TYPES = frozenset(t for t in TransactionType if t not in ALIASES)

#: Invoices, the targets of allocation (SI, PI).
INVOICE_TYPES = frozenset({T.SALES_INVOICE, T.PURCHASE_INVOICE})
#: Credit notes (SC, PC).
CREDIT_TYPES = frozenset({T.SALES_CREDIT, T.PURCHASE_CREDIT})
#: Invoices and credits (SI, SC, PI, PC): the types posted with a nominal code and grouped
#: into one header with splits (decision 16).
INVOICES = INVOICE_TYPES | CREDIT_TYPES
#: Bank receipts and payments (BR, BP).
BANK = frozenset({T.BANK_RECEIPT, T.BANK_PAYMENT})
#: Journal lines (JD, JC).
JOURNALS = frozenset({T.JOURNAL_DEBIT, T.JOURNAL_CREDIT})
#: Receipts and payments against an account (SA, SP, PA, PR), aliases folded in.
RECEIPTS = frozenset(
    {
        T.SALES_RECEIPT_ON_ACCOUNT,
        T.SALES_PAYMENT,
        T.PURCHASE_PAYMENT_ON_ACCOUNT,
        T.PURCHASE_RECEIPT,
    }
)
#: Receipts and payments on account (SA, PA): allocated to an invoice by Reference.
ON_ACCOUNT = frozenset({T.SALES_RECEIPT_ON_ACCOUNT, T.PURCHASE_PAYMENT_ON_ACCOUNT})
#: The sales-ledger types (SI, SC, SA, SP): their AccountReference is a customer.
SALES = frozenset({T.SALES_INVOICE, T.SALES_CREDIT, T.SALES_RECEIPT_ON_ACCOUNT, T.SALES_PAYMENT})
#: The purchase-ledger types (PI, PC, PA, PR): their AccountReference is a supplier.
PURCHASE = frozenset(
    {T.PURCHASE_INVOICE, T.PURCHASE_CREDIT, T.PURCHASE_PAYMENT_ON_ACCOUNT, T.PURCHASE_RECEIPT}
)
#: The types whose lines carry VAT the importer posts (amount.tax-mismatch checks them):
#: invoices, credits, bank receipts and payments. Receipts and payments on account are
#: posted gross (amount.tax-on-receipt); journals and transfers carry no VAT line.
VAT_TYPES = INVOICES | BANK


def with_aliases(types: Iterable[TransactionType]) -> frozenset[TransactionType]:
    """``types`` plus every alias written for one of them (SA brings SR)."""
    found = frozenset(types)
    return found | {alias for alias, canonical in ALIASES.items() if canonical in found}


#: As written: the sales types with the alias SalesReceipt (SI, SC, SA, SR, SP).
SALES_WRITTEN = with_aliases(SALES)
#: As written: the purchase types with the alias PurchasePayment (PI, PC, PA, PP, PR).
PURCHASE_WRITTEN = with_aliases(PURCHASE)
#: As written: receipts and payments with their aliases (SA, SR, SP, PA, PP, PR).
RECEIPTS_WRITTEN = with_aliases(RECEIPTS)
#: As written: on account with the aliases (SA, SR, PA, PP).
ON_ACCOUNT_WRITTEN = with_aliases(ON_ACCOUNT)


def canonical_type(transaction_type: TransactionType | None) -> TransactionType | None:
    """The type the importer posts: ``SalesReceipt`` → ``SalesReceiptOnAccount``."""
    if transaction_type is None:
        return None
    return ALIASES.get(transaction_type, transaction_type)


def type_names(types: Iterable[TransactionType]) -> str:
    """``SalesInvoice, SalesCredit and PurchaseInvoice`` in the enumeration's order."""
    wanted = set(types)
    ordered = [t.value for t in TransactionType if t in wanted]
    if len(ordered) <= 1:
        return "".join(ordered)
    return ", ".join(ordered[:-1]) + " and " + ordered[-1]


# --- ledgers and allocation (decision 20) --------------------------------------------------


class Ledger(enum.Enum):
    """The side of the books a transaction (and an allocation) belongs to."""

    SALES = "sales"
    PURCHASE = "purchase"

    @property
    def other(self) -> Ledger:
        """The other ledger."""
        return Ledger.PURCHASE if self is Ledger.SALES else Ledger.SALES

    @property
    def target_type(self) -> TransactionType:
        """The invoice type items of this ledger allocate to."""
        return ALLOCATION_TARGETS[self]


#: What each ledger's credits, receipts and payments allocate to.
ALLOCATION_TARGETS: Mapping[Ledger, TransactionType] = {
    Ledger.SALES: T.SALES_INVOICE,
    Ledger.PURCHASE: T.PURCHASE_INVOICE,
}


def ledger_of(transaction_type: TransactionType | None) -> Ledger | None:
    """The ledger of a sales or purchase type (aliases included), None for bank/journals."""
    if transaction_type in SALES_WRITTEN:
        return Ledger.SALES
    if transaction_type in PURCHASE_WRITTEN:
        return Ledger.PURCHASE
    return None


#: Allocating items grouped like invoices, one per header (credits).
GROUPED_ALLOCATORS = CREDIT_TYPES
#: Allocating items that allocate row by row (receipts and payments on account, as written).
ROW_ALLOCATORS = ON_ACCOUNT_WRITTEN
#: Every type that is auto-allocated to an invoice, as written (SC, SA, SR, PC, PA, PP).
ALLOCATION_SOURCES = GROUPED_ALLOCATORS | ROW_ALLOCATORS
#: The invoice type each allocating type (as written) allocates to.
ALLOCATES_TO: Mapping[TransactionType, TransactionType] = {
    source: ALLOCATION_TARGETS[ledger]
    for source in ALLOCATION_SOURCES
    if (ledger := ledger_of(source)) is not None
}

# --- grouping keys ---------------------------------------------------------------------------

#: The types the importer groups into one header with splits (decision 16).
GROUPED_TYPES = INVOICES
#: The elements an SI/SC/PI/PC grouping key is made of (consecutive rows equal on all).
GROUP_KEY_FIELDS = (
    "TransactionType",
    "AccountReference",
    "Reference",
    "SecondReference",
    "TransactionDate",
)
#: The elements a journal's key is made of (decision 17: AccountReference is not one).
JOURNAL_KEY_FIELDS = ("Reference", "SecondReference", "TransactionDate")


def account_key(reference: str) -> str:
    """How Sage compares account references: blanks around ignored, case-insensitive."""
    return reference.strip().upper()


# --- invoice documents and OSS ---------------------------------------------------------------

#: Invoice document types Sage posts as credit notes.
INVOICE_CREDITS = frozenset({I.PRODUCT_CREDIT, I.SERVICE_CREDIT})
#: Invoice document types that are not postings: Sage keeps them as proformas or quotations.
INVOICE_NOT_POSTED = frozenset({I.PRODUCT_PROFORMA, I.SERVICE_PROFORMA, I.PRODUCT_QUOTATION})
#: Invoice document types whose items are products, so need a Sku.
INVOICE_PRODUCT_TYPES = frozenset(
    {I.PRODUCT_INVOICE, I.PRODUCT_CREDIT, I.PRODUCT_PROFORMA, I.PRODUCT_QUOTATION}
)
#: Invoice document types that are posted (not proformas or quotations).
INVOICE_POSTED = frozenset(InvoiceType) - INVOICE_NOT_POSTED
#: OSS report types that need an OssCountryOfVat.
OSS_NEEDS_COUNTRY = frozenset(
    {OssReportType.UNION_OSS, OssReportType.NON_UNION_OSS, OssReportType.IOSS}
)

# --- VAT -------------------------------------------------------------------------------------

#: Sage 50 UK's default tax table, code → percent: T0 zero-rated, T1 standard 20%, T2 exempt,
#: T4 sales to the EU, T5 reduced 5%, T7 zero-rated purchases from the EU, T8 standard-rated
#: purchases from the EU. T9 (outside the scope of VAT) and the other codes are not listed:
#: each company can edit its table, so their rates are not known.
DEFAULT_TAX_RATES: Mapping[int, Decimal] = {
    0: Decimal(0),
    1: Decimal(20),
    2: Decimal(0),
    4: Decimal(0),
    5: Decimal(5),
    7: Decimal(0),
    8: Decimal(20),
}


def tax_for(net: Decimal, rate: Decimal) -> Decimal:
    """The VAT on ``net`` at ``rate`` percent, rounded to pennies (half up, per line)."""
    return round_line_amount(net * rate / 100)


# --- money -----------------------------------------------------------------------------------

#: One penny: Sage stores money to 2 decimal places.
PENNY = Decimal("0.01")
#: The smallest magnitude Sage cannot store: its import takes 8 digits before the point.
MONEY_LIMIT = Decimal("100000000")
#: Magnitudes from 10**30 up are left as they are by :func:`round_line_amount`.
_HUGE = 30
_LINE_CONTEXT = Context(prec=_HUGE + 10, rounding=ROUND_HALF_UP)


def round_to_pennies(value: Decimal) -> Decimal:
    """``value`` rounded to 2 places, half up, exactly, whatever its number of digits: what
    Sage will store (messages quote it, and :func:`exceeds_money_limit` compares it)."""
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite: the binder refuses NaN and infinities
    context = Context(prec=len(digits) + max(exponent, 0) + 4, Emax=MAX_EMAX, Emin=MIN_EMIN)
    return value.quantize(PENNY, rounding=ROUND_HALF_UP, context=context)


def round_line_amount(value: Decimal) -> Decimal:
    """A line's amount rounded to 2 places (half away from zero) for totals and comparisons.

    Exact below 10**30; larger magnitudes are returned unchanged and never raise (pennies mean
    nothing there, the amount is already ``amount.too-large``, and quantizing 1E+999999 would
    build a million digits).
    """
    if value.adjusted() >= _HUGE:
        return value
    return value.quantize(PENNY, context=_LINE_CONTEXT)


def exceeds_money_limit(value: Decimal) -> bool:
    """Is ``value``, once rounded to pennies, 100,000,000 or more in magnitude?"""
    magnitude = abs(value)
    if magnitude >= MONEY_LIMIT:
        return True
    return magnitude >= MONEY_LIMIT - PENNY / 2 and abs(round_to_pennies(value)) >= MONEY_LIMIT


def decimal_places(value: Decimal) -> int:
    """Significant decimal places: ``1.230`` has 2, ``5E+3`` and ``0.000`` have 0."""
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite: the binder refuses NaN and infinities
    if exponent >= -2:  # the common case: at most 2 places as written
        return max(0, -exponent) if any(digits) else 0
    trimmed = list(digits)
    while exponent < 0 and len(trimmed) > 1 and trimmed[-1] == 0:
        trimmed.pop()
        exponent += 1
    if not any(trimmed):
        return 0
    return max(0, -exponent)


#: Amounts longer than this are shortened in messages.
_SHOWN_LENGTH = 30


def amount_text(value: Decimal) -> str:
    """An amount as written, for messages; an absurdly long one is shortened
    (``1234567890… (10,000 digits)``) so that the message stays one readable sentence."""
    text = str(value)
    if len(text) <= _SHOWN_LENGTH:
        return text
    digits = len(value.as_tuple().digits)
    return f"{text[:12]}… ({digits:,} digits)"


def money_text(value: Decimal) -> str:
    """A money total for messages: ``240.00`` (more places, or a huge value, as written)."""
    exponent = value.as_tuple().exponent
    if value.adjusted() >= _HUGE or (isinstance(exponent, int) and exponent < -2):
        return amount_text(value)
    return f"{value:.2f}"


__all__ = [
    "ALIASES",
    "ALLOCATES_TO",
    "ALLOCATION_SOURCES",
    "ALLOCATION_TARGETS",
    "ALL_TYPES",
    "BANK",
    "CREDIT_TYPES",
    "DEFAULT_TAX_RATES",
    "GROUPED_ALLOCATORS",
    "GROUPED_TYPES",
    "GROUP_KEY_FIELDS",
    "INVOICES",
    "INVOICE_CREDITS",
    "INVOICE_NOT_POSTED",
    "INVOICE_POSTED",
    "INVOICE_PRODUCT_TYPES",
    "INVOICE_TYPES",
    "JOURNALS",
    "JOURNAL_KEY_FIELDS",
    "MONEY_LIMIT",
    "ON_ACCOUNT",
    "ON_ACCOUNT_WRITTEN",
    "OSS_NEEDS_COUNTRY",
    "PENNY",
    "PURCHASE",
    "PURCHASE_WRITTEN",
    "RECEIPTS",
    "RECEIPTS_WRITTEN",
    "ROW_ALLOCATORS",
    "SALES",
    "SALES_WRITTEN",
    "VAT_TYPES",
    "Ledger",
    "account_key",
    "amount_text",
    "canonical_type",
    "decimal_places",
    "exceeds_money_limit",
    "ledger_of",
    "money_text",
    "round_line_amount",
    "round_to_pennies",
    "tax_for",
    "type_names",
    "with_aliases",
]
