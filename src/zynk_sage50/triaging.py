"""``triage``: a document split into what Zynk would import and what it would write to its fail
file, each rejected record carrying ``Errors/Error`` in Zynk's own shape.

A record with an error (with ``strict``, a warning too) is rejected, and what must go with it:

* **groups** move whole: every row of an SI/SC/PI/PC group and of a journal set goes with its
  worst row (the rules' own grouping: :func:`.rules.grouping.transaction_groups`,
  :func:`.rules.journals.journals`);
* **dependents** follow: the credits, receipts and payments allocated to a rejected invoice
  (:func:`.rules.allocation.analyse`), and the sales transactions and invoice documents of a
  rejected new customer (unless another customer kept in the document has its account). Zynk
  would post such a receipt unallocated and fail such an invoice; kept together, the fixed fail
  file imports them as one. Each is a :class:`Rejection` of reason ``CUSTOMER`` or
  ``ALLOCATION`` (:attr:`Triage.dependents`), which the command shows as a warning;
* then the accepted part is validated again, and a record that only now has an error (none
  known today) is rejected too, until the accepted part validates with zero errors.

Records keep their order, their values (each element is moved as written) and the root's
namespace declarations; accepted and rejected together hold exactly the input's records.
What is not a record and is wrong (an unknown element beside the collections, a second
``<Transactions>``) goes to the rejected document unchanged.
"""

from __future__ import annotations

import copy
import enum
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

import attr
from lxml import etree

from .binding import Binder
from .issues import Issue, RecordRef, Report
from .limits import DEFAULT_LIMITS, Limits
from .loading import loads
from .models import Company
from .parsing import Source
from .reading import Binding, read_records
from .records import COLLECTIONS
from .rules.allocation import analyse
from .rules.facts import TransactionFacts, record_facts
from .rules.grouping import transaction_groups
from .rules.journals import journals
from .streaming import RecordStream
from .validation import validate
from .vocabulary import Ledger, account_key, ledger_of
from .writing import dumps

#: What ``Error/Name`` starts with on the records triage rejects (then the rule code).
ERROR_NAME = "zynk-sage50"


class Reason(enum.Enum):
    """Why a record is rejected."""

    #: An issue of its own.
    ISSUE = "issue"
    #: Another row of its SI/SC/PI/PC group or journal set has one.
    GROUP = "group"
    #: It names a rejected new customer (a sales transaction or an invoice document).
    CUSTOMER = "customer"
    #: It is allocated to a rejected invoice (a credit, receipt or payment).
    ALLOCATION = "allocation"

    @property
    def relation(self) -> str:
        """How the record goes with the one it follows, for messages."""
        return _RELATIONS[self]


_RELATIONS = {
    Reason.ISSUE: "",
    Reason.GROUP: "with its group",
    Reason.CUSTOMER: "with its customer",
    Reason.ALLOCATION: "with the invoice it is allocated to",
}


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class Rejection:
    """One reason a record goes to the fail file (a record may have several)."""

    record: RecordRef
    reason: Reason
    #: The rule code of the issue behind it (the cause's issue for a group or a dependent).
    code: str
    #: What ``Error/Description`` says.
    message: str
    #: For a group or a dependent: the record whose rejection it follows.
    cause: RecordRef | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape."""
        return {
            "record": self.record.to_dict(),
            "reason": self.reason.value,
            "code": self.code,
            "message": self.message,
            "cause": None if self.cause is None else self.cause.to_dict(),
        }


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class Triage:
    """What :func:`triage` found: the two documents, as XML and as models, and why."""

    #: What Zynk would import: validates with zero errors (and, with ``strict``, no warnings).
    accepted: Company
    accepted_xml: str
    #: The fail file: every rejected record, each with ``Errors/Error``, as XML.
    rejected_xml: str
    #: ``validate``'s report on the input.
    report: Report
    #: Why each rejected record is rejected, in document order.
    rejections: tuple[Rejection, ...]

    @property
    def rejected(self) -> Company:
        """The fail file as a model. Raises ``SchemaBindingError`` when a rejected record does
        not match the schema (a value no model can hold): use :attr:`rejected_xml`, fix it,
        and validate it again."""
        return loads(self.rejected_xml)

    @property
    def rejected_records(self) -> tuple[RecordRef, ...]:
        """Each rejected record once, in document order."""
        seen: dict[tuple[str, int], RecordRef] = {}
        for rejection in self.rejections:
            seen.setdefault((rejection.record.kind, rejection.record.index), rejection.record)
        return tuple(seen.values())

    @property
    def dependents(self) -> tuple[Rejection, ...]:
        """The records rejected only because they depend on a rejected one (warn about them)."""
        return tuple(
            r for r in self.rejections if r.reason in (Reason.CUSTOMER, Reason.ALLOCATION)
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape: the rejections and the input's report."""
        return {
            "rejected": len(self.rejected_records),
            "rejections": [rejection.to_dict() for rejection in self.rejections],
            **self.report.to_dict(),
        }


# --- reading --------------------------------------------------------------------------------


@attr.s(slots=True, kw_only=True, auto_attribs=True)
class _Record:
    kind: str
    index: int
    element: etree._Element
    facts: Any
    is_update: bool

    @property
    def key(self) -> tuple[str, int]:
        return self.kind, self.index

    @property
    def ref(self) -> RecordRef:
        return self.facts.ref  # type: ignore[no-any-return]


def _read(source: Source, limits: Limits) -> tuple[list[_Record], etree._Element]:
    """Every record (an unchanged copy of its element, and its facts) and what is left of the
    root, through the library's one record pipeline."""
    stream = RecordStream(source, limits)
    records: list[_Record] = []
    for read in read_records(stream, Binder(limits), Binding.LENIENT):
        entry = read.entry
        assert entry is not None  # lenient binding always binds
        records.append(
            _Record(
                kind=entry.kind,
                index=entry.index,
                element=copy.deepcopy(read.event.element),
                facts=record_facts(entry),
                is_update=entry.is_update,
            )
        )
    return records, stream.residual_root()


# --- deciding -------------------------------------------------------------------------------


class _Decision:
    """The rejections found so far, by record."""

    def __init__(self, records: Sequence[_Record]) -> None:
        self.records = {record.key: record for record in records}
        self.by_record: dict[tuple[str, int], list[Rejection]] = {}

    def rejected(self, key: tuple[str, int]) -> bool:
        return key in self.by_record

    def add(self, key: tuple[str, int], rejection: Rejection) -> bool:
        """Record a rejection; True when the record was not rejected before."""
        new = key not in self.by_record
        self.by_record.setdefault(key, []).append(rejection)
        return new

    def add_issue(self, issue: Issue) -> bool:
        assert issue.record is not None
        key = (issue.record.kind, issue.record.index)
        if key not in self.records:
            return False  # a record of a second collection: it stays in the rest of the root
        ref = self.records[key].ref
        return self.add(
            key, Rejection(record=ref, reason=Reason.ISSUE, code=issue.code, message=issue.message)
        )

    def follow(self, key: tuple[str, int], cause: tuple[str, int], reason: Reason) -> bool:
        """Reject ``key`` because ``cause`` is rejected (unless it already is)."""
        if key in self.by_record:
            return False
        first = self.by_record[cause][0]
        cause_ref = self.records[cause].ref
        message = (
            f"Rejected {reason.relation}: {cause_ref.kind}[{cause_ref.index}] was rejected "
            f"({first.code}: {first.message})"
        )
        return self.add(
            key,
            Rejection(
                record=self.records[key].ref,
                reason=reason,
                code=first.code,
                message=message,
                cause=cause_ref,
            ),
        )


def _failing(report: Report) -> Iterable[Issue]:
    """The issues that make a record fail: errors, and warnings with ``strict``."""
    yield from report.errors
    if report.strict:
        yield from report.warnings


def _groups(transactions: Sequence[TransactionFacts]) -> list[list[tuple[str, int]]]:
    """Every SI/SC/PI/PC group and journal set of more than one row, as record keys."""
    runs = [run for _key, run in transaction_groups(transactions)]
    runs += [list(journal.rows) for journal in journals(transactions)]
    return [[("Transaction", row.index) for row in run] for run in runs if len(run) > 1]


def _allocation_links(
    transactions: Sequence[TransactionFacts],
) -> list[tuple[tuple[str, int], list[tuple[str, int]]]]:
    """(invoice header, the rows of what is allocated to it alone) for every allocation."""
    links: list[tuple[tuple[str, int], list[tuple[str, int]]]] = []
    for match in analyse(transactions).matches:
        if len(match.targets) == 1:
            target = ("Transaction", match.targets[0].first.index)
            links.append((target, [("Transaction", row.index) for row in match.item.rows]))
    return links


def _customer_links(records: Sequence[_Record]) -> list[tuple[_Record, list[tuple[str, int]]]]:
    """Each sales transaction or invoice document that names customers of the document, with
    those customers (by account reference, as Sage compares them, or by CustomerId)."""
    by_account: dict[str, list[tuple[str, int]]] = {}
    by_id: dict[str, list[tuple[str, int]]] = {}
    for record in records:
        if record.kind != "Customer":
            continue
        if record.facts.account_reference:
            key = account_key(record.facts.account_reference)
            by_account.setdefault(key, []).append(record.key)
        if record.facts.id:
            by_id.setdefault(record.facts.id.strip(), []).append(record.key)
    links: list[tuple[_Record, list[tuple[str, int]]]] = []
    for record in records:
        if record.kind == "Customer" or record.is_update:
            continue
        facts = record.facts
        if record.kind == "Transaction" and ledger_of(facts.transaction_type) is not Ledger.SALES:
            continue
        named = [
            *by_account.get(account_key(facts.account_reference or ""), []),
            *by_id.get((facts.customer_id or "").strip(), []),
        ]
        if named:
            links.append((record, named))
    return links


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class _Links:
    """What must move together: groups, allocations, customers and what names them."""

    groups: list[list[tuple[str, int]]]
    allocations: list[tuple[tuple[str, int], list[tuple[str, int]]]]
    customers: list[tuple[_Record, list[tuple[str, int]]]]

    @classmethod
    def of(cls, records: Sequence[_Record]) -> _Links:
        transactions = [r.facts for r in records if r.kind == "Transaction"]
        return cls(
            groups=_groups(transactions),
            allocations=_allocation_links(transactions),
            customers=_customer_links(records),
        )


def _close(decision: _Decision, links: _Links) -> None:
    """Add what must go with the rejected records, until nothing more does."""
    changed = True
    while changed:
        changed = False
        for group in links.groups:
            cause = next((key for key in group if decision.rejected(key)), None)
            if cause is not None:
                for key in group:
                    changed |= decision.follow(key, cause, Reason.GROUP)
        for target, rows in links.allocations:
            if decision.rejected(target):
                for key in rows:
                    changed |= decision.follow(key, target, Reason.ALLOCATION)
        for dependent, customers in links.customers:
            if decision.rejected(dependent.key) or any(
                not decision.rejected(key) or decision.records[key].is_update for key in customers
            ):
                continue  # a customer of its account is imported, or already in Sage
            changed |= decision.follow(dependent.key, customers[0], Reason.CUSTOMER)


# --- writing --------------------------------------------------------------------------------


def _document(
    root: etree._Element, records: Sequence[_Record], *, rejected: bool
) -> etree._Element:
    """A new root holding ``records`` in their collections, in the input's order: for the
    rejected part also the root's attributes and every other thing left in it."""
    document = etree.Element("Company", nsmap={p: u for p, u in root.nsmap.items() if p})
    if rejected:
        for name, value in root.attrib.items():
            document.set(name, value)
    kinds = {kind: [r for r in records if r.kind == kind] for kind in COLLECTIONS.values()}
    placed: set[str] = set()
    for child in root:
        tag = child.tag if isinstance(child.tag, str) else None
        if tag in COLLECTIONS and tag not in placed:
            placed.add(tag)
            kind = COLLECTIONS[tag]
            if rejected and not kinds[kind] and not len(child) and not child.attrib:
                continue  # a collection nothing of which was rejected
            collection = etree.SubElement(document, tag)
            if rejected:
                for name, value in child.attrib.items():
                    collection.set(name, value)
                collection.extend(copy.deepcopy(c) for c in child)  # not streamed: left as is
            collection.extend(record.element for record in kinds[kind])
        elif rejected:
            document.append(copy.deepcopy(child))
    return document


def _with_errors(record: _Record, rejections: Sequence[Rejection], date: str) -> etree._Element:
    """A copy of the record's element with an ``Errors/Error`` per rejection, first."""
    element = copy.deepcopy(record.element)
    errors = element.find("Errors")
    if errors is None:
        errors = etree.Element("Errors")
        element.insert(0, errors)
    for rejection in rejections:
        error = etree.SubElement(errors, "Error")
        etree.SubElement(error, "Date").text = date
        etree.SubElement(error, "Name").text = f"{ERROR_NAME} {rejection.code}"
        etree.SubElement(error, "Description").text = rejection.message
    return element


def _xml(document: etree._Element) -> str:
    etree.indent(document, space="  ")
    body = etree.tostring(document, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'


# --- the function ---------------------------------------------------------------------------


def _as_source(source: Source | Company, limits: Limits) -> Source:
    """A source that can be read twice (once to validate, once to move records)."""
    if isinstance(source, Company):
        return dumps(source)
    if isinstance(source, (str, bytes, bytearray, os.PathLike)):
        return source  # text and bytes as they are; a path is opened again
    # A binary file: read once, bounded (the reader refuses what is over the limit).
    return bytes(source.read(limits.max_bytes + 1))


def triage(
    source: Source | Company,
    *,
    journal_variance_nominal: str | None = None,
    imported_ids: Iterable[str | int] = (),
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    tax_rates: Mapping[int, Decimal] | None = None,
    error_date: datetime | None = None,
) -> Triage:
    """Split a document into what Zynk would import and its fail file (see the module).

    The options are :func:`validate`'s; ``error_date`` is written as each ``Error/Date``
    (default: now, in UTC). The report keeps every issue (``limits.max_issues_per_code`` does
    not apply: each one may reject a record). Raises what :func:`load` raises for input that
    cannot be read at all (not well-formed, refused, too large, not a Company document).
    """
    readable = _as_source(source, limits)
    options: dict[str, Any] = {
        "journal_variance_nominal": journal_variance_nominal,
        "imported_ids": tuple(imported_ids),
        "strict": strict,
        "tax_rates": tax_rates,
        # Every issue is needed to reject every record: none is cut by max_issues_per_code.
        "limits": attr.evolve(limits, max_issues_per_code=sys.maxsize),
    }
    records, root = _read(readable, limits)
    report = validate(readable, **options)
    decision = _Decision(records)
    for issue in _failing(report):
        if issue.record is not None:
            decision.add_issue(issue)
    links = _Links.of(records)
    while True:
        _close(decision, links)
        accepted = [r for r in records if not decision.rejected(r.key)]
        accepted_xml = _xml(_document(root, accepted, rejected=False))
        if not decision.by_record:
            break  # every record kept: the input's report already says none fails
        check = validate(accepted_xml, **options)
        # The accepted document numbers its records anew: back to the input's numbers.
        renumbered: dict[tuple[str, int], _Record] = {}
        for kind in COLLECTIONS.values():
            same_kind = (r for r in accepted if r.kind == kind)
            renumbered.update(((kind, n), r) for n, r in enumerate(same_kind, start=1))
        new = False
        for issue in _failing(check):
            original = None
            if issue.record is not None:
                original = renumbered.get((issue.record.kind, issue.record.index))
            if original is not None:
                new |= decision.add_issue(attr.evolve(issue, record=original.ref))
        if not new:
            break
    date = (error_date or datetime.now(timezone.utc)).isoformat()
    rejected = [
        _Record(
            kind=r.kind,
            index=r.index,
            element=_with_errors(r, decision.by_record[r.key], date),
            facts=r.facts,
            is_update=r.is_update,
        )
        for r in records
        if decision.rejected(r.key)
    ]
    rejections = tuple(
        rejection for r in records for rejection in decision.by_record.get(r.key, ())
    )
    return Triage(
        accepted=loads(accepted_xml, limits=limits),
        accepted_xml=accepted_xml,
        rejected_xml=_xml(_document(root, rejected, rejected=True)),
        report=report,
        rejections=rejections,
    )


__all__ = ["ERROR_NAME", "Reason", "Rejection", "Triage", "triage"]
