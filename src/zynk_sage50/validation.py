"""``validate``: reading, XSD and business-rule checks, all reported as issues in one report."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Union

from lxml import etree

from .binding import Binder
from .errors import ForbiddenXmlError, MalformedXmlError, ReadError, TooLargeError
from .issues import Issue, Report, Severity, sort_issues
from .limits import DEFAULT_LIMITS, Limits
from .loading import check_root
from .models import Company, Customer, Transaction
from .parsing import Source, parse_tree, read_bytes
from .rules import run_rules
from .rules.context import Located, RuleContext, located
from .schema_check import check_schema

ValidateSource = Union[Source, str, Company]


def _file_issue(code: str, message: str, line: int | None = None) -> Issue:
    message = message.rstrip()
    if message[-1:] not in (".", "?", "!"):
        message += "."
    return Issue(code=code, severity=Severity.ERROR, message=message, line=line)


def _located_records(
    root: etree._Element, schema_issues: list[Issue], binder: Binder
) -> tuple[list[Located[Transaction]], list[Located[Customer]], bool]:
    bad_paths = {issue.path for issue in schema_issues if issue.path}
    transactions: list[Located[Transaction]] = []
    customers: list[Located[Customer]] = []
    has_customers = False
    seen_collections: set[str] = set()
    for collection in root:
        if collection.tag not in ("Transactions", "Customers") or collection.tag in (
            seen_collections
        ):
            continue
        seen_collections.add(collection.tag)
        kind = "Transaction" if collection.tag == "Transactions" else "Customer"
        has_customers = has_customers or kind == "Customer"
        cls: type[Transaction] | type[Customer] = (
            Transaction if kind == "Transaction" else Customer
        )
        index = 0
        for element in collection:
            if element.tag != kind:
                continue
            index += 1
            path = f"/Company/{collection.tag}/{kind}[{index}]"
            record, lines, invalid = binder.bind_lenient(element, cls)
            invalid = invalid | {
                p[len(path) + 1 :].split("/")[0].split("[")[0]
                for p in bad_paths
                if p.startswith(path + "/")
            }
            entry = Located(
                record=record,
                kind=kind,
                index=index,
                line=element.sourceline,
                field_lines=lines,
                invalid_fields=frozenset(invalid),
            )
            if kind == "Transaction":
                transactions.append(entry)  # type: ignore[arg-type]
            else:
                customers.append(entry)  # type: ignore[arg-type]
    return transactions, customers, has_customers


def _issues_of_source(
    source: ValidateSource, options: dict[str, object], limits: Limits
) -> Iterable[Issue]:
    if isinstance(source, Company):
        transactions = list(located(source.transactions.transaction, "Transaction")) if (
            source.transactions
        ) else []
        customers = list(located(source.customers.customer, "Customer")) if (
            source.customers
        ) else []
        context = RuleContext(
            transactions=transactions,
            customers=customers,
            has_customers=source.customers is not None,
            **options,  # type: ignore[arg-type]
        )
        return list(run_rules(context))
    try:
        if isinstance(source, str) and source.lstrip().startswith("<"):
            root = parse_tree(source, limits)
        else:
            root = parse_tree(read_bytes(source, limits), limits)
    except MalformedXmlError as exc:
        return [_file_issue("xml.malformed", f"Not well-formed XML: {exc.reason}", exc.line)]
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
    return Report(issues=sort_issues(issues), strict=strict)


__all__ = ["ReadError", "validate"]
