"""What a recipe of :func:`~zynk_sage50.strategies.invalid_documents` works with: its view of
the valid document it adds to (:class:`Context`: fresh Ids, references and accounts, complete
valid records to start from) and what it hands back (:class:`Bad`: records to add, structural
changes to their elements, a change to the root or to how the tree is written)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

import attr
from hypothesis import strategies as st

from .. import vocabulary as voc
from ..models import (
    Company,
    Customer,
    CustomerAddress,
    Invoice,
    InvoiceItem,
    InvoiceItems,
    InvoiceType,
    RecordOperation,
    Transaction,
    TransactionType,
)
from . import _values as v
from ._tree import Change, Finish, RootEdit

T = TransactionType
X = TypeVar("X")

#: Invoice document types that are posted, simplest first, and those that bill the customer.
POSTED = v.POSTED_INVOICE_TYPES
BILLS = tuple(kind for kind in POSTED if kind not in voc.INVOICE_CREDITS)
#: Bank receipts and payments, the plainest rows to break a field on.
BANKS = v.ordered(voc.BANK)
#: Account references no drawn customer has.
UNKNOWN_ACCOUNTS = ("NEWCUST1", "WALKIN", "CASH01")


@attr.s(auto_attribs=True)
class Bad:
    """What a recipe adds to a valid document, and how it breaks it."""

    rows: list[Transaction] = attr.ib(factory=list)
    customers: list[Customer] = attr.ib(factory=list)
    invoices: list[Invoice] = attr.ib(factory=list)
    #: Edits to the elements of added records (what a model cannot hold).
    changes: list[Change] = attr.ib(factory=list)
    #: A change to the document's root element (``xml.wrong-root``).
    root: RootEdit | None = None
    #: How the tree becomes text (``xml.*`` codes: a DOCTYPE, a cut, another root).
    finish: Finish | None = None


class Context:
    """A recipe's view of the valid document it adds to: fresh Ids, references and accounts."""

    def __init__(self, draw: st.DrawFn, base: Company) -> None:
        self.draw = draw
        self.rows = list(base.transactions.transaction) if base.transactions else []
        self.customers = list(base.customers.customer) if base.customers else []
        self.accounts = [c.account_reference for c in self.customers if c.account_reference]
        self.invoices = list(base.invoices.invoice) if base.invoices else []
        ids = [row.id for row in self.rows if row.id is not None]
        self._next_id = max(ids, default=0) + 1
        self._counter = 0
        self._customer_number = len(self.customers)

    # ----- draws ---------------------------------------------------------------------
    def pick(self, choices: Sequence[X]) -> X:
        return self.draw(st.sampled_from(choices))

    def flip(self) -> bool:
        flipped: bool = self.draw(st.booleans())
        return flipped

    def amount(self, limit: Decimal = Decimal("5000.00")) -> Decimal:
        return self.draw(v.money(limit))

    def day(self) -> Any:
        return v.xml_date(self.draw(v.days()))

    def id(self) -> int:
        self._next_id += 1
        return self._next_id - 1

    def ref(self, prefix: str) -> str:
        """A reference no record of the base document uses (theirs have no hyphen)."""
        self._counter += 1
        return f"{prefix}-{self._counter}"

    def empty_or_none(self) -> str | None:
        """A string field left out or written empty."""
        return self.pick([None, ""])

    def sales_account(self) -> str:
        return self.pick(self.accounts or v.CUSTOMER_ACCOUNTS)

    def account_for(self, kind: TransactionType) -> str:
        if kind in voc.SALES_WRITTEN:
            return self.sales_account()
        return self.pick(v.SUPPLIER_ACCOUNTS)

    def unknown_account(self) -> tuple[str, list[Customer]]:
        """An account reference none of the document's customers has, and the customer to add
        when it has none (a reference is only unknown in a document with customers)."""
        customers = [] if self.customers else [self.customer()]
        known = {
            voc.account_key(account)
            for account in self.accounts + [c.account_reference or "" for c in customers]
        }
        account = self.pick([a for a in UNKNOWN_ACCOUNTS if voc.account_key(a) not in known])
        return account, customers

    # ----- valid records to add ------------------------------------------------------
    def row(self, kind: TransactionType | None, **fields: Any) -> Transaction:
        """A complete, valid row of ``kind``; ``fields`` replace or (None) remove fields."""
        net = self.amount()
        values: dict[str, Any] = {
            "id": self.id(),
            "transaction_type": kind,
            "transaction_date": self.day(),
        }
        if kind in voc.BANK or kind is None:
            values.update(
                account_reference=self.pick(v.BANKS),
                nominal_code="4900",
                net_amount=net,
                tax_code=v.NO_VAT_CODE,
                details="Sundry",
            )
        elif kind in voc.INVOICES:
            values.update(
                account_reference=self.account_for(kind),
                nominal_code="4000",
                reference=self.ref("OLD" if kind in voc.CREDIT_TYPES else "INV"),
                net_amount=net,
                tax_code=v.STANDARD_CODE,
                tax_amount=v.tax_for(net, v.STANDARD_CODE),
                details="Services",
            )
        elif kind in voc.RECEIPTS_WRITTEN:
            values.update(
                account_reference=self.account_for(kind),
                bank_reference="1200",
                reference=self.ref("OLD"),
                net_amount=net,
                tax_code=v.NO_VAT_CODE,
                details="Payment",
            )
        elif kind is T.BANK_TRANSFER:
            values.update(
                from_bank_account="1200",
                to_bank_account="1210",
                reference=self.ref("TRF"),
                payment_amount=net,
                receipt_amount=net,
                details="Bank transfer",
            )
        else:  # a journal leg
            values.update(
                account_reference=self.pick(v.JOURNAL_NOMINALS),
                reference=self.ref("JNL"),
                net_amount=net,
                tax_code=v.NO_VAT_CODE,
                details="Journal",
            )
        values.update(fields)
        return Transaction(**values)

    def journal(
        self, debits: Sequence[Decimal], credits: Sequence[Decimal], **fields: Any
    ) -> list[Transaction]:
        """JournalDebit rows then JournalCredit rows of one journal (one Reference and date)."""
        shared = {"reference": self.ref("JNL"), "transaction_date": self.day(), **fields}
        return [self.row(T.JOURNAL_DEBIT, net_amount=amount, **shared) for amount in debits] + [
            self.row(T.JOURNAL_CREDIT, net_amount=amount, **shared) for amount in credits
        ]

    def update(self, **fields: Any) -> Transaction:
        """An update record (a dispute) of a transaction already in Sage."""
        values: dict[str, Any] = {
            "record_operation": RecordOperation.UPDATE,
            "transaction_number": self.draw(st.integers(1, 99_999)),
            "disputed": True,
        }
        values.update(fields)
        return Transaction(**values)

    def on_an_invoice(self) -> bool:
        """Should a shared code be made on an invoice document? Sometimes, when the valid
        document has invoice documents (nothing is drawn when it has none)."""
        return bool(self.invoices) and self.flip()

    def invoice(self, kind: InvoiceType | None = None, **fields: Any) -> Invoice:
        """A complete, valid invoice document of ``kind`` (default a service or product
        invoice) naming a customer of the document, with an Id of its own and 1 to 3 items;
        ``fields`` replace or (None) remove fields."""
        if kind is None:
            kind = self.pick(BILLS)
        count = self.draw(st.integers(1, 3))
        values: dict[str, Any] = {
            "id": self.ref("CRN" if kind in voc.INVOICE_CREDITS else "INV"),
            "account_reference": self.sales_account(),
            "invoice_type": kind,
            "invoice_date": self.day(),
            "invoice_items": InvoiceItems(item=[self.item(kind) for _ in range(count)]),
        }
        values.update(fields)
        return Invoice(**values)

    def item(self, kind: InvoiceType | None, **fields: Any) -> InvoiceItem:
        """A valid item of an invoice document of ``kind`` (a Sku on product types)."""
        values: dict[str, Any]
        if kind in voc.INVOICE_PRODUCT_TYPES:
            sku, name, unit, price = self.pick(v.PRODUCTS)
            values = {"sku": sku}
        else:
            name, unit, price = self.pick(v.SERVICES)
            values = {}
        values.update(
            name=name,
            unit_of_sale=unit,
            qty_ordered=Decimal(self.draw(st.integers(1, 10))),
            unit_price=price,
            tax_code=v.STANDARD_CODE,
        )
        values.update(fields)
        return InvoiceItem(**values)

    def customer(self, **fields: Any) -> Customer:
        """A complete, valid customer with an account reference of its own."""
        self._customer_number += 1
        name = self.pick(v.COMPANY_NAMES)
        reference = v.account_reference(name, self._customer_number)
        town, county, postcode = self.pick(v.TOWNS)
        values: dict[str, Any] = {
            "id": reference,
            "account_reference": reference,
            "company_name": name,
            "currency": "GBP",
            "customer_invoice_address": CustomerAddress(
                address1=self.pick(v.STREETS),
                town=town,
                county=county,
                postcode=postcode,
                country="GB",
            ),
        }
        values.update(fields)
        return Customer(**values)


Recipe = Callable[[Context], Bad]

_WORDS = (
    "annual",
    "maintenance",
    "contract",
    "for",
    "the",
    "training",
    "centre",
    "and",
    "catering",
    "services",
    "March",
    "2026",
    "including",
    "delivery",
)


def long_text(ctx: Context, longer_than: int) -> str:
    """Words, more than ``longer_than`` characters of them."""
    words = ctx.draw(
        st.lists(st.sampled_from(_WORDS), min_size=longer_than // 3, max_size=longer_than // 3 + 8)
    )
    text = " ".join(words)
    while len(text) <= longer_than:
        text += " services"
    return text
