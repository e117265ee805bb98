"""Rules: ``duplicate.id``, Ids that the importer's duplicate prevention would skip, and
``invoice.duplicate-number``, one InvoiceNumber on two new invoice documents.

One loop for every kind of record. Transaction Ids are integers (decision 8) and compare as
numbers, so an already-imported Id ``007`` matches ``<Id>7</Id>``; customer and invoice Ids
are strings and compare exactly (blanks around ignored). Update-shaped invoices name an
imported invoice by its Id on purpose and are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence

from ..issues import Issue
from .catalogue import DUPLICATE_ID, INVOICE_DUPLICATE_NUMBER
from .document import DocumentContext
from .facts import InvoiceFacts, RecordFacts
from .registry import REGISTRY


def _transaction_key(row: RecordFacts) -> str | None:
    return row.id


def _text_key(row: RecordFacts) -> str | None:
    if row.id is None or not row.id.strip():
        return None
    return row.id.strip()


def _new_invoice_key(row: RecordFacts) -> str | None:
    assert isinstance(row, InvoiceFacts)
    return None if row.is_update else _text_key(row)


def _imported_transaction_ids(imported: Collection[str]) -> frozenset[str]:
    """Already-imported Ids that can be transaction Ids, as the integers they denote."""
    return frozenset(str(int(value)) for value in imported if value.strip().isdigit())


def duplicates(
    records: Sequence[RecordFacts],
    key_of: Callable[[RecordFacts], str | None],
    imported: Collection[str],
    noun: str,
) -> Iterator[Issue]:
    """``duplicate.id`` among ``records`` (one kind), named ``noun`` in messages."""
    first: dict[str, RecordFacts] = {}
    for record in records:
        key = key_of(record)
        if key is None:
            continue
        if key in imported:
            yield record.issue(
                DUPLICATE_ID,
                f"Id {key} was already imported: with Prevent Duplicates on, the importer "
                f"will skip this {noun} to the fail file; give it a new Id if it is a new "
                f"{noun}, or leave it out of the file.",
                field="Id",
            )
            continue
        earlier = first.setdefault(key, record)
        if earlier is record:
            continue
        yield record.issue(
            DUPLICATE_ID,
            f"Id {key} is also the Id of {noun} {earlier.index}{earlier.place()}: the importer "
            f"will skip this one to the fail file; give each {noun} its own Id.",
            field="Id",
        )


@REGISTRY.document
def duplicate_id(context: DocumentContext) -> Iterator[Issue]:
    """``duplicate.id``: two transactions, customers or invoices share an Id, or an Id is in
    the caller's list of already-imported Ids."""
    imported = context.options.imported_ids
    yield from duplicates(
        context.transactions,
        _transaction_key,
        _imported_transaction_ids(imported),
        "transaction",
    )
    yield from duplicates(context.customers, _text_key, imported, "customer")
    yield from duplicates(context.invoices, _new_invoice_key, imported, "invoice")


@REGISTRY.document
def duplicate_invoice_number(context: DocumentContext) -> Iterator[Issue]:
    """``invoice.duplicate-number``: a new invoice document whose InvoiceNumber (digits
    compared as a number) an earlier new one in the document already has."""
    first: dict[str, InvoiceFacts] = {}
    for invoice in context.invoices:
        key = invoice.number_key
        if key is None:
            continue
        earlier = first.setdefault(key, invoice)
        if earlier is invoice:
            continue
        yield invoice.issue(
            INVOICE_DUPLICATE_NUMBER,
            f"InvoiceNumber {key} is also the number of {earlier.describe()}: Sage numbers "
            "each invoice and credit note once, and a receipt allocated to the number could "
            "reach either; give each invoice its own InvoiceNumber.",
            field="InvoiceNumber",
        )
