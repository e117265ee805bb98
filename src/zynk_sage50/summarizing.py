"""``summarize``: what a document will post, as a bookkeeper checks it before pressing import.

Records per kind and type; net, tax and gross per transaction type, and per type on each
account and nominal code; each journal with its debits, credits and balance; allocations of
credits, receipts and payments to invoices, and what stays unallocated; invoice documents with
their totals. Journals and allocations are found with the rules' own grouping and matching
(:mod:`.rules.journals`, :mod:`.rules.allocation`), so the summary agrees with ``validate``.
Update records (``RecordOperation="Update"``) are counted but post nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from .company_parts import (
    DocumentSource,
    customers_of,
    invoices_of,
    read_company,
    transactions_of,
)
from .limits import DEFAULT_LIMITS, Limits
from .models import (
    Company,
    Customer,
    Invoice,
    InvoiceType,
    Transaction,
    TransactionType,
)
from .rules.allocation import Item, analyse
from .rules.facts import TransactionFacts
from .rules.journals import journals
from .rules.located import Located, located
from .summary import (
    Allocation,
    InvoiceBalance,
    InvoiceDocumentTotals,
    JournalBalance,
    KeyedTotals,
    Outcome,
    RecordCount,
    Summary,
    Totals,
)
from .vocabulary import (
    BANK,
    INVOICES,
    JOURNALS,
    PURCHASE_WRITTEN,
    SALES_WRITTEN,
    account_key,
    canonical_type,
    round_line_amount,
)

_ZERO = Decimal(0)


def _is_update(record: Transaction | Customer) -> bool:
    """An update of a record already in Sage (the rules' own test), which posts nothing."""
    if isinstance(record, Transaction):
        return Located(record=record, kind="Transaction", index=1).is_update
    return Located(record=record, kind="Customer", index=1).is_update


def _line_amounts(record: Transaction) -> tuple[Decimal | None, Decimal | None]:
    """(net, tax) of a posting line: a transfer's amount is its PaymentAmount (leaving the
    FromBankAccount), every other type's its NetAmount and TaxAmount."""
    if record.transaction_type is TransactionType.BANK_TRANSFER:
        return record.payment_amount, None
    return record.net_amount, record.tax_amount


def _nominal(record: Transaction) -> str | None:
    """The nominal code a line posts its net to: NominalCode on invoices, credits and bank
    entries; AccountReference on a journal line; none on receipts, payments and transfers."""
    kind = canonical_type(record.transaction_type)
    if kind in INVOICES or kind in BANK:
        return record.nominal_code
    if kind in JOURNALS:
        return record.account_reference
    return None


def _account(record: Transaction) -> str | None:
    """``sales ACME01`` / ``purchase SUP01``: the ledger account of a sales or purchase line."""
    kind = record.transaction_type
    reference = account_key(record.account_reference or "")
    if kind in SALES_WRITTEN:
        return f"sales {reference or '(empty)'}"
    if kind in PURCHASE_WRITTEN:
        return f"purchase {reference or '(empty)'}"
    return None


def _record_counts(company: Company) -> list[RecordCount]:
    counts: list[RecordCount] = []
    customers = customers_of(company)
    if company.customers is not None:
        counts.append(
            RecordCount(
                kind="Customer",
                type=None,
                count=len(customers),
                updates=sum(_is_update(c) for c in customers),
            )
        )
    invoice_types: dict[InvoiceType | None, int] = defaultdict(int)
    for invoice in invoices_of(company):
        invoice_types[invoice.invoice_type] += 1
    for invoice_type in [*InvoiceType, None]:
        if invoice_type in invoice_types:
            name = None if invoice_type is None else invoice_type.value
            counts.append(
                RecordCount(kind="Invoice", type=name, count=invoice_types[invoice_type])
            )
    by_type: dict[TransactionType | None, list[Transaction]] = defaultdict(list)
    for transaction in transactions_of(company):
        by_type[transaction.transaction_type].append(transaction)
    for transaction_type in [*TransactionType, None]:
        rows = by_type.get(transaction_type)
        if rows:
            counts.append(
                RecordCount(
                    kind="Transaction",
                    type=None if transaction_type is None else transaction_type.value,
                    count=len(rows),
                    updates=sum(_is_update(row) for row in rows),
                )
            )
    return counts


def _posting_totals(
    transactions: Sequence[Transaction],
) -> tuple[tuple[KeyedTotals, ...], tuple[KeyedTotals, ...], tuple[KeyedTotals, ...]]:
    """Totals per type, per (account, type) and per (nominal, type), in enumeration order of
    the types and sorted order of the accounts and nominal codes."""
    by_type: dict[tuple[str | None, TransactionType], Totals] = defaultdict(Totals)
    by_account: dict[tuple[str | None, TransactionType], Totals] = defaultdict(Totals)
    by_nominal: dict[tuple[str | None, TransactionType], Totals] = defaultdict(Totals)
    for record in transactions:
        kind = record.transaction_type
        if _is_update(record) or kind is None:
            continue
        net, tax = _line_amounts(record)
        by_type[None, kind] = by_type[None, kind].plus(net, tax)
        account = _account(record)
        if account is not None:
            by_account[account, kind] = by_account[account, kind].plus(net, tax)
        nominal = _nominal(record)
        if nominal is not None:
            key = nominal.strip() or "(empty)"
            by_nominal[key, kind] = by_nominal[key, kind].plus(net, tax)
    return _keyed(by_type), _keyed(by_account), _keyed(by_nominal)


_TYPE_ORDER = {kind: position for position, kind in enumerate(TransactionType)}


def _keyed(totals: dict[tuple[str | None, TransactionType], Totals]) -> tuple[KeyedTotals, ...]:
    keys = sorted(totals, key=lambda key: (key[0] or "", _TYPE_ORDER[key[1]]))
    return tuple(
        KeyedTotals(key=key, transaction_type=kind.value, totals=totals[key, kind])
        for key, kind in keys
    )


def _journals(rows: Sequence[TransactionFacts]) -> tuple[JournalBalance, ...]:
    found: list[JournalBalance] = []
    for journal in journals(rows):
        totals = journal.totals()
        date = journal.first.transaction_date
        found.append(
            JournalBalance(
                reference=journal.key.reference,
                second_reference=journal.key.second_reference,
                transaction_date=None if date is None else str(date),
                first_row=journal.first.index,
                last_row=journal.rows[-1].index,
                rows=len(journal.rows),
                debits=None if totals is None else totals[0],
                credits=None if totals is None else totals[1],
                one_sided=journal.is_one_sided(),
            )
        )
    return tuple(found)


def _magnitude(value: Decimal | None) -> Decimal | None:
    return None if value is None else abs(value)


def _allocations(
    rows: Sequence[TransactionFacts],
) -> tuple[tuple[Allocation, ...], tuple[InvoiceBalance, ...]]:
    analysis = analyse(rows)
    matched = {match.item.first.index: match for match in analysis.matches}
    allocated: dict[int, Decimal] = defaultdict(Decimal)
    invoices: dict[int, Item] = {}
    allocations: list[Allocation] = []
    for item in analysis.allocators:
        match = matched.get(item.first.index)
        amount = _magnitude(item.gross())
        invoice_row = None
        if match is not None and match.targets:
            outcome = Outcome.ALLOCATED if len(match.targets) == 1 else Outcome.AMBIGUOUS
            target = match.targets[0]
            invoice_row = target.first.index
            invoices[invoice_row] = target
            if outcome is Outcome.ALLOCATED and amount is not None:
                allocated[invoice_row] += amount
        elif match is not None and not match.other_accounts and not match.other_ledger:
            outcome = Outcome.OUTSIDE
        else:
            outcome = Outcome.UNALLOCATED
        allocations.append(
            Allocation(
                transaction_type=item.transaction_type.value,
                account_reference=item.account_reference,
                reference=item.reference,
                row=item.first.index,
                amount=amount,
                outcome=outcome,
                invoice_row=invoice_row,
            )
        )
    balances = tuple(
        InvoiceBalance(
            transaction_type=invoice.transaction_type.value,
            account_reference=invoice.account_reference,
            reference=invoice.reference,
            row=row,
            gross=_magnitude(invoice.gross()),
            allocated=allocated.get(row, _ZERO),
        )
        for row, invoice in sorted(invoices.items())
    )
    return tuple(allocations), balances


def _product(quantity: Decimal | None, price: Decimal | None) -> Decimal | None:
    if quantity is None or price is None:
        return None
    return round_line_amount(quantity * price)


def _invoice_totals(index: int, invoice: Invoice) -> InvoiceDocumentTotals:
    items = invoice.invoice_items.item if invoice.invoice_items is not None else []
    net: Decimal | None = _ZERO
    for item in items:
        line = _product(item.qty_ordered, item.unit_price)
        if line is None or net is None:
            net = None
            continue
        net += -line if item.is_negative_line else line
    carriage = invoice.carriage
    carriage_net = None
    if carriage is not None and carriage.unit_price is not None:
        carriage_net = _product(carriage.qty_ordered or Decimal(1), carriage.unit_price)
    date = invoice.invoice_date
    return InvoiceDocumentTotals(
        index=index,
        id=invoice.id,
        invoice_type=None if invoice.invoice_type is None else invoice.invoice_type.value,
        invoice_number=invoice.invoice_number,
        account_reference=invoice.account_reference,
        invoice_date=None if date is None else str(date),
        items=len(items),
        items_net=net,
        carriage_net=carriage_net,
        payment_amount=invoice.payment_amount,
    )


def summarize(source: DocumentSource, *, limits: Limits = DEFAULT_LIMITS) -> Summary:
    """Count and total a document: what it will post, journal by journal and invoice by invoice.

    ``source`` is a ``Company``, a path, a binary file, bytes or XML text; a document is read
    with :func:`load` (or :func:`loads`), so one that does not match the schema raises
    ``SchemaBindingError``: run :func:`validate` to see why.
    """
    company = read_company(source, limits=limits)
    transactions = transactions_of(company)
    rows = [TransactionFacts(entry) for entry in located(transactions, "Transaction")]
    by_type, by_account, by_nominal = _posting_totals(transactions)
    allocations, balances = _allocations(rows)
    return Summary(
        records=tuple(_record_counts(company)),
        by_type=by_type,
        by_account=by_account,
        by_nominal=by_nominal,
        journals=_journals(rows),
        allocations=allocations,
        invoice_balances=balances,
        invoices=tuple(
            _invoice_totals(index, invoice)
            for index, invoice in enumerate(invoices_of(company), start=1)
        ),
    )


__all__ = ["summarize"]
