"""Allocation in the builder: what a receipt, payment on account or credit allocates to, as the
importer will find it (the rules' ledgers and account key), and how much is allocated so far.

A target is an SI or PI being built (:class:`~.handles.InvoiceHandle`) or a posted invoice
document with a number (:class:`~.invoice_documents.InvoiceDocumentHandle`: Sage posts it as
an SI whose Ref is the invoice number). Targets are found as the importer finds them: by
ledger, account (compared as Sage compares accounts) and Reference.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Protocol

from ..errors import BuildError
from ..models import TransactionType
from ..vocabulary import ALLOCATES_TO, account_key, money_text

#: Where targets are filed: (invoice type, account key, Reference).
TargetKey = tuple[TransactionType, str, str]


class Target(Protocol):
    """Something allocations can reach."""

    @property
    def target_type(self) -> TransactionType:
        """SalesInvoice or PurchaseInvoice: what Sage posts it as."""

    @property
    def account_reference(self) -> str:
        """The account it is posted to."""

    @property
    def reference(self) -> str:
        """The Reference allocations name to reach it."""

    @property
    def gross(self) -> Decimal | None:
        """Its gross total so far, or None when the builder cannot know it."""

    @property
    def paid(self) -> Decimal:
        """What is allocated to it by itself (an invoice document's own payment)."""


def describe(target: Target) -> str:
    """``SalesInvoice 'SI1' on ACME01``."""
    return f"{target.target_type.value} {target.reference!r} on {target.account_reference}"


class Allocations:
    """The targets in the document and what is allocated to each."""

    def __init__(self) -> None:
        self._targets: dict[TargetKey, list[Target]] = defaultdict(list)
        self._by_reference: dict[tuple[TransactionType, str], list[Target]] = defaultdict(list)
        self._allocated: dict[int, Decimal] = {}
        #: References allocated to outside the document: (invoice type, account key, ref).
        self._outside: set[TargetKey] = set()

    @staticmethod
    def key(target_type: TransactionType, account: str, reference: str) -> TargetKey:
        """How the importer files a target: its type, account key and Reference."""
        return (target_type, account_key(account), reference)

    def check_new_target(self, key: TargetKey, argument: str) -> None:
        """Refuse a new target that an earlier call already allocates to as outside the
        document, or that would make allocations to another target ambiguous."""
        if key in self._outside:
            raise BuildError(
                f"{argument} {key[2]!r}: an earlier call allocates to {key[2]!r} on this "
                "account as an invoice already in Sage; with this one in the document it "
                "would be allocated here instead. Create the invoice first and pass its handle."
            )
        if any(id(target) in self._allocated for target in self._targets.get(key, ())):
            raise BuildError(
                f"{argument} {key[2]!r}: an invoice with this Reference on this account is "
                "already allocated to, and two would make that allocation ambiguous "
                "(allocation.ambiguous)"
            )

    def add_target(self, target: Target) -> None:
        """File a new target (its key must have passed :meth:`check_new_target`)."""
        key = self.key(target.target_type, target.account_reference, target.reference)
        self._targets[key].append(target)
        self._by_reference[target.target_type, target.reference].append(target)

    def allocated(self, target: Target) -> Decimal:
        """The total allocated to ``target`` so far."""
        return self._allocated.get(id(target), Decimal(0))

    def resolve(
        self, source_type: TransactionType, account: str, allocate_to: Target | str
    ) -> tuple[str, Target | None]:
        """The Reference a ``source_type`` item on ``account`` gets from ``allocate_to``, and
        the target in the document it reaches (None: an invoice already in Sage).

        Refuses what ``validate`` would warn about: another ledger, another account, more
        than one target.
        """
        wanted = ALLOCATES_TO[source_type]
        if isinstance(allocate_to, str):
            reference = allocate_to
            found = self._targets.get(self.key(wanted, account, reference), [])
            if not found:
                self._refuse_elsewhere(source_type, wanted, account, reference)
                return reference, None
        else:
            if allocate_to.target_type is not wanted:
                raise BuildError(
                    f"allocate_to: a {source_type.value} allocates to a {wanted.value}, not to "
                    f"{describe(allocate_to)} (allocation.wrong-ledger)"
                )
            if account_key(allocate_to.account_reference) != account_key(account):
                raise BuildError(
                    f"allocate_to {describe(allocate_to)} is on account "
                    f"{allocate_to.account_reference}, not {account} "
                    "(allocation.account-mismatch)"
                )
            reference = allocate_to.reference
            found = self._targets.get(self.key(wanted, account, reference), [])
            if not any(target is allocate_to for target in found):
                raise BuildError("allocate_to is an invoice handle from another builder")
        if len(found) > 1:
            raise BuildError(
                f"allocate_to {reference!r}: {len(found)} invoices on account {account} have "
                "this Reference, so the importer would allocate to only one of them "
                "(allocation.ambiguous)"
            )
        return reference, found[0]

    def _refuse_elsewhere(
        self, source_type: TransactionType, wanted: TransactionType, account: str, reference: str
    ) -> None:
        """Refuse a reference that the importer would find on another account or ledger."""
        for target in self._by_reference.get((wanted, reference), ()):
            raise BuildError(
                f"allocate_to {reference!r} names {describe(target)}, not on account {account}: "
                "it would be left unallocated (allocation.account-mismatch)"
            )
        other = next((t for t in ALLOCATES_TO.values() if t is not wanted), None)
        for target in self._by_reference.get((other, reference), ()) if other else ():
            raise BuildError(
                f"allocate_to {reference!r} names {describe(target)}: a {source_type.value} "
                f"allocates to a {wanted.value} (allocation.wrong-ledger)"
            )

    def check_amount(self, target: Target | None, amount: Decimal) -> None:
        """Refuse allocating ``amount`` more to ``target`` beyond its gross."""
        if target is not None:
            self._check(target, target.gross, amount)

    def check_total(self, target: Target, gross: Decimal | None) -> None:
        """Refuse a new gross for ``target`` below what is already allocated to it."""
        if id(target) in self._allocated:
            self._check(target, gross, Decimal(0))

    def _check(self, target: Target, gross: Decimal | None, amount: Decimal) -> None:
        if gross is None:
            return
        total = self.allocated(target) + target.paid + amount
        if total > gross:
            raise BuildError(
                f"allocations to {describe(target)} would total {money_text(total)}, more "
                f"than its gross {money_text(gross)} (allocation.over-allocated)"
            )

    def add(self, target: Target | None, amount: Decimal, key: TargetKey | None) -> None:
        """Record ``amount`` allocated to ``target`` (or, for a Reference outside the
        document, remember ``key`` so that no target with it is added later)."""
        if target is not None:
            self._allocated[id(target)] = self.allocated(target) + amount
        elif key is not None:
            self._outside.add(key)
