"""Journals in the builder: a header (Reference, date), debit and credit legs, and on
``build()`` the balance check or the balancing line on the variance nominal code."""

from __future__ import annotations

from typing import Any

import attr

from ..errors import BuildError, UnbalancedJournalError
from ..models import Transaction, TransactionType
from ..vocabulary import JOURNALS
from . import arguments as a
from .arguments import Date
from .handles import JournalHandle
from .state import BuilderState, elements_of

T = TransactionType
_LEG_ARGUMENTS = {"AccountReference": "nominal_code", "NetAmount": "amount"}


class JournalCalls(BuilderState):
    """``journal``, and what its handle's ``debit`` and ``credit`` do."""

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
        adds on ``build()`` (see ``handle.balancing_line``), with an Id reserved now, so Ids do
        not depend on when you build; without it, an unbalanced journal raises
        ``UnbalancedJournalError``.
        """
        name = a.text("reference", reference)
        when = a.when("date", date)
        second = a.optional_text("second_reference", second_reference)
        nominal = a.optional_text("variance_nominal", variance_nominal)
        header: dict[str, Any] = {
            "reference": name,
            "transaction_date": when,
            "second_reference": second,
        }
        key = (name, second or "", str(when))
        if key in self._journal_keys:
            raise BuildError(
                f"a journal {name!r} on {when} already exists: add legs to its handle"
            )
        # The header is checked now, before its legs exist: only what it sets counts.
        self._row(
            {"transaction_type": T.JOURNAL_DEBIT, **header},
            only=elements_of(["transaction_type", *header]),
        )
        balancing = None
        if nominal is not None:
            balancing = self._row(
                {"transaction_type": T.JOURNAL_CREDIT, "account_reference": nominal, **header},
                {"AccountReference": "variance_nominal"},
                only={"AccountReference"},
            )
        handle = JournalHandle(
            reference=name,
            date=when,
            second_reference=second,
            variance_nominal=nominal,
            make_line=self._make_leg,
        )
        if balancing is not None:
            self._take(balancing)
            handle.balancing_id = balancing.id
        self._journal_keys.add(key)
        self._entries.append(handle)
        return handle

    def _leg_row(
        self,
        handle: JournalHandle,
        side: TransactionType,
        leg: dict[str, Any],
        reserved_id: int | None = None,
    ) -> Transaction:
        return self._row(
            {
                "transaction_type": side,
                "account_reference": a.text("nominal_code", leg["nominal_code"]),
                "transaction_date": handle.date,
                "reference": handle.reference,
                "second_reference": handle.second_reference,
                "net_amount": a.money("amount", leg["amount"]),
                "details": a.optional_text("details", leg.get("details")),
                "tax_code": a.optional_integer("tax_code", leg.get("tax_code")),
                "department": a.optional_integer("department", leg.get("department")),
                "fund": a.optional_text("fund", leg.get("fund")),
                "payment_reference": a.optional_text(
                    "payment_reference", leg.get("payment_reference")
                ),
            },
            _LEG_ARGUMENTS,
            requested_id=leg.get("id"),
            reserved_id=reserved_id,
        )

    def _make_leg(self, handle: JournalHandle, side: TransactionType, leg: dict[str, Any]) -> None:
        row = self._leg_row(handle, side, leg)
        self._take(row)
        handle.lines.append(row)

    # ----- on build ---------------------------------------------------------------------------
    @staticmethod
    def _check_journal(journal: JournalHandle) -> None:
        """Refuse a journal the importer would reject: one-sided, or unbalanced without a
        variance nominal code."""
        if journal.sides != JOURNALS:
            raise BuildError(
                f"journal {journal.reference} on {journal.date} needs at least one debit and "
                "one credit (journal.one-sided)"
            )
        if journal.debits != journal.credits and journal.variance_nominal is None:
            raise UnbalancedJournalError(
                journal.reference,
                str(journal.date),
                journal.debits,
                journal.credits,
                abs(journal.debits - journal.credits),
            )

    def _balancing_line(self, journal: JournalHandle) -> Transaction | None:
        """The line posting the journal's variance to its variance nominal code (the same
        line, with the same Id, on every build while the variance stays the same)."""
        variance = journal.debits - journal.credits
        if not variance:
            return None
        side = T.JOURNAL_CREDIT if variance > 0 else T.JOURNAL_DEBIT
        line = journal.balancing_line
        if line is not None and line.transaction_type is side and line.net_amount == abs(variance):
            return line
        if line is not None:
            line = attr.evolve(line, transaction_type=side, net_amount=abs(variance))
            self._check(line, _LEG_ARGUMENTS)
        else:
            assert journal.variance_nominal is not None  # _check_journal refused it otherwise
            line = self._leg_row(
                journal,
                side,
                {
                    "nominal_code": journal.variance_nominal,
                    "amount": abs(variance),
                    "details": "Journal variance",
                },
                reserved_id=journal.balancing_id,
            )
        journal.balancing_line = line
        return line

    def _journal_rows(self, journal: JournalHandle) -> list[Transaction]:
        line = self._balancing_line(journal)
        return [*journal.lines, line] if line is not None else list(journal.lines)
