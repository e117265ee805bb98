"""The sales and purchase ledgers in the builder: invoices and credits (SI, SC, PI, PC, one
header with splits), receipts and payments on account (SA, PA), refunds (SP, PR)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypeAlias

from ..errors import BuildError
from ..models import OssReportType, Transaction, TransactionType
from ..vocabulary import ALLOCATES_TO, round_line_amount
from . import arguments as a
from .allocation import Allocations, Target
from .arguments import Date
from .handles import Header, InvoiceHandle
from .invoice_documents import InvoiceDocumentHandle
from .state import BuilderState, elements_of

T = TransactionType
#: What ``allocate_to`` takes: an SI or PI handle, a posted invoice document with a number,
#: the Reference of an invoice already in Sage, or None for nothing.
AllocateTo: TypeAlias = InvoiceHandle | InvoiceDocumentHandle | str | None
_HEADER_ARGUMENTS = {"OssCountryOfVat": "oss_country"}
_CASH_ARGUMENTS = {"NetAmount": "amount", "OssCountryOfVat": "oss_country"}


def _oss(report_type: object, country: object) -> dict[str, Any]:
    """The OSS fields as given; the record rules refuse a type without a country and the
    other way round."""
    return {
        "oss_report_type": None
        if report_type is None
        else a.member("oss_report_type", report_type, OssReportType),
        "oss_country_of_vat": None
        if country is None
        else a.country_code("oss_country", country, oss=True),
    }


class LedgerCalls(BuilderState):
    """``sales_invoice`` ... ``purchase_receipt``: the calls that post to an account."""

    # ----- allocation ---------------------------------------------------------------------
    def _target_of(self, allocate_to: object) -> Target | str:
        if isinstance(allocate_to, str):
            return a.required_text("allocate_to", allocate_to)
        if isinstance(allocate_to, InvoiceHandle):
            if not allocate_to.is_invoice:
                raise BuildError(
                    f"allocate_to is {allocate_to.transaction_type.value} "
                    f"{allocate_to.reference!r}: credits and receipts allocate to invoices"
                )
            return allocate_to
        if isinstance(allocate_to, InvoiceDocumentHandle):
            return allocate_to.as_target()
        raise TypeError(
            "allocate_to must be an InvoiceHandle, an InvoiceDocumentHandle, the reference of "
            f"an invoice in Sage, or None, not {type(allocate_to).__name__}"
        )

    def _reference(
        self, source: TransactionType, account: str, allocate_to: object, reference: object
    ) -> tuple[str, Target | None, tuple[TransactionType, str, str] | None]:
        """The Reference of an allocating item, the target it reaches in the document, and
        the key of a Reference outside it (to keep later invoices from taking it)."""
        if allocate_to is None:
            own = a.optional_text("reference", reference)
            if own is None or not own.strip():
                raise BuildError(
                    f"reference is required when allocate_to is None: a {source.value} left "
                    "unallocated (a deposit, a credit on account) needs a reference of its own, "
                    "or validate warns that it cannot be allocated (allocation.missing-reference)"
                )
            named, target = self._allocations.resolve(source, account, own)
            if target is not None:
                raise BuildError(
                    f"reference {own!r} names an invoice in this document, so the importer "
                    "would allocate to it: pass it as allocate_to, or choose another reference"
                )
            return named, None, self._outside_key(source, account, named)
        if reference is not None:
            raise BuildError("reference is set from allocate_to: give one or the other")
        named, target = self._allocations.resolve(source, account, self._target_of(allocate_to))
        return named, target, None if target else self._outside_key(source, account, named)

    @staticmethod
    def _outside_key(
        source: TransactionType, account: str, reference: str
    ) -> tuple[TransactionType, str, str]:
        return Allocations.key(ALLOCATES_TO[source], account, reference)

    # ----- invoices and credits -----------------------------------------------------------
    def _start(self, header: Header, target: Target | None = None) -> InvoiceHandle:
        key = (
            header.transaction_type,
            header.account_reference,
            header.reference,
            header.second_reference or "",
        )
        if key in self._invoice_keys:
            raise BuildError(
                f"a {header.transaction_type.value} {header.reference!r} on "
                f"{header.account_reference} already exists: add splits to its handle, or "
                "give this one its own second_reference"
            )
        # The header is checked now, before its splits exist: only what it sets counts.
        fields = header.fields()
        self._row(fields, _HEADER_ARGUMENTS, only=elements_of(fields))
        handle = InvoiceHandle(header, self._make_split, target)
        if handle.is_invoice:
            target_key = Allocations.key(
                header.transaction_type, header.account_reference, header.reference
            )
            self._allocations.check_new_target(target_key, "reference")
            self._allocations.add_target(handle)
        self._invoice_keys.add(key)
        self._entries.append(handle)
        return handle

    def _make_split(self, handle: InvoiceHandle, split: dict[str, Any]) -> None:
        requested_id = split.pop("id")
        split["nominal_code"] = a.text("nominal_code", split["nominal_code"])
        split["net_amount"] = a.money("net_amount", split["net_amount"])
        split["tax_amount"] = a.optional_money("tax_amount", split["tax_amount"])
        for name in ("tax_code", "department"):
            split[name] = a.optional_integer(name, split[name])
        split["tax_amount"] = self._tax(
            split["net_amount"], split["tax_amount"], split["tax_code"]
        )
        for name in ("details", "fund", "project_ref", "project_item"):
            split[name] = a.optional_text(name, split[name])
        row = self._row({**handle.header.fields(), **split}, requested_id=requested_id)
        target = handle.allocated_to
        amount = round_line_amount(row.net_amount or Decimal(0)) + round_line_amount(
            row.tax_amount or Decimal(0)
        )
        self._allocations.check_amount(target, amount)
        self._take(row)
        handle.splits.append(row)
        if target is not None:
            self._allocations.add(target, amount, None)

    def _header(
        self,
        transaction_type: TransactionType,
        account_reference: object,
        reference: str,
        date: object,
        **optional: object,
    ) -> Header:
        oss = _oss(optional.pop("oss_report_type", None), optional.pop("oss_country", None))
        return Header(
            transaction_type=transaction_type,
            account_reference=a.text("account_reference", account_reference),
            reference=reference,
            date=a.when("date", date),
            second_reference=a.optional_text("second_reference", optional["second_reference"]),
            due_date=a.optional_when("due_date", optional["due_date"]),
            posted_date=a.optional_when("posted_date", optional["posted_date"]),
            payment_reference=a.optional_text("payment_reference", optional["payment_reference"]),
            **oss,
        )

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
        return self._start(
            self._header(
                T.SALES_INVOICE,
                account_reference,
                a.text("reference", reference),
                date,
                due_date=due_date,
                posted_date=posted_date,
                payment_reference=payment_reference,
                second_reference=second_reference,
                oss_report_type=oss_report_type,
                oss_country=oss_country,
            )
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
        return self._start(
            self._header(
                T.PURCHASE_INVOICE,
                account_reference,
                a.text("reference", reference),
                date,
                due_date=due_date,
                posted_date=posted_date,
                payment_reference=payment_reference,
                second_reference=second_reference,
            )
        )

    def _credit(
        self, transaction_type: TransactionType, fields: dict[str, object]
    ) -> InvoiceHandle:
        account = a.text("account_reference", fields.pop("account_reference"))
        reference, target, outside = self._reference(
            transaction_type, account, fields.pop("allocate_to"), fields.pop("reference")
        )
        header = self._header(transaction_type, account, reference, fields.pop("date"), **fields)
        handle = self._start(header, target)
        self._allocations.add(target, Decimal(0), outside)
        return handle

    def sales_credit(
        self,
        *,
        account_reference: str,
        date: Date,
        allocate_to: AllocateTo = None,
        reference: str | None = None,
        second_reference: str | None = None,
        due_date: Date | None = None,
        posted_date: Date | None = None,
        payment_reference: str | None = None,
        oss_report_type: OssReportType | str | None = None,
        oss_country: str | None = None,
    ) -> InvoiceHandle:
        """Start a sales credit note (SC); add its lines with ``.split(...)``.

        ``allocate_to`` is the invoice it allocates to (a handle from this builder, or the
        Reference of an invoice already in Sage), which sets its Reference; its own number
        goes in ``second_reference``. Without ``allocate_to``, give its own ``reference``: it
        stays on the account unallocated.
        """
        return self._credit(
            T.SALES_CREDIT,
            {
                "account_reference": account_reference,
                "date": date,
                "allocate_to": allocate_to,
                "reference": reference,
                "second_reference": second_reference,
                "due_date": due_date,
                "posted_date": posted_date,
                "payment_reference": payment_reference,
                "oss_report_type": oss_report_type,
                "oss_country": oss_country,
            },
        )

    def purchase_credit(
        self,
        *,
        account_reference: str,
        date: Date,
        allocate_to: AllocateTo = None,
        reference: str | None = None,
        second_reference: str | None = None,
        due_date: Date | None = None,
        posted_date: Date | None = None,
        payment_reference: str | None = None,
    ) -> InvoiceHandle:
        """Start a purchase credit note (PC), like :meth:`sales_credit`."""
        return self._credit(
            T.PURCHASE_CREDIT,
            {
                "account_reference": account_reference,
                "date": date,
                "allocate_to": allocate_to,
                "reference": reference,
                "second_reference": second_reference,
                "due_date": due_date,
                "posted_date": posted_date,
                "payment_reference": payment_reference,
            },
        )

    # ----- receipts and payments ----------------------------------------------------------
    def _cash(
        self, transaction_type: TransactionType, fields: dict[str, object], allocating: bool
    ) -> Transaction:
        account = a.text("account_reference", fields["account_reference"])
        amount = a.money("amount", fields.pop("amount"))
        target: Target | None = None
        outside = None
        if allocating:
            reference, target, outside = self._reference(
                transaction_type, account, fields.pop("allocate_to"), fields["reference"]
            )
            fields["reference"] = reference
        oss = _oss(fields.pop("oss_report_type", None), fields.pop("oss_country", None))
        row = self._row(
            {
                "transaction_type": transaction_type,
                "account_reference": account,
                "bank_reference": a.text("bank_reference", fields["bank_reference"]),
                "transaction_date": a.when("date", fields["date"]),
                "reference": a.optional_text("reference", fields["reference"]),
                "payment_reference": a.optional_text(
                    "payment_reference", fields["payment_reference"]
                ),
                "details": a.optional_text("details", fields["details"]),
                "net_amount": amount,
                "tax_code": a.optional_integer("tax_code", fields["tax_code"]),
                **oss,
            },
            _CASH_ARGUMENTS,
            requested_id=fields["id"],
        )
        self._allocations.check_amount(target, amount)
        self._take(row)
        self._entries.append(row)
        if allocating:
            self._allocations.add(target, amount, outside)
        return row

    def sales_receipt(
        self,
        *,
        account_reference: str,
        bank_reference: str,
        amount: Decimal | int,
        date: Date,
        allocate_to: AllocateTo = None,
        reference: str | None = None,
        payment_reference: str | None = None,
        details: str | None = None,
        tax_code: int | None = 9,
        id: int | None = None,
        oss_report_type: OssReportType | str | None = None,
        oss_country: str | None = None,
    ) -> Transaction:
        """A customer's payment on account (SA), posted gross on tax code 9 by default.

        ``allocate_to`` is the invoice it pays (a handle from this builder, or the Reference
        of an invoice already in Sage), which sets its Reference. Without it, give its own
        ``reference``: a deposit, left on the account unallocated.
        """
        return self._cash(
            T.SALES_RECEIPT_ON_ACCOUNT,
            {
                "account_reference": account_reference,
                "bank_reference": bank_reference,
                "amount": amount,
                "date": date,
                "allocate_to": allocate_to,
                "reference": reference,
                "payment_reference": payment_reference,
                "details": details,
                "tax_code": tax_code,
                "id": id,
                "oss_report_type": oss_report_type,
                "oss_country": oss_country,
            },
            allocating=True,
        )

    def purchase_payment(
        self,
        *,
        account_reference: str,
        bank_reference: str,
        amount: Decimal | int,
        date: Date,
        allocate_to: AllocateTo = None,
        reference: str | None = None,
        payment_reference: str | None = None,
        details: str | None = None,
        tax_code: int | None = 9,
        id: int | None = None,
    ) -> Transaction:
        """A payment to a supplier on account (PA), like :meth:`sales_receipt`."""
        return self._cash(
            T.PURCHASE_PAYMENT_ON_ACCOUNT,
            {
                "account_reference": account_reference,
                "bank_reference": bank_reference,
                "amount": amount,
                "date": date,
                "allocate_to": allocate_to,
                "reference": reference,
                "payment_reference": payment_reference,
                "details": details,
                "tax_code": tax_code,
                "id": id,
            },
            allocating=True,
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
            {
                "account_reference": account_reference,
                "bank_reference": bank_reference,
                "amount": amount,
                "date": date,
                "reference": reference,
                "payment_reference": payment_reference,
                "details": details,
                "tax_code": tax_code,
                "id": id,
                "oss_report_type": oss_report_type,
                "oss_country": oss_country,
            },
            allocating=False,
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
            {
                "account_reference": account_reference,
                "bank_reference": bank_reference,
                "amount": amount,
                "date": date,
                "reference": reference,
                "payment_reference": payment_reference,
                "details": details,
                "tax_code": tax_code,
                "id": id,
            },
            allocating=False,
        )
