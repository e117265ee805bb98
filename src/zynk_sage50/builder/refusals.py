"""The builder refuses with the validator's own checks: the schema and the record rules run on
the one record a call adds, and each error or warning becomes a ``BuildError`` naming the
argument it came from. Nothing here restates a limit or a rule.

Only the new record is checked (a document holding just it), so each call costs the same
however large the document grows; what spans records (Ids, duplicates, allocation, journals)
is kept by the builder as it goes, with the rules' own keys.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any

from ..binding import Binder
from ..errors import BuildError
from ..issues import Issue, Severity
from ..model_source import model_events
from ..modelinfo import ValueKind, class_info
from ..models import Company, Customer, Customers, Invoice, Invoices, Transaction, Transactions
from ..reading import Binding, read_records
from ..rules import (
    DEFAULT_OPTIONS,
    DocumentContext,
    InvoiceFacts,
    Located,
    RuleOptions,
    run_record_rules,
)

Record = Transaction | Customer | Invoice
#: Where a record sits in the one-record document, and the words for it in messages.
_PLACES: Mapping[type[Any], str] = {
    Transaction: "/Company/Transactions/Transaction[1]",
    Customer: "/Company/Customers/Customer[1]",
    Invoice: "/Company/Invoices/Invoice[1]",
}
_INDEX = re.compile(r"\[([0-9]+)\]$")


def _document(record: Record) -> Company:
    if isinstance(record, Transaction):
        return Company(transactions=Transactions(transaction=[record]))
    if isinstance(record, Customer):
        return Company(customers=Customers(customer=[record]))
    return Company(invoices=Invoices(invoice=[record]))


def argument_for(cls: type[Any], relative: str, arguments: Mapping[str, str]) -> str:
    """The builder argument behind a field path below a record (``CustomerInvoiceAddress/
    Country`` → ``invoice_address.country``): ``arguments`` maps element names or paths
    (without indexes) to argument names; other fields are named as in the model."""
    steps = [step for step in relative.split("/") if step]
    plain = [_INDEX.sub("", step) for step in steps]
    for end in range(len(steps), 0, -1):
        name = arguments.get("/".join(plain[:end]))
        if name is not None:
            found = _INDEX.search(steps[end - 1])
            if found and end > 1:
                name += f"[{int(found.group(1)) - 1}]"
            return ".".join([name, *_python_names(_class_at(cls, plain[:end]), plain[end:])])
    return ".".join(_python_names(cls, plain))


def _class_at(cls: type[Any] | None, steps: list[str]) -> type[Any] | None:
    for step in steps:
        if cls is None:
            return None
        field = class_info(cls).elements.get(step)
        cls = field.value_type if field and field.kind is ValueKind.MODEL else None
    return cls


def _python_names(cls: type[Any] | None, steps: list[str]) -> list[str]:
    names = []
    for step in steps:
        field = class_info(cls).elements.get(step) if cls is not None else None
        if field is None:
            names.append(step)
            cls = None
            continue
        names.append(field.name)
        cls = field.value_type if field.kind is ValueKind.MODEL else None
    return names


def _argument(
    record: Record, path: str | None, arguments: Mapping[str, str], below: str | None
) -> str | None:
    """The argument behind ``path`` (an issue's), or None for the record as a whole."""
    relative = (path or "")[len(_PLACES[type(record)]) + 1 :]
    if not relative:
        return None
    if below is not None and relative.startswith(f"{below}/"):
        inner = _class_at(type(record), [_INDEX.sub("", step) for step in below.split("/")])
        if inner is not None:
            return argument_for(inner, relative[len(below) + 1 :], arguments)
    return argument_for(type(record), relative, arguments)


def _refusal(
    record: Record, issues: list[Issue], arguments: Mapping[str, str], below: str | None
) -> BuildError:
    parts = []
    for issue in issues:
        name = _argument(record, issue.path, arguments, below)
        prefix = f"{name}: " if name else ""
        parts.append(f"{prefix}{issue.message} ({issue.code})")
    return BuildError(" ".join(parts))


def _below(path: str, place: str, only: Collection[str]) -> bool:
    relative = path[len(place) + 1 :]
    return any(relative == name or relative.startswith(f"{name}/") for name in only)


def _read(record: Record) -> tuple[list[Issue], Located[Any] | None]:
    """``record`` through validate's own pipeline: written as ``validate`` writes a model
    (values XML cannot carry are issues), checked against the XSD and bound
    (:func:`.reading.read_records`): its issues so far, and the located record if it fits."""
    problems: list[Issue] = []
    events = model_events(_document(record), problems)
    for read in read_records(events, Binder(), Binding.LENIENT):
        issues = [*problems, *read.issues]
        if issues or read.entry is None:
            return issues, None
        return [], read.entry
    return problems, None


def record_issues(record: Record, options: RuleOptions = DEFAULT_OPTIONS) -> list[Issue]:
    """What ``validate`` reports about ``record`` on its own, through validate's own pipeline
    (:func:`_read`), then, if it fits, the record rules."""
    issues, entry = _read(record)
    if entry is None:
        return issues
    return list(run_record_rules(entry, options))


def placed_facts(record: Invoice, index: int) -> InvoiceFacts | None:
    """What the document rules keep of an invoice document that is ``index``-th in the
    document (None if it does not fit the schema: its own refusal says why). It has no line:
    the document is not written yet."""
    _issues, entry = _read(record)
    if entry is None:
        return None
    facts = InvoiceFacts(entry)
    facts.index = index
    facts.line = None
    return facts


def check_across(
    record: Invoice,
    facts: InvoiceFacts,
    rule: Callable[[DocumentContext], Iterable[Issue]],
    earlier: Sequence[InvoiceFacts],
    arguments: Mapping[str, str],
) -> None:
    """Refuse ``record`` (its ``facts``) if the document rule ``rule`` reports an error or a
    warning about it among the ``earlier`` invoice documents it is compared with, naming the
    argument behind each."""
    context = DocumentContext(invoices=[*earlier, facts])
    prefix = f"{facts.path}/"
    parts = []
    for issue in rule(context):
        path = issue.path or ""
        if issue.severity is Severity.INFO or not (path == facts.path or path.startswith(prefix)):
            continue
        name = (
            argument_for(type(record), path[len(prefix) :], arguments)
            if path != facts.path
            else ""
        )
        parts.append(f"{name + ': ' if name else ''}{issue.message} ({issue.code})")
    if parts:
        raise BuildError(" ".join(parts))


def check_record(
    record: Record,
    arguments: Mapping[str, str],
    only: Collection[str] | None = None,
    *,
    below: str | None = None,
    options: RuleOptions = DEFAULT_OPTIONS,
) -> None:
    """Refuse ``record`` if ``validate`` would report an error or a warning about it alone,
    naming the argument behind each (``arguments``: element name or path → argument).

    With ``only``, just the issues about those elements (or paths below the record) count:
    a header is checked before its lines exist, an item without the rest of its invoice.
    With ``below`` (a path below the record: ``InvoiceItems/Item[3]``), fields below it are
    named as the arguments of the call that adds it. ``options`` are the rules' (the tax
    rates ``amount.tax-mismatch`` checks against).
    """
    issues = record_issues(record, options)
    place = _PLACES[type(record)]
    refused = [
        issue
        for issue in issues
        if issue.severity is not Severity.INFO
        and (only is None or _below(issue.path or "", place, only))
    ]
    if refused:
        raise _refusal(record, refused, arguments, below)
