"""Drives a :class:`DocumentBuilder` with drawn values: one method per bookkeeping action on
transactions and customers (invoice documents: :mod:`._invoice_documents`).

Everything the strategies make goes through the builder, so it is valid by construction; the
driver only chooses values the builder accepts (unique references, allocations that fit what is
left of an invoice, balanced journals, matching transfer amounts).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from hypothesis import strategies as st

from .. import vocabulary as voc
from ..builder import DocumentBuilder, InvoiceHandle
from ..models import (
    Contact,
    Customer,
    CustomerAddress,
    OssReportType,
    Transaction,
    TransactionType,
)
from . import _values as v
from ._customers import CustomerDetails

T = TransactionType
X = TypeVar("X")
Draw = Callable[[st.SearchStrategy[Any]], Any]

#: The number of splits (invoices, credits) or legs (journals) one action writes at most.
MAX_SPLITS = 4
MAX_LEGS = 6
#: The largest journal leg: the credits of a journal of MAX_LEGS legs still fit one line.
LEG_LIMIT = Decimal("1000000.00")


class Driver:
    """Applies drawn bookkeeping actions to one builder, remembering what it can allocate to."""

    def __init__(
        self,
        draw: Draw,
        *,
        first_id: int = 1,
        accounts: Sequence[str] = (),
        counter: int = 0,
        invoiced: int = 0,
    ) -> None:
        """``accounts``: customers written elsewhere in the document (sales name them);
        ``counter``: references start above it, ``invoiced``: invoice document Ids and numbers
        start above it (a document drawn in several parts)."""
        self._draw = draw
        self.invoiced = invoiced
        self.builder = DocumentBuilder(first_id=first_id)
        self.customer_accounts: list[str] = list(accounts)
        self.invoices: list[InvoiceHandle] = []
        self._allocated: dict[int, Decimal] = {}
        self._credited: set[int] = set()
        self._counter = counter

    def drawing_with(self, draw: Draw) -> Driver:
        """Draw with ``draw`` from now on (a nested ``@composite``'s); returns the driver."""
        self._draw = draw
        return self

    # ----- small draws ---------------------------------------------------------------
    def draw(self, strategy: st.SearchStrategy[X]) -> X:
        value: X = self._draw(strategy)
        return value

    def pick(self, choices: Sequence[X]) -> X:
        """One of ``choices``; the first one shrinks best."""
        return choices[self.draw(_indexes(len(choices)))]

    def some(self, value: X) -> X | None:
        """Nothing (shrinks best) or ``value``."""
        return value if self.draw(st.booleans()) else None

    def maybe(self, strategy: st.SearchStrategy[X]) -> X | None:
        """Nothing (shrinks best) or a value of ``strategy``."""
        return self.draw(strategy) if self.draw(st.booleans()) else None

    def maybe_pick(self, choices: Sequence[X]) -> X | None:
        """Nothing (shrinks best) or one of ``choices``."""
        return self.pick(choices) if self.draw(st.booleans()) else None

    def reference(self, prefix: str) -> str:
        """A reference no other record of the document uses."""
        self._counter += 1
        return f"{prefix}{self._counter:05d}"

    def day(self, after: dt.date | None = None) -> dt.date:
        if after is None:
            return self.draw(v.days())
        return after + dt.timedelta(days=self.draw(st.integers(0, 60)))

    def sales_account(self) -> str:
        return self.pick(self.customer_accounts or v.CUSTOMER_ACCOUNTS)

    def supplier_account(self) -> str:
        return self.pick(v.SUPPLIER_ACCOUNTS)

    def oss(self) -> dict[str, Any]:
        """OSS fields of a sales record: mostly none, sometimes a report type and country."""
        kind = self.maybe_pick(_OSS_TYPES)
        if kind is None:
            return {}
        if kind is OssReportType.NONE:
            return {"oss_report_type": kind}
        return {"oss_report_type": kind, "oss_country": self.pick(v.EU_COUNTRIES)}

    # ----- customers -----------------------------------------------------------------
    def customer(self, number: int, details: CustomerDetails) -> Customer:
        """Add a customer whose account reference ends in ``number`` (unique per document)."""
        d = details
        reference = v.account_reference(d.surname if d.person else d.name, number)
        town, county, postcode = d.town
        domain = f"{v.slug(d.surname if d.person else d.name)}.example"
        address = CustomerAddress(
            title=d.title if d.person else None,
            forename=d.forename if d.person or d.contact_name else None,
            surname=d.surname if d.person else None,
            company=None if d.person else d.name,
            address1=d.street,
            town=town,
            county=county,
            postcode=postcode,
            country=d.country,
            telephone=f"01632 960{d.phone:03d}",
            email=f"accounts@{domain}",
            website=None if d.person else f"www.{domain}",
        )
        contacts: list[Contact] = []
        if not d.person and d.contact:
            contacts.append(
                Contact(
                    title=d.title,
                    forename=d.forename,
                    surname=d.surname,
                    email=f"{v.slug(d.forename)}@{domain}",
                )
            )
        customer = self.builder.customer(
            account_reference=reference,
            company_name=None if d.person else d.name,
            invoice_address=address,
            contacts=contacts,
            currency=d.currency,
            vat_number=None if d.vat is None else f"GB{d.vat}",
            tax_code=1,
            nominal_code=d.nominal,
            credit_limit=d.credit_limit,
            terms_agreed=d.terms_agreed,
        )
        self.customer_accounts.append(reference)
        return customer

    # ----- invoices and credit notes ---------------------------------------------------
    def _remaining(self, invoice: InvoiceHandle) -> Decimal:
        return invoice.gross - self._allocated.get(id(invoice), Decimal(0))

    def _add_split(self, handle: InvoiceHandle, limit: Decimal | None = None) -> Transaction:
        """One split; with ``limit``, its gross (net plus tax) is at most ``limit``."""
        purchase = voc.ledger_of(handle.transaction_type) is voc.Ledger.PURCHASE
        tax_code = self.pick(v.INVOICE_TAX_CODES)
        ceiling = v.LINE_LIMIT if limit is None else v.largest_net(limit, tax_code)
        if ceiling < v.CENT:  # too little left for a taxed line: zero-rate it
            tax_code, ceiling = v.ZERO_RATED_CODE, limit or v.CENT
        net = self.draw(v.money(ceiling))
        handle.split(
            nominal_code=self.pick(v.PURCHASE_NOMINALS if purchase else v.SALES_NOMINALS),
            net_amount=net,
            tax_code=tax_code,
            tax_amount=v.tax_for(net, tax_code),
            details=self.pick(v.PURCHASE_DETAILS if purchase else v.SALES_DETAILS),
            department=self.maybe(st.integers(0, 999)),
            project_ref=self.maybe_pick(("PRJ001", "TRAIN26")),
            project_item=self.some("LABOUR") if purchase else None,
        )
        return handle.splits[-1]

    def invoice(self, kind: TransactionType, splits: int) -> list[Transaction]:
        """A sales or purchase invoice (SI, PI) with ``splits`` lines."""
        sales = voc.ledger_of(kind) is voc.Ledger.SALES
        day = self.day()
        arguments: dict[str, Any] = {
            "account_reference": self.sales_account() if sales else self.supplier_account(),
            "reference": self.reference("INV" if sales else "BILL"),
            "date": v.xml_date(day),
            "due_date": v.xml_date(day + dt.timedelta(days=30)),
            "payment_reference": self.some(f"PO{self._counter:05d}"),
        }
        if sales:
            arguments.update(self.oss())
            handle = self.builder.sales_invoice(**arguments)
        else:
            handle = self.builder.purchase_invoice(**arguments)
        self.invoices.append(handle)
        return [self._add_split(handle) for _ in range(splits)]

    def extra_split(self) -> list[Transaction]:
        """One more line on an invoice already in the document (written with its others)."""
        handle = self.pick(self.invoices)
        return [self._add_split(handle)]

    def _targets(self, kind: TransactionType, needed: Decimal) -> list[InvoiceHandle]:
        wanted = voc.ALLOCATES_TO[kind]
        return [
            invoice
            for invoice in self.invoices
            if invoice.transaction_type is wanted and self._remaining(invoice) >= needed
        ]

    def _target(self, kind: TransactionType, needed: Decimal) -> InvoiceHandle | None:
        """An invoice of the document to allocate to, or None for one already in Sage."""
        targets = self._targets(kind, needed)
        if kind in voc.CREDIT_TYPES:
            targets = [invoice for invoice in targets if id(invoice) not in self._credited]
        if not targets:
            return None
        # Mostly an invoice of the document (0 shrinks first), one already in Sage sometimes.
        if self.draw(st.integers(0, 3)) == 3:
            return None
        return self.pick(targets)

    def has_target(self, kind: TransactionType) -> bool:
        """Is there an invoice in the document that ``kind`` could allocate to?"""
        targets = self._targets(kind, v.CENT)
        if kind in voc.CREDIT_TYPES:
            targets = [invoice for invoice in targets if id(invoice) not in self._credited]
        return bool(targets)

    def credit(self, kind: TransactionType, splits: int) -> list[Transaction]:
        """A credit note (SC, PC) with ``splits`` lines, allocated to an invoice."""
        sales = voc.ledger_of(kind) is voc.Ledger.SALES
        target = self._target(kind, v.CENT * splits)
        allocate_to: InvoiceHandle | str
        if target is None:
            account = self.sales_account() if sales else self.supplier_account()
            allocate_to = self.reference("OLD")
            day = self.day()
        else:
            account, allocate_to = target.account_reference, target
            day = self.day(after=_date_of(target))
            self._credited.add(id(target))
        arguments: dict[str, Any] = {
            "account_reference": account,
            "date": v.xml_date(day),
            "allocate_to": allocate_to,
        }
        if sales:
            arguments.update(self.oss())
            handle = self.builder.sales_credit(**arguments)
        else:
            handle = self.builder.purchase_credit(**arguments)
        rows = []
        for left in range(splits - 1, -1, -1):
            limit = None
            if target is not None:
                limit = self._remaining(target) - v.CENT * left
            rows.append(self._add_split(handle, limit))
            if target is not None:
                self._allocated[id(target)] = (
                    self._allocated.get(id(target), Decimal(0))
                    + (rows[-1].net_amount or 0)
                    + (rows[-1].tax_amount or 0)
                )
        return rows

    # ----- receipts and payments -----------------------------------------------------
    def receipt(self, kind: TransactionType) -> list[Transaction]:
        """A receipt (SA, SR) or payment (PA, PP) on account, allocated to an invoice."""
        sales = voc.ledger_of(kind) is voc.Ledger.SALES
        target = self._target(kind, v.CENT)
        if target is None:
            account = self.sales_account() if sales else self.supplier_account()
            allocate_to: InvoiceHandle | str = self.reference("OLD")
            amount = self.draw(v.money())
            day = self.day()
        else:
            account, allocate_to = target.account_reference, target
            amount = self.draw(v.money(self._remaining(target)))
            day = self.day(after=_date_of(target))
            self._allocated[id(target)] = self._allocated.get(id(target), Decimal(0)) + amount
        arguments: dict[str, Any] = {
            "account_reference": account,
            "bank_reference": self.pick(v.BANKS[:2]),
            "amount": amount,
            "date": v.xml_date(day),
            "allocate_to": allocate_to,
            "payment_reference": self.maybe_pick(("BACS", "CHQ 100234", "Card")),
        }
        if sales:
            arguments.update(self.oss())
            row = self.builder.sales_receipt(**arguments)
        else:
            row = self.builder.purchase_payment(**arguments)
        row.transaction_type = kind  # an alias is written as asked
        return [row]

    def refund(self, kind: TransactionType) -> list[Transaction]:
        """Money back: to a customer (SP) or from a supplier (PR)."""
        sales = voc.ledger_of(kind) is voc.Ledger.SALES
        arguments: dict[str, Any] = {
            "account_reference": self.sales_account() if sales else self.supplier_account(),
            "bank_reference": self.pick(v.BANKS[:2]),
            "amount": self.draw(v.money()),
            "date": v.xml_date(self.day()),
            "reference": self.reference("RF"),
            "details": "Refund",
        }
        if sales:
            arguments.update(self.oss())
            return [self.builder.sales_payment(**arguments)]
        return [self.builder.purchase_receipt(**arguments)]

    # ----- bank ----------------------------------------------------------------------
    def bank(self, kind: TransactionType) -> list[Transaction]:
        """A bank receipt (BR) or payment (BP) not for a customer or supplier."""
        receipt = kind is T.BANK_RECEIPT
        tax_code = self.pick(v.BANK_TAX_CODES)
        net = self.draw(v.money())
        arguments: dict[str, Any] = {
            "bank": self.pick(v.BANKS),
            "nominal_code": self.pick(
                v.BANK_RECEIPT_NOMINALS if receipt else v.BANK_PAYMENT_NOMINALS
            ),
            "net_amount": net,
            "date": v.xml_date(self.day()),
            "tax_code": tax_code,
            "tax_amount": v.tax_for(net, tax_code),
            "reference": self.some(self.reference("BK")),
            "details": self.pick(
                ["Interest", "Grant", "Sundry income"]
                if receipt
                else ["Bank charges", "Rent", "Insurance", "Fuel"]
            ),
            "department": self.maybe(st.integers(0, 999)),
            "fund": self.maybe_pick(("001", "2", "15")),
        }
        if receipt:
            return [self.builder.bank_receipt(**arguments)]
        arguments["project_item"] = self.some("LABOUR")
        return [self.builder.bank_payment(**arguments)]

    def transfer(self) -> list[Transaction]:
        """Money moved between two banks (BankTransfer), sometimes at an exchange rate."""
        source, target = self.draw(_BANK_ORDERS)[:2]
        rate = self.maybe(_RATES)
        return [
            self.builder.bank_transfer(
                from_bank=source,
                to_bank=target,
                payment_amount=self.draw(v.money()),
                exchange_rate=rate,
                reference=self.reference("TRF"),
                date=v.xml_date(self.day()),
                details="Bank transfer",
            )
        ]

    # ----- journals ------------------------------------------------------------------
    def journal(self, legs: int) -> list[Transaction]:
        """A balanced journal of ``legs`` lines (at least one debit and one credit)."""
        debits = self.draw(st.integers(1, legs - 1))
        credits = legs - debits
        amounts = [self.draw(v.money(LEG_LIMIT)) for _ in range(debits)]
        total = sum(amounts, Decimal(0))
        if total < v.CENT * credits:  # each credit needs a penny at least
            amounts[0] += v.CENT * credits
            total = sum(amounts, Decimal(0))
        parts: list[Decimal] = []
        left = total
        for remaining_legs in range(credits - 1, 0, -1):
            part = self.draw(v.money(left - v.CENT * remaining_legs))
            parts.append(part)
            left -= part
        parts.append(left)
        handle = self.builder.journal(reference=self.reference("JNL"), date=v.xml_date(self.day()))
        details = self.pick(v.JOURNAL_DETAILS)
        for amount in amounts:
            handle.debit(
                nominal_code=self.pick(v.JOURNAL_NOMINALS), amount=amount, details=details
            )
        for amount in parts:
            handle.credit(
                nominal_code=self.pick(v.JOURNAL_NOMINALS), amount=amount, details=details
            )
        return list(handle.lines)

    # ----- updates -------------------------------------------------------------------
    def update(self) -> list[Transaction]:
        """An update of a transaction already in Sage: a dispute or a document link."""
        number = self.draw(st.integers(1, 99_999))
        if self.draw(st.booleans()):
            return [
                self.builder.document_link(
                    transaction_number=number,
                    link=f"\\\\SHARE\\Documents\\Invoice {number}.pdf",
                )
            ]
        coded = self.draw(st.booleans())
        return [
            self.builder.dispute(
                transaction_number=number,
                disputed=self.draw(st.booleans()),
                dispute_code=1 if coded else None,
                dispute_reason="Goods damaged" if coded else None,
            )
        ]

    # ----- one action by type --------------------------------------------------------
    def act(self, kind: TransactionType, rows: int = 1) -> list[Transaction]:
        """Write ``rows`` rows of ``kind`` (JournalDebit: a whole journal of ``rows`` legs)."""
        if kind in voc.INVOICE_TYPES:
            return self.invoice(kind, rows)
        if kind in voc.CREDIT_TYPES:
            return self.credit(kind, rows)
        if kind in voc.ON_ACCOUNT_WRITTEN:
            return self.receipt(kind)
        if kind in voc.RECEIPTS:  # money back: SP, PR
            return self.refund(kind)
        if kind in voc.BANK:
            return self.bank(kind)
        if kind is T.BANK_TRANSFER:
            return self.transfer()
        return self.journal(rows)


@functools.lru_cache(maxsize=64)
def _indexes(count: int) -> st.SearchStrategy[int]:
    return st.integers(0, count - 1)


_OSS_TYPES = tuple(OssReportType)
_BANK_ORDERS = st.permutations(v.BANKS)
_RATES = st.decimals(min_value=Decimal("0.5"), max_value=Decimal("2"), places=4)


def _date_of(invoice: InvoiceHandle) -> dt.date:
    """The date of an invoice of the document (its splits share it)."""
    when = invoice.splits[0].transaction_date
    assert when is not None
    assert when.year is not None
    return dt.date(when.year, when.month, when.day)
