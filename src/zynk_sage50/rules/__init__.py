"""The business rules Zynk applies on import, one small pure function per catalogue code.

Every rule is registered in :data:`.registry.REGISTRY`: record rules see one located record
(Transaction, Customer or Invoice) with its model; document rules see every record's compact
facts at once. A streaming caller does, per record::

    issues.extend(run_record_rules(entry, options))
    facts.append(record_facts(entry))        # then drops the model

and at the end::

    context = DocumentContext.collect(facts, has_customers=..., options=options)
    issues.extend(run_document_rules(context))

Codes, with their severity, are declared once in :mod:`.catalogue`; the applicability matrix
is data in :mod:`.applicability`; the type sets and money rounding are in
:mod:`zynk_sage50.vocabulary`.
"""

from __future__ import annotations

# Importing the topic modules registers their rules; TOPICS below gives their order.
from . import (
    allocation,
    amounts,
    customers,
    duplicates,
    grouping,
    import_errors,
    invoice_fields,
    invoice_header,
    invoice_items,
    invoice_payments,
    journals,
    oss,
    references,
    tax,
    transfers,
    types,
    updates,
)
from .applicability import FieldUse, field_use, fields_with_use
from .catalogue import CATALOGUE, Code
from .document import DEFAULT_OPTIONS, DocumentContext, RuleOptions, parse_tax_rate
from .facts import CustomerFacts, InvoiceFacts, RecordFacts, TransactionFacts, record_facts
from .located import Located, located
from .registry import REGISTRY, Registry, run_document_rules, run_record_rules

#: The topics, in the order their rules run (and, for issues on one line, are reported).
TOPICS = (
    types,
    updates,
    amounts,
    oss,
    transfers,
    duplicates,
    grouping,
    journals,
    allocation,
    customers,
    references,
    invoice_header,
    invoice_items,
    invoice_payments,
    invoice_fields,
    tax,
    import_errors,
)
REGISTRY.order([topic.__name__ for topic in TOPICS])

__all__ = [
    "CATALOGUE",
    "DEFAULT_OPTIONS",
    "REGISTRY",
    "Code",
    "CustomerFacts",
    "DocumentContext",
    "FieldUse",
    "InvoiceFacts",
    "Located",
    "RecordFacts",
    "Registry",
    "RuleOptions",
    "TransactionFacts",
    "field_use",
    "fields_with_use",
    "located",
    "parse_tax_rate",
    "record_facts",
    "run_document_rules",
    "run_record_rules",
]
