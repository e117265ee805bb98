"""Files checked together as one import: ``validate_together``.

A training platform's export may come as several files that one Zynk run imports (customers,
then invoices, then transactions, split across files in any way). Each file is read and its
records checked on their own, as ``validate`` does; the rules across records then run once
over the facts of every file, so a duplicate Id, a repeated account reference, a customer
named in one file and defined in another, an allocation to an invoice in another file and a
group split between files are all seen. Every issue names its file; a group or journal never
runs on from the last row of one file into the first of the next, because Zynk imports each
file on its own.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from itertools import chain
from pathlib import Path

import attr

from .issues import Issue, Report
from .limits import DEFAULT_LIMITS, Limits
from .rules import DocumentContext, run_document_rules
from .sources import check_limits
from .validation import DocumentPart, ValidateSource, check_records, rule_options

#: How the rules' messages name what they checked, for files checked together.
SCOPE = "the files checked together"


@attr.s(frozen=True, slots=True, kw_only=True, auto_attribs=True)
class ImportSetReport:
    """The report of each file of an import, by the name it was given, in the order given.

    Each file's report holds the issues in that file, the ones found across files included;
    every issue names its file (``Issue.file``).
    """

    reports: Mapping[str, Report]

    @property
    def valid(self) -> bool:
        """Every file is valid."""
        return all(report.valid for report in self.reports.values())

    @property
    def issues(self) -> tuple[Issue, ...]:
        """Every issue, file by file, each in document order."""
        return tuple(chain.from_iterable(report.issues for report in self.reports.values()))

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of all issues, file by file (handy in tests)."""
        return tuple(issue.code for issue in self.issues)


def _named(
    sources: Mapping[str, ValidateSource] | Sequence[str | os.PathLike[str]],
) -> dict[str, ValidateSource]:
    if isinstance(sources, Mapping):
        objects: dict[int, str] = {}
        for name, source in sources.items():
            if not isinstance(name, str):
                raise TypeError(f"a file's name must be a str, not {type(name).__name__}")
            if isinstance(source, (str, bytes, os.PathLike)):
                continue
            earlier = objects.setdefault(id(source), name)
            if earlier != name:
                raise TypeError(
                    f"{earlier} and {name} are the same {type(source).__name__}: each file of "
                    "an import is given once"
                )
        return dict(sources)
    if isinstance(sources, (str, bytes, os.PathLike)) or not isinstance(sources, Iterable):
        raise TypeError(
            "sources must be a list of paths or a mapping of names to sources, "
            f"not {type(sources).__name__}"
        )
    named: dict[str, ValidateSource] = {}
    resolved: set[Path] = set()
    for source in sources:
        if not isinstance(source, (str, os.PathLike)):
            raise TypeError(
                "a list of sources holds paths; give other sources (bytes, text, file "
                f"objects, models) as a mapping of names to sources, not {type(source).__name__}"
            )
        name = os.fspath(source)
        path = Path(source)
        where = path.resolve()
        if name in named or where in resolved:
            raise TypeError(f"{name} is given twice: each file of an import is given once")
        named[name] = path
        resolved.add(where)
    return named


def validate_together(
    sources: Mapping[str, ValidateSource] | Sequence[str | os.PathLike[str]],
    *,
    journal_variance_nominal: str | None = None,
    imported_ids: Iterable[str | int] = (),
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    tax_rates: Mapping[int, Decimal] | None = None,
) -> ImportSetReport:
    """Check files as one import run: each as ``validate`` would, and the rules across records
    over all of them (duplicate Ids and account references, customers, allocation targets,
    grouping), each issue naming its file.

    ``sources`` is a list of paths (named as given) or a mapping of names to anything
    ``validate`` takes (paths, bytes, XML text, binary file objects, ``Company`` models). The
    options are ``validate``'s; ``limits`` apply to each file. ``ReadError`` is raised when a
    file cannot be read at all, ``TypeError`` for sources of the wrong type.
    """
    check_limits(limits)
    options = rule_options(
        journal_variance_nominal=journal_variance_nominal,
        imported_ids=imported_ids,
        strict=strict,
        progress=None,
        tax_rates=tax_rates,
    )
    parts: dict[str, DocumentPart] = {}
    for name, source in _named(sources).items():
        part = parts[name] = check_records(source, options, limits, None)
        for facts in part.facts:
            facts.file = name
        part.collector.extend(part.root_issues)
    context = DocumentContext.collect(
        chain.from_iterable(part.facts for part in parts.values()),
        # A file that could not be read may have held the customers the others name.
        has_customers=all(part.readable for part in parts.values())
        and any(part.has_customers for part in parts.values()),
        options=options,
        scope=SCOPE,
    )
    for issue in run_document_rules(context):
        assert issue.file is not None, "a document rule's issue is about a record"
        parts[issue.file].collector.add(issue)
    return ImportSetReport(
        reports={name: part.report(strict, file=name) for name, part in parts.items()}
    )


__all__ = ["ImportSetReport", "validate_together"]
