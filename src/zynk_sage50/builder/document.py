"""``DocumentBuilder``: one typed method per thing a bookkeeper does, producing a ``Company``.

It refuses, at the call that introduces it, what would make Zynk reject or mis-post a record:
inexact or oversized money, duplicate Ids, invoices whose splits would be split into two headers,
allocations to the wrong account or ledger or beyond the invoice, unbalanced or one-sided
journals, inconsistent bank transfers, OSS fields without a country. What it builds validates
with no errors and no warnings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeAlias

from xsdata.models.datatype import XmlDateTime

from ..errors import BuildError, UnbalancedJournalError
from ..models import (
    Company,
    Contact,
    Contacts,
    Customer,
    CustomerAddress,
    Customers,
    OssReportType,
    RecordOperation,
    Transaction,
    Transactions,
    TransactionType,
)
from . import values
from .handles import InvoiceHandle, JournalHandle
from .invoices import InvoiceDocuments

T = TransactionType
Date: TypeAlias = str | dt.date | XmlDateTime
AllocateTo: TypeAlias = InvoiceHandle | str | None
_NEEDS_COUNTRY = frozenset(
    {OssReportType.UNION_OSS, OssReportType.NON_UNION_OSS, OssReportType.IOSS}
)
_SALES_SIDE = {T.SALES_CREDIT, T.SALES_RECEIPT_ON_ACCOUNT}
_PURCHASE_SIDE = {T.PURCHASE_CREDIT, T.PURCHASE_PAYMENT_ON_ACCOUNT}
#: Model field → the builder argument a bookkeeper passes, for error messages.
_ARGUMENTS = {"account_reference": "account_reference", "transaction_date": "date"}


class DocumentBuilder(InvoiceDocuments):
    """Builds a ``Company`` document.

    Transaction Ids are yours to give (``id=``) or assigned: each record without one gets the
    smallest whole number above every Id used so far, starting at ``first_id``, in the order
    of the calls (so the same calls always give the same Ids). Customer Ids default to the
    account reference. A repeated Id is refused by the call that repeats it.
    """

    def __init__(self, *, first_id: int = 1) -> None:
        self._next_id = first_id
        self._ids: set[int] = set()
        self._customer_ids: set[str] = set()
        self._account_references: set[str] = set()
        self._customers: list[Customer] = []
        self._entries: list[Transaction | InvoiceHandle | JournalHandle] = []
        self._invoice_keys: dict[tuple[Any, ...], InvoiceHandle] = {}
        self._journal_keys: set[tuple[str, str, str]] = set()
        self._allocations: list[tuple[InvoiceHandle, str, Decimal]] = []
        self._init_invoice_documents()

    # ----- Ids and checks -------------------------------------------------------------
    def _take_id(self, requested: int | None) -> int:
        if requested is None:
            while self._next_id in self._ids:
                self._next_id += 1
            requested = self._next_id
        if isinstance(requested, bool) or not isinstance(requested, int):
            raise TypeError(f"id must be an int, not {type(requested).__name__}")
        if not 0 <= requested <= 99_999_999:
            raise BuildError(f"id {requested} is outside 0 to 99999999 (8 digits)")
        if requested in self._ids:
            raise BuildError(f"id {requested} is already used by another transaction")
        self._ids.add(requested)
        self._next_id = max(self._next_id, requested + 1)
        return requested

    def _transaction(self, arguments: dict[str, Any], **fields: Any) -> Transaction:
        """A checked Transaction row; ``arguments`` are the caller's, by model field name."""
        merged = {**arguments, **fields}
        merged = {key: value for key, value in merged.items() if value is not None}
        for key in ("transaction_date", "posted_date", "due_date"):
            if key in merged:
                merged[key] = values.when(_ARGUMENTS.get(key, key), merged[key])
        merged["id"] = self._take_id(merged.get("id"))
        transaction = Transaction(**merged)
        try:
            values.check_facets(transaction, _ARGUMENTS)
        except BuildError:
            self._ids.discard(merged["id"])
            raise
        return transaction

    @staticmethod
    def _oss(report_type: OssReportType | str | None, country: str | None) -> dict[str, Any]:
        if report_type is None and country is None:
            return {}
        kind = OssReportType(report_type) if report_type is not None else None
        if kind in _NEEDS_COUNTRY and not country:
            raise BuildError(f"oss_report_type {kind.value} needs oss_country (a country code)")
        if country and kind not in _NEEDS_COUNTRY:
            raise BuildError("oss_country needs oss_report_type UnionOSS, NonUnionOSS or IOSS")
        return {
            "oss_report_type": kind,
            "oss_country_of_vat": values.country_code("oss_country", country) if country else None,
        }

    @staticmethod
    def _required(**arguments: Any) -> None:
        for name, value in arguments.items():
            if value is None or value == "":
                raise BuildError(f"{name} is required")

    # ----- Customers -----------------------------------------------------------------
    def customer(
        self,
        *,
        account_reference: str,
        company_name: str | None = None,
        invoice_address: CustomerAddress | None = None,
        delivery_address: CustomerAddress | None = None,
        contacts: Sequence[Contact] = (),
        id: str | None = None,
        currency: str | None = None,
        vat_number: str | None = None,
        tax_code: int | None = None,
        nominal_code: str | None = None,
        credit_limit: Decimal | int | None = None,
        terms_agreed: bool | None = None,
        **other: Any,
    ) -> Customer:
        """Add a customer; any other ``Customer`` field may be passed by its Python name."""
        self._required(account_reference=account_reference)
        named = company_name or any(
            getattr(invoice_address, part, None)
            for part in ("title", "forename", "middlename", "surname")
        )
        if not named:
            raise BuildError(
                "a customer needs company_name or a name in invoice_address (Zynk cannot "
                "create a customer without a name)"
            )
        if account_reference in self._account_references:
            raise BuildError(f"account_reference {account_reference!r} is already a customer")
        customer_id = account_reference if id is None else id
        if customer_id in self._customer_ids:
            raise BuildError(f"customer id {customer_id!r} is already used")
        for address_name, address in (
            ("invoice_address", invoice_address),
            ("delivery_address", delivery_address),
        ):
            if address is not None and address.country:
                address.country = values.country_code(f"{address_name}.country", address.country)
        customer = Customer(
            id=customer_id,
            account_reference=account_reference,
            company_name=company_name,
            customer_invoice_address=invoice_address,
            customer_delivery_address=delivery_address,
            contacts=Contacts(contact=list(contacts)) if contacts else None,
            currency=values.currency_code("currency", currency) if currency else None,
            vat_number=vat_number,
            tax_code=tax_code,
            nominal_code=nominal_code,
            credit_limit=None
            if credit_limit is None
            else values.money("credit_limit", credit_limit),
            terms_agreed=terms_agreed,
            **other,
        )
        values.check_facets(customer, {})
        for part in (invoice_address, delivery_address, *contacts):
            if part is not None:
                values.check_facets(part, {})
        self._account_references.add(account_reference)
        self._customer_ids.add(customer_id)
        self._customers.append(customer)
        return customer

    # ----- Invoices and credit notes --------------------------------------------------
    def _invoice(
        self,
        transaction_type: TransactionType,
        header: dict[str, Any],
        allocate_to: AllocateTo = None,
        allocating: bool = False,
    ) -> InvoiceHandle:
        self._required(account_reference=header["account_reference"], date=header["date"])
        if allocating:
            header["reference"] = self._allocation_reference(
                transaction_type, header["account_reference"], allocate_to
            )
            if isinstance(allocate_to, InvoiceHandle):
                header["allocated_to"] = allocate_to
        self._required(reference=header["reference"])
        header["date"] = values.when("date", header["date"])
        key = (
            transaction_type,
            header["account_reference"],
            header["reference"],
            header.get("second_reference") or "",
        )
        if key in self._invoice_keys:
            raise BuildError(
                f"a {transaction_type.value} {header['reference']!r} on "
                f"{header['account_reference']} already exists: add splits to its handle"
            )
        handle = InvoiceHandle(
            header=header, transaction_type=transaction_type, make_split=self._make_split
        )
        self._invoice_keys[key] = handle
        self._entries.append(handle)
        return handle

    def _make_split(self, handle: InvoiceHandle, split: dict[str, Any]) -> Transaction:
        self._required(nominal_code=split["nominal_code"])
        header = handle.header
        if handle.transaction_type in (T.SALES_INVOICE, T.SALES_CREDIT) and split["project_item"]:
            raise BuildError("project_item applies to purchase invoices and credits only")
        transaction = self._transaction(
            split,
            transaction_type=handle.transaction_type,
            account_reference=header["account_reference"],
            transaction_date=header["date"],
            posted_date=header.get("posted_date"),
            due_date=header.get("due_date"),
            reference=header["reference"],
            second_reference=header.get("second_reference"),
            payment_reference=header.get("payment_reference"),
            **header.get("oss", {}),
        )
        target = header.get("allocated_to")
        if target is not None:
            added = split["net_amount"] + (split["tax_amount"] or Decimal(0))
            total = self._allocated_to(target) + added
            if total > target.gross:
                self._ids.discard(transaction.id or 0)
                raise BuildError(
                    f"allocations to {target.reference} would total {total}, more than its "
                    f"gross {target.gross}"
                )
        return transaction

    def sales_invoice(
        self,
        *,
        account_reference: str,
        reference: str,
        date: Date,
        due_date: Date | None = None,
        posted_date: Date | None = None,
        payment_reference: str | None = None,
        second_reference: str | None = None,
        oss_report_type: OssReportType | str | None = None,
        oss_country: str | None = None,
    ) -> InvoiceHandle:
        """Start a sales invoice (SI); add its lines with ``.split(...)``."""
        return self._invoice(
            T.SALES_INVOICE,
            {
                "account_reference": account_reference,
                "reference": reference,
                "date": date,
                "due_date": due_date,
                "posted_date": posted_date,
                "payment_reference": payment_reference,
                "second_reference": second_reference,
                "oss": self._oss(oss_report_type, oss_country),
            },
        )

    def purchase_invoice(
        self,
        *,
        account_reference: str,
        reference: str,
        date: Date,
        due_date: Date | None = None,
        posted_date: Date | None = None,
        payment_reference: str | None = None,
        second_reference: str | None = None,
    ) -> InvoiceHandle:
        """Start a purchase invoice (PI); add its lines with ``.split(...)``."""
        return self._invoice(
            T.PURCHASE_INVOICE,
            {
                "account_reference": account_reference,
                "reference": reference,
                "date": date,
                "due_date": due_date,
                "posted_date": posted_date,
                "payment_reference": payment_reference,
                "second_reference": second_reference,
            },
        )

    def sales_credit(
        self,
        *,
        account_reference: str,
        date: Date,
        allocate_to: AllocateTo,
        due_date: Date | None = None,
        posted_date: Date | None = None,
        payment_reference: str | None = None,
        oss_report_type: OssReportType | str | None = None,
        oss_country: str | None = None,
    ) -> InvoiceHandle:
        """Start a sales credit note (SC) allocated to ``allocate_to``; add ``.split(...)``.

        ``allocate_to`` is an invoice handle from this builder, or the reference of an invoice
        already in Sage; the credit's Reference is set from it.
        """
        return self._invoice(
            T.SALES_CREDIT,
            {
                "account_reference": account_reference,
                "reference": None,
                "date": date,
                "due_date": due_date,
                "posted_date": posted_date,
                "payment_reference": payment_reference,
                "oss": self._oss(oss_report_type, oss_country),
            },
            allocate_to,
            allocating=True,
        )

    def purchase_credit(
        self,
        *,
        account_reference: str,
        date: Date,
        allocate_to: AllocateTo,
        due_date: Date | None = None,
        posted_date: Date | None = None,
        payment_reference: str | None = None,
    ) -> InvoiceHandle:
        """Start a purchase credit note (PC) allocated to ``allocate_to``; add ``.split(...)``."""
        return self._invoice(
            T.PURCHASE_CREDIT,
            {
                "account_reference": account_reference,
                "reference": None,
                "date": date,
                "due_date": due_date,
                "posted_date": posted_date,
                "payment_reference": payment_reference,
            },
            allocate_to,
            allocating=True,
        )

    # ----- Allocation -----------------------------------------------------------------
    def _allocation_reference(
        self, transaction_type: TransactionType, account: str, allocate_to: AllocateTo
    ) -> str:
        if allocate_to is None:
            raise BuildError(
                "allocate_to is required: an invoice handle, or the reference of an invoice "
                "already in Sage"
            )
        if isinstance(allocate_to, str):
            if not allocate_to.strip():
                raise BuildError("allocate_to is an empty reference")
            if any(
                handle.reference == allocate_to and handle.account_reference == account
                for handle in self._invoice_keys.values()
                if handle.transaction_type in (T.SALES_INVOICE, T.PURCHASE_INVOICE)
            ):
                raise BuildError(
                    f"invoice {allocate_to!r} is in this document: pass its handle instead"
                )
            return allocate_to
        if not isinstance(allocate_to, InvoiceHandle):
            raise TypeError("allocate_to must be an InvoiceHandle or a reference string")
        if allocate_to not in self._invoice_keys.values():
            raise BuildError("allocate_to is an invoice handle from another builder")
        wanted = T.SALES_INVOICE if transaction_type in _SALES_SIDE else T.PURCHASE_INVOICE
        if allocate_to.transaction_type is not wanted:
            raise BuildError(
                f"a {transaction_type.value} allocates to a {wanted.value}, not to "
                f"{allocate_to.transaction_type.value} {allocate_to.reference!r}"
            )
        if allocate_to.account_reference != account:
            raise BuildError(
                f"allocate_to {allocate_to.reference!r} is on account "
                f"{allocate_to.account_reference}, not {account}"
            )
        return allocate_to.reference

    def _allocate(self, allocate_to: AllocateTo, what: str, amount: Decimal) -> None:
        if isinstance(allocate_to, InvoiceHandle):
            self._allocations.append((allocate_to, what, amount))
            self._check_not_over_allocated(allocate_to)

    def _check_not_over_allocated(self, invoice: InvoiceHandle) -> None:
        allocated = self._allocated_to(invoice)
        if allocated > invoice.gross:
            raise BuildError(
                f"allocations to {invoice.reference} total {allocated}, more than its gross "
                f"{invoice.gross}"
            )

    def _allocated_to(self, invoice: InvoiceHandle) -> Decimal:
        total = Decimal(0)
        for target, _what, amount in self._allocations:
            if target is invoice:
                total += amount
        for credit in self._invoice_keys.values():
            if (
                credit.transaction_type in (T.SALES_CREDIT, T.PURCHASE_CREDIT)
                and credit.header.get("allocated_to") is invoice
            ):
                total += credit.gross
        return total

    # ----- Receipts and payments ------------------------------------------------------
    def _cash(
        self,
        transaction_type: TransactionType,
        *,
        account_reference: str,
        bank_reference: str,
        amount: Decimal | int,
        date: Date,
        reference: str | None,
        payment_reference: str | None,
        details: str | None,
        tax_code: int | None,
        id: int | None,
        oss: dict[str, Any] | None = None,
    ) -> Transaction:
        self._required(
            account_reference=account_reference, bank_reference=bank_reference, date=date
        )
        transaction = self._transaction(
            {"id": id},
            transaction_type=transaction_type,
            account_reference=account_reference,
            bank_reference=bank_reference,
            transaction_date=date,
            reference=reference,
            payment_reference=payment_reference,
            details=details,
            net_amount=values.money("amount", amount),
            tax_code=tax_code,
            **(oss or {}),
        )
        self._entries.append(transaction)
        return transaction

    def sales_receipt(
        self,
        *,
        account_reference: str,
        bank_reference: str,
        amount: Decimal | int,
        date: Date,
        allocate_to: AllocateTo,
        payment_reference: str | None = None,
        details: str | None = None,
        tax_code: int | None = 9,
        id: int | None = None,
        oss_report_type: OssReportType | str | None = None,
        oss_country: str | None = None,
    ) -> Transaction:
        """A customer's payment on account (SA), allocated to ``allocate_to``.

        Receipts are posted gross, on tax code 9 by default.
        """
        reference = self._allocation_reference(
            T.SALES_RECEIPT_ON_ACCOUNT, account_reference, allocate_to
        )
        amount = values.money("amount", amount)
        self._precheck_allocation(allocate_to, amount)
        transaction = self._cash(
            T.SALES_RECEIPT_ON_ACCOUNT,
            account_reference=account_reference,
            bank_reference=bank_reference,
            amount=amount,
            date=date,
            reference=reference,
            payment_reference=payment_reference,
            details=details,
            tax_code=tax_code,
            id=id,
            oss=self._oss(oss_report_type, oss_country),
        )
        self._allocate(allocate_to, "receipt", amount)
        return transaction

    def purchase_payment(
        self,
        *,
        account_reference: str,
        bank_reference: str,
        amount: Decimal | int,
        date: Date,
        allocate_to: AllocateTo,
        payment_reference: str | None = None,
        details: str | None = None,
        tax_code: int | None = 9,
        id: int | None = None,
    ) -> Transaction:
        """A payment to a supplier on account (PA), allocated to ``allocate_to``."""
        reference = self._allocation_reference(
            T.PURCHASE_PAYMENT_ON_ACCOUNT, account_reference, allocate_to
        )
        amount = values.money("amount", amount)
        self._precheck_allocation(allocate_to, amount)
        transaction = self._cash(
            T.PURCHASE_PAYMENT_ON_ACCOUNT,
            account_reference=account_reference,
            bank_reference=bank_reference,
            amount=amount,
            date=date,
            reference=reference,
            payment_reference=payment_reference,
            details=details,
            tax_code=tax_code,
            id=id,
        )
        self._allocate(allocate_to, "payment", amount)
        return transaction

    def _precheck_allocation(self, allocate_to: AllocateTo, amount: Decimal) -> None:
        if isinstance(allocate_to, InvoiceHandle):
            total = self._allocated_to(allocate_to) + amount
            if total > allocate_to.gross:
                raise BuildError(
                    f"allocations to {allocate_to.reference} would total {total}, more than "
                    f"its gross {allocate_to.gross}"
                )

    def sales_payment(
        self,
        *,
        account_reference: str,
        bank_reference: str,
        amount: Decimal | int,
        date: Date,
        reference: str | None = None,
        payment_reference: str | None = None,
        details: str | None = None,
        tax_code: int | None = 9,
        id: int | None = None,
        oss_report_type: OssReportType | str | None = None,
        oss_country: str | None = None,
    ) -> Transaction:
        """Money paid back to a customer: a refund (SP)."""
        return self._cash(
            T.SALES_PAYMENT,
            account_reference=account_reference,
            bank_reference=bank_reference,
            amount=amount,
            date=date,
            reference=reference,
            payment_reference=payment_reference,
            details=details,
            tax_code=tax_code,
            id=id,
            oss=self._oss(oss_report_type, oss_country),
        )

    def purchase_receipt(
        self,
        *,
        account_reference: str,
        bank_reference: str,
        amount: Decimal | int,
        date: Date,
        reference: str | None = None,
        payment_reference: str | None = None,
        details: str | None = None,
        tax_code: int | None = 9,
        id: int | None = None,
    ) -> Transaction:
        """Money received back from a supplier: a refund (PR)."""
        return self._cash(
            T.PURCHASE_RECEIPT,
            account_reference=account_reference,
            bank_reference=bank_reference,
            amount=amount,
            date=date,
            reference=reference,
            payment_reference=payment_reference,
            details=details,
            tax_code=tax_code,
            id=id,
        )

    # ----- Bank -----------------------------------------------------------------------
    def _bank(self, transaction_type: TransactionType, arguments: dict[str, Any]) -> Transaction:
        self._required(
            bank=arguments["account_reference"],
            nominal_code=arguments["nominal_code"],
            date=arguments["date"],
        )
        date = arguments.pop("date")
        arguments["net_amount"] = values.money("net_amount", arguments["net_amount"])
        if arguments.get("tax_amount") is not None:
            arguments["tax_amount"] = values.money("tax_amount", arguments["tax_amount"])
        transaction = self._transaction(
            arguments, transaction_type=transaction_type, transaction_date=date
        )
        self._entries.append(transaction)
        return transaction

    def bank_receipt(
        self,
        *,
        bank: str,
        nominal_code: str,
        net_amount: Decimal | int,
        date: Date,
        tax_code: int | None = None,
        tax_amount: Decimal | int | None = None,
        reference: str | None = None,
        payment_reference: str | None = None,
        details: str | None = None,
        department: int | None = None,
        fund: str | None = None,
        project_ref: str | None = None,
        id: int | None = None,
    ) -> Transaction:
        """Money into ``bank`` not from a customer (BR), posted to ``nominal_code``."""
        return self._bank(
            T.BANK_RECEIPT,
            {
                "account_reference": bank,
                "nominal_code": nominal_code,
                "net_amount": net_amount,
                "date": date,
                "tax_code": tax_code,
                "tax_amount": tax_amount,
                "reference": reference,
                "payment_reference": payment_reference,
                "details": details,
                "department": department,
                "fund": fund,
                "project_ref": project_ref,
                "id": id,
            },
        )

    def bank_payment(
        self,
        *,
        bank: str,
        nominal_code: str,
        net_amount: Decimal | int,
        date: Date,
        tax_code: int | None = None,
        tax_amount: Decimal | int | None = None,
        reference: str | None = None,
        payment_reference: str | None = None,
        details: str | None = None,
        department: int | None = None,
        fund: str | None = None,
        project_ref: str | None = None,
        project_item: str | None = None,
        id: int | None = None,
    ) -> Transaction:
        """Money out of ``bank`` not to a supplier (BP), posted to ``nominal_code``."""
        return self._bank(
            T.BANK_PAYMENT,
            {
                "account_reference": bank,
                "nominal_code": nominal_code,
                "net_amount": net_amount,
                "date": date,
                "tax_code": tax_code,
                "tax_amount": tax_amount,
                "reference": reference,
                "payment_reference": payment_reference,
                "details": details,
                "department": department,
                "fund": fund,
                "project_ref": project_ref,
                "project_item": project_item,
                "id": id,
            },
        )

    def bank_transfer(
        self,
        *,
        from_bank: str,
        to_bank: str,
        payment_amount: Decimal | int,
        reference: str,
        date: Date,
        receipt_amount: Decimal | int | None = None,
        exchange_rate: Decimal | int | None = None,
        payment_reference: str | None = None,
        details: str | None = None,
        department: int | None = None,
        fund: str | None = None,
        id: int | None = None,
    ) -> Transaction:
        """Move money between two bank accounts (BankTransfer).

        With ``exchange_rate``, ``receipt_amount`` is ``payment_amount × exchange_rate`` rounded
        to 2 places (computed when omitted, checked when given); without one the two amounts
        must be equal.
        """
        self._required(from_bank=from_bank, to_bank=to_bank, reference=reference, date=date)
        if from_bank == to_bank:
            raise BuildError(f"from_bank and to_bank are the same account ({from_bank})")
        paid = values.money("payment_amount", payment_amount)
        received = (
            None if receipt_amount is None else values.money("receipt_amount", receipt_amount)
        )
        rate = None if exchange_rate is None else values.rate("exchange_rate", exchange_rate)
        if rate is not None:
            expected = (paid * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            if received is None:
                received = values.money("receipt_amount", expected)
            elif received != expected:
                raise BuildError(
                    f"receipt_amount {received} is not payment_amount {paid} × exchange_rate "
                    f"{rate} = {expected}"
                )
        elif received is None:
            received = paid
        elif received != paid:
            raise BuildError(
                f"payment_amount {paid} and receipt_amount {received} differ: give the "
                "exchange_rate between the two banks"
            )
        transaction = self._transaction(
            {"id": id},
            transaction_type=T.BANK_TRANSFER,
            from_bank_account=from_bank,
            to_bank_account=to_bank,
            transaction_date=date,
            reference=reference,
            payment_reference=payment_reference,
            details=details,
            department=department,
            fund=fund,
            payment_amount=paid,
            receipt_amount=received,
            exchange_rate=rate,
        )
        self._entries.append(transaction)
        return transaction

    # ----- Journals -------------------------------------------------------------------
    def journal(
        self,
        *,
        reference: str,
        date: Date,
        second_reference: str | None = None,
        variance_nominal: str | None = None,
    ) -> JournalHandle:
        """Start a journal; add legs with ``.debit(...)`` and ``.credit(...)``.

        With ``variance_nominal``, a difference is posted there by a balancing line the builder
        adds on ``build()`` (see ``handle.balancing_line``); without it, an unbalanced journal
        raises ``UnbalancedJournalError``.
        """
        self._required(reference=reference, date=date)
        when = values.when("date", date)
        key = (reference, second_reference or "", str(when))
        if key in self._journal_keys:
            raise BuildError(f"a journal {reference!r} on {when} already exists: add to it")
        self._journal_keys.add(key)
        handle = JournalHandle(
            header={"reference": reference, "date": when, "second_reference": second_reference},
            variance_nominal=variance_nominal,
            make_line=self._make_line,
        )
        self._entries.append(handle)
        return handle

    def _make_line(
        self, handle: JournalHandle, side: TransactionType, leg: dict[str, Any]
    ) -> Transaction:
        self._required(nominal_code=leg["account_reference"])
        return self._transaction(
            leg,
            transaction_type=side,
            transaction_date=handle.header["date"],
            reference=handle.header["reference"],
            second_reference=handle.header["second_reference"],
        )

    # ----- Updates --------------------------------------------------------------------
    def dispute(
        self,
        *,
        transaction_number: int,
        disputed: bool = True,
        dispute_code: int | None = None,
        dispute_reason: str | None = None,
    ) -> Transaction:
        """Set or clear the dispute flag of an SI or PI already in Sage (an Update record)."""
        if dispute_reason is not None and dispute_code is None:
            raise BuildError("dispute_reason needs dispute_code (both must match a Sage reason)")
        return self._update(
            transaction_number,
            disputed=disputed,
            dispute_code=dispute_code,
            dispute_reason=dispute_reason,
        )

    def document_link(self, *, transaction_number: int, link: str) -> Transaction:
        """Set the document link of a transaction already in Sage ("" removes it)."""
        if not isinstance(link, str):
            raise TypeError("link must be a string")
        return self._update(transaction_number, document_link=link)

    def _update(self, transaction_number: int, **fields: Any) -> Transaction:
        if isinstance(transaction_number, bool) or not isinstance(transaction_number, int):
            raise TypeError("transaction_number must be an int")
        update = Transaction(
            record_operation=RecordOperation.UPDATE,
            transaction_number=transaction_number,
            **{key: value for key, value in fields.items() if value is not None},
        )
        values.check_facets(update, {})
        self._entries.append(update)
        return update

    # ----- Build ----------------------------------------------------------------------
    def _finish_journal(self, journal: JournalHandle) -> list[Transaction]:
        sides = {line.transaction_type for line in journal.lines}
        date = str(journal.header["date"])
        if sides != {T.JOURNAL_DEBIT, T.JOURNAL_CREDIT}:
            raise BuildError(
                f"journal {journal.reference} on {date} needs at least one debit and one credit"
            )
        variance = journal.debits - journal.credits
        lines = list(journal.lines)
        if variance:
            if journal.variance_nominal is None:
                raise UnbalancedJournalError(
                    journal.reference, date, journal.debits, journal.credits, abs(variance)
                )
            if journal.balancing_line is None:
                side = T.JOURNAL_CREDIT if variance > 0 else T.JOURNAL_DEBIT
                journal.balancing_line = self._make_line(
                    journal,
                    side,
                    {
                        "account_reference": journal.variance_nominal,
                        "net_amount": abs(variance),
                        "details": "Journal variance",
                    },
                )
            lines.append(journal.balancing_line)
        return lines

    def build(self) -> Company:
        """The document: customers, invoice documents, then transactions with each invoice's
        splits together (the order Zynk imports them in)."""
        rows: list[Transaction] = []
        for entry in self._entries:
            if isinstance(entry, InvoiceHandle):
                if not entry.splits:
                    raise BuildError(
                        f"{entry.transaction_type.value} {entry.reference} on "
                        f"{entry.account_reference} has no splits"
                    )
                rows.extend(entry.splits)
            elif isinstance(entry, JournalHandle):
                rows.extend(self._finish_journal(entry))
            else:
                rows.append(entry)
        for invoice in self._invoice_keys.values():
            if invoice.transaction_type in (T.SALES_INVOICE, T.PURCHASE_INVOICE):
                self._check_not_over_allocated(invoice)
        return Company(
            customers=Customers(customer=list(self._customers)) if self._customers else None,
            invoices=self._build_invoices(),
            transactions=Transactions(transaction=rows) if rows else None,
        )
