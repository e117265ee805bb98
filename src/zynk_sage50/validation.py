"""``validate``: reading, XSD and business-rule checks, all reported as issues in one report.

Files and models take one path. A file's records stream through :mod:`.reading` (checked in
batches against the XSD, bound, located); a model's records are first written to elements
(:mod:`.model_source`). Either way each record gets its record rules as it passes, and the
document rules then run over compact facts kept of each record, so memory grows by a few
hundred bytes a record, never with a whole-document tree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

import attr
from lxml import etree

from .binding import Binder
from .errors import ForbiddenXmlError, MalformedXmlError, TooLargeError, WrongRootError
from .issues import Issue, IssueCollector, Report, Severity, sort_issues
from .limits import DEFAULT_LIMITS, Limits
from .model_source import model_events, model_root
from .models import Company
from .parsing import Source
from .reading import Binding, read_record
from .repeats import RepeatedRecords
from .rules import DocumentContext, RuleOptions, record_facts, run_document_rules, run_record_rules
from .rules.facts import AnyFacts
from .schema_check import check_schema
from .sources import check_limits
from .streaming import Progress, RecordEvent, RecordStream

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


@attr.s(slots=True, kw_only=True, auto_attribs=True)
class _Checker:
    """Runs the record rules on each record as it passes and keeps its compact facts; then
    the document rules over all of them."""

    collector: IssueCollector
    options: RuleOptions
    facts: list[AnyFacts] = attr.ib(factory=list)

    def records(self, events: Iterable[RecordEvent], binder: Binder) -> None:
        """Each record through :func:`.reading.read_record` and the record rules, unless it
        repeats one already checked (:mod:`.repeats`)."""
        collector = self.collector
        keep = self.facts.append
        options = self.options
        repeats = RepeatedRecords()
        for event in events:
            key = repeats.key(event)
            if key is not None:
                replayed = repeats.replay(key, event, collector)
                if replayed is not None:
                    keep(replayed)
                    continue
            read = read_record(event, binder, Binding.LENIENT)
            entry = read.entry
            assert entry is not None
            issues = read.issues
            issues.extend(run_record_rules(entry, options))
            facts = record_facts(entry)
            if key is not None:
                repeats.remember(key, event, issues, facts)
            collector.extend(issues)
            keep(facts)

    def document(self, root_issues: list[Issue], has_customers: bool) -> None:
        """The root's schema issues, then the rules across records."""
        self.collector.extend(root_issues)
        context = DocumentContext.collect(
            self.facts, has_customers=has_customers, options=self.options
        )
        self.collector.extend(run_document_rules(context))


def _check_document(
    source: Source, options: RuleOptions, limits: Limits, progress: Progress | None
) -> _Checker:
    checker = _Checker(collector=IssueCollector(limits.max_issues_per_code), options=options)
    stream = RecordStream(source, limits, progress=progress)
    try:
        checker.records(stream, Binder(limits))
        root = stream.residual_root()
    except (MalformedXmlError, ForbiddenXmlError, TooLargeError, WrongRootError) as exc:
        checker = _Checker(collector=IssueCollector(limits.max_issues_per_code), options=options)
        checker.collector.add(_reading_issue(exc))
        return checker
    checker.document(check_schema(root), root.find("Customers") is not None)
    return checker


def _check_model(company: Company, options: RuleOptions, limits: Limits) -> _Checker:
    checker = _Checker(collector=IssueCollector(limits.max_issues_per_code), options=options)
    not_records: list[Issue] = []
    checker.records(model_events(company, not_records), Binder(limits))
    root, problems = model_root(company)
    checker.document(not_records + problems + check_schema(root), company.customers is not None)
    # A model has no lines: the elements it was written to are an implementation detail.
    checker.collector.issues = [
        attr.evolve(issue, line=None) for issue in checker.collector.issues
    ]
    return checker


def _check_options(
    imported_ids: object,
    journal_variance_nominal: object,
    strict: object,
    progress: object,
    tax_rates: object,
) -> None:
    """``TypeError`` naming the argument for an option of a type ``validate`` never takes."""
    if isinstance(imported_ids, (str, bytes)) or not isinstance(imported_ids, Iterable):
        raise TypeError(
            "imported_ids must be a collection of Ids (str or int), "
            f"not {type(imported_ids).__name__}"
        )
    if journal_variance_nominal is not None and not isinstance(journal_variance_nominal, str):
        raise TypeError(
            "journal_variance_nominal must be a nominal code (str) or None, "
            f"not {type(journal_variance_nominal).__name__}"
        )
    if not isinstance(strict, bool):
        raise TypeError(f"strict must be True or False, not {type(strict).__name__}")
    if tax_rates is not None and not isinstance(tax_rates, Mapping):
        raise TypeError(
            "tax_rates must map tax codes to Decimal percentages, e.g. {1: Decimal('17.5')}, "
            f"not {type(tax_rates).__name__}"
        )
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be a callable or None, not {type(progress).__name__}")


def validate(
    source: ValidateSource,
    *,
    journal_variance_nominal: str | None = None,
    imported_ids: Iterable[str | int] = (),
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress | None = None,
    tax_rates: Mapping[int, Decimal] | None = None,
) -> Report:
    """Check a document and report every problem found, each with code, line and path.

    ``source`` is a path, bytes, XML text, a binary file object, or a ``Company`` model (then
    the same checks run as on ``dumps(company)``, and issues have no line). Problems are
    returned, never raised; ``ReadError`` is raised only when the input cannot be read at all
    (missing, a directory, unreadable), ``TypeError`` for a source of the wrong type.
    ``progress(records, bytes_read)`` is called now and then while a file is read.
    ``tax_rates`` (tax code → percent, e.g. ``{1: Decimal("17.5")}``) replaces entries of Sage
    50 UK's default tax table for ``amount.tax-mismatch``.
    """
    check_limits(limits)
    _check_options(imported_ids, journal_variance_nominal, strict, progress, tax_rates)
    options = RuleOptions(
        journal_variance_nominal=journal_variance_nominal,
        imported_ids=imported_ids,
        tax_rates=tax_rates or {},
    )
    if isinstance(source, Company):
        checker = _check_model(source, options, limits)
    elif isinstance(source, etree._Element):
        raise TypeError(
            "source must be a path, bytes, XML text, a binary file object or a Company, "
            "not an lxml element (write it with etree.tostring first)"
        )
    else:
        checker = _check_document(source, options, limits, progress)
    collector = checker.collector
    # attrs' converter=tuple leaves mypy an unsolved Iterable[_T_co] parameter type.
    return Report(
        issues=sort_issues(collector.issues),  # type: ignore[arg-type]
        strict=strict,
        omitted=collector.omitted,
    )


__all__ = ["validate"]
