"""``validate``: reading, XSD and business-rule checks, all reported as issues in one report.

Documents are streamed (:mod:`.streaming`): each record is checked against the XSD on its own,
bound, and run through the record rules as it is read; the document rules then run over slim
copies of the records holding only what they need. Memory grows with the number of records by
a few hundred bytes each, never with a whole-document tree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from lxml import etree

from .binding import Binder
from .errors import (
    ForbiddenXmlError,
    MalformedXmlError,
    ReadError,
    SchemaBindingError,
    TooLargeError,
    WrongRootError,
)
from .issues import Issue, Report, Severity, sort_issues
from .limits import DEFAULT_LIMITS, Limits
from .models import Company, Customer, Invoice, Transaction
from .parsing import Source
from .records import LIST_WRAPPERS
from .rules import (
    run_customer_rules,
    run_document_rules,
    run_invoice_record_rules,
    run_rules,
    run_transaction_rules,
)
from .rules.context import Located, RuleContext, located, slim
from .rules.invoices import INVOICE_DOCUMENT_RULES, CustomerKeys, InvoiceDocument
from .schema_check import check_record_schema, check_schema
from .streaming import RECORD_CLASSES, RecordEvent, RecordStream

ValidateSource = Source | str | Company


def _file_issue(code: str, message: str, line: int | None = None) -> Issue:
    message = message.rstrip()
    if message[-1:] not in (".", "?", "!"):
        message += "."
    return Issue(code=code, severity=Severity.ERROR, message=message, line=line)


def _reading_issue(exc: Exception) -> Issue:
    """The single ``xml.*`` issue for input that cannot be read safely."""
    if isinstance(exc, MalformedXmlError):
        where = ""
        if exc.line is not None:
            where = f" (line {exc.line}" + (
                f", column {exc.column})" if exc.column is not None else ")"
            )
        return _file_issue("xml.malformed", f"Not well-formed XML: {exc.reason}{where}", exc.line)
    if isinstance(exc, ForbiddenXmlError):
        return _file_issue("xml.forbidden", f"Refused: {exc}", exc.line)
    if isinstance(exc, TooLargeError):
        return _file_issue("xml.too-large", f"Too large: {exc}", exc.line)
    assert isinstance(exc, WrongRootError)
    return _file_issue("xml.wrong-root", f"Not a Zynk document: {exc}", exc.line)


def _unbindable(exc: SchemaBindingError, event: RecordEvent) -> Issue:
    """``schema.invalid-value`` for a value the schema let through but the models refuse."""
    return Issue(
        code="schema.invalid-value",
        severity=Severity.ERROR,
        message=str(exc),
        line=exc.line,
        path=exc.path,
        record=event.ref,
    )


def _nested_lines(element: etree._Element) -> dict[str, int]:
    """The line of every element below a record's children, by its path below the record
    (``DeliveryAddresses/Contact[2]/Country``, in the form of ``records.relative_path``).

    Each parent's children are numbered in one pass, so a record with thousands of repeated
    children costs linear time.
    """
    lines: dict[str, int] = {}
    pending: list[tuple[etree._Element, str]] = [
        (child, str(child.tag)) for child in element if len(child) and _plain(child)
    ]
    while pending:
        parent, prefix = pending.pop()
        children = [child for child in parent if _plain(child)]
        counts = Counter(str(child.tag) for child in children)
        seen: Counter[str] = Counter()
        listed = parent.tag in LIST_WRAPPERS
        for child in children:
            tag = str(child.tag)
            seen[tag] += 1
            step = f"{tag}[{seen[tag]}]" if listed or counts[tag] > 1 else tag
            path = f"{prefix}/{step}"
            if child.sourceline is not None:
                lines.setdefault(path, child.sourceline)
            if len(child):
                pending.append((child, path))
    return lines


def _plain(element: etree._Element) -> bool:
    """An element without a namespace (the only kind records hold)."""
    tag = element.tag
    return isinstance(tag, str) and not tag.startswith("{")


def _invalid_below(record_path: str, issues: list[Issue]) -> set[str]:
    """The elements of a record that failed the schema: the child's name (``NetAmount``) and,
    for nested ones, their path below the record (``DeliveryAddresses/Contact[1]/Country``)."""
    names: set[str] = set()
    prefix = record_path + "/"
    for issue in issues:
        if issue.path and issue.path.startswith(prefix):
            relative = issue.path[len(prefix) :]
            names.add(relative.split("/")[0].split("[")[0])
            if "/" in relative:
                names.add(relative)
    return names


def _locate(event: RecordEvent, binder: Binder, schema_issues: list[Issue]) -> Located[Any]:
    element = event.element
    cls = RECORD_CLASSES[event.kind]
    record = None
    if not schema_issues:
        try:
            record = binder.bind_checked(element, cls)
        except SchemaBindingError as exc:  # a value the XSD allows but the models cannot hold
            schema_issues.append(_unbindable(exc, event))
    if record is None:
        record, lines, invalid = binder.bind_lenient(element, cls)
    else:
        lines = {str(child.tag): child.sourceline or 0 for child in element}
        invalid = frozenset()
    nested = _nested_lines(element)
    return Located(
        record=record,
        kind=event.kind,
        index=event.index,
        line=element.sourceline,
        field_lines={**nested, **lines} if nested else lines,
        invalid_fields=frozenset(invalid | _invalid_below(event.path, schema_issues)),
    )


def _issues_of_document(source: Source, options: dict[str, Any], limits: Limits) -> list[Issue]:
    stream = RecordStream(source, limits)
    binder = Binder(limits)
    issues: list[Issue] = []
    transactions: list[Located[Transaction]] = []
    customers: list[Located[Customer]] = []
    invoices: list[Located[Invoice]] = []
    try:
        for event in stream:
            schema_issues = check_record_schema(event.element, event.path, event.ref)
            entry = _locate(event, binder, schema_issues)  # may add an issue the XSD missed
            issues.extend(schema_issues)
            if event.kind == "Transaction":
                issues.extend(run_transaction_rules(entry))
                transactions.append(slim(entry))
            elif event.kind == "Customer":
                issues.extend(run_customer_rules(entry))
                customers.append(slim(entry))
            else:
                issues.extend(run_invoice_record_rules(entry))
                invoices.append(entry)  # few and read whole by the invoice document rules
        root = stream.residual_root()
    except (MalformedXmlError, ForbiddenXmlError, TooLargeError, WrongRootError) as exc:
        return [_reading_issue(exc)]
    issues.extend(check_schema(root))
    has_customers = root.find("Customers") is not None
    context = RuleContext(
        transactions=transactions, customers=customers, has_customers=has_customers, **options
    )
    issues.extend(run_document_rules(context))
    issues.extend(_invoice_document_issues(invoices, context))
    return issues


def _invoice_document_issues(
    invoices: list[Located[Invoice]], context: RuleContext
) -> Iterator[Issue]:
    document = InvoiceDocument(
        invoices=invoices,
        customers=CustomerKeys.of(c.record for c in context.customers)
        if context.has_customers
        else None,
        imported_ids=context.imported_ids,
    )
    for rule in INVOICE_DOCUMENT_RULES:
        yield from rule(document)


def _issues_of_model(company: Company, options: dict[str, Any]) -> list[Issue]:
    transactions = company.transactions.transaction if company.transactions else []
    customers = company.customers.customer if company.customers else []
    invoices = list(located(company.invoices.invoice if company.invoices else [], "Invoice"))
    context = RuleContext(
        transactions=list(located(transactions, "Transaction")),
        customers=list(located(customers, "Customer")),
        has_customers=company.customers is not None,
        **options,
    )
    issues = list(run_rules(context))
    for invoice in invoices:
        issues.extend(run_invoice_record_rules(invoice))
    issues.extend(_invoice_document_issues(invoices, context))
    return issues


def validate(
    source: ValidateSource,
    *,
    journal_variance_nominal: str | None = None,
    imported_ids: Iterable[str | int] = (),
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> Report:
    """Check a document and report every problem found, each with code, line and path.

    ``source`` is a path, bytes, XML text, a binary file object, or a ``Company`` model (then
    issues have no line). Problems are returned, never raised; ``ReadError`` is raised only
    when the file cannot be read at all (missing, a directory, unreadable).
    """
    options: dict[str, Any] = {
        "journal_variance_nominal": journal_variance_nominal or None,
        "imported_ids": frozenset(str(value).strip() for value in imported_ids),
    }
    if isinstance(source, Company):
        issues = _issues_of_model(source, options)
    else:
        issues = _issues_of_document(source, options, limits)
    # attrs' converter=tuple leaves mypy an unsolved Iterable[_T_co] parameter type.
    return Report(issues=sort_issues(issues), strict=strict)  # type: ignore[arg-type]


__all__ = ["ReadError", "validate"]
