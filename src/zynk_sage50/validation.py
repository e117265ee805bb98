"""``validate``: reading, XSD and business-rule checks, all reported as issues in one report."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

from lxml import etree

from .binding import Binder
from .errors import ForbiddenXmlError, MalformedXmlError, ReadError, TooLargeError
from .issues import Issue, Report, Severity, sort_issues
from .limits import DEFAULT_LIMITS, Limits
from .loading import check_root
from .models import Company, Customer, Transaction
from .parsing import Source, parse_tree, read_bytes
from .records import relative_path
from .rules import run_rules
from .rules.context import Located, RuleContext, located
from .schema_check import check_schema

ValidateSource = Source | str | Company
R = TypeVar("R", Transaction, Customer)


def _file_issue(code: str, message: str, line: int | None = None) -> Issue:
    message = message.rstrip()
    if message[-1:] not in (".", "?", "!"):
        message += "."
    return Issue(code=code, severity=Severity.ERROR, message=message, line=line)


_RECORD_PATH = re.compile(
    r"^(/Company/(?:Transactions|Customers)/(?:Transaction|Customer)\[\d+\])/"
)


def _invalid_by_record(schema_issues: list[Issue]) -> dict[str, set[str]]:
    """For each record path, the elements inside it that failed the schema: the top-level
    element name (``NetAmount``, ``DeliveryAddresses``) and, for nested ones, their path below
    the record (``DeliveryAddresses/Contact[1]/Country``)."""
    found: dict[str, set[str]] = {}
    for issue in schema_issues:
        match = _RECORD_PATH.match(issue.path or "")
        if match is None:
            continue
        relative = issue.path[match.end() :] if issue.path else ""
        names = found.setdefault(match.group(1), set())
        names.add(relative.split("/")[0].split("[")[0])
        if "/" in relative:
            names.add(relative)
    return found


def _nested_lines(element: etree._Element) -> dict[str, int]:
    """The line of every element below a record's children, by its path below the record."""
    lines: dict[str, int] = {}
    for child in element:
        if not len(child):
            continue
        for descendant in child.iterdescendants():
            path = relative_path(descendant, element)
            if path is not None and descendant.sourceline is not None:
                lines.setdefault(path, descendant.sourceline)
    return lines


def _locate(
    element: etree._Element,
    *,
    cls: type[R],
    kind: str,
    index: int,
    binder: Binder,
    invalid_below: set[str],
) -> Located[R]:
    record, lines, invalid = binder.bind_lenient(element, cls)
    return Located(
        record=record,
        kind=kind,
        index=index,
        line=element.sourceline,
        field_lines={**_nested_lines(element), **lines},
        invalid_fields=frozenset(invalid | invalid_below),
    )


def _located_records(
    root: etree._Element, schema_issues: list[Issue], binder: Binder
) -> tuple[list[Located[Transaction]], list[Located[Customer]], bool]:
    invalid_by_record = _invalid_by_record(schema_issues)
    transactions: list[Located[Transaction]] = []
    customers: list[Located[Customer]] = []
    has_customers = False
    seen_collections: set[str] = set()
    records = 0
    for collection in root:
        if collection.tag not in ("Transactions", "Customers") or collection.tag in (
            seen_collections
        ):
            continue
        seen_collections.add(collection.tag)
        kind = "Transaction" if collection.tag == "Transactions" else "Customer"
        has_customers = has_customers or kind == "Customer"
        index = 0
        for element in collection:
            if element.tag != kind:
                continue
            index += 1
            records += 1
            if records > binder.limits.max_records:
                raise TooLargeError(
                    f"the document has more than {binder.limits.max_records:,} records "
                    "(Limits.max_records)",
                    limit="max_records",
                    line=element.sourceline,
                )
            invalid = invalid_by_record.get(f"/Company/{collection.tag}/{kind}[{index}]", set())
            if kind == "Transaction":
                transactions.append(
                    _locate(
                        element,
                        cls=Transaction,
                        kind=kind,
                        index=index,
                        binder=binder,
                        invalid_below=invalid,
                    )
                )
            else:
                customers.append(
                    _locate(
                        element,
                        cls=Customer,
                        kind=kind,
                        index=index,
                        binder=binder,
                        invalid_below=invalid,
                    )
                )
    return transactions, customers, has_customers


def _issues_of_source(
    source: ValidateSource, options: dict[str, object], limits: Limits
) -> Iterable[Issue]:
    if isinstance(source, Company):
        transactions = (
            list(located(source.transactions.transaction, "Transaction"))
            if (source.transactions)
            else []
        )
        customers = (
            list(located(source.customers.customer, "Customer")) if (source.customers) else []
        )
        context = RuleContext(
            transactions=transactions,
            customers=customers,
            has_customers=source.customers is not None,
            **options,  # type: ignore[arg-type]
        )
        return list(run_rules(context))
    try:
        if isinstance(source, str) and source.lstrip("\ufeff \t\r\n").startswith("<"):
            root = parse_tree(source, limits)
        else:
            root = parse_tree(read_bytes(source, limits), limits)
    except MalformedXmlError as exc:
        where = ""
        if exc.line is not None:
            where = f" (line {exc.line}" + (
                f", column {exc.column})" if exc.column is not None else ")"
            )
        return [
            _file_issue("xml.malformed", f"Not well-formed XML: {exc.reason}{where}", exc.line)
        ]
    except ForbiddenXmlError as exc:
        return [_file_issue("xml.forbidden", f"Refused: {exc}", exc.line)]
    except TooLargeError as exc:
        return [_file_issue("xml.too-large", f"Too large: {exc}", exc.line)]
    wrong = check_root(root)
    if wrong:
        return [_file_issue("xml.wrong-root", f"Not a Zynk document: {wrong}", root.sourceline)]
    schema_issues = check_schema(root)
    binder = Binder(limits)
    try:
        transactions, customers, has_customers = _located_records(root, schema_issues, binder)
    except TooLargeError as exc:
        return [*schema_issues, _file_issue("xml.too-large", f"Too large: {exc}", exc.line)]
    context = RuleContext(
        transactions=transactions,
        customers=customers,
        has_customers=has_customers,
        **options,  # type: ignore[arg-type]
    )
    return [*schema_issues, *run_rules(context)]


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
    options: dict[str, object] = {
        "journal_variance_nominal": journal_variance_nominal or None,
        "imported_ids": frozenset(str(value).strip() for value in imported_ids),
    }
    issues = _issues_of_source(source, options, limits)
    # attrs' converter=tuple leaves mypy an unsolved Iterable[_T_co] parameter type.
    return Report(issues=sort_issues(issues), strict=strict)  # type: ignore[arg-type]


__all__ = ["ReadError", "validate"]
