"""Bank entries in the builder: receipts and payments not on a customer or supplier account
(BR, BP), transfers between bank accounts, and updates of transactions already in Sage."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..models import RecordOperation, Transaction, TransactionType
from ..vocabulary import round_to_pennies
from . import arguments as a
from .arguments import Date
from .state import BuilderState

T = TransactionType
_BANK_ARGUMENTS = {"AccountReference": "bank"}
_TRANSFER_ARGUMENTS = {"FromBankAccount": "from_bank", "ToBankAccount": "to_bank"}
_UPDATE_FIELDS = ("disputed", "dispute_code", "dispute_reason", "document_link")


class BankCalls(BuilderState):
    """``bank_receipt``, ``bank_payment``, ``bank_transfer``, ``dispute``, ``document_link``."""

    def _bank(self, transaction_type: TransactionType, given: dict[str, Any]) -> Transaction:
        requested_id = given.pop("id")
        net = a.money("net_amount", given.pop("net_amount"))
        tax_code = a.optional_integer("tax_code", given.pop("tax_code"))
        tax = self._tax(net, a.optional_money("tax_amount", given.pop("tax_amount")), tax_code)
        row = self._row(
            {
                "transaction_type": transaction_type,
                "account_reference": a.text("bank", given.pop("bank")),
                "transaction_date": a.when("date", given.pop("date")),
                "nominal_code": a.text("nominal_code", given.pop("nominal_code")),
                "net_amount": net,
                "tax_amount": tax,
                "tax_code": tax_code,
                "department": a.optional_integer("department", given.pop("department")),
                **{name: a.optional_text(name, value) for name, value in given.items()},
            },
            _BANK_ARGUMENTS,
            requested_id=requested_id,
        )
        self._take(row)
        self._entries.append(row)
        return row

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
                "bank": bank,
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
                "bank": bank,
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

        With ``exchange_rate``, ``receipt_amount`` is ``payment_amount × exchange_rate``
        rounded half up to 2 places (computed when left out, checked when given); without
        one the two amounts are equal.
        """
        paid = a.money("payment_amount", payment_amount)
        received = a.optional_money("receipt_amount", receipt_amount)
        rate = None if exchange_rate is None else a.rate("exchange_rate", exchange_rate)
        if received is None:
            received = paid if rate is None else round_to_pennies(paid * rate)
        row = self._row(
            {
                "transaction_type": T.BANK_TRANSFER,
                "from_bank_account": a.text("from_bank", from_bank),
                "to_bank_account": a.text("to_bank", to_bank),
                "transaction_date": a.when("date", date),
                "reference": a.text("reference", reference),
                "payment_reference": a.optional_text("payment_reference", payment_reference),
                "details": a.optional_text("details", details),
                "department": a.optional_integer("department", department),
                "fund": a.optional_text("fund", fund),
                "payment_amount": paid,
                "receipt_amount": received,
                "exchange_rate": rate,
            },
            _TRANSFER_ARGUMENTS,
            requested_id=id,
        )
        self._take(row)
        self._entries.append(row)
        return row

    # ----- updates of transactions already in Sage ------------------------------------------
    def dispute(
        self,
        *,
        transaction_number: int,
        disputed: bool = True,
        dispute_code: int | None = None,
        dispute_reason: str | None = None,
    ) -> Transaction:
        """Set or clear the dispute flag of an SI or PI already in Sage (an Update record)."""
        return self._update(
            transaction_number,
            disputed=a.flag("disputed", disputed),
            dispute_code=a.optional_integer("dispute_code", dispute_code),
            dispute_reason=a.optional_text("dispute_reason", dispute_reason),
        )

    def document_link(self, *, transaction_number: int, link: str) -> Transaction:
        """Set the document link of a transaction already in Sage ("" removes it)."""
        return self._update(transaction_number, document_link=a.text("link", link))

    def _update(self, transaction_number: object, **fields: Any) -> Transaction:
        update = Transaction(
            record_operation=RecordOperation.UPDATE,
            transaction_number=a.integer("transaction_number", transaction_number),
            **{name: value for name, value in fields.items() if value is not None},
        )
        self._check(update, {"DocumentLink": "link"})
        self._entries.append(update)
        return update
