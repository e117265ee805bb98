"""The document builder: typed calls that make wrong documents hard to write."""

from __future__ import annotations

from .document import DocumentBuilder
from .handles import InvoiceHandle, JournalHandle
from .invoice_documents import InvoiceDocumentHandle

__all__ = ["DocumentBuilder", "InvoiceDocumentHandle", "InvoiceHandle", "JournalHandle"]
