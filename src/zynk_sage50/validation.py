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
class DocumentPart:
    """A document whose records were checked: their issues and compact facts, and what the
    document rules need of the rest (its root's issues, whether it has Customers).

    ``validate`` runs the document rules over one part; ``validate_together`` over the facts
    of several (:mod:`.import_sets`).
    """

    collector: IssueCollector
    options: RuleOptions
    facts: list[AnyFacts] = attr.ib(factory=list)
    root_issues: list[Issue] = attr.ib(factory=list)
    has_customers: bool = False
    #: A model's issues have no lines (its elements are an implementation detail).
    from_model: bool = False
    #: False when the input could not be read safely (its one issue says why).
    readable: bool = True

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

    def report(self, strict: bool, file: str | None = None) -> Report:
        """The part's issues so far, in document order (each naming ``file`` if given)."""
        issues: Iterable[Issue] = self.collector.issues
        if self.from_model or file is not None:
            line_kept = not self.from_model
            issues = [
                attr.evolve(
                    issue,
                    line=issue.line if line_kept else None,
                    file=file if issue.file is None else issue.file,
                )
                for issue in issues
            ]
        # attrs' converter=tuple leaves mypy an unsolved Iterable[_T_co] parameter type.
        return Report(
            issues=sort_issues(issues),  # type: ignore[arg-type]
            strict=strict,
            omitted=self.collector.omitted,
        )


def check_records(
    source: ValidateSource, options: RuleOptions, limits: Limits, progress: Progress | None
) -> DocumentPart:
    """Read a document (or write a model's records) and check each record: a part whose
    document rules are still to run. Input that cannot be read safely is a part with its one
    ``xml.*`` issue and no records."""
    if isinstance(source, Company):
        return _check_model(source, options, limits)
    if isinstance(source, etree._Element):
        raise TypeError(
            "source must be a path, bytes, XML text, a binary file object or a Company, "
            "not an lxml element (write it with etree.tostring first)"
        )
    return _check_document(source, options, limits, progress)


def _check_document(
    source: Source, options: RuleOptions, limits: Limits, progress: Progress | None
) -> DocumentPart:
    part = DocumentPart(collector=IssueCollector(limits.max_issues_per_code), options=options)
    stream = RecordStream(source, limits, progress=progress)
    try:
        part.records(stream, Binder(limits))
        root = stream.residual_root()
    except (MalformedXmlError, ForbiddenXmlError, TooLargeError, WrongRootError) as exc:
        part = DocumentPart(
            collector=IssueCollector(limits.max_issues_per_code), options=options, readable=False
        )
        part.collector.add(_reading_issue(exc))
        return part
    part.root_issues = check_schema(root)
    part.has_customers = root.find("Customers") is not None
    return part


def _check_model(company: Company, options: RuleOptions, limits: Limits) -> DocumentPart:
    part = DocumentPart(
        collector=IssueCollector(limits.max_issues_per_code), options=options, from_model=True
    )
    not_records: list[Issue] = []
    part.records(model_events(company, not_records), Binder(limits))
    for facts in part.facts:
        facts.line = None  # messages across records must not quote the elements' lines
    root, problems = model_root(company)
    part.root_issues = not_records + problems + check_schema(root)
    part.has_customers = company.customers is not None
    return part


def rule_options(
    *,
    journal_variance_nominal: object,
    imported_ids: object,
    strict: object,
    progress: object,
    tax_rates: object,
) -> RuleOptions:
    """The rules' options from ``validate``'s arguments, after checking their types."""
    _check_options(imported_ids, journal_variance_nominal, strict, progress, tax_rates)
    return RuleOptions(
        journal_variance_nominal=journal_variance_nominal,  # type: ignore[arg-type]
        imported_ids=imported_ids,  # type: ignore[arg-type]
        tax_rates=tax_rates or {},  # type: ignore[arg-type]
    )


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
    options = rule_options(
        journal_variance_nominal=journal_variance_nominal,
        imported_ids=imported_ids,
        strict=strict,
        progress=progress,
        tax_rates=tax_rates,
    )
    part = check_records(source, options, limits, progress)
    part.collector.extend(part.root_issues)
    context = DocumentContext.collect(
        part.facts, has_customers=part.has_customers, options=options
    )
    part.collector.extend(run_document_rules(context))
    return part.report(strict)


__all__ = ["validate"]
