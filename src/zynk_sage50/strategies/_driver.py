"""Drives a :class:`DocumentBuilder` with drawn values: one method per bookkeeping action.

Everything the strategies make goes through the builder, so it is valid by construction; the
driver only chooses values the builder accepts (unique references, allocations that fit what is
left of an invoice, balanced journals, matching transfer amounts).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

import attr
from hypothesis import strategies as st

from ..builder import DocumentBuilder, InvoiceHandle
from ..models import (
    Contact,
    Customer,
    CustomerAddress,
    Invoice,
    InvoiceAddress,
    InvoicePaymentType,
    InvoiceType,
    OssReportType,
    Transaction,
    TransactionType,
)
from . import _values as v

T = TransactionType
I = InvoiceType  # noqa: E741 (short alias, as ``T`` is for TransactionType)
X = TypeVar("X")
Draw = Callable[[st.SearchStrategy[Any]], Any]

#: The type each 2019 alias is written instead of.
ALIAS_OF = {
    T.SALES_RECEIPT: T.SALES_RECEIPT_ON_ACCOUNT,
    T.PURCHASE_PAYMENT: T.PURCHASE_PAYMENT_ON_ACCOUNT,
}
#: The invoice type each allocating type allocates to.
TARGET_OF = {
    T.SALES_CREDIT: T.SALES_INVOICE,
    T.SALES_RECEIPT_ON_ACCOUNT: T.SALES_INVOICE,
    T.SALES_RECEIPT: T.SALES_INVOICE,
    T.PURCHASE_CREDIT: T.PURCHASE_INVOICE,
    T.PURCHASE_PAYMENT_ON_ACCOUNT: T.PURCHASE_INVOICE,
    T.PURCHASE_PAYMENT: T.PURCHASE_INVOICE,
}
SALES_TYPES = frozenset(
    {T.SALES_INVOICE, T.SALES_CREDIT, T.SALES_RECEIPT_ON_ACCOUNT, T.SALES_RECEIPT, T.SALES_PAYMENT}
)
#: The number of splits (invoices, credits) or legs (journals) one action writes at most.
MAX_SPLITS = 4
MAX_LEGS = 6
#: The number of items one invoice document has at most.
MAX_ITEMS = 6
#: The invoice document types the strategies write: the posted ones (a proforma or quotation
#: is not a posting, and validate() says so with an info).
INVOICE_TYPES = (I.SERVICE_INVOICE, I.PRODUCT_INVOICE, I.SERVICE_CREDIT, I.PRODUCT_CREDIT)
CREDIT_TYPES = frozenset({I.SERVICE_CREDIT, I.PRODUCT_CREDIT})
PRODUCT_TYPES = frozenset({I.PRODUCT_INVOICE, I.PRODUCT_CREDIT})
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
        self._invoiced = invoiced
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
        purchase = handle.transaction_type in (T.PURCHASE_INVOICE, T.PURCHASE_CREDIT)
        tax_code, rate = self.pick(v.INVOICE_TAX)
        ceiling = v.LINE_LIMIT if limit is None else v.largest_net(limit, rate)
        if ceiling < v.CENT:  # too little left for a taxed line: zero-rate it
            tax_code, rate, ceiling = 0, Decimal(0), limit or v.CENT
        net = self.draw(v.money(ceiling))
        handle.split(
            nominal_code=self.pick(v.PURCHASE_NOMINALS if purchase else v.SALES_NOMINALS),
            net_amount=net,
            tax_code=tax_code,
            tax_amount=v.tax_for(net, rate),
            details=self.pick(v.PURCHASE_DETAILS if purchase else v.SALES_DETAILS),
            department=self.maybe(st.integers(0, 999)),
            project_ref=self.maybe_pick(("PRJ001", "TRAIN26")),
            project_item=self.some("LABOUR") if purchase else None,
        )
        return handle.splits[-1]

    def invoice(self, kind: TransactionType, splits: int) -> list[Transaction]:
        """A sales or purchase invoice (SI, PI) with ``splits`` lines."""
        sales = kind is T.SALES_INVOICE
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
        sales = kind in SALES_TYPES
        wanted = T.SALES_INVOICE if sales else T.PURCHASE_INVOICE
        return [
            invoice
            for invoice in self.invoices
            if invoice.transaction_type is wanted and self._remaining(invoice) >= needed
        ]

    def _target(self, kind: TransactionType, needed: Decimal) -> InvoiceHandle | None:
        """An invoice of the document to allocate to, or None for one already in Sage."""
        targets = self._targets(kind, needed)
        if kind in (T.SALES_CREDIT, T.PURCHASE_CREDIT):
            targets = [invoice for invoice in targets if id(invoice) not in self._credited]
        if not targets:
            return None
        # Mostly an invoice of the document (0 shrinks first), one already in Sage sometimes.
        if self.draw(st.integers(0, 3)) == 3:
            return None
        return self.pick(targets)

    def has_target(self, kind: TransactionType) -> bool:
        """Is there an invoice in the document that ``kind`` could allocate to?"""
        kind = ALIAS_OF.get(kind, kind)
        targets = self._targets(kind, v.CENT)
        if kind in (T.SALES_CREDIT, T.PURCHASE_CREDIT):
            targets = [invoice for invoice in targets if id(invoice) not in self._credited]
        return bool(targets)

    def credit(self, kind: TransactionType, splits: int) -> list[Transaction]:
        """A credit note (SC, PC) with ``splits`` lines, allocated to an invoice."""
        sales = kind is T.SALES_CREDIT
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
        posted = ALIAS_OF.get(kind, kind)
        sales = posted is T.SALES_RECEIPT_ON_ACCOUNT
        target = self._target(posted, v.CENT)
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
        sales = kind is T.SALES_PAYMENT
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
        tax_code, rate = self.pick(v.BANK_TAX)
        net = self.draw(v.money())
        arguments: dict[str, Any] = {
            "bank": self.pick(v.BANKS),
            "nominal_code": self.pick(
                v.BANK_RECEIPT_NOMINALS if receipt else v.BANK_PAYMENT_NOMINALS
            ),
            "net_amount": net,
            "date": v.xml_date(self.day()),
            "tax_code": tax_code,
            "tax_amount": v.tax_for(net, rate),
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

    # ----- invoice documents (Company/Invoices/Invoice) -------------------------------
    def invoice_document(self, kinds: Sequence[InvoiceType] = INVOICE_TYPES) -> Invoice:
        """An invoice or credit note of Zynk's Import Invoices task, one of ``kinds``: a
        customer of the document, 1 to MAX_ITEMS items (with Skus on product types), sometimes
        carriage, a payment (invoices only) with its PaymentType and BankAccount, addresses,
        notes. A unique Id; an invoice number sometimes."""
        kind = self.pick(kinds)
        credit = kind in CREDIT_TYPES
        product = kind in PRODUCT_TYPES
        self._invoiced += 1
        number = self._invoiced
        day = self.day()
        account = self.sales_account()
        # Mostly the AccountReference (0 shrinks first); sometimes the CustomerId the customer
        # was imported with (customers' Ids are their account references), or both.
        naming = self.draw(st.integers(0, 3))
        header: dict[str, Any] = {
            "id": f"{'CRN' if credit else 'INV'}{number:05d}",
            "account_reference": account if naming in (0, 1, 3) else None,
            "customer_id": account if naming >= 2 else None,
            "invoice_type": kind,
            "date": v.xml_date(day),
            "invoice_number": self.some(number),
            "customer_order_number": self.some(f"PO{number:05d}"),
            "taken_by": self.maybe_pick(v.TAKEN_BY),
            "invoice_address": self._invoice_address(),
            "delivery_address": self._invoice_address() if product else None,
            "notes": [self.pick(v.INVOICE_NOTES) for _ in range(self.draw(st.integers(0, 3)))],
        }
        header.update(self._invoice_currency())
        items = [
            self._invoice_item(product, credit, first=index == 0)
            for index in range(self.draw(st.integers(1, MAX_ITEMS)))
        ]
        carriage: dict[str, Any] | None = None
        if product and self.draw(st.booleans()):
            carriage = {
                "net": self.draw(v.money(Decimal("75.00"))),
                "nominal_code": self.pick(v.CARRIAGE_NOMINALS),
                "tax_code": 1,
            }
        if credit:
            handle = self.builder.credit_note(**header)
        else:
            header["due_date"] = self.some(v.xml_date(day + dt.timedelta(days=30)))
            header["order_number"] = self.some(str(number % 10_000_000))
            header.update(self._invoice_payment(items, carriage))
            handle = self.builder.invoice(**header)
        for item in items:
            handle.item(**{key: value for key, value in item.items() if key != "rate"})
        if carriage is not None:
            handle.carriage(**carriage)
        return handle.invoice

    def _invoice_address(self) -> InvoiceAddress | None:
        """Nothing (the customer's address is used), or an address of a drawn customer."""
        if not self.draw(st.booleans()):
            return None
        d = self.draw(customer_details())
        town, county, postcode = d.town
        return InvoiceAddress(
            title=d.title if d.person else None,
            forename=d.forename if d.person else None,
            surname=d.surname if d.person else None,
            company=None if d.person else d.name,
            address1=d.street,
            town=town,
            county=county,
            postcode=postcode,
            country=d.country,
            telephone=f"01632 960{d.phone:03d}",
        )

    def _invoice_currency(self) -> dict[str, Any]:
        """Mostly none (the customer's currency); sometimes GBP, or EUR or USD at a rate."""
        currency = self.maybe_pick(v.CURRENCIES)
        if currency is None:
            return {}
        rates = v.FOREIGN_RATES.get(currency)
        return {"currency": currency, "foreign_rate": self.maybe_pick(rates) if rates else None}

    def _invoice_item(self, product: bool, credit: bool, *, first: bool) -> dict[str, Any]:
        """One item's arguments for ``InvoiceDocumentHandle.item`` (and ``rate``, its VAT)."""
        tax_code, rate = self.pick(v.INVOICE_TAX)
        item: dict[str, Any] = {"tax_code": tax_code, "rate": rate}
        if product:
            sku, name, unit, price = self.pick(v.PRODUCTS)
            item.update(sku=sku, quantity=Decimal(self.draw(st.integers(1, 50))))
        else:
            name, unit, price = self.pick(v.SERVICES)
            count = self.draw(st.integers(1, 40))
            item["quantity"] = Decimal(count) / 2 if unit == "Hour" else Decimal(count)
        if self.draw(st.booleans()):  # a negotiated price instead of the list price
            price = self.draw(v.money(Decimal("5000.00")))
        item.update(name=name, unit_of_sale=unit, unit_price=price)
        discount = self.draw(st.integers(0, 3))  # 0 and 1: no discount
        if discount == 2:
            item["discount_percentage"] = self.pick(_DISCOUNTS)
        elif discount == 3:
            item["discount_amount"] = self.draw(
                v.money(max(v.CENT, price.quantize(v.CENT, rounding=ROUND_DOWN)))
            )
        item["nominal_code"] = self.maybe_pick(v.SALES_NOMINALS)
        item["department"] = self.maybe(st.integers(0, 999))
        item["details"] = self.maybe_pick(v.SALES_DETAILS)
        if credit:
            item["comments"] = self.maybe_pick(v.CREDIT_REASONS)
        elif not first:
            item["negative"] = self.some(True)  # a line taken off the invoice
        return item

    def _invoice_payment(
        self, items: Sequence[dict[str, Any]], carriage: dict[str, Any] | None
    ) -> dict[str, Any]:
        """Nothing, or a receipt posted with the invoice: all of its gross or a deposit, with
        its PaymentType and BankAccount, sometimes a PaymentRef."""
        total = Decimal(0)
        for item in items:
            price = item["unit_price"] - item.get("discount_amount", 0)
            net = item["quantity"] * price * (100 - item.get("discount_percentage", 0)) / 100
            net = net.quantize(v.CENT, rounding=ROUND_HALF_UP)
            line = net + (v.tax_for(net, item["rate"]) or 0)
            total += -line if item.get("negative") else line
        if carriage is not None:
            total += carriage["net"] + (v.tax_for(carriage["net"], Decimal("0.20")) or 0)
        total = min(total, v.LINE_LIMIT)
        if total < v.CENT or not self.draw(st.booleans()):
            return {}
        return {
            "payment_amount": total if self.draw(st.booleans()) else self.draw(v.money(total)),
            "payment_type": self.pick(_PAYMENT_TYPES),
            "bank_account": self.pick(v.BANKS[:3]),
            "payment_ref": self.maybe_pick(("Card", "BACS", "CHQ 100234", "Stripe ch_3PqL")),
        }

    # ----- one action by type --------------------------------------------------------
    def act(self, kind: TransactionType, rows: int = 1) -> list[Transaction]:
        """Write ``rows`` rows of ``kind`` (JournalDebit: a whole journal of ``rows`` legs)."""
        if kind in (T.SALES_INVOICE, T.PURCHASE_INVOICE):
            return self.invoice(kind, rows)
        if kind in (T.SALES_CREDIT, T.PURCHASE_CREDIT):
            return self.credit(kind, rows)
        if ALIAS_OF.get(kind, kind) in (T.SALES_RECEIPT_ON_ACCOUNT, T.PURCHASE_PAYMENT_ON_ACCOUNT):
            return self.receipt(kind)
        if kind in (T.SALES_PAYMENT, T.PURCHASE_RECEIPT):
            return self.refund(kind)
        if kind in (T.BANK_RECEIPT, T.BANK_PAYMENT):
            return self.bank(kind)
        if kind is T.BANK_TRANSFER:
            return self.transfer()
        return self.journal(rows)


@functools.lru_cache(maxsize=64)
def _indexes(count: int) -> st.SearchStrategy[int]:
    return st.integers(0, count - 1)


_OSS_TYPES = tuple(OssReportType)
_PAYMENT_TYPES = tuple(InvoicePaymentType)
_DISCOUNTS = (Decimal(5), Decimal(10), Decimal("12.5"))
_BANK_ORDERS = st.permutations(v.BANKS)
_RATES = st.decimals(min_value=Decimal("0.5"), max_value=Decimal("2"), places=4)


@attr.s(frozen=True, slots=True, auto_attribs=True)
class CustomerDetails:
    """What is drawn for a customer (its number, and so its account reference, comes from its
    place in the document)."""

    person: bool
    name: str
    title: str
    forename: str
    surname: str
    contact_name: bool
    town: tuple[str, str, str]
    street: str
    country: str
    phone: int
    contact: bool
    currency: str
    vat: int | None
    nominal: str
    credit_limit: Decimal
    terms_agreed: bool


@functools.cache
def customer_details() -> st.SearchStrategy[CustomerDetails]:
    """A customer's details: a company (or sometimes a person), an address, terms."""
    return st.builds(
        CustomerDetails,
        person=st.booleans(),
        name=st.sampled_from(v.COMPANY_NAMES),
        title=st.sampled_from(v.TITLES),
        forename=st.sampled_from(v.FORENAMES),
        surname=st.sampled_from(v.SURNAMES),
        contact_name=st.booleans(),
        town=st.sampled_from(v.TOWNS),
        street=st.sampled_from(v.STREETS),
        country=st.sampled_from(v.COUNTRIES),
        phone=st.integers(0, 999),
        contact=st.booleans(),
        currency=st.sampled_from(v.CURRENCIES),
        vat=st.none() | st.integers(100_000_000, 999_999_999),
        nominal=st.sampled_from(v.SALES_NOMINALS),
        credit_limit=st.sampled_from([Decimal(0), Decimal(1000), Decimal(2500), Decimal(10000)]),
        terms_agreed=st.booleans(),
    )


def _date_of(invoice: InvoiceHandle) -> dt.date:
    when = invoice.header["date"]
    return dt.date(when.year, when.month, when.day)
