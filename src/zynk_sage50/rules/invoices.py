"""Old home of the invoice rules, kept as names only until nothing imports them from here.

The rules are in :mod:`.invoice_header`, :mod:`.invoice_items`, :mod:`.invoice_payments`,
:mod:`.invoice_fields` and (``amount.tax-mismatch``) :mod:`.tax`; the document-wide ones in
:mod:`.duplicates` and :mod:`.references`; the invoice type sets in
:mod:`zynk_sage50.vocabulary`, the export-only fields in :mod:`.applicability`.
"""

from __future__ import annotations

from ..vocabulary import INVOICE_CREDITS as CREDITS
from ..vocabulary import INVOICE_NOT_POSTED as NOT_POSTED
from ..vocabulary import INVOICE_PRODUCT_TYPES as PRODUCT_TYPES
from .applicability import INVOICE_ADDRESS_EXPORT_ONLY as ADDRESS_EXPORT_ONLY
from .applicability import INVOICE_EXPORT_ONLY, ITEM_EXPORT_ONLY
from .invoice_lines import LocatedInvoice
from .legacy import (
    INVOICE_DOCUMENT_RULES,
    InvoiceDocument,
    is_update,
    run_invoice_rules,
)
from .located import INVOICE_UPDATE_FIELDS as UPDATE_FIELDS
from .references import CustomerKeys

__all__ = [
    "ADDRESS_EXPORT_ONLY",
    "CREDITS",
    "INVOICE_DOCUMENT_RULES",
    "INVOICE_EXPORT_ONLY",
    "ITEM_EXPORT_ONLY",
    "NOT_POSTED",
    "PRODUCT_TYPES",
    "UPDATE_FIELDS",
    "CustomerKeys",
    "InvoiceDocument",
    "LocatedInvoice",
    "is_update",
    "run_invoice_rules",
]
